"""The model card: facts from the run that trained the version, judgement from the team."""

from pathlib import Path

from demand_forecast.model_card import CARD_TEXT, SECTIONS, publish_model_card


def test_the_card_has_every_section_in_order_with_the_run_facts(registry, tracking):
    card = publish_model_card(registry.client, "demand-forecast", "challenger", CARD_TEXT)
    headings = [line[3:] for line in card.splitlines() if line.startswith("## ")]
    assert headings == list(SECTIONS)
    version = registry.client.get_model_version_by_alias("demand-forecast", "challenger")
    run = registry.client.get_run(version.run_id)
    assert card.startswith(f"# Model card: demand-forecast version {version.version}\n")
    assert f"`{run.info.run_id}`" in card and f"`{run.data.tags['git.commit']}`" in card
    metrics = run.data.metrics
    change = (metrics["mae"] - metrics["baseline_mae"]) / metrics["baseline_mae"]
    assert (
        f"| `mae` | {metrics['mae']:.3f} | {metrics['baseline_mae']:.3f} ({change:+.0%}) |" in card
    )
    assert "| `r2` |" in card and "| `baseline_mae` |" not in card
    assert "| `training` | " in card and "| `evaluation` | 140 |" in card
    assert CARD_TEXT.intended_use in card
    stored = Path(registry.client.download_artifacts(run.info.run_id, "model_card.md"))
    assert stored.read_text(encoding="utf-8") == card


def test_a_run_without_datasets_says_so(registry, tracking):
    from mlflow import MlflowClient

    from demand_forecast.model_card import render_model_card

    client = MlflowClient()
    experiment = client.create_experiment("bare")
    run = client.create_run(experiment)
    version = registry.client.get_model_version("demand-forecast", "1")
    card = render_model_card(client.get_run(run.info.run_id), version, CARD_TEXT)
    assert "No training dataset was logged with the run." in card
