"""Small searches over facts that many checks share; each returns evidence, never prose."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from mlops_standards.scan.ci import Pipeline
from mlops_standards.scan.facts import Heading
from mlops_standards.scan.python import Call, Module
from mlops_standards.scan.repository import Parsed

from .outcome import Evidence, Outcome, errored, failed, passed


def calls(
    modules: Iterable[Module],
    matches: Callable[[Call], bool],
    words: tuple[str, ...],
    limit: int = 5,
) -> list[Evidence]:
    """The first `limit` calls that `matches`, as evidence at their line.

    Only modules whose text mentions one of `words` are parsed: a call that matches must
    spell one of them, and most modules of a large repository never do.
    """
    found = []
    for module in modules:
        if module.mentions(*words):
            found += [Evidence(module.path, c.line, f"calls {c.name}") for c in module.calls
                      if matches(c)]  # fmt: skip
            if len(found) >= limit:
                break
    return found[:limit]


def named(pattern: str) -> Callable[[Call], bool]:
    """A call predicate: the dotted callee name matches `pattern` (searched, not anchored)."""
    regex = re.compile(pattern)
    return lambda call: bool(regex.search(call.name))


def grep(modules: Iterable[Module | Parsed[str]], pattern: str, detail: str) -> list[Evidence]:
    """The first match of `pattern` in each module or text, as evidence at its line."""
    regex = re.compile(pattern, re.M)
    found = []
    for item in modules:
        text = item.text if isinstance(item, Module) else item.value or ""
        if match := regex.search(text):
            found.append(Evidence(item.path, text.count("\n", 0, match.start()) + 1, detail))
    return found


def importing(modules: Iterable[Module], *packages: str) -> list[Module]:
    """Modules that import any of `packages` (or a submodule of one)."""
    tops = tuple({p.split(".")[0] for p in packages})
    return [m for m in modules if m.mentions(*tops) and any(p in m.imports for p in packages)]


def paths(all_paths: Iterable[str], pattern: str, detail: str) -> list[Evidence]:
    """Files whose path matches `pattern` (searched, case-insensitive)."""
    regex = re.compile(pattern, re.I)
    return [Evidence(p, detail=detail) for p in all_paths if regex.search(p)]


def titled(headings: Iterable[Heading], pattern: str, detail: str) -> list[Evidence]:
    """Headings whose text matches `pattern` (case-insensitive)."""
    regex = re.compile(pattern, re.I)
    return [
        Evidence(h.path, h.line, f"{detail}: {h.text}") for h in headings if regex.search(h.text)
    ]


def ci_commands(pipelines: Iterable[Pipeline], pattern: str, *triggers: str) -> list[Evidence]:
    """CI commands matching `pattern` in jobs that run on any of `triggers`."""
    regex = re.compile(pattern, re.I)
    return [
        Evidence(p.path, command.line, f"{job.name}: {command.text.strip().splitlines()[0]}")
        for p in pipelines
        for job, command in p.commands(*triggers)
        if regex.search(command.text)
    ]


def looked(where: str, what: str) -> Evidence:
    """Where a check searched, for a failure."""
    return Evidence(where, detail=f"for {what}")


def verdict(found: list[Evidence], *looked_at: Evidence) -> Outcome:
    """Passed with the first few `found`, or failed with `looked_at`."""
    return passed(*found[:5]) if found else failed(*looked_at)


def ci_verdict(found: list[Evidence], pipelines: list[Pipeline], what: str) -> Outcome:
    """Like `verdict` for CI evidence; a malformed CI file makes an unfound result an error."""
    if found:
        return passed(*found[:5])
    broken = [Evidence(p.path, detail=p.error) for p in pipelines if p.error]
    if broken:
        return errored(f"{broken[0].path}: {broken[0].detail}", *broken)
    where = [Evidence(p.path, detail=f"{p.system}: no {what}") for p in pipelines]
    return failed(
        *where,
        looked(
            "CI configuration",
            f"{what} (GitHub Actions, GitLab CI, Azure Pipelines, Jenkins, CircleCI)",
        ),
    )


def unparsed(unreadable: Iterable[Parsed[object]], modules: Iterable[Module]) -> list[Evidence]:
    """Python files that could not be read or parsed, so a failing search names them."""
    found = [Evidence(e.path, detail=f"not searched: {e.error}") for e in unreadable]
    return found + [Evidence(m.path, detail=f"not searched: {m.error}") for m in modules if m.error]
