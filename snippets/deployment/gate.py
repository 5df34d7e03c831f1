"""The evaluation gate: a challenger becomes champion only when it wins on the same holdout."""

# --8<-- [start:imports]
import argparse
import os
from dataclasses import dataclass

import mlflow
import pandas as pd
from mlflow import MlflowClient

from snippets.notebook_to_package.forecasting import evaluate, split_by_date
from snippets.traceability.register_model import CHAMPION, current_version, promote
from snippets.training.config import UnknownEnvironmentError, load_config
from snippets.training.pipeline import CHALLENGER, load_sales
from snippets.training.schema import SALES_SCHEMA

# --8<-- [end:imports]


# --8<-- [start:gate]
@dataclass(frozen=True)
class GateDecision:
    """What the gate compared and what it decided."""

    promoted: bool
    """Whether the challenger is the champion now."""
    challenger: str
    """The challenger's version."""
    champion: str | None
    """The champion's version before the decision; `None` when there was none."""
    challenger_mae: float
    """The challenger's mean absolute error on the holdout."""
    champion_mae: float | None
    """The champion's mean absolute error on the same holdout."""


def holdout_mae(name: str, version: str, holdout: pd.DataFrame) -> float:
    """Load one registered version and measure its mean absolute error on `holdout`."""
    return evaluate(mlflow.pyfunc.load_model(f"models:/{name}/{version}"), holdout)["mae"]


def evaluation_gate(
    tracking_uri: str, name: str, holdout: pd.DataFrame, min_improvement: float = 0.01
) -> GateDecision:
    """Promote the challenger only if its holdout MAE beats the champion's by `min_improvement`.

    Args:
        tracking_uri: the MLflow tracking server and registry.
        name: the registered model.
        holdout: recent data neither model was trained on; both are scored on exactly these rows.
        min_improvement: the relative MAE reduction required, 0.01 is 1 %.

    Returns:
        The decision, also written as `gate.*` tags on the challenger's model version.

    Raises:
        LookupError: the model has no challenger to judge.
    """
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    challenger = current_version(client, name, CHALLENGER)
    if challenger is None:
        raise LookupError(f"{name} has no {CHALLENGER!r} alias: run the training pipeline first")
    champion = current_version(client, name, CHAMPION)
    challenger_mae = holdout_mae(name, challenger, holdout)
    champion_mae = None if champion is None else holdout_mae(name, champion, holdout)
    # The first model has nothing to beat; after that, a tie or a noise-sized gain is refused.
    promoted = champion_mae is None or challenger_mae < champion_mae * (1 - min_improvement)
    tags = {
        "gate.decision": "promoted" if promoted else "refused",
        "gate.challenger_mae": f"{challenger_mae:.4f}",
        "gate.champion_version": str(champion),
        "gate.champion_mae": "none" if champion_mae is None else f"{champion_mae:.4f}",
    }
    for key, value in tags.items():
        client.set_model_version_tag(name, challenger, key, value)
    if promoted:
        promote(client, name, challenger)
    return GateDecision(promoted, challenger, champion, challenger_mae, champion_mae)


# --8<-- [end:gate]


# --8<-- [start:main]
def main(argv: list[str] | None = None) -> GateDecision:
    """Command line: `python -m snippets.deployment.gate --env prd`, after the training job."""
    parser = argparse.ArgumentParser(description="Promote the challenger if it is better.")
    parser.add_argument("--env", required=True, help="environment table of config.toml")
    parser.add_argument("--min-improvement", type=float, default=0.01)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.env)
    except UnknownEnvironmentError as error:
        parser.error(str(error))
    tracking_uri = os.environ.get("MLFLOW_TRACKING_URI", config.tracking_uri)
    # The same holdout the training pipeline kept apart: the newest days, unseen by both.
    _, holdout = split_by_date(SALES_SCHEMA.validate(load_sales(config)), config.holdout_days)
    decision = evaluation_gate(tracking_uri, config.model_name, holdout, args.min_improvement)
    print(decision)
    return decision


if __name__ == "__main__":
    main()
# --8<-- [end:main]
