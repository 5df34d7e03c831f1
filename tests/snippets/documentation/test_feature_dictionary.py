"""The feature dictionary documents every column of the sales data, and the schema enforces it."""

from __future__ import annotations

import pandera.errors
import pandera.pandas as pa
import pytest

from snippets.demand_forecasting.data import make_sales
from snippets.documentation.feature_dictionary import SALES_SCHEMA, feature_dictionary


@pytest.fixture(scope="module")
def sales():
    return make_sales(days=30)


def dictionary_rows(markdown: str) -> dict[str, list[str]]:
    rows = [
        line.strip("|").split(" | ") for line in markdown.splitlines() if line.startswith("| `")
    ]
    return {cells[0].strip(" `"): [cell.strip() for cell in cells[1:]] for cells in rows}


def test_every_column_of_the_data_is_in_the_dictionary(sales):
    rows = dictionary_rows(feature_dictionary(SALES_SCHEMA))
    assert set(rows) == set(sales.columns)
    for name, (title, _, _, _, meaning) in rows.items():
        assert title == SALES_SCHEMA.columns[name].title
        assert meaning == SALES_SCHEMA.columns[name].description


def test_the_dictionary_shows_types_and_allowed_values():
    rows = dictionary_rows(feature_dictionary(SALES_SCHEMA))
    assert rows["store_id"][1:4] == ["`int64`", "1 to 999", "no"]
    assert rows["price"][2] == "> 0"
    assert rows["units_sold"][2] == ">= 0"
    assert rows["promotion"][2] == "any"


def test_the_running_example_passes_the_schema(sales):
    validated = SALES_SCHEMA.validate(sales)
    assert len(validated) == len(sales)


@pytest.mark.parametrize(
    "column, value",
    [("units_sold", -3), ("price", 0.0), ("store_id", 0), ("temperature", 71.0)],
)
def test_the_schema_rejects_a_bad_row(sales, column, value):
    bad = sales.copy()
    bad.loc[3, column] = value
    with pytest.raises(pandera.errors.SchemaErrors) as error:
        SALES_SCHEMA.validate(bad, lazy=True)
    failures = error.value.failure_cases
    assert failures["column"].tolist() == [column]
    assert failures["index"].tolist() == [3]


def test_an_undefined_new_column_is_rejected(sales):
    with pytest.raises(pandera.errors.SchemaErrors, match="column 'footfall' not in"):
        SALES_SCHEMA.validate(sales.assign(footfall=120), lazy=True)


def test_a_duplicate_store_day_is_rejected(sales):
    with pytest.raises(pandera.errors.SchemaErrors, match="not unique"):
        SALES_SCHEMA.validate(sales.iloc[[0, 0]].reset_index(drop=True), lazy=True)


def test_a_column_without_a_definition_cannot_be_documented():
    schema = SALES_SCHEMA.add_columns(
        {"footfall": pa.Column(int), "region": pa.Column(str, title="Region")}
    )
    with pytest.raises(ValueError, match="footfall, region"):
        feature_dictionary(schema)


def test_other_rules_are_shown_by_name():
    schema = pa.DataFrameSchema(
        {
            "channel": pa.Column(
                str,
                pa.Check.isin(["store", "online"]),
                nullable=True,
                title="Channel",
                description="Where the sale was made.",
            )
        },
        name="orders",
    )
    row = dictionary_rows(feature_dictionary(schema))["channel"]
    assert row[2:4] == ["isin(allowed_values=['store', 'online'])", "allowed"]
