"""Feature preparation for the demand forecast."""

import pandas as pd
import pandera.pandas as pa

SALES_SCHEMA = pa.DataFrameSchema(
    {
        "store_id": pa.Column(int, pa.Check.ge(1)),
        "price": pa.Column(float, pa.Check.gt(0)),
        "promotion": pa.Column(bool),
        "units_sold": pa.Column(int, pa.Check.ge(0)),
    }
)


def prepare(sales: pd.DataFrame) -> pd.DataFrame:
    """Validate raw sales and add calendar features."""
    sales = SALES_SCHEMA.validate(sales)
    return sales.assign(day_of_week=pd.to_datetime(sales["date"]).dt.day_of_week)
