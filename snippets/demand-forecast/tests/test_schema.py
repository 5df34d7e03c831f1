"""The data contract validates the sales, reports every problem at once and documents itself."""

import pandas as pd
import pandera.errors
import pandera.pandas as pa
import pytest

from demand_forecast.data import make_sales
from demand_forecast.schema import SALES_SCHEMA, feature_dictionary


def test_the_generated_sales_meet_the_contract():
    SALES_SCHEMA.validate(make_sales(days=30), lazy=True)


def test_every_violation_is_reported_at_once():
    sales = make_sales(days=5)
    sales.loc[0, "units_sold"] = -3
    sales.loc[1, "price"] = 0.0
    sales.loc[2, "store_id"] = 0
    sales.loc[3, "temperature"] = 80.0
    with pytest.raises(pandera.errors.SchemaErrors) as raised:
        SALES_SCHEMA.validate(sales, lazy=True)
    failed = set(raised.value.failure_cases["column"])
    assert {"units_sold", "price", "store_id", "temperature"} <= failed


@pytest.mark.parametrize(
    "change",
    [
        lambda s: pd.concat([s, s.head(1)], ignore_index=True),  # a store-day twice
        lambda s: s.assign(weather="sunny"),  # a column nobody defined
    ],
)
def test_duplicates_and_undefined_columns_are_refused(change):
    with pytest.raises(pandera.errors.SchemaErrors):
        SALES_SCHEMA.validate(change(make_sales(days=5)), lazy=True)


def test_the_dictionary_has_a_row_for_every_column_with_its_rule():
    dictionary = feature_dictionary(SALES_SCHEMA)
    for name in SALES_SCHEMA.columns:
        assert f"| `{name}` |" in dictionary
    assert "| `store_id` | Store | `int64` | 1 to 999 | no |" in dictionary
    assert "| `price` | Shelf price | `float64` | > 0 |" in dictionary
    assert "| `units_sold` | Units sold (target) | `int64` | >= 0 |" in dictionary


def test_a_column_without_a_description_is_refused_and_other_rules_are_spelt_out():
    schema = pa.DataFrameSchema(
        {"a": pa.Column(int), "b": pa.Column(str, pa.Check.isin(["x"]), title="B", description="b")}
    )
    with pytest.raises(ValueError, match="columns without a title or description: a"):
        feature_dictionary(schema)
    described = schema.update_column("a", title="A", description="a")
    assert "isin(allowed_values=['x'])" in feature_dictionary(described)
