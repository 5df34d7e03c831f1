import numpy as np
import pytest
from scipy import stats

from demand_forecast.ab_analysis import compare_means, compare_rates


def arms(frame, column):
    return (
        frame.loc[frame["variant"] == "champion", column].to_numpy(),
        frame.loc[frame["variant"] == "challenger", column].to_numpy(),
    )


def rates(frame):
    control, treatment = arms(frame, "converted")
    return compare_rates((int(control.sum()), int(treatment.sum())), (len(control), len(treatment)))


def test_a_known_conversion_lift_is_detected_and_inside_the_interval(experiment_with_effect):
    result = rates(experiment_with_effect)
    assert result.significant
    assert result.p_value < 0.05
    assert result.ci_low < 0.02 < result.ci_high
    assert result.difference == pytest.approx(result.treatment - result.control)


def test_no_conversion_lift_is_not_detected(experiment_without_effect):
    result = rates(experiment_without_effect)
    assert not result.significant
    assert result.p_value > 0.05
    assert result.ci_low < 0 < result.ci_high


def test_a_known_basket_lift_is_detected_by_welch(experiment_with_effect):
    result = compare_means(*arms(experiment_with_effect, "basket_value"))
    assert result.significant
    assert result.ci_low < 2.0 < result.ci_high


def test_no_basket_lift_is_not_detected(experiment_without_effect):
    result = compare_means(*arms(experiment_without_effect, "basket_value"))
    assert not result.significant
    assert result.p_value > 0.05


def test_a_lower_mean_is_a_significant_negative_difference():
    rng = np.random.default_rng(3)
    result = compare_means(rng.normal(10, 1, 500), rng.normal(9, 3, 500))
    assert result.ci_high < 0
    assert result.significant


def test_the_z_test_agrees_with_the_chi_square_test():
    table = [[480, 4520], [560, 4440]]  # converted, not converted; control then treatment
    result = compare_rates((480, 560), (5000, 5000))
    chi2 = stats.chi2_contingency(table, correction=False)
    assert result.p_value == pytest.approx(chi2.pvalue, rel=1e-9)


def test_the_welch_interval_is_the_textbook_one():
    rng = np.random.default_rng(4)
    control, treatment = rng.normal(40, 5, 300), rng.normal(41, 15, 200)
    v_c, v_t = control.var(ddof=1) / 300, treatment.var(ddof=1) / 200
    df = (v_c + v_t) ** 2 / (v_c**2 / 299 + v_t**2 / 199)
    half = stats.t.ppf(0.975, df) * np.sqrt(v_c + v_t)
    result = compare_means(control, treatment)
    diff = treatment.mean() - control.mean()
    assert (result.ci_low, result.ci_high) == pytest.approx((diff - half, diff + half))


def test_an_a_a_test_is_significant_about_alpha_of_the_time():
    rng = np.random.default_rng(8)
    control, treatment = rng.binomial(5000, 0.1, 2000), rng.binomial(5000, 0.1, 2000)
    false_alarms = [
        compare_rates((c, t), (5000, 5000)).significant
        for c, t in zip(control, treatment, strict=True)
    ]
    assert np.mean(false_alarms) == pytest.approx(0.05, abs=0.015)
