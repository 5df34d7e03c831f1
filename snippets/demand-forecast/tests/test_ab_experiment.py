from demand_forecast.ab_experiment import ExperimentDesign, decide
from demand_forecast.ab_guardrails import Guardrail

DESIGN = ExperimentDesign(
    hypothesis="Forecasts from model v7 keep more items on the shelf, so more visits convert.",
    primary_metric="converted",
    baseline=0.10,
    minimum_effect=0.02,
    guardrails=[Guardrail("latency_ms", higher_is_better=False, margin=0.05)],
)


def test_the_design_fixes_the_sample_size_before_the_start():
    assert DESIGN.customers_per_arm == 3841


def test_a_real_lift_is_shipped(experiment_with_effect):
    decision = decide(DESIGN, experiment_with_effect)
    assert decision.verdict == "ship challenger"
    assert decision.primary.ci_low > 0


def test_no_lift_keeps_the_champion(experiment_without_effect):
    decision = decide(DESIGN, experiment_without_effect)
    assert decision.verdict == "keep champion"
    assert decision.reason == "no significant converted lift"


def test_a_lift_that_breaks_a_guardrail_keeps_the_champion(experiment_with_effect):
    slow = experiment_with_effect.copy()
    slow.loc[slow["variant"] == "challenger", "latency_ms"] += 40
    decision = decide(DESIGN, slow)
    assert (decision.verdict, decision.reason) == (
        "keep champion",
        "guardrails breached: latency_ms",
    )


def test_an_experiment_too_small_to_read_keeps_running(experiment_with_effect):
    decision = decide(DESIGN, experiment_with_effect.head(4000))
    assert decision.verdict == "keep running"
    assert decision.primary is None


def test_a_lost_share_of_one_arm_invalidates_the_test(experiment_with_effect):
    challenger = experiment_with_effect["variant"] == "challenger"
    # A quarter of the challenger's customers never logged (a crash in that arm).
    lost = experiment_with_effect[challenger].sample(frac=0.25, random_state=0).index
    decision = decide(DESIGN, experiment_with_effect.drop(index=lost))
    assert decision.verdict == "invalid"
    assert decision.reason.startswith("sample ratio mismatch")
