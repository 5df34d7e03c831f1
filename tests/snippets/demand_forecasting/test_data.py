import pandas as pd

from snippets.demand_forecasting.data import FEATURES, TARGET, make_sales


def test_same_arguments_give_the_same_frame():
    pd.testing.assert_frame_equal(make_sales(seed=7), make_sales(seed=7))


def test_another_seed_gives_other_sales():
    assert not make_sales(seed=1)[TARGET].equals(make_sales(seed=2)[TARGET])


def test_one_row_per_store_and_day_with_every_feature():
    sales = make_sales(days=10, stores=3)
    assert len(sales) == 30
    assert {*FEATURES, TARGET, "date"} <= set(sales.columns)
    assert not sales.duplicated(["date", "store_id"]).any()


def test_promotions_sell_more():
    sales = make_sales(days=365)
    by_promotion = sales.groupby("promotion")[TARGET].mean()
    assert by_promotion[True] > by_promotion[False] + 15


def test_price_shift_moves_prices():
    base, shifted = make_sales(), make_sales(price_shift=1.0)
    assert abs((shifted["price"] - base["price"]).mean() - 1.0) < 1e-9
