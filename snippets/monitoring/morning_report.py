"""The central monitoring report: one self-contained HTML page a team opens every morning."""

# --8<-- [start:report]
import base64
import html
import io
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from snippets.demand_forecasting.data import FEATURES, make_sales
from snippets.monitoring.alerts import Alert
from snippets.monitoring.feature_drift import DriftReference, detect_drift, drift_alerts
from snippets.monitoring.feedback_loop import join_ground_truth, weekly_kpis
from snippets.monitoring.offline_metrics import evaluate
from snippets.monitoring.serving_app import train_model

FIGURE_SIZE, DPI = (10, 6.5), 100  # inches and dots per inch: a 1000 x 650 pixel image


def dashboard(drift: pd.DataFrame, kpis: pd.DataFrame, history: pd.Series) -> Figure:
    """Four panels: drift per feature, weekly MAPE, weekly cost of error, offline error per run.

    Args:
        drift: Output of `detect_drift`.
        kpis: Output of `weekly_kpis`.
        history: An offline error metric per training run, oldest first (`metric_history`).
    """
    # A bare Figure draws with the Agg backend: no display, no global pyplot state.
    figure = Figure(figsize=FIGURE_SIZE, dpi=DPI, layout="constrained")
    (psi, mape), (cost, runs) = figure.subplots(2, 2)
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
    runs.set(title="Holdout error per training run", xlabel="run", ylabel=str(history.name))
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


def report_html(title: str, png: bytes, alerts: list[Alert], drift: pd.DataFrame) -> str:
    """One page with everything inlined: the image as base64, no scripts, fonts or links out."""
    rows = "".join(
        f"<tr><td>{a.severity}</td><td>{a.monitor}</td><td>{html.escape(a.message)}</td></tr>"
        for a in alerts
    )
    image = base64.b64encode(png).decode("ascii")
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "</head><body style='font-family: sans-serif'>"
        f"<h1>{html.escape(title)}</h1><h2>Alerts ({len(alerts)})</h2>"
        f"<table><tr><th>severity</th><th>monitor</th><th>message</th></tr>{rows}</table>"
        f"<img alt='Monitoring dashboard' src='data:image/png;base64,{image}'>"
        f"<h2>Drift per feature</h2>{drift.to_html(index=False, float_format='%.3f')}"
        "</body></html>"
    )


# --8<-- [end:report]


# --8<-- [start:example]
def example_inputs() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Drift, KPIs and run history of the running example, after its price feed changed."""
    training, holdout = make_sales(days=365, seed=1), make_sales(days=60, seed=9)
    live = make_sales(days=84, seed=2, start="2026-01-01", price_shift=0.8)
    model = train_model(training)
    # Temperature follows the seasons: compare winter with last winter, not with a whole year.
    same_season = training[training["month"] <= 3]
    reference = DriftReference.fit(same_season, ["store_id", "price", "promotion", "temperature"])
    predictions = model.predict(live[FEATURES].to_numpy(dtype=float))
    scored = live[["date", "store_id"]].assign(prediction=predictions)
    kpis = weekly_kpis(join_ground_truth(scored, live), margin=1.5, holding_cost=0.4)
    # Past training runs, on growing windows of history, as the tracker would list them.
    history = pd.Series(
        [evaluate(train_model(training.iloc[: 300 * n]), holdout)["mae"] for n in (1, 2, 4, 6)],
        name="mae",
    )
    return detect_drift(reference, live), kpis, history


def main(out_dir: str) -> None:
    """Write monitoring-report.html and monitoring-report.png for the running example."""
    drift, kpis, history = example_inputs()
    png = png_bytes(dashboard(drift, kpis, history))
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    (target / "monitoring-report.png").write_bytes(png)
    page = report_html("Demand forecast: morning report", png, drift_alerts(drift), drift)
    (target / "monitoring-report.html").write_text(page, encoding="utf-8")


# --8<-- [end:example]
