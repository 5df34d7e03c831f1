"""The catalog and the registry of checks agree in both directions, and a check never aborts."""

from __future__ import annotations

import ast
from pathlib import Path

from mlops_standards.catalog import load
from mlops_standards.checks import REGISTRY, check, passed, run
from mlops_standards.checks.registry import Check
from tests.scan.tree import facts, write_tree

CHECKS = Path(__file__).parents[2] / "src" / "mlops_standards" / "checks"


def test_every_automated_requirement_has_one_check_and_every_check_a_requirement() -> None:
    catalog = load()
    automated = {r.id for r in catalog if r.automated and not r.deprecated}
    problems = [f"{rid}: automated but no check registered" for rid in automated - set(REGISTRY)]
    problems += [
        f"{rid}: check registered but the requirement is not automated"
        for rid in set(REGISTRY) - automated
    ]
    problems += [
        f"{rid}: requires {other}, which has no check"
        for rid, registered in REGISTRY.items()
        for other in registered.requires
        if other not in REGISTRY
    ]
    assert not problems, "\n".join(problems)


def test_each_id_is_registered_once_in_the_source() -> None:
    ids = [
        node.args[0].value
        for path in CHECKS.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "check"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert sorted(ids) == sorted(set(ids)) == sorted(REGISTRY)


def test_every_check_asks_only_for_facts_that_exist(tmp_path: Path) -> None:
    available = facts(write_tree(tmp_path, {}))
    unknown = [
        f"{c.requirement_id}: {name}"
        for c in REGISTRY.values()
        for name in c.facts
        if not hasattr(available, name)
    ]
    assert not unknown


def test_checks_hold_no_regex_and_open_no_file() -> None:
    """Knowledge lives in tools.yaml and markers.yaml; a check judges records (STYLE 3b)."""
    offending = []
    for path in CHECKS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if "re" in names or "pathlib" in names:
                    offending.append(f"{path.name}:{node.lineno} imports {names}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                offending.append(f"{path.name}:{node.lineno} opens a file")
    assert not offending, offending


def test_a_second_registration_of_an_id_is_refused() -> None:
    try:
        check("TR-001")(lambda: passed())
    except ValueError as error:
        assert "TR-001" in str(error)
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("registering TR-001 twice was accepted")


def test_an_exception_inside_a_check_becomes_an_error_outcome(tmp_path: Path) -> None:
    def explodes(paths: list[str]) -> None:
        raise RuntimeError("boom")

    outcome = run(Check("X-001", explodes, frozenset()), facts(write_tree(tmp_path, {})))
    assert outcome.error == "check failed unexpectedly: RuntimeError: boom"
    assert not outcome.passed and outcome.evidence == ()


def test_every_check_has_twins() -> None:
    """Every registered check is proven by a passing repository and its failing twin."""
    from tests.checks import (
        test_code_quality,
        test_documentation,
        test_monitoring,
        test_traceability,
    )

    twins = {
        t.requirement
        for m in (test_code_quality, test_documentation, test_monitoring, test_traceability)
        for t in m.TWINS
    }
    twins.add("TR-001")  # needs real git history: tested on its own in test_traceability
    assert not set(REGISTRY) - twins, sorted(set(REGISTRY) - twins)


def test_a_check_is_a_pure_function_of_injected_facts() -> None:
    """No file system: a check reads only the records it is handed."""
    from mlops_standards.scan.python import Module
    from mlops_standards.scan.recognise import Sighting

    tests_exist = REGISTRY["CQ-004"].function
    real = Module("tests/test_a.py", "def test_a():\n    assert predict([1]) == [2]\n")
    stub = Module("tests/test_b.py", "def test_b():\n    assert True\n")
    outcome = tests_exist(test_modules=[real])
    assert outcome.passed and outcome.evidence[0].path == "tests/test_a.py"
    assert not tests_exist(test_modules=[stub]).passed

    alerts = REGISTRY["MON-002"].function
    rule = Sighting(
        "alert-rule",
        "prometheus-alertmanager",
        "Prometheus",
        "rules.yml",
        4,
        "groups.*.rules.*.alert",
        "content",
    )
    assert alerts(sightings=lambda practice: [rule] if practice == "alert-rule" else []).passed
    assert not alerts(sightings=lambda practice: []).passed
