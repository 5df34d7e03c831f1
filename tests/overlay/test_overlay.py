"""An organisation tailors the standards in one file: add, change, phase in, retire, link."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from mlops_standards.catalog import CatalogError, load
from mlops_standards.catalog import overlay as overlay_module
from mlops_standards.catalog.overlay import apply_overlay, find_overlay, tailored
from mlops_standards.report.links import catalog_url

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "snippets" / "organisation" / "acme-mlops" / "src" / "acme_mlops" / "standards.yaml"


@pytest.fixture(scope="module")
def shipped():
    return load()


@pytest.fixture(scope="module")
def acme(shipped):
    return apply_overlay(shipped, ACME)


def write(tmp_path: Path, text: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_example_overlay_adds_changes_and_retires(shipped, acme):
    assert len(acme) == len(shipped) + 2
    assert acme.get("CQ-901").title == "Container images are scanned for known vulnerabilities"
    assert acme.get("DOC-901").verification.method == "manual"
    assert (shipped.get("DOC-003").level, acme.get("DOC-003").level) == (3, 2)
    assert acme.get("MON-008").applies_to == "real-time"
    assert acme.get("DOC-008").deprecated and not shipped.get("DOC-008").deprecated
    assert acme.tailored_by == "ACME Retail 2026.2"
    assert shipped.tailored_by is None


def test_an_added_requirement_is_a_preview_until_its_date(acme):
    scanned = acme.get("CQ-901")
    assert scanned.counts_from == date(2027, 1, 1)
    assert not scanned.counts_on(date(2026, 12, 31))
    assert scanned.counts_on(date(2027, 1, 1))


def test_requirements_stay_in_catalog_order_with_the_organisations_last_in_their_area(acme):
    ids = [r.id for r in acme.in_area("CQ")]
    assert ids == sorted(ids) and ids[-1] == "CQ-901"


def test_reports_link_to_the_organisations_site(acme, shipped, monkeypatch):
    monkeypatch.delenv("MLOPS_STANDARDS_SITE_URL", raising=False)
    target = "golden-paths/traceability.md#tr-005"
    assert (
        catalog_url(acme, target) == "https://mlops.acme.example/golden-paths/traceability/#tr-005"
    )
    assert catalog_url(shipped, target) == "http://127.0.0.1:8000/golden-paths/traceability/#tr-005"
    # The organisation's own pages are linked as they are.
    assert catalog_url(acme, acme.get("DOC-901").golden_path).startswith(
        "https://wiki.acme.example/"
    )
    # One run may still point elsewhere, such as a preview of the site.
    monkeypatch.setenv("MLOPS_STANDARDS_SITE_URL", "https://preview.acme.example")
    assert catalog_url(acme, target).startswith("https://preview.acme.example/golden-paths/")


def test_every_problem_is_reported_at_once_on_one_line_each(shipped, tmp_path):
    path = write(
        tmp_path,
        """\
        name: Broken
        site_url: mlops.acme.example
        colour: teal
        add:
          - id: CQ-013
            title: Numbered like the shipped ones
            level: 2
            applies_to: all
            verification: {method: manual, evidence: A page.}
            summary: Why.
            methodology: https://wiki.example/a
            golden_path: https://wiki.example/b
            sources: {other: [policy]}
          - id: XX-901
            title: In no area
          - id: TR-901
            title: Missing most fields
            level: 7
        change:
          TR-004: {level: 3}
          DOC-999: {level: 2}
          CQ-004: {title: Renamed}
          CQ-006: {applies_to: everything}
        retire: [TR-010, DOC-998]
        """,
    )
    with pytest.raises(CatalogError) as caught:
        apply_overlay(shipped, path)
    problems = caught.value.problems
    expected = [
        "-: colour: is not a known key",
        "-: site_url: must be an http(s) URL",
        "CQ-013: id: an organisation's own requirements are numbered CQ-900 to CQ-999",
        "XX-901: id: must start with an area prefix (DOC, CQ, TR, MON)",
        "TR-901: level: must be an integer 1-4, got 7",
        "TR-901: summary: is missing",
        "DOC-999: change: unknown requirement ID",
        "CQ-004: change.title: cannot be changed (only level, applies_to, counts_from)",
        "CQ-006: change.applies_to: must be one of all, batch, real-time",
        "DOC-998: retire: unknown requirement ID",
        "TR-010: retire: level 2 is reached through it; a level's capability cannot rest",
        "TR-004: change.level: level 2 is reached through it, so it cannot move to level 3",
    ]
    assert all(problem.startswith("overlay.yaml: ") for problem in problems)
    shown = [problem.removeprefix("overlay.yaml: ") for problem in problems]
    for line in expected:
        assert any(problem.startswith(line) for problem in shown), (line, problems)
    assert all("\n" not in problem for problem in problems)
    assert all(problem.count(": ") >= 3 for problem in problems)


def test_an_overlay_that_is_not_yaml_or_missing_is_one_line(shipped, tmp_path):
    with pytest.raises(CatalogError, match=r"missing\.yaml: -: -: file is missing"):
        apply_overlay(shipped, tmp_path / "missing.yaml")
    with pytest.raises(CatalogError, match=r"bad\.yaml: -: -: cannot be read as YAML"):
        apply_overlay(shipped, write(tmp_path, "add: [\n", "bad.yaml"))
    with pytest.raises(CatalogError, match=r"list\.yaml: -: -: must be a mapping"):
        apply_overlay(shipped, write(tmp_path, "- one\n", "list.yaml"))


def test_the_overlay_is_found_by_option_then_variable_then_installed_package(tmp_path, monkeypatch):
    chosen = write(tmp_path, "name: chosen\n", "chosen.yaml")
    from_environment = write(tmp_path, "name: environment\n", "environment.yaml")
    monkeypatch.setenv("MLOPS_STANDARDS_OVERLAY", str(from_environment))
    assert find_overlay(chosen) == chosen
    assert find_overlay() == from_environment
    assert tailored().tailored_by == "environment"
    monkeypatch.delenv("MLOPS_STANDARDS_OVERLAY")
    installed = install_overlay_package(
        tmp_path, monkeypatch, "acme_site", ["acme = acme_site:OVERLAY"]
    )
    assert find_overlay() == installed
    assert tailored().tailored_by == "installed"


def test_two_installed_overlays_are_refused_by_name(tmp_path, monkeypatch):
    install_overlay_package(
        tmp_path, monkeypatch, "acme_two", ["one = acme_two:OVERLAY", "two = acme_two:overlay"]
    )
    with pytest.raises(CatalogError, match=r"more than one installed overlay \(one .*two "):
        find_overlay()


def install_overlay_package(tmp_path: Path, monkeypatch, package: str, entries: list[str]) -> Path:
    """A package on sys.path whose metadata declares an overlay, as `pip install` leaves it."""
    site = tmp_path / "site-packages"
    (site / package).mkdir(parents=True)
    overlay = write(site / package, "name: installed\n", "standards.yaml")
    (site / package / "__init__.py").write_text(
        "from pathlib import Path\n"
        "OVERLAY = Path(__file__).with_name('standards.yaml')\n"
        "def overlay():\n    return OVERLAY\n"
    )
    info = site / f"{package}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {package}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[mlops_standards.overlay]\n" + "\n".join(entries) + "\n"
    )
    monkeypatch.syspath_prepend(str(site))
    return overlay


@pytest.fixture(autouse=True)
def _forget_installed_overlays():
    """Each test looks for installed overlays afresh, and leaves none cached for others."""
    overlay_module.installed_overlay.cache_clear()
    yield
    overlay_module.installed_overlay.cache_clear()


def test_the_example_overlay_is_valid_yaml_with_only_known_keys():
    data = yaml.safe_load(ACME.read_text())
    assert set(data) <= set(overlay_module.KEYS)
