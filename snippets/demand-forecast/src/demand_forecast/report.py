"""The central monitoring report: one self-contained HTML page a team opens every morning."""

import base64
import html
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from demand_forecast.alerts import Alert
from demand_forecast.drift import DriftReference, detect_drift, drift_alerts
from demand_forecast.feedback import join_ground_truth, weekly_kpis
from demand_forecast.offline_metrics import regression_alerts

MONITORED = ["store_id", "price", "promotion", "temperature"]
"""Features watched for drift; the calendar features differ by design between periods."""
MARGIN, HOLDING_COST = 0.9, 0.3
"""Euros lost per unit short and per unit left over, agreed with the business owner."""
FIGURE_SIZE, DPI = (10, 6.5), 100  # inches and dots per inch: a 1000 x 650 pixel image


@dataclass(frozen=True)
class MonitoringReport:
    """Everything the morning review looks at."""

    drift: pd.DataFrame
    """One row per monitored feature: PSI, KS statistic and p-value, `drifted`."""
    kpis: pd.DataFrame
    """Per week: store-days, MAPE and the cost of forecast error in euros."""
    history: pd.Series
    """Holdout MAE per training run, oldest first."""
    alerts: list[Alert]
    """What needs a person: drifted features and a regressed training run."""


def build_report(
    predictions: pd.DataFrame, training: pd.DataFrame, actuals: pd.DataFrame, history: pd.Series
) -> MonitoringReport:
    """Compare what the model was asked with what it learnt from, and its forecasts with sales.

    Args:
        predictions: the prediction log (`PredictionLog.read`): inputs, forecast, version.
        training: the training history, with the model's `FEATURES`.
        actuals: the sales that arrived since: `date`, `store_id`, `units_sold`.
        history: holdout MAE per training run (`metric_history`).
    """
    # The nightly batch covers every store-day once; API traffic repeats some of them (and a
    # load test repeats one), which would pass for drift.
    batch = predictions[predictions["source"] == "batch"]
    live = batch.assign(date=pd.to_datetime(batch["date"]))
    # Temperature follows the seasons: compare January with last January, not a whole year.
    same_season = training[training["date"].dt.month.isin(live["date"].dt.month.unique())]
    drift = detect_drift(DriftReference.fit(same_season, MONITORED), live)
    delivered = live[["date", "store_id", "prediction"]]
    kpis = weekly_kpis(join_ground_truth(delivered, actuals), MARGIN, HOLDING_COST)
    alerts = drift_alerts(drift) + regression_alerts(history)
    return MonitoringReport(drift, kpis, history, alerts)


def dashboard(report: MonitoringReport) -> Figure:
    """Four panels: drift per feature, weekly MAPE, weekly cost of error, holdout error per run."""
    # A bare Figure draws with the Agg backend: no display, no global pyplot state.
    figure = Figure(figsize=FIGURE_SIZE, dpi=DPI, layout="constrained")
    (psi, mape), (cost, runs) = figure.subplots(2, 2)
    drift, kpis, history = report.drift, report.kpis, report.history
    colours = ["tab:red" if drifted else "tab:green" for drifted in drift["drifted"]]
    psi.barh(drift["feature"], drift["psi"], color=colours)
    psi.set(title="Feature drift (PSI; red = alert)", xlabel="PSI")
    mape.plot(kpis.index, kpis["mape"], marker="o")
    mape.set(title="Forecast error on real sales", ylabel="weekly MAPE (%)")
    cost.bar(kpis.index, kpis["stockout_cost"], width=5, label="stock-outs")
    cost.bar(kpis.index, kpis["overstock_cost"], width=5, bottom=kpis["stockout_cost"],
             label="overstock")  # fmt: skip
    cost.set(title="Cost of forecast error per week", ylabel="euros")
    cost.legend()
    run_numbers = range(1, len(history) + 1)
    runs.set(title="Holdout error per training run", xlabel="run", ylabel="MAE (units)")
    runs.plot(run_numbers, history.to_numpy(), marker="o")
    runs.set_xticks(run_numbers)
    for axes in (mape, cost):
        axes.tick_params(axis="x", labelrotation=30)
    return figure


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG; no timestamp in the metadata, so equal figures give equal files."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def report_html(title: str, png: bytes, report: MonitoringReport) -> str:
    """One page with everything inlined: the image as base64, no scripts, fonts or links out."""
    rows = "".join(
        f"<tr><td>{a.severity}</td><td>{a.monitor}</td><td>{html.escape(a.message)}</td></tr>"
        for a in report.alerts
    )
    image = base64.b64encode(png).decode("ascii")
    drift = report.drift.to_html(index=False, float_format="%.3f")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "</head><body style='font-family: sans-serif'>"
        f"<h1>{html.escape(title)}</h1><h2>Alerts ({len(report.alerts)})</h2>"
        f"<table><tr><th>severity</th><th>monitor</th><th>message</th></tr>{rows}</table>"
        f"<img alt='Monitoring dashboard' src='data:image/png;base64,{image}'>"
        f"<h2>Drift per feature</h2>{drift}</body></html>"
    )


def write_report(report: MonitoringReport, directory: Path, title: str) -> Path:
    """Write `monitoring-report.html` and its image to `directory`; return the page's path."""
    directory.mkdir(parents=True, exist_ok=True)
    png = png_bytes(dashboard(report))
    (directory / "monitoring-report.png").write_bytes(png)
    page = directory / "monitoring-report.html"
    page.write_text(report_html(title, png, report), encoding="utf-8")
    return page
