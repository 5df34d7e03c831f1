"""Training smoke tests: a small fit that must learn something, and learn it reproducibly."""

import pandas as pd

from demand_forecast.features import FEATURES, add_calendar_features, clean_sales
from demand_forecast.train import evaluate, train_model


def split_last_two_weeks(raw: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    sales = add_calendar_features(clean_sales(raw))
    cutoff = sales["date"].max() - pd.Timedelta(days=14)
    return sales[sales["date"] <= cutoff], sales[sales["date"] > cutoff]


def test_the_model_beats_the_mean_baseline(raw_sales):
    train, test = split_last_two_weeks(raw_sales)
    metrics = evaluate(train_model(train), train, test)
    # Misaligned labels or a dropped feature push the model back to the baseline's error.
    assert metrics["mae"] < 0.8 * metrics["baseline_mae"]


def test_the_same_data_and_seed_give_the_same_forecasts(raw_sales):
    train, test = split_last_two_weeks(raw_sales)
    first = train_model(train, seed=7).predict(test[FEATURES])
    second = train_model(train, seed=7).predict(test[FEATURES])
    assert (first == second).all()
