import numpy as np
import pytest

from demand_forecast.data import make_sales
from demand_forecast.features import FEATURES
from demand_forecast.review_queue import ReviewQueue, ReviewRules, tree_spread


@pytest.fixture(scope="module")
def rules(forest, training_sales):
    return ReviewRules.fit(forest, training_sales, FEATURES)


def test_an_implausible_price_is_queued_as_an_outlier(forest, rules, tmp_path):
    batch = make_sales(days=3, seed=8)
    batch.loc[4, "price"] = 25.0  # a price typed in cents
    features = batch[FEATURES]
    reasons = rules.reasons(features, tree_spread(forest, features))
    assert reasons[4].startswith("outlier: price")
    queue = ReviewQueue(tmp_path / "review.db")
    queued = queue.route(batch, forest.predict(features.to_numpy(float)), reasons)
    items = queue.open_items()
    assert queued == len(items) == (reasons != "").sum()
    assert 25.0 in items["price"].tolist()
    assert items["reason"].str.startswith("outlier: price").any()


def test_ordinary_days_mostly_pass_straight_through(forest, rules):
    fresh = make_sales(days=120, seed=31)[FEATURES]
    reasons = rules.reasons(fresh, tree_spread(forest, fresh))
    # The rules cut the training data's thin tails: fresh data flags a few rows, not many.
    assert 0 < (reasons != "").mean() < 0.05


def test_a_wide_tree_spread_is_queued_as_low_confidence(forest, training_sales):
    features = make_sales(days=30, seed=32)[FEATURES]
    spread = tree_spread(forest, features)
    strict = ReviewRules.fit(forest, training_sales, FEATURES)
    strict = ReviewRules(strict.low, strict.high, max_spread=float(np.median(spread)))
    reasons = strict.reasons(features, spread)
    uncertain = reasons.str.contains("low confidence")
    assert uncertain.tolist() == (spread > np.median(spread)).tolist()


def test_an_outlier_that_is_also_uncertain_gives_both_reasons(forest, rules):
    features = make_sales(days=1, stores=1, seed=33)[FEATURES]
    features.loc[0, "temperature"] = 60.0
    reasons = rules.reasons(features, np.array([rules.max_spread + 1]))
    assert reasons[0] == "outlier: temperature, low confidence"


def test_an_empty_queue_has_no_open_items(tmp_path):
    queue = ReviewQueue(tmp_path / "review.db")
    batch = make_sales(days=1, stores=2)
    no_reasons = batch["store_id"].map(lambda _: "")
    assert queue.route(batch, np.array([1.0, 2.0]), no_reasons) == 0
    assert queue.open_items().empty
