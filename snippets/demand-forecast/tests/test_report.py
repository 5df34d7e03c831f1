"""The monitoring report: alerts on the broken price feed, and a page that fetches nothing."""

import base64
import datetime as dt
import re

import pandas as pd

from demand_forecast.data import load_actuals, load_plan, make_sales
from demand_forecast.report import build_report, dashboard, png_bytes, write_report


def live_predictions(first_day: dt.date, days: int) -> pd.DataFrame:
    """What the prediction log holds after a batch: inputs, a forecast, the source."""
    plan = load_plan(first_day, days)
    return plan.assign(prediction=40.0, source="batch", model_version="1")


def test_the_report_alerts_on_the_price_feed_and_on_nothing_else(tmp_path):
    training = make_sales(days=365)
    start = dt.date(2026, 1, 1)
    history = pd.Series([6.9, 6.8], name="mae")
    report = build_report(live_predictions(start, 28), training, load_actuals(start, 28), history)
    assert report.drift.set_index("feature")["drifted"].to_dict() == {
        "store_id": False, "price": True, "promotion": False, "temperature": False,
    }  # fmt: skip
    assert [a.message for a in report.alerts] == [
        "Feature 'price' drifted from the training reference"
    ]
    assert report.kpis["store_days"].sum() == 140
    page = write_report(report, tmp_path, "Demand forecast")
    text = page.read_text()
    assert not re.search(r"""(src|href)=['"](https?:)?//""", text) and "<script" not in text
    embedded = re.search(r"base64,([A-Za-z0-9+/=]+)", text)[1]
    assert base64.b64decode(embedded) == (tmp_path / "monitoring-report.png").read_bytes()


def test_equal_inputs_draw_byte_identical_images_of_the_agreed_size():
    training, start = make_sales(days=365), dt.date(2026, 1, 1)
    history = pd.Series([6.9], name="mae")
    report = build_report(live_predictions(start, 14), training, load_actuals(start, 14), history)
    first, second = png_bytes(dashboard(report)), png_bytes(dashboard(report))
    assert first == second
    width, height = int.from_bytes(first[16:20], "big"), int.from_bytes(first[20:24], "big")
    assert (width, height) == (1000, 650)
