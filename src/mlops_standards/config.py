"""Project configuration: `[tool.mlops-standards]` in pyproject.toml or .mlops-standards.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlops_standards.catalog import Catalog

PROFILES = ("batch", "real-time", "both")
GATES = ("level", "certified")
"""What a gate compares: the capability level, or the certified (strict checklist) level."""
KEYS = ("profile", "attest", "waive", "fail_under", "gate", "product", "brand", "team")


class ConfigError(Exception):
    """The project's configuration is wrong; the message names the file, the key and the problem."""


@dataclass(frozen=True)
class ProjectConfig:
    """What a project says about itself."""

    source: str | None = None
    """The file the configuration came from, if any."""
    profile: str | None = None
    """`batch`, `real-time` or `both`; None lets the checker infer it from the repository."""
    attest: dict[str, str] = field(default_factory=dict)
    """Requirement ID -> evidence: a repository path that exists, or an http(s) URL."""
    waive: dict[str, str] = field(default_factory=dict)
    """Requirement ID -> the reason it is waived, shown in every report."""
    fail_under: int | None = None
    """The project's gate: `check` exits 1 below this level, unless `--fail-under` overrides."""
    gate: str | None = None
    """Which level `fail_under` compares (one of `GATES`); the capability level when unset."""
    product: str | None = None
    """The product's name in the portfolio; the repository's folder name when unset."""
    brand: str | None = None
    """The brand the product belongs to, for the portfolio view."""
    team: str | None = None
    """The team that owns the product, for the portfolio view."""


def load_config(root: Path, catalog: Catalog) -> ProjectConfig:
    """Read and validate the project's configuration; an empty one when there is none.

    `.mlops-standards.toml` wins over `pyproject.toml` when both exist.
    """
    dedicated, pyproject = root / ".mlops-standards.toml", root / "pyproject.toml"
    if dedicated.is_file():
        table, name = _read(dedicated), dedicated.name
    elif pyproject.is_file():
        try:
            tools = _read(pyproject).get("tool")
            table = tools.get("mlops-standards") if isinstance(tools, dict) else None
        except ConfigError:
            # A broken pyproject.toml is a finding of the checks, not a configuration error,
            # unless the project put its configuration there.
            if "mlops-standards" in pyproject.read_text(encoding="utf-8", errors="replace"):
                raise
            return ProjectConfig()
        if table is None:
            return ProjectConfig()
        name = "pyproject.toml [tool.mlops-standards]"
    else:
        return ProjectConfig()
    return _validate(table, name, root, catalog)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path.name}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: malformed TOML ({error})") from None


def _validate(table: Any, name: str, root: Path, catalog: Catalog) -> ProjectConfig:
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: must be a table")
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{name}: unknown key '{key}' (known: {', '.join(KEYS)})")
    profile = table.get("profile")
    if profile is not None and profile not in PROFILES:
        raise ConfigError(f"{name}: profile: must be one of {', '.join(PROFILES)}, got {profile!r}")
    attest = _id_table(table, "attest", name, catalog)
    waive = _id_table(table, "waive", name, catalog)
    for rid, evidence in attest.items():
        if evidence.startswith(("http://", "https://")):
            continue
        # Evidence is a file of this repository: `../../etc/hostname` or a symlink out of
        # it would let a report vouch for something nobody reviewing the repository sees.
        target = (root / evidence).resolve()
        if not target.is_relative_to(root.resolve()):
            raise ConfigError(
                f"{name}: attest.{rid}: evidence '{evidence}' is outside the repository"
            )
        if not target.exists():
            raise ConfigError(
                f"{name}: attest.{rid}: evidence '{evidence}' is neither an existing "
                "repository path nor an http(s) URL"
            )
    for rid in set(attest) & set(waive):
        raise ConfigError(f"{name}: {rid} is both attested and waived; choose one")
    fail_under = table.get("fail_under")
    if fail_under is not None and (type(fail_under) is not int or not 0 <= fail_under <= 4):
        raise ConfigError(f"{name}: fail_under: must be a level 0-4, got {fail_under!r}")
    gate = table.get("gate")
    if gate is not None and gate not in GATES:
        raise ConfigError(f"{name}: gate: must be one of {', '.join(GATES)}, got {gate!r}")
    owners = {}
    for key in ("product", "brand", "team"):
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(f"{name}: {key}: must be a non-empty string")
        owners[key] = value.strip() if value else None
    return ProjectConfig(name, profile, attest, waive, fail_under, gate, **owners)


def _id_table(table: dict[str, Any], key: str, name: str, catalog: Catalog) -> dict[str, str]:
    raw = table.get(key, {})
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: {key}: must be a table of requirement ID = text")
    out: dict[str, str] = {}
    for rid, value in raw.items():
        try:
            requirement = catalog.get(rid)
        except KeyError:
            raise ConfigError(f"{name}: {key}.{rid}: unknown requirement ID") from None
        if not isinstance(value, str) or not value.strip():
            what = "evidence" if key == "attest" else "reason"
            raise ConfigError(f"{name}: {key}.{rid}: a non-empty {what} is required")
        out[requirement.id] = value.strip()
    return out
