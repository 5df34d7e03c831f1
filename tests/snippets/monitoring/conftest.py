import pytest

from snippets.demand_forecasting.data import make_sales
from snippets.monitoring.serving_app import train_model


@pytest.fixture(scope="package")
def training_sales():
    return make_sales(days=120, seed=11)


@pytest.fixture(scope="package")
def forest(training_sales):
    return train_model(training_sales)
