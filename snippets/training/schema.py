"""The contract the training data must meet before a model is trained on it."""

# --8<-- [start:schema]
import pandera.pandas as pa

SALES_SCHEMA = pa.DataFrameSchema(
    {
        "date": pa.Column(pa.DateTime),
        "store_id": pa.Column(int, pa.Check.ge(1)),
        # pandas derives calendar fields as int32 or int64 depending on its version: coerce.
        "day_of_week": pa.Column(int, pa.Check.in_range(0, 6), coerce=True),
        "month": pa.Column(int, pa.Check.in_range(1, 12), coerce=True),
        "price": pa.Column(float, pa.Check.in_range(0.01, 50)),
        "promotion": pa.Column(bool),
        "temperature": pa.Column(float, pa.Check.in_range(-40, 50)),
        "units_sold": pa.Column(int, pa.Check.ge(0)),
    },
    # One row per store and day: a duplicated day would count its sales twice.
    unique=["date", "store_id"],
    name="daily_sales",
)
# --8<-- [end:schema]
