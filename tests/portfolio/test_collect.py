"""Products from reports: names, owners from the reports or a mapping, unusable inputs."""

from __future__ import annotations

import json

import pytest

from mlops_standards.portfolio import PortfolioError, build_portfolio, read_mapping, read_report
from mlops_standards.portfolio.collect import product_name


def test_a_product_is_named_after_its_repository_or_its_configuration():
    assert product_name({"path": "/home/runner/work/churn/churn"}) == "churn"
    assert (
        product_name({"path": "/builds/retail/search/ranking", "project": "ranking/"})
        == "search/ranking"
    )
    assert (
        product_name({"path": "/builds/retail/search", "product": "site-search"}) == "site-search"
    )


def test_owners_come_from_the_report_unless_the_mapping_says_otherwise(make_report, tmp_path):
    mapping = tmp_path / "products.yaml"
    mapping.write_text("products:\n  churn: {brand: Fresh, team: Loyalty}\n")
    documents = [
        ("a.json", make_report("churn", brand="Corner", team="CRM")),
        ("b.json", make_report("pricing", brand="Corner", team="Pricing")),
        ("c.json", make_report("orphan")),
    ]
    portfolio = build_portfolio(documents, read_mapping(mapping), "2026-12-01T09:00Z")
    owners = {p.name: (p.brand, p.team) for p in portfolio.products}
    assert owners == {
        "churn": ("Fresh", "Loyalty"),
        "pricing": ("Corner", "Pricing"),
        "orphan": ("Unassigned", "Unassigned"),
    }
    assert list(portfolio.groups()) == ["Corner", "Fresh", "Unassigned"]


def test_a_product_reported_twice_counts_once_by_its_newest_report(make_report):
    documents = [
        ("old.json", make_report("churn", 1, assessed_on="2026-11-01")),
        ("new.json", make_report("churn", 3, assessed_on="2026-11-20")),
        ("older.json", make_report("churn", 0, assessed_on="2026-10-01")),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z")
    assert [(p.name, p.level, p.source) for p in portfolio.products] == [("churn", 3, "new.json")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("products: [churn]\n", "products: must map product names to a brand and a team"),
        (
            "products:\n  churn: {brand: Fresh, owner: me}\n",
            "products.churn: must be a mapping of brand and team",
        ),
        ("products:\n  churn: {brand: ''}\n", "products.churn.brand: must be a non-empty string"),
        ("products: {\n", "cannot be read"),
    ],
)
def test_a_bad_mapping_is_one_line_naming_the_file_and_key(tmp_path, text, problem):
    path = tmp_path / "products.yaml"
    path.write_text(text)
    with pytest.raises(PortfolioError) as caught:
        read_mapping(path)
    assert str(caught.value).startswith(f"{path}: {problem}")
    assert "\n" not in str(caught.value)


def test_an_input_that_is_not_a_report_of_this_schema_is_refused(tmp_path, real_report):
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"runs": []}))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**real_report, "schema_version": "1.3"}))
    with pytest.raises(PortfolioError, match="cannot be read as JSON"):
        read_report(broken)
    with pytest.raises(
        PortfolioError, match="not a report of `mlops-standards check --format json`"
    ):
        read_report(other)
    with pytest.raises(
        PortfolioError, match=r"report schema 1\.3 is not supported \(this checker reads 2\.x\)"
    ):
        read_report(old)


def test_a_report_of_schema_2_0_without_the_new_fields_still_reads(tmp_path, real_report):
    older = json.loads(json.dumps(real_report))
    older["schema_version"] = "2.0"
    for key in ("brand", "team", "product", "previews", "retired", "assessed_on", "gate"):
        del older["reports"][0][key]
    path = tmp_path / "older.json"
    path.write_text(json.dumps(older))
    portfolio = build_portfolio([(str(path), read_report(path))], {}, "2026-12-01T09:00Z")
    assert portfolio.products[0].brand == "Unassigned"
    assert portfolio.products[0].level == real_report["reports"][0]["level"]
