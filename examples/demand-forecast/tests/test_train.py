from demand_forecast.train import FEATURES


def test_training_uses_price_and_promotion():
    assert {"price", "promotion"} <= set(FEATURES)
