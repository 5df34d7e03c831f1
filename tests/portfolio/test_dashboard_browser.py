"""The dashboard in a real browser: what the central team reads, and that it reads it offline."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mlops_standards.assess import assess_all
from mlops_standards.report.json_report import document
from tests.browsing import horizontal_overflow, open_page, served

pytestmark = pytest.mark.browser
CLI = Path(sys.executable).parent / "mlops-standards"
ROOT = Path(__file__).resolve().parents[2]
OWNERS = {
    "churn": ("Fresh", "CRM"),
    "pricing": ("Fresh", "Pricing"),
    "search": ("Corner", "Search"),
    "replenishment": ("Corner", "Supply chain"),
    "offers": ("Basket", "Personalisation"),
    "assortment": ("Basket", "Category"),
}


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory, real_report_module):
    """Two weekly runs over six products of three brands; the second is the one shown."""
    folder = tmp_path_factory.mktemp("dashboard")
    history = folder / "history.json"

    def run(levels: dict[str, int], blocking: dict[str, tuple[str, ...]]) -> None:
        reports = folder / "reports"
        reports.mkdir(exist_ok=True)
        for old in reports.iterdir():
            old.unlink()
        for name, level in levels.items():
            doc = copy.deepcopy(real_report_module)
            report = doc["reports"][0]
            brand, team = OWNERS[name]
            report.update(
                path=f"/builds/{name}",
                brand=brand,
                team=team,
                level=level,
                certified_level=max(level - 1, 0),
                blocking=list(blocking.get(name, ())),
                next_level=level + 1 if level < 4 else None,
            )
            (reports / f"{name}.json").write_text(json.dumps(doc))
        done = subprocess.run(
            [
                str(CLI),
                "portfolio",
                *sorted(map(str, reports.iterdir())),
                "--out",
                str(folder / "site"),
                "--history",
                str(history),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr

    run({"churn": 1, "pricing": 2, "search": 3, "replenishment": 1, "offers": 2}, {})
    blocking = {
        "churn": ("TR-022", "DOC-003"),
        "pricing": ("TR-004", "TR-010"),
        "replenishment": ("TR-004",),
        "offers": ("TR-022",),
        "assortment": ("TR-001", "CQ-004"),
    }
    run(
        {"churn": 2, "pricing": 1, "search": 3, "replenishment": 1, "offers": 2, "assortment": 0},
        blocking,
    )
    data = json.loads((folder / "site" / "portfolio.json").read_text())
    with served(folder / "site") as url:
        yield url, data


@pytest.fixture(scope="module")
def real_report_module():
    return document(assess_all(ROOT / "examples" / "demand-forecast"), [])


def test_products_are_grouped_by_brand_with_their_level(page, dashboard):
    url, _ = dashboard
    page.goto(url)
    headings = page.locator("#products ~ h3").all_inner_texts()
    assert [h.split(" (")[0] for h in headings] == ["Basket", "Corner", "Fresh"]
    row = page.locator('table.products tr[data-product^="churn "]')
    expect(row).to_contain_text("CRM")
    expect(row.locator(".level")).to_have_text("2")
    expect(row).to_contain_text("level 3: TR-022, DOC-003")


def test_the_most_common_blockers_link_to_their_golden_paths(page, dashboard):
    url, data = dashboard
    page.goto(url)
    first = page.locator("#blockers ~ div table tbody tr").first
    top = data["blockers"][0]
    # TR-004 and TR-022 each block two products; the lower ID ranks first.
    assert [(b["id"], b["count"]) for b in data["blockers"][:2]] == [("TR-004", 2), ("TR-022", 2)]
    expect(first).to_contain_text(top["id"])
    expect(first.locator("a")).to_have_attribute("href", top["golden_path"])


def test_the_heat_map_has_a_cell_per_requirement_and_product(page, dashboard):
    url, data = dashboard
    page.goto(url)
    cells = page.locator("table.heat td.cell")
    expect(cells).to_have_count(len(data["products"]) * len(data["requirements"]))
    product = next(p for p in data["products"] if p["name"] == "search")
    status = product["statuses"]["TR-004"]
    said = status.replace("-", " ")
    cell = page.locator(f'table.heat td.cell[title="search · TR-004: {said}"]')
    expect(cell).to_have_count(1)


def test_the_changes_since_last_week_lead_with_what_moved_down(page, dashboard):
    url, data = dashboard
    page.goto(url)
    down = page.locator("details.changes-down")
    expect(down).to_have_attribute("open", "")
    expect(down).to_contain_text("pricing: level 2 (certified 1) → level 1 (certified 0)")
    expect(page.locator("details.changes-new summary")).to_contain_text("1 new")
    assert {c["product"]: c["kind"] for c in data["changes"]}["churn"] == "up"


def test_typing_a_brand_filters_every_table_and_the_heat_map(page, dashboard):
    url, _ = dashboard
    page.goto(url)
    page.locator("#filter").fill("fresh")
    visible = page.locator("[data-product]:visible")
    names = {
        text.split()[0] for text in visible.evaluate_all("rows => rows.map(r => r.dataset.product)")
    }
    assert names == {"churn", "pricing"}
    page.locator("#filter").fill("")
    expect(page.locator("table.products [data-product]:visible")).to_have_count(6)


def test_the_page_can_request_nothing_not_even_from_its_own_server(page, dashboard, requested):
    url, _ = dashboard
    page.goto(url)
    outcome = page.evaluate(f"fetch('{url}portfolio.json').then(() => 'fetched', () => 'refused')")
    assert outcome == "refused"
    assert requested == [url]


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_scrolls_sideways_but_the_tables_inside_their_boxes(browser, dashboard, width):
    url, _ = dashboard
    seen: list[str] = []
    context, narrow = open_page(browser, seen, width)
    narrow.goto(url)
    assert horizontal_overflow(narrow) == 0
    context.close()
