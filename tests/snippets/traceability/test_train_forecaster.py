from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales
from snippets.traceability.train_forecaster import split_by_date, train_forecaster

SALES = make_sales(days=120)


def test_two_runs_on_the_same_data_give_the_same_metrics_and_predictions():
    first, first_metrics, _ = train_forecaster(SALES, seed=7)
    second, second_metrics, _ = train_forecaster(SALES, seed=7)
    assert first_metrics == second_metrics
    rows = SALES[FEATURES].head(50)
    assert (first.predict(rows) == second.predict(rows)).all()


def test_the_seed_is_what_makes_them_equal():
    _, seeded, params = train_forecaster(SALES, seed=7)
    _, reseeded, _ = train_forecaster(SALES, seed=8)
    assert seeded != reseeded
    assert params["seed"] == 7


def test_the_holdout_is_the_last_four_weeks():
    train, test = split_by_date(SALES)
    assert train["date"].max() < test["date"].min()
    assert test["date"].nunique() == 28
    assert len(train) + len(test) == len(SALES)


def test_the_forecaster_beats_predicting_the_average():
    train, test = split_by_date(SALES)
    _, metrics, _ = train_forecaster(SALES)
    baseline = (test[TARGET] - train[TARGET].mean()).abs().mean()
    assert metrics["mae"] < 0.8 * baseline
    assert metrics["rmse"] >= metrics["mae"] > 0
