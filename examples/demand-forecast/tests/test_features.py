import pandas as pd
import pytest
from pandera.errors import SchemaError

from demand_forecast.features import prepare


def test_prepare_rejects_negative_sales():
    bad = pd.DataFrame(
        {"date": ["2025-01-01"], "store_id": [1], "price": [2.0], "promotion": [False],
         "units_sold": [-1]}
    )
    with pytest.raises(SchemaError):
        prepare(bad)
