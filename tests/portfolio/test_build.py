"""The portfolio ranks what blocks products, measures each requirement, and groups products."""

from __future__ import annotations

from mlops_standards.portfolio import build_portfolio
from mlops_standards.portfolio.document import requirement_counts


def test_blockers_are_ranked_by_how_many_products_they_hold_back(make_report):
    documents = [
        ("a", make_report("a", 1, blocking=("TR-004", "TR-010", "DOC-005"))),
        ("b", make_report("b", 1, blocking=("TR-010", "DOC-005"))),
        ("c", make_report("c", 2, blocking=("TR-022",))),
        ("d", make_report("d", 1, blocking=("TR-010",))),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z")
    ranked = [(b.column.id, b.products) for b in portfolio.blockers]
    assert ranked == [
        ("TR-010", ("a", "b", "d")),
        ("DOC-005", ("a", "b")),
        ("TR-004", ("a",)),
        ("TR-022", ("c",)),
    ]
    golden = portfolio.blockers[0].column.golden_path
    assert golden.startswith("http") and golden.endswith("#tr-010")


def test_each_requirement_is_counted_over_the_products_it_applies_to(make_report):
    documents = [
        ("a", make_report("a", statuses={"DOC-001": "passed", "MON-003": "not-applicable"})),
        ("b", make_report("b", statuses={"DOC-001": "failed", "MON-003": "not-applicable"})),
        ("c", make_report("c", statuses={"DOC-001": "waived", "MON-003": "failed"})),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z")
    rows = {row["id"]: row for row in requirement_counts(portfolio)}
    assert (rows["DOC-001"]["applicable"], rows["DOC-001"]["met"], rows["DOC-001"]["failed"]) == (
        3,
        2,
        1,
    )
    assert (rows["MON-003"]["applicable"], rows["MON-003"]["met"]) == (1, 0)


def test_a_requirement_retired_everywhere_is_no_column(make_report):
    retired = {"DOC-008": "retired"}
    documents = [
        ("a", make_report("a", statuses=retired)),
        ("b", make_report("b", statuses=retired)),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z")
    ids = [c.id for c in portfolio.columns]
    assert "DOC-008" not in ids and "DOC-007" in ids
    assert ids.index("DOC-010") < ids.index("CQ-001") < ids.index("TR-001") < ids.index("MON-001")


def test_products_group_by_team_when_asked(make_report):
    documents = [
        ("a", make_report("a", brand="Fresh", team="Pricing")),
        ("b", make_report("b", brand="Corner", team="Pricing")),
        ("c", make_report("c", brand="Fresh", team="Search")),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z", group_by="team")
    assert {name: [p.name for p in members] for name, members in portfolio.groups().items()} == {
        "Pricing": ["a", "b"],
        "Search": ["c"],
    }
