import numpy as np
import pytest
from scipy import stats

from demand_forecast.ab_analysis import compare_rates
from demand_forecast.ab_sample_size import customers_per_arm_for_mean, customers_per_arm_for_rate


def test_the_textbook_rate_case():
    # 10 % -> 12 %, alpha 0.05 two-sided, power 0.8: the usual tables say about 3,841.
    assert customers_per_arm_for_rate(0.10, 0.02) == 3841


def test_the_textbook_mean_case():
    # 2 * (1.96 + 0.84)^2 * (20 / 2)^2 = 1,569.8
    assert customers_per_arm_for_mean(std=20, minimum_effect=2) == 1570


def test_smaller_effects_and_more_power_need_more_customers():
    assert customers_per_arm_for_rate(0.10, 0.01) > 3 * customers_per_arm_for_rate(0.10, 0.02)
    assert customers_per_arm_for_rate(0.10, 0.02, power=0.9) > customers_per_arm_for_rate(
        0.10, 0.02
    )


def test_a_rate_test_of_that_size_detects_the_effect_about_80_percent_of_the_time():
    n = customers_per_arm_for_rate(0.10, 0.02)
    rng = np.random.default_rng(5)
    control, treated = rng.binomial(n, 0.10, 1000), rng.binomial(n, 0.12, 1000)
    detected = [
        compare_rates((c, t), (n, n)).p_value < 0.05 for c, t in zip(control, treated, strict=True)
    ]
    assert np.mean(detected) == pytest.approx(0.80, abs=0.04)


def test_a_mean_test_of_that_size_detects_the_effect_about_80_percent_of_the_time():
    n = customers_per_arm_for_mean(std=20, minimum_effect=2)
    rng = np.random.default_rng(6)
    control, treated = rng.normal(40, 20, (500, n)), rng.normal(42, 20, (500, n))
    p_values = stats.ttest_ind(treated, control, axis=1, equal_var=False).pvalue
    assert np.mean(p_values < 0.05) == pytest.approx(0.80, abs=0.05)
