import base64
import re
import struct
from pathlib import Path

import pandas as pd
import pytest

from snippets.monitoring.alerts import Alert
from snippets.monitoring.morning_report import dashboard, main, png_bytes, report_html

COMMITTED_PNG = Path(__file__).parents[3] / "docs/golden-paths/img/monitoring-report.png"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (https://www.w3.org/TR/png/#11IHDR)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    main(str(out))
    return out


def test_the_report_is_one_self_contained_page(written):
    page = (written / "monitoring-report.html").read_text(encoding="utf-8")
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page)
    assert "<script" not in page
    [image] = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", page)
    assert base64.b64decode(image) == (written / "monitoring-report.png").read_bytes()


def test_the_running_example_alerts_on_the_changed_price_feed_only(written):
    page = (written / "monitoring-report.html").read_text(encoding="utf-8")
    assert "Alerts (1)" in page
    assert "Feature &#x27;price&#x27; drifted" in page


def test_the_png_on_the_site_is_what_the_snippet_draws(written):
    regenerated = (written / "monitoring-report.png").read_bytes()
    assert png_size(regenerated) == (1000, 650)
    # Refresh the committed image with: python -c "...morning_report import main; main(DIR)"
    assert png_size(COMMITTED_PNG.read_bytes()) == png_size(regenerated)


def test_equal_inputs_draw_equal_images():
    drift = pd.DataFrame({"feature": ["a", "b"], "psi": [0.01, 0.5], "drifted": [False, True]})
    weeks = pd.to_datetime(["2025-06-02", "2025-06-09"])
    kpis = pd.DataFrame(
        {"mape": [12.0, 14.0], "stockout_cost": [10.0, 20.0], "overstock_cost": [5.0, 1.0]},
        index=weeks,
    )
    history = pd.Series([3.0, 3.2], name="mae")
    first, second = (png_bytes(dashboard(drift, kpis, history)) for _ in range(2))
    assert first == second


def test_messages_are_escaped():
    alert = Alert("feature_drift", "warning", "<b>price</b> drifted")
    page = report_html("t", b"png", [alert], pd.DataFrame({"feature": ["price"]}))
    assert "&lt;b&gt;price&lt;/b&gt; drifted" in page
