import pandas as pd
import pytest

from snippets.demand_forecasting.data import FEATURES, make_sales
from snippets.notebook_to_package.forecasting import (
    evaluate,
    features,
    split_by_date,
    train_model,
)


@pytest.fixture(scope="module")
def sales() -> pd.DataFrame:
    return make_sales(days=120)


def test_features_are_the_model_columns_with_int64_integers(sales):
    frame = features(sales)
    assert list(frame.columns) == FEATURES
    assert frame["day_of_week"].dtype == "int64" and frame["month"].dtype == "int64"
    assert frame["promotion"].dtype == bool and frame["price"].dtype == "float64"


def test_split_keeps_the_last_days_apart_in_time_order(sales):
    train, holdout = split_by_date(sales, holdout_days=28)
    assert holdout["date"].nunique() == 28
    assert train["date"].max() < holdout["date"].min()
    assert len(train) + len(holdout) == len(sales)


@pytest.mark.parametrize("days", [0, 120])
def test_split_refuses_an_empty_side(sales, days):
    with pytest.raises(ValueError, match="holdout_days"):
        split_by_date(sales, holdout_days=days)


def test_same_data_and_seed_give_the_same_scores(sales):
    train, holdout = split_by_date(sales, holdout_days=28)
    first = evaluate(train_model(train, seed=3), holdout)
    second = evaluate(train_model(train, seed=3), holdout)
    assert first == second


def test_the_model_learns_demand(sales):
    train, holdout = split_by_date(sales, holdout_days=28)
    good = evaluate(train_model(train), holdout)
    stump = evaluate(train_model(train, n_estimators=1, max_depth=1), holdout)
    assert good["r2"] > 0.4
    assert good["mae"] < stump["mae"]
