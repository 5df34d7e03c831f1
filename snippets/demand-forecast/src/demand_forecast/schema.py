"""The data contract: a pandera schema that validates the sales and documents every feature."""

import pandera.pandas as pa

SALES_SCHEMA = pa.DataFrameSchema(
    {
        "date": pa.Column(
            "datetime64[ns]",
            title="Sales day",
            description="Calendar day the sales were made, in the store's local time.",
        ),
        "store_id": pa.Column(
            int,
            pa.Check.in_range(1, 999),
            title="Store",
            description="Store number from the store master data; stable across renovations.",
        ),
        "day_of_week": pa.Column(
            int,
            pa.Check.in_range(0, 6),
            title="Day of the week",
            description="Monday is 0, Sunday 6; derived from `date`. Weekends sell more.",
        ),
        "month": pa.Column(
            int,
            pa.Check.in_range(1, 12),
            title="Month",
            description="Month of `date`, 1 to 12; carries the yearly season.",
        ),
        "price": pa.Column(
            float,
            pa.Check.gt(0),
            title="Shelf price",
            description="Price per unit in euros at closing time, after promotion discounts.",
        ),
        "promotion": pa.Column(
            bool,
            title="On promotion",
            description="True when the product was in a leaflet or shelf promotion that day.",
        ),
        "temperature": pa.Column(
            float,
            pa.Check.in_range(-40, 50),
            title="Temperature",
            description="Daily mean temperature in °C at the store's nearest weather station.",
        ),
        "units_sold": pa.Column(
            int,
            pa.Check.ge(0),
            title="Units sold (target)",
            description="Units scanned at the tills, returns excluded. The forecast target.",
        ),
    },
    # An undefined column fails validation: a new feature gets a definition before it is used.
    strict=True,
    # One row per store and day: a duplicated day would count its sales twice.
    unique=["date", "store_id"],
    coerce=True,
    name="daily_sales",
    description="One row per store and day, as the forecaster is trained and served on.",
)


def feature_dictionary(schema: pa.DataFrameSchema = SALES_SCHEMA) -> str:
    """Render a schema as a Markdown feature dictionary, one row per column.

    Args:
        schema: a pandera schema whose columns all have a title and a description.

    Returns:
        A Markdown page: the schema's description and a table of name, title, type,
        rules and meaning.

    Raises:
        ValueError: naming every column that lacks a title or a description.
    """
    undocumented = [
        name
        for name, column in schema.columns.items()
        if not column.title or not column.description
    ]
    if undocumented:
        raise ValueError(f"columns without a title or description: {', '.join(undocumented)}")
    lines = [
        f"# Feature dictionary: `{schema.name}`",
        "",
        schema.description or "",
        "",
        "| Column | Name | Type | Allowed values | Missing | Meaning |",
        "|---|---|---|---|---|---|",
    ]
    for name, column in schema.columns.items():
        allowed = ", ".join(_rule(check) for check in column.checks) or "any"
        missing = "allowed" if column.nullable else "no"
        lines.append(
            f"| `{name}` | {column.title} | `{column.dtype}` | {allowed} | {missing} "
            f"| {column.description} |"
        )
    return "\n".join(lines) + "\n"


def _rule(check: pa.Check) -> str:
    """A check as a short rule a reader understands, such as `1 to 999` or `> 0`."""
    match check.name, check.statistics:
        case "in_range", {"min_value": low, "max_value": high}:
            return f"{low} to {high}"
        case "greater_than", {"min_value": low}:
            return f"> {low}"
        case "greater_than_or_equal_to", {"min_value": low}:
            return f">= {low}"
        case _:
            arguments = ", ".join(f"{key}={value!r}" for key, value in check.statistics.items())
            return f"{check.name}({arguments})"
