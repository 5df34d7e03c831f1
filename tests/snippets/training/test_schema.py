import pandas as pd
import pandera.errors
import pytest

from snippets.demand_forecasting.data import make_sales
from snippets.training.schema import SALES_SCHEMA


def test_the_running_example_meets_the_contract():
    validated = SALES_SCHEMA.validate(make_sales(days=30))
    assert validated["month"].dtype == "int64"


def test_every_violation_is_reported_at_once():
    sales = make_sales(days=10)
    sales.loc[3, "units_sold"] = -1
    sales.loc[5, "price"] = 0.0
    with pytest.raises(pandera.errors.SchemaErrors) as error:
        SALES_SCHEMA.validate(sales, lazy=True)
    failures = error.value.failure_cases
    assert set(failures["column"]) == {"units_sold", "price"}
    assert sorted(failures["index"]) == [3, 5]


def test_a_store_day_counted_twice_is_rejected():
    sales = make_sales(days=10)
    with pytest.raises(pandera.errors.SchemaError, match="unique"):
        SALES_SCHEMA.validate(pd.concat([sales, sales.iloc[[0]]], ignore_index=True))
