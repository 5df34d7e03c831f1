"""The history file: each run recorded, the next run told what moved since."""

from __future__ import annotations

import json

import pytest

from mlops_standards.portfolio import PortfolioError, build_portfolio
from mlops_standards.portfolio.history import KEPT_RUNS, read_history, recorded, write_history


def test_changes_since_the_previous_run_are_up_down_new_gone_or_same(make_report):
    previous = {
        "generated_on": "2026-11-24T09:00Z",
        "products": {
            "rises": {"level": 1, "certified_level": 0},
            "falls": {"level": 3, "certified_level": 2},
            "steady": {"level": 2, "certified_level": 1},
            "certifies": {"level": 2, "certified_level": 1},
            "retired": {"level": 1, "certified_level": 1},
        },
    }
    documents = [
        ("a", make_report("rises", 2, certified=0)),
        ("b", make_report("falls", 2, certified=2)),
        ("c", make_report("steady", 2, certified=1)),
        ("d", make_report("certifies", 2, certified=2)),
        ("e", make_report("newcomer", 0)),
    ]
    portfolio = build_portfolio(documents, {}, "2026-12-01T09:00Z", previous)
    kinds = {c.product: c.kind for c in portfolio.changes}
    assert kinds == {
        "rises": "up",
        "falls": "down",
        "steady": "same",
        "certifies": "up",
        "newcomer": "new",
        "retired": "gone",
    }
    assert portfolio.previous_run == "2026-11-24T09:00Z"


def test_the_history_keeps_every_run_up_to_its_limit(tmp_path, make_report):
    path = tmp_path / "history.json"
    assert read_history(path) == []
    portfolio = build_portfolio([("a", make_report("churn", 2, certified=1))], {}, "x")
    runs = []
    for number in range(KEPT_RUNS + 3):
        write_history(path, recorded(runs, list(portfolio.products), f"run {number}"))
        runs = read_history(path)
    assert len(runs) == KEPT_RUNS
    assert runs[-1] == {
        "generated_on": f"run {KEPT_RUNS + 2}",
        "products": {"churn": {"level": 2, "certified_level": 1}},
    }
    assert runs[0]["generated_on"] == "run 3"


def test_a_history_this_command_did_not_write_is_refused(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"runs": [{"when": "yesterday"}]}))
    with pytest.raises(PortfolioError, match="not a portfolio history"):
        read_history(path)
    path.write_text("[")
    with pytest.raises(PortfolioError, match="cannot be read as JSON"):
        read_history(path)
