"""The synthetic data source: deterministic, and with the price-feed incident where it says."""

import datetime as dt

import pandas as pd

from demand_forecast.data import (
    PRICE_FEED_CHANGE,
    load_actuals,
    load_experiment_outcomes,
    load_plan,
    make_sales,
)


def test_the_same_arguments_give_the_same_sales():
    pd.testing.assert_frame_equal(make_sales(days=30), make_sales(days=30))
    assert not make_sales(days=30, seed=1).equals(make_sales(days=30, seed=2))


def test_one_row_per_store_and_day_with_weekends_and_promotions_selling_more():
    sales = make_sales(days=365)
    assert len(sales) == 365 * 5 and not sales.duplicated(["date", "store_id"]).any()
    assert sales.groupby("promotion")["units_sold"].mean().diff().iloc[-1] > 15
    assert sales.groupby(sales["day_of_week"] >= 5)["units_sold"].mean().diff().iloc[-1] > 8


def test_the_plan_has_no_sales_and_its_prices_jump_on_the_day_the_feed_broke():
    plan = load_plan(dt.date(2026, 1, 1), 28)
    assert "units_sold" not in plan.columns and len(plan) == 28 * 5
    before = plan[plan["date"].dt.date < PRICE_FEED_CHANGE]["price"].mean()
    after = plan[plan["date"].dt.date >= PRICE_FEED_CHANGE]["price"].mean()
    assert 0.6 < after - before < 1.0


def test_actuals_cover_the_planned_store_days():
    plan, actuals = load_plan(dt.date(2026, 1, 1), 7), load_actuals(dt.date(2026, 1, 1), 7)
    assert actuals[["date", "store_id"]].equals(plan[["date", "store_id"]])


def test_experiment_outcomes_follow_the_given_variants():
    variants = pd.Series(["champion", "challenger"] * 5000, index=[f"C{i}" for i in range(10000)])
    outcomes = load_experiment_outcomes(variants)
    assert outcomes["customer_id"].tolist() == variants.index.tolist()
    rates = outcomes.groupby("variant")["converted"].mean()
    assert 0.005 < rates["challenger"] - rates["champion"] < 0.04
