"""`mlops-standards facts PATH`: what the checker recognised and where, before any verdict.

The same raw facts the checks read: tools seen per practice, CI jobs with their triggers and
the commands they reach (with the chain that reaches them), the inferred profile, files that
could not be parsed. JSON for tests and scripts, text for people.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlops_standards.catalog import Catalog
from mlops_standards.config import ConfigError, ProjectConfig, load_config
from mlops_standards.profile import profile
from mlops_standards.scan import Repository
from mlops_standards.scan.facts import Facts


def collect(path: str | Path, catalog: Catalog) -> dict[str, Any]:
    """Every fact of the repository at `path`, as plain data. Raises `ScanError`."""
    repository = Repository(path)
    facts = Facts(repository, catalog.tools, catalog.markers)
    try:
        config = load_config(repository.root, catalog)
    except ConfigError as error:
        config = ProjectConfig(source=f"invalid: {error}")
    product = profile(facts, config)
    practices = {}
    for practice in catalog.tools.practices:
        found = facts.sightings(practice)
        if found:
            practices[practice] = [
                {"tool": s.tool, "path": s.path, "line": s.line, "what": s.what, "kind": s.kind}
                for s in found
            ]
    jobs = [
        {
            "path": job.path,
            "line": job.job.line,
            "name": job.name,
            "triggers": sorted(job.triggers),
            "environment": job.environment,
            "disabled": job.disabled,
            "called_from": job.caller,
            "commands": [
                {
                    "path": r.path,
                    "line": r.command.line,
                    "run": " ".join(r.command.words),
                    "via": list(r.via),
                }
                for r in job.reach.commands
            ],
            "modules": [m.module.path for m in job.reach.modules],
            "actions": [
                {"uses": uses, "path": where, "line": line} for uses, _, where, line in job.actions
            ],
        }
        for job in facts.ci_jobs
    ]
    return {
        "path": str(repository.root),
        "listing": {"source": repository.listing.source, "files": len(repository.files)},
        "template_roots": list(repository.template_roots),
        "profile": {
            "name": product.name,
            "source": product.source,
            "evidence": [str(e) for e in product.evidence],
        },
        "practices": practices,
        "ci_jobs": jobs,
        "environments": {
            k: {"path": p, "line": line, "what": what}
            for k, (p, line, what) in facts.deployment_environments.items()
        },
        "parse_errors": [
            {"path": e.path, "kind": e.kind, "message": e.message} for e in facts.parse_errors
        ],
        "not_scanned": [{"path": p, "reason": why} for p, why in repository.skipped],
    }


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def render_text(data: dict[str, Any]) -> str:
    """The facts for a person: one section per kind, one line per sighting."""
    lines = [
        f"{data['path']}",
        f"files: {data['listing']['files']} (listed by {data['listing']['source']})",
        "profile: "
        + (
            f"{data['profile']['name']} ({data['profile']['source']})"
            if data["profile"]["name"]
            else "unknown (no serving or scoring code found; set profile to choose)"
        ),
    ]
    lines += [f"  {e}" for e in data["profile"]["evidence"]]
    if data["template_roots"]:
        lines.append("template roots: " + ", ".join(data["template_roots"]))
    lines += ["", "Recognised, by practice:"]
    for practice, found in data["practices"].items():
        lines.append(f"  {practice}")
        lines += [
            f"    {_where(s['path'], s['line'])}  {s['what']} [{s['tool']}]" for s in found[:12]
        ]
        if len(found) > 12:
            lines.append(f"    ... and {len(found) - 12} more")
    lines += ["", "CI jobs:"]
    for job in data["ci_jobs"]:
        state = " (disabled)" if job["disabled"] else ""
        called = f", called from {job['called_from']}" if job["called_from"] else ""
        environment = f", environment {job['environment']}" if job["environment"] else ""
        lines.append(
            f"  {_where(job['path'], job['line'])} {job['name']}: "
            f"{', '.join(job['triggers']) or 'no trigger'}{environment}{called}{state}"
        )
        for command in job["commands"]:
            via = " <- ".join(reversed(command["via"]))
            lines.append(
                f"    {_where(command['path'], command['line'])}  {command['run'][:90]}"
                + (f"  (via {via})" if via else "")
            )
        lines += [f"    uses {a['uses']}" for a in job["actions"]]
        lines += [f"    runs module {m}" for m in job["modules"]]
    if data["environments"]:
        lines += ["", "Deployment environments:"]
        lines += [
            f"  {name}: {_where(e['path'], e['line'])} ({e['what']})"
            for name, e in data["environments"].items()
        ]
    if data["parse_errors"]:
        lines += ["", "Not parsed:"] + [
            f"  {e['path']}: {e['message']}" for e in data["parse_errors"]
        ]
    if data["not_scanned"]:
        lines += ["", "Not scanned:"] + [
            f"  {e['path']}: {e['reason']}" for e in data["not_scanned"]
        ]
    return "\n".join(lines) + "\n"
