"""The evaluation gate: a challenger goes to acceptance only when it beats the champion."""

from dataclasses import dataclass

import mlflow
import pandas as pd
from mlflow import MlflowClient

from demand_forecast.registry import ACCEPTANCE, CHALLENGER, CHAMPION, current_version
from demand_forecast.train import evaluate


@dataclass(frozen=True)
class GateDecision:
    """What the gate compared and what it decided."""

    accepted: bool
    """Whether the challenger is the acceptance candidate now."""
    challenger: str
    """The challenger's version."""
    champion: str | None
    """The champion's version before the decision; `None` when there was none."""
    challenger_mae: float
    """The challenger's mean absolute error on the holdout."""
    champion_mae: float | None
    """The champion's mean absolute error on the same holdout."""

    def __str__(self) -> str:
        verdict = f"accepted as {ACCEPTANCE!r}" if self.accepted else "refused, champion stays"
        against = (
            "no champion yet"
            if self.champion is None
            else f"champion v{self.champion} MAE {self.champion_mae:.3f}"
        )
        return f"challenger v{self.challenger} MAE {self.challenger_mae:.3f}, {against}: {verdict}"


def holdout_mae(name: str, version: str, train: pd.DataFrame, holdout: pd.DataFrame) -> float:
    """Load one registered version and measure its mean absolute error on `holdout`."""
    model = mlflow.pyfunc.load_model(f"models:/{name}/{version}")
    return evaluate(model, train, holdout)["mae"]


def evaluation_gate(
    tracking_uri: str,
    name: str,
    train: pd.DataFrame,
    holdout: pd.DataFrame,
    min_improvement: float = 0.01,
) -> GateDecision:
    """Accept the challenger only if its holdout MAE beats the champion's by `min_improvement`.

    An accepted challenger gets the `acceptance` alias: the acceptance environment serves it,
    and only after acceptance is healthy does production promote it to champion.

    Args:
        tracking_uri: the MLflow tracking server and registry.
        name: the registered model.
        train: the training rows (the naive baseline of `evaluate` learns from them).
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
    challenger_mae = holdout_mae(name, challenger, train, holdout)
    champion_mae = None if champion is None else holdout_mae(name, champion, train, holdout)
    # The first model has nothing to beat; after that, a tie or a noise-sized gain is refused.
    accepted = champion_mae is None or challenger_mae < champion_mae * (1 - min_improvement)
    tags = {
        "gate.decision": "accepted" if accepted else "refused",
        "gate.challenger_mae": f"{challenger_mae:.4f}",
        "gate.champion_version": str(champion),
        "gate.champion_mae": "none" if champion_mae is None else f"{champion_mae:.4f}",
    }
    for key, value in tags.items():
        client.set_model_version_tag(name, challenger, key, value)
    if accepted:
        client.set_registered_model_alias(name, ACCEPTANCE, challenger)
    return GateDecision(accepted, challenger, champion, challenger_mae, champion_mae)
