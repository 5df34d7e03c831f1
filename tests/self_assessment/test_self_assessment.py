"""The self-assessment page in a real browser: the levels as the checker computes them, the
answers kept, and an export the checker accepts."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mlops_standards.assess import Result, Status, capability_level, certified_level
from mlops_standards.catalog import load
from mlops_standards.catalog.overlay import apply_overlay
from mlops_standards.site.self_assessment import data
from tests.browsing import served

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "snippets" / "organisation" / "acme-mlops" / "src" / "acme_mlops" / "standards.yaml"
CLI = Path(sys.executable).parent / "mlops-standards"
PAGE = "checker/self-assessment/"
STATUSES = [s.value for s in Status if s is not Status.RETIRED]
MET = ["passed", "attested", "waived", "not-applicable"]


@pytest.fixture(scope="module")
def site(built_site):
    with served(built_site.directory) as url:
        yield url


def python_levels(catalog, statuses: dict[str, str], today: str) -> tuple[int, int]:
    """The checker's two levels for these statuses, as `assess` computes them."""
    day = date.fromisoformat(today)
    results = [
        Result(
            r,
            Status(statuses[r.id]),
            counts_from=None if r.deprecated or r.counts_on(day) else r.counts_from,
        )
        for r in catalog.requirements
    ]
    return capability_level(catalog, results), certified_level(results)


def draw(rng: random.Random, requirement, share: float) -> str:
    if requirement.deprecated:
        return "retired"
    return rng.choice(MET if rng.random() < share else STATUSES)


def assignments(catalog, count: int, seed: int) -> list[dict[str, str]]:
    """Random statuses, most requirements met in most draws, so that every level comes up."""
    rng = random.Random(seed)
    drawn = []
    for _ in range(count):
        share = rng.random() ** 0.3  # the share of requirements met in this draw
        drawn.append({r.id: draw(rng, r, share) for r in catalog.requirements})
    return drawn


@pytest.mark.parametrize(
    ("tailored", "today"), [(False, "2026-12-01"), (True, "2026-12-31"), (True, "2027-01-01")]
)
def test_the_page_computes_both_levels_as_the_checker_does(page, site, tailored, today):
    """The page's script and `mlops_standards.assess` agree on hundreds of answers, with the
    ACME overlay's preview (CQ-901, counted from 2027-01-01) and retired requirement (DOC-008)."""
    catalog = apply_overlay(load(), ACME) if tailored else load()
    page.goto(site + PAGE)
    payload = data(catalog, "checker/self-assessment.md")
    drawn = assignments(catalog, 300, seed=len(today) + tailored)
    computed = page.evaluate(
        """([data, drawn, today]) => drawn.map(s => [
            MlopsSelfAssessment.capabilityLevel(data, s, today),
            MlopsSelfAssessment.certifiedLevel(data, s, today)])""",
        [payload, drawn, today],
    )
    expected = [list(python_levels(catalog, statuses, today)) for statuses in drawn]
    assert computed == expected
    assert len({level for level, _ in expected}) >= 4 and len({c for _, c in expected}) >= 3


def test_the_page_carries_the_catalogs_rule_as_data(page, site):
    page.goto(site + PAGE)
    embedded = json.loads(page.locator("#mlops-self-assessment-data").text_content())
    assert embedded == json.loads(json.dumps(data(load(), "checker/self-assessment.md")))


def answer(page, rid: str, state: str, evidence: str | None = None) -> None:
    page.locator(f"#sa-{rid}-{state}").check()
    if evidence is not None:
        page.locator(f"#sa-{rid}-evidence").fill(evidence)


def shown_levels(page) -> tuple[int, int]:
    level = page.locator(".mlops-sa-level [data-level]").get_attribute("data-level")
    certified = page.locator(".mlops-sa-level [data-certified]").get_attribute("data-certified")
    return int(level), int(certified)


def test_the_level_follows_the_answers(page, site):
    catalog = load()
    page.goto(site + PAGE)
    assert shown_levels(page) == (0, 0)
    answer(page, "TR-001", "met")
    answer(page, "CQ-006", "met")
    assert shown_levels(page) == (1, 0)
    for r in catalog.at_level(1):
        if r.applies_to in ("all", "batch") and not r.deprecated:
            answer(page, r.id, "met")
    assert shown_levels(page) == (1, 1)
    answer(page, "TR-004", "met")
    answer(page, "TR-010", "met")
    assert shown_levels(page)[0] == 2
    expect(page.locator(".mlops-sa-next")).to_contain_text("level 3")
    expect(page.locator(".mlops-sa-next")).to_contain_text("TR-022")


def test_the_profile_decides_what_applies(page, site):
    page.goto(site + PAGE)
    page.locator("#mlops-sa-profile").select_option("real-time")
    expect(page.locator("#sa-mon-004")).to_have_attribute("data-status", "not-applicable")
    expect(page.locator("#sa-mon-004 .mlops-sa-note")).to_have_text("not for real-time products")
    expect(page.locator("#sa-mon-003")).not_to_have_attribute("data-status", "not-applicable")


def test_answers_are_kept_in_the_browser_until_started_again(page, site):
    page.goto(site + PAGE)
    answer(page, "DOC-003", "met", "docs/risk.md")
    page.locator("#mlops-sa-product").fill("price-forecast")
    page.reload()
    expect(page.locator("#sa-DOC-003-met")).to_be_checked()
    expect(page.locator("#sa-DOC-003-evidence")).to_have_value("docs/risk.md")
    expect(page.locator("#mlops-sa-product")).to_have_value("price-forecast")
    page.locator("#mlops-sa-reset").click()
    expect(page.locator("#sa-DOC-003-open")).to_be_checked()
    page.reload()
    expect(page.locator("#sa-DOC-003-evidence")).to_have_value("")


def exported(page, button: str) -> str:
    with page.expect_download() as download:
        page.locator(button).click()
    return Path(download.value.path()).read_text(encoding="utf-8")


def test_the_exported_configuration_is_accepted_by_the_checker(page, site, tmp_path):
    page.goto(site + PAGE)
    page.locator("#mlops-sa-product").fill("forecast-sa")
    answer(page, "DOC-003", "met", "docs/risk.md")
    answer(page, "CQ-007", "met", "https://git.example.com/retail/forecast/settings/branches")
    answer(page, "MON-004", "waived", 'The replenishment system alerts on a missing "day".')
    answer(page, "DOC-006", "met")  # no evidence: not exported
    answer(page, "CQ-004", "met", "tests/")  # automated: the checker decides
    toml = exported(page, "#mlops-sa-toml")
    assert 'product = "forecast-sa"' in toml and 'profile = "batch"' in toml
    assert "DOC-006" not in toml and "CQ-004" not in toml
    repository = tmp_path / "forecast"
    shutil.copytree(ROOT / "examples" / "demand-forecast", repository)
    (repository / "docs" / "risk.md").write_text("# Model risk\n")
    (repository / ".mlops-standards.toml").write_text(toml)
    done = subprocess.run(
        [str(CLI), "check", str(repository), "--format", "json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)["reports"][0]
    statuses = {r["id"]: r["status"] for r in report["results"]}
    assert (statuses["DOC-003"], statuses["CQ-007"], statuses["MON-004"]) == (
        "attested",
        "attested",
        "waived",
    )
    assert statuses["DOC-006"] == "to-confirm"
    assert report["product"] == "forecast-sa" and report["profile"] == "batch"
    waiver = next(r for r in report["results"] if r["id"] == "MON-004")
    assert waiver["message"] == 'The replenishment system alerts on a missing "day".'


def test_the_markdown_summary_says_the_level_and_every_answer(page, site):
    page.goto(site + PAGE)
    page.locator("#mlops-sa-product").fill("forecast-sa")
    answer(page, "DOC-003", "met", "docs/risk.md")
    level, certified = shown_levels(page)
    summary = exported(page, "#mlops-sa-markdown")
    assert summary.startswith("# Self-assessment of forecast-sa\n")
    assert f"**Level {level} · " in summary and f"**Certified level {certified}**" in summary
    assert "| DOC-003 | Model risk is evaluated and recorded | 3 | met | docs/risk.md |" in summary
    assert summary.count("\n| ") == len([r for r in load() if not r.deprecated]) + 1
