"""A model card rendered from what the training run tracked in MLflow, per registered version."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from mlflow import MlflowClient
from mlflow.entities import Run
from mlflow.entities.model_registry import ModelVersion


@dataclass(frozen=True)
class CardText:
    """What the team writes about the model: no run can record it."""

    intended_use: str
    """Who uses the forecasts, for what decision, and what is out of scope."""
    factors: str
    """Groups or conditions the performance may differ on (stores, promotions, seasons)."""
    ethical_considerations: str
    """Risks to people or the business, and how they are mitigated."""
    caveats: str
    """Known limits and recommendations for consumers."""


CARD_TEXT = CardText(
    intended_use=(
        "Suggests tomorrow's order quantity per store to store managers, who confirm or change "
        "it. Not for staffing, pricing or any decision about individual people."
    ),
    factors="Error is reported per store; promotions and heat waves raise demand the most.",
    ethical_considerations=(
        "No personal data. A forecast too low empties shelves, too high wastes fresh food: "
        "the risk and its mitigations are in docs/model-risk.md."
    ),
    caveats=(
        "Trained on one year of history: the first weeks of a new store, or a product never "
        "promoted before, are outside what the model has seen."
    ),
)
"""The team's text for this product's card."""

SECTIONS = (
    "Model details",
    "Intended use",
    "Factors",
    "Metrics",
    "Evaluation data",
    "Training data",
    "Ethical considerations",
    "Caveats and recommendations",
)


def render_model_card(run: Run, version: ModelVersion, text: CardText) -> str:
    """Render the Markdown model card of one registered model version.

    Sections follow Model Cards for Model Reporting (Mitchell et al., 2019). Facts come from the
    run; judgement comes from `text`.

    Args:
        run: the MLflow run that trained the version.
        version: the registered model version the card is for.
        text: the sections the team writes.

    Returns:
        The card as Markdown, one `##` section per entry of `SECTIONS`.
    """
    tags, params, metrics = run.data.tags, run.data.params, run.data.metrics
    trained = datetime.fromtimestamp(run.info.start_time / 1000, UTC).strftime("%Y-%m-%d")
    body = {
        "Model details": _table(
            ("Field", "Value"),
            [
                ("Model", f"`{version.name}` version {version.version}"),
                ("Aliases", ", ".join(f"`{a}`" for a in sorted(version.aliases)) or "none"),
                ("Trained", trained),
                ("Run", f"`{run.info.run_id}`"),
                ("Git commit", f"`{tags.get('git.commit', 'not recorded')}`"),
            ]
            + [(f"Parameter `{key}`", f"`{value}`") for key, value in sorted(params.items())],
        ),
        "Intended use": text.intended_use,
        "Factors": text.factors,
        "Metrics": _metrics(metrics),
        "Evaluation data": _datasets(run, "evaluation"),
        "Training data": _datasets(run, "training"),
        "Ethical considerations": text.ethical_considerations,
        "Caveats and recommendations": text.caveats,
    }
    title = f"# Model card: {version.name} version {version.version}\n"
    return title + "".join(f"\n## {name}\n\n{body[name].strip()}\n" for name in SECTIONS)


def _metrics(metrics: dict[str, float]) -> str:
    # A metric `x` logged with `baseline_x` is shown against it: the case for this model.
    rows = [
        (f"`{name}`", f"{value:.3f}", _baseline(name, value, metrics))
        for name, value in sorted(metrics.items())
        if not name.startswith("baseline_")
    ]
    return _table(("Metric", "Model", "Baseline"), rows)


def _baseline(name: str, value: float, metrics: dict[str, float]) -> str:
    baseline = metrics.get(f"baseline_{name}")
    if baseline is None:
        return "-"
    return f"{baseline:.3f} ({(value - baseline) / baseline:+.0%})"


def _datasets(run: Run, context: str) -> str:
    rows = []
    for item in run.inputs.dataset_inputs:
        if {tag.key: tag.value for tag in item.tags}.get("mlflow.data.context") != context:
            continue
        data = item.dataset
        rows.append(
            (
                f"`{data.name}`",
                str(json.loads(data.profile or "{}").get("num_rows", "unknown")),
                f"`{data.digest}`",
            )
        )
    if not rows:
        return f"No {context} dataset was logged with the run."
    return _table(("Dataset", "Rows", "Digest"), rows)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    lines += [" | ".join(row) for row in rows]
    return "\n".join(f"| {line} |" for line in lines)


def publish_model_card(client: MlflowClient, name: str, alias: str, text: CardText) -> str:
    """Render the card of the version an alias points to and store it with that version's run.

    Args:
        client: a client of the tracking server and registry.
        name: the registered model's name.
        alias: the alias to document, such as `champion`.
        text: the sections the team writes.

    Returns:
        The card as Markdown; it is also logged as `model_card.md` in the run's artifacts.
    """
    version = client.get_model_version_by_alias(name, alias)
    run = client.get_run(version.run_id)
    card = render_model_card(run, version, text)
    client.log_text(run.info.run_id, card, "model_card.md")
    return card
