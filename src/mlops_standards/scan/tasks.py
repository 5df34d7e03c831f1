"""Task runners' tasks as records: a name, where it is defined, what it runs, what it needs.

`make test`, `tox -e py`, `nox -s tests`, `mise run test`, `just test`, `poe test`,
`invoke test`, `task test`, `npm run test`, `hatch run test`, git hooks: each names a task
whose text is somewhere in the repository. These readers find it; the command graph follows
it. Makefiles, justfiles and Taskfiles have no maintained Python parser, so the few rules
needed here (targets, recipes, variables) are read directly; INI, TOML, JSON and YAML go
through their standard parsers.
"""

from __future__ import annotations

import configparser
import re
import shlex
from dataclasses import dataclass
from typing import Any

from .python import Module
from .yamlnodes import YamlList, YamlMap, YamlText


@dataclass(frozen=True, slots=True)
class Task:
    """One task of a task runner."""

    runner: str
    """The tool ID of the runner (`make`, `tox`, `mise`, `lefthook`...)."""
    name: str
    path: str
    line: int
    scripts: tuple[tuple[str, int], ...] = ()
    """Shell texts the task runs, each with the line it starts on."""
    depends: tuple[str, ...] = ()
    """Other tasks of the same runner that run first."""


# -- Makefiles -------------------------------------------------------------------------------------

MAKE_TARGET = re.compile(
    r"^(?P<names>[^\s:=#][^:=#]*?)\s*::?(?!=)\s*(?P<deps>[^=;#]*)(;(?P<inline>.*))?$"
)
MAKE_VARIABLE = re.compile(
    r"^(?:export\s+|override\s+)?(?P<name>[A-Za-z_][\w.-]*)\s*(?::{1,3}|\?|\+|!)?=\s*(?P<value>.*)$"
)
MAKE_REFERENCE = re.compile(r"\$[({](?P<name>[A-Za-z_][\w.-]*)[)}]")


def makefile(path: str, text: str) -> list[Task]:
    """The targets of a Makefile with their recipes, variables expanded once."""
    variables: dict[str, str] = {"MAKE": "make"}
    tasks: list[Task] = []
    current: dict[str, Any] | None = None
    pending = ""

    def close() -> None:
        if current is not None:
            for name in current["names"]:
                tasks.append(
                    Task(
                        "make",
                        name,
                        path,
                        current["line"],
                        tuple(current["scripts"]),
                        tuple(current["deps"]),
                    )
                )

    for number, raw in enumerate(text.splitlines(), 1):
        if pending:
            raw, pending = pending + raw.lstrip(), ""
        if raw.endswith("\\"):
            pending = raw[:-1] + " "
            continue
        if raw.startswith("\t") and current is not None:
            line = raw.strip().lstrip("@-+").strip()
            if line and not line.startswith("#"):
                expanded = MAKE_REFERENCE.sub(
                    lambda m: variables.get(m.group("name"), m.group(0)), line
                )
                current["scripts"].append((expanded, number))
            continue
        stripped = raw.split("#", 1)[0].rstrip()
        if not stripped:
            continue
        if match := MAKE_VARIABLE.match(stripped):
            variables[match.group("name")] = match.group("value").strip()
            continue
        if match := MAKE_TARGET.match(stripped):
            close()
            names = [n for n in match.group("names").split() if not n.startswith(".")]
            deps = [d for d in match.group("deps").split() if not d.startswith("$")]
            inline = (match.group("inline") or "").strip()
            current = {
                "names": names,
                "line": number,
                "deps": deps,
                "scripts": [(inline, number)] if inline else [],
            }
            continue
        if not raw.startswith((" ", "\t")):
            close()
            current = None
    close()
    return tasks


# -- tox, nox --------------------------------------------------------------------------------------


def tox_ini(path: str, text: str) -> list[Task]:
    """The environments of a tox.ini (or setup.cfg's tox sections) and their commands."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return []
    lines = text.splitlines()
    tasks = []
    for section in parser.sections():
        name = section.removeprefix("tox:")
        if not (name == "testenv" or name.startswith("testenv:")):
            continue
        line = next((i for i, t in enumerate(lines, 1) if t.strip() == f"[{section}]"), 0)
        commands = parser.get(section, "commands", fallback="")
        scripts = tuple((c.strip(), line) for c in commands.splitlines() if c.strip())
        tasks.append(
            Task(
                "tox",
                name.removeprefix("testenv:") if ":" in name else "testenv",
                path,
                line,
                scripts,
            )
        )
    return tasks


def tox_toml(path: str, table: dict) -> list[Task]:
    """tox environments in pyproject's `[tool.tox]` (native TOML or `legacy_tox_ini`)."""
    if isinstance(table.get("legacy_tox_ini"), str):
        return tox_ini(path, table["legacy_tox_ini"])
    tasks = []
    environments = {"testenv": table.get("env_run_base")} | (table.get("env") or {})
    for name, env in environments.items():
        if isinstance(env, dict) and isinstance(env.get("commands"), list):
            scripts = tuple(
                (" ".join(shlex.quote(str(w)) for w in command), 0)
                for command in env["commands"]
                if isinstance(command, list)
            )
            tasks.append(Task("tox", name, path, 0, scripts))
    return tasks


def python_tasks(
    runner: str, module: Module, decorator: str, run_calls: tuple[str, ...]
) -> list[Task]:
    """Tasks defined as decorated Python functions (nox sessions, invoke tasks).

    Each call to a run method with literal arguments (`session.run("pytest", "-q")`,
    `c.run("pytest -q")`) is one command of the task.
    """
    records = module.records
    tasks = []
    for function in records.functions:
        if not any(
            d == decorator or d.endswith("." + decorator.rsplit(".", 1)[-1])
            for d in function.decorators
        ):
            continue
        scripts = []
        for call in records.calls:
            if call.function == function.name and call.leaf in run_calls:
                words = [
                    a for a in call.args if isinstance(a, str) and not a.startswith("f-string")
                ]
                if words:
                    text = words[0] if len(words) == 1 else " ".join(shlex.quote(w) for w in words)
                    scripts.append((text, call.line))
        tasks.append(Task(runner, function.name, module.path, function.line, tuple(scripts)))
    return tasks


# -- mise, poe, hatch, just, Taskfile, npm, lefthook -----------------------------------------------


def _scripts(value: Any, line: int) -> tuple[tuple[str, int], ...]:
    if isinstance(value, str):
        return ((value, value.first_line if isinstance(value, YamlText) else line),)
    if isinstance(value, list):
        found: list[tuple[str, int]] = []
        for item in value:
            found += _scripts(item, line)
        return tuple(found)
    return ()


def _toml_line(text: str, header: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(header):
            return number
    return 0


def mise(path: str, data: dict, text: str) -> list[Task]:
    """`[tasks.NAME]` tables (or `[tasks] name = "cmd"`) of a mise.toml."""
    tasks = []
    for name, spec in (data.get("tasks") or {}).items():
        line = _toml_line(text, f"[tasks.{name}]") or _toml_line(text, f'[tasks."{name}"]')
        if isinstance(spec, str | list):
            tasks.append(Task("mise", name, path, line, _scripts(spec, line)))
        elif isinstance(spec, dict):
            depends = (
                [d for d in spec.get("depends", []) if isinstance(d, str)]
                if isinstance(spec.get("depends"), list)
                else []
            )
            tasks.append(
                Task("mise", name, path, line, _scripts(spec.get("run"), line), tuple(depends))
            )
    return tasks


def poe(path: str, table: dict, text: str) -> list[Task]:
    """`[tool.poe.tasks]` of a pyproject: commands, shell scripts, sequences and references."""
    tasks = []
    for name, spec in (table.get("tasks") or {}).items():
        line = _toml_line(text, f"{name} =") or _toml_line(text, f"[tool.poe.tasks.{name}]")
        if isinstance(spec, str):
            tasks.append(Task("poethepoet", name, path, line, ((spec, line),)))
        elif isinstance(spec, list):
            tasks.append(
                Task(
                    "poethepoet", name, path, line, (), tuple(s for s in spec if isinstance(s, str))
                )
            )
        elif isinstance(spec, dict):
            script = spec.get("cmd") or spec.get("shell")
            depends = [s for s in spec.get("sequence", []) if isinstance(s, str)]
            if isinstance(spec.get("ref"), str):
                depends.append(spec["ref"].split()[0])
            tasks.append(
                Task("poethepoet", name, path, line, _scripts(script, line), tuple(depends))
            )
    return tasks


def hatch(path: str, table: dict, text: str) -> list[Task]:
    """Scripts of `[tool.hatch.envs.NAME.scripts]`, named `NAME:script` (`script` for default)."""
    tasks = []
    for env, spec in (table.get("envs") or {}).items():
        scripts = spec.get("scripts") if isinstance(spec, dict) else None
        for name, value in (scripts or {}).items():
            line = _toml_line(text, f"{name} =")
            full = name if env == "default" else f"{env}:{name}"
            tasks.append(Task("hatch", full, path, line, _scripts(value, line)))
    return tasks


JUST_RECIPE = re.compile(r"^@?(?P<name>[A-Za-z_][\w-]*)(?P<params>[^:=]*):(?!=)\s*(?P<deps>.*)$")


def justfile(path: str, text: str) -> list[Task]:
    """Recipes of a justfile: a header line, then indented recipe lines."""
    tasks: list[Task] = []
    current: dict[str, Any] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and current is not None:
            line = raw.strip().lstrip("@-").strip()
            if line and not line.startswith("#"):
                current["scripts"].append((line, number))
            continue
        if current is not None:
            tasks.append(
                Task(
                    "just",
                    current["name"],
                    path,
                    current["line"],
                    tuple(current["scripts"]),
                    tuple(current["deps"]),
                )
            )
            current = None
        if match := JUST_RECIPE.match(raw.split("#", 1)[0].rstrip()):
            deps = [d.strip("()") for d in match.group("deps").split() if d.strip("()")]
            current = {"name": match.group("name"), "line": number, "deps": deps, "scripts": []}
    if current is not None:
        tasks.append(
            Task(
                "just",
                current["name"],
                path,
                current["line"],
                tuple(current["scripts"]),
                tuple(current["deps"]),
            )
        )
    return tasks


def taskfile(path: str, data: Any) -> list[Task]:
    """Tasks of a Taskfile.yml (go-task): `cmds` and `deps`."""
    tasks = []
    raw = data.get("tasks") if isinstance(data, dict) else None
    for name, spec in (raw or {}).items() if isinstance(raw, dict) else ():
        line = raw.line_of(name) if isinstance(raw, YamlMap) else 0
        if not isinstance(spec, dict):
            tasks.append(Task("go-task", str(name), path, line, _scripts(spec, line)))
            continue
        commands = spec.get("cmds") if isinstance(spec.get("cmds"), list) else []
        scripts = [
            s for c in commands for s in _scripts(c.get("cmd") if isinstance(c, dict) else c, line)
        ]
        depends = (
            [d for d in spec.get("deps", []) if isinstance(d, str)]
            if isinstance(spec.get("deps"), list | YamlList)
            else []
        )
        tasks.append(Task("go-task", str(name), path, line, tuple(scripts), tuple(depends)))
    return tasks


def package_json(path: str, data: Any, text: str) -> list[Task]:
    """npm scripts of a package.json."""
    scripts = data.get("scripts") if isinstance(data, dict) else None
    if not isinstance(scripts, dict):
        return []
    return [
        Task(
            "npm",
            name,
            path,
            _toml_line(text, f'"{name}"'),
            ((value, _toml_line(text, f'"{name}"')),),
        )
        for name, value in scripts.items()
        if isinstance(value, str)
    ]


def lefthook(path: str, data: Any) -> list[Task]:
    """Git hooks of a lefthook.yml: one task per hook (`pre-commit`, `pre-push`...)."""
    if not isinstance(data, dict):
        return []
    tasks = []
    for hook, spec in data.items():
        if not isinstance(spec, dict) or not str(hook).startswith(("pre-", "commit-", "post-")):
            continue
        scripts: list[tuple[str, int]] = []
        for key in ("commands", "jobs", "scripts"):
            entries = spec.get(key)
            items = (
                entries.values()
                if isinstance(entries, dict)
                else entries
                if isinstance(entries, list)
                else []
            )
            for entry in items:
                if isinstance(entry, dict) and isinstance(entry.get("run"), str):
                    line = entry.line_of("run") if isinstance(entry, YamlMap) else 0
                    scripts.append((entry["run"], line))
        line = data.line_of(hook) if isinstance(data, YamlMap) else 0
        tasks.append(Task("lefthook", str(hook), path, line, tuple(scripts)))
    return tasks


def pre_commit(path: str, data: Any) -> list[Task]:
    """The hooks of a .pre-commit-config.yaml as one `pre-commit` task.

    A hook is its command: a local hook's `entry`, else its id read as words
    (`ruff-format` is `ruff format`), which is how the hook runs the tool.
    """
    repos = data.get("repos") if isinstance(data, dict) else None
    if not isinstance(repos, list):
        return []
    scripts = []
    for repo in repos:
        hooks = repo.get("hooks") if isinstance(repo, dict) else None
        for hook in hooks if isinstance(hooks, list) else []:
            if not isinstance(hook, dict) or not isinstance(hook.get("id"), str):
                continue
            line = hook.line_of("id") if isinstance(hook, YamlMap) else 0
            entry = hook.get("entry") if repo.get("repo") == "local" else None
            text = entry if isinstance(entry, str) else hook["id"].replace("-", " ")
            scripts.append((text, line))
    line = data.line_of("repos") if isinstance(data, YamlMap) else 0
    return [Task("pre-commit", "pre-commit", path, line, tuple(scripts))]
