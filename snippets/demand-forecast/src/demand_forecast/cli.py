"""The command line: `demand-forecast <command>`, one command per step of the product's life."""

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from mlflow import MlflowClient

from demand_forecast import data
from demand_forecast.ab_assignment import bucket
from demand_forecast.ab_experiment import CHALLENGER_DESIGN, CHALLENGER_EXPERIMENT, decide
from demand_forecast.alerts import ALERT_LOGGER, emit
from demand_forecast.batch import first_day_after, score_days
from demand_forecast.config import TrainingConfig, UnknownEnvironmentError, load_config
from demand_forecast.delivery import check_delivery
from demand_forecast.features import split_by_date
from demand_forecast.gate import evaluation_gate
from demand_forecast.model_card import CARD_TEXT, publish_model_card
from demand_forecast.offline_metrics import metric_history
from demand_forecast.pipeline import run_training
from demand_forecast.prediction_log import PredictionLog
from demand_forecast.registry import CHAMPION, promote
from demand_forecast.report import build_report, write_report
from demand_forecast.request_logging import REQUEST_LOGGER
from demand_forecast.rollback import roll_back
from demand_forecast.schema import SALES_SCHEMA, feature_dictionary
from demand_forecast.serve import app_from_env, create_app, export_openapi
from demand_forecast.trace import trace_model_version

# A command returns its exit status; None means 0.
Command = Callable[[argparse.Namespace, TrainingConfig], int | None]


class StderrHandler(logging.StreamHandler):
    """Writes each record to the `sys.stderr` of the moment, even after it was replaced."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        """The stream is always the current `sys.stderr`; `logging` may not pin another."""


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file: a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def training_data(config: TrainingConfig) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The validated history, split as the training run split it."""
    sales = SALES_SCHEMA.validate(data.load_sales(config.days, config.seed))
    return split_by_date(sales, config.holdout_days)


def train(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Train, evaluate and register a new version as the challenger."""
    result = run_training(config, data.load_sales(config.days, config.seed))
    m, tags = result.metrics, result.tags
    print(f"{config.model_name} version {result.model_version} is the challenger")
    print(f"  run      {result.run_id}")
    print(f"  holdout  mae {m['mae']:.3f}, r2 {m['r2']:.3f}, naive mae {m['baseline_mae']:.3f}")
    print(f"  data     {tags['data.version']}")
    print(f"  commit   {tags['git.commit']} ({tags['git.branch']})")
    return 0


def gate(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Score challenger and champion on the same holdout; accept the challenger if it wins."""
    # The same holdout the training run kept apart: the newest days, unseen by both models.
    train_rows, holdout = training_data(config)
    decision = evaluation_gate(
        config.tracking_uri, config.model_name, train_rows, holdout, args.min_improvement
    )
    print(decision)
    return 0


def promote_command(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Move the champion alias to the version acceptance approved."""
    new, old = promote(MlflowClient(config.tracking_uri), config.model_name)
    print(f"{config.model_name} champion is version {new} (was {old or 'none'})")
    return 0


def rollback(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Put the previous champion back."""
    client = MlflowClient(config.tracking_uri)
    withdrawn, serving = roll_back(client, config.model_name, args.reason)
    print(f"{config.model_name} champion is version {serving} again; v{withdrawn} withdrawn")
    return 0


def serve(args: argparse.Namespace, config: TrainingConfig) -> None:
    """Serve forecasts over HTTP until stopped."""
    import uvicorn

    log = PredictionLog(args.log)
    app = create_app(config.model_name, args.alias, config.tracking_uri, log)
    print(f"serving {config.model_name} version {app.state.model_version} on port {args.port}")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        limit_max_requests=args.max_requests,
    )


def batch_score(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Forecast every store for the next days and deliver one file per day."""
    start = args.start or first_day_after(data.load_sales(config.days, config.seed))
    plan = data.load_plan(start, args.days)
    files = score_days(
        config.model_name, args.alias, config.tracking_uri, plan, args.out, PredictionLog(args.log)
    )
    print(f"delivered {len(files)} days, {len(plan)} forecasts: {files[0]} to {files[-1]}")
    return 0


def check_delivery_command(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Check that a day's forecasts arrived, complete; exit 1 and alert when they did not."""
    stores = sorted(data.load_sales(1, config.seed)["store_id"])
    alerts = check_delivery(args.out, args.day, stores)
    emit(alerts)
    print(f"{args.day}: " + (alerts[0].message if alerts else f"complete, {len(stores)} stores"))
    return 1 if alerts else 0


def monitor(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Drift, forecast error on real sales and training history, in one report."""
    predictions = PredictionLog(args.log).read()
    days = pd.to_datetime(predictions.loc[predictions["source"] == "batch", "date"])
    actuals = data.load_actuals(days.min().date(), days.dt.date.nunique())
    history = metric_history(config.experiment, "mae", config.tracking_uri)
    report = build_report(predictions, data.load_sales(config.days, config.seed), actuals, history)
    emit(report.alerts)
    print(report.drift.to_string(index=False, float_format="%.3f"))
    print(report.kpis.to_string(float_format="%.2f"))
    page = write_report(report, args.out, f"{config.model_name}: monitoring report")
    print(f"{len(report.alerts)} alerts; report: {page}")
    return 0


def ab_analysis(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Analyse the running A/B test of the challenger against the champion."""
    customers = [f"C{number:07d}" for number in range(args.customers)]
    variants = pd.Series([CHALLENGER_EXPERIMENT.assign(c) for c in customers], index=customers)
    decision = decide(CHALLENGER_DESIGN, data.load_experiment_outcomes(variants))
    print(f"{CHALLENGER_EXPERIMENT.name}: {variants.value_counts().to_dict()}")
    print(f"needs {CHALLENGER_DESIGN.customers_per_arm} customers per arm")
    if decision.primary is not None:
        p = decision.primary
        print(
            f"{p.metric}: {p.control:.4f} -> {p.treatment:.4f}, "
            f"difference {p.difference:+.4f} [{p.ci_low:+.4f}, {p.ci_high:+.4f}], p={p.p_value:.2g}"
        )
    print(f"{decision.verdict}: {decision.reason}")
    print(f"customer C0000042 sees {CHALLENGER_EXPERIMENT.assign('C0000042')}", end="")
    print(f" (bucket {bucket('C0000042', CHALLENGER_EXPERIMENT.salt):.4f})")
    return 0


def trace(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Print what produced the version an alias points at: the root-cause lookup."""
    client = MlflowClient(config.tracking_uri)
    print(trace_model_version(client, config.model_name, alias=args.alias))
    return 0


def model_card(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Write the model card of the version an alias points at, and store it with its run."""
    client = MlflowClient(config.tracking_uri)
    card = publish_model_card(client, config.model_name, args.alias, CARD_TEXT)
    write_atomically(args.output, card)
    print(f"wrote {args.output}: {card.splitlines()[0].removeprefix('# ')}")
    return 0


def dictionary(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Write the feature dictionary generated from the data schema."""
    write_atomically(args.output, feature_dictionary(SALES_SCHEMA))
    print(f"wrote {args.output}: {len(SALES_SCHEMA.columns)} columns")
    return 0


def openapi(args: argparse.Namespace, config: TrainingConfig) -> int:
    """Write the API contract as an OpenAPI document."""
    document = export_openapi(app_from_env(), args.output)
    print(f"wrote {args.output}: OpenAPI {document['openapi']}, {len(document['paths'])} paths")
    return 0


def parser() -> argparse.ArgumentParser:
    """Every command with its options; each takes `--env` to pick a table of config.toml."""
    top = argparse.ArgumentParser(prog="demand-forecast", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)

    def command(function: Command, name: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=function.__doc__, description=function.__doc__)
        sub.add_argument("--env", default="dev", help="table of config.toml (default: dev)")
        sub.set_defaults(run=function)
        return sub

    command(train, "train")
    command(gate, "gate").add_argument("--min-improvement", type=float, default=0.01)
    command(promote_command, "promote")
    command(rollback, "rollback").add_argument("--reason", required=True)
    for function, name in ((serve, "serve"), (batch_score, "batch-score"), (monitor, "monitor")):
        sub = command(function, name)
        sub.add_argument("--log", type=Path, default=Path("predictions.db"))
        if function is serve:
            sub.add_argument("--alias", default=CHAMPION)
            sub.add_argument("--host", default="127.0.0.1")
            sub.add_argument("--port", type=int, default=8000)
            sub.add_argument("--max-requests", type=int, help="stop after this many requests")
        elif function is batch_score:
            sub.add_argument("--alias", default=CHAMPION)
            sub.add_argument("--start", type=dt.date.fromisoformat)
            sub.add_argument("--days", type=int, default=28)
            sub.add_argument("--out", type=Path, default=Path("predictions"))
        else:
            sub.add_argument("--out", type=Path, default=Path("reports"))
    delivery = command(check_delivery_command, "check-delivery")
    delivery.add_argument("--day", type=dt.date.fromisoformat, required=True)
    delivery.add_argument("--out", type=Path, default=Path("predictions"))
    command(ab_analysis, "ab-analysis").add_argument("--customers", type=int, default=20_000)
    command(trace, "trace").add_argument("--alias", default=CHAMPION)
    card = command(model_card, "model-card")
    card.add_argument("--alias", default=CHAMPION)
    card.add_argument("--output", type=Path, default=Path("docs/model-card.md"))
    for function, name, default in (
        (dictionary, "feature-dictionary", "docs/feature-dictionary.md"),
        (openapi, "openapi", "docs/openapi.json"),
    ):
        command(function, name).add_argument("--output", type=Path, default=Path(default))
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; an unknown environment is a usage error (exit code 2)."""
    # Alerts and request records are JSON lines on stderr, where a log shipper picks them up.
    for logger in (ALERT_LOGGER, REQUEST_LOGGER):
        if not any(isinstance(h, StderrHandler) for h in logger.handlers):
            logger.addHandler(StderrHandler())
        logger.setLevel(logging.INFO)
    top = parser()
    args = top.parse_args(argv)
    try:
        config = load_config(args.env)
    except UnknownEnvironmentError as error:
        top.error(str(error))
    return args.run(args, config) or 0
