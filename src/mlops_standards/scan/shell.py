"""Shell text split into the commands it runs, each as words with its line.

A CI step, a Makefile recipe or a script is a sequence of commands joined by newlines, `;`,
`&&`, `||` and pipes. Each command is split into words with `shlex` (the standard library's
POSIX shell lexer), leading variable assignments and wrappers that only change *how* a
program runs (`sudo`, `uv run`, `poetry run`, `python -m`, `coverage run -m`...) are peeled
off, and what remains is the program and its arguments. `echo "pytest will run here"` is the
program `echo`; a comment is nothing.

Chosen over a full bash grammar (bashlex): CI steps and recipes are simple command lists, and
the standard library's lexer handles their quoting; a line it cannot split is kept as its
whitespace-separated words.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

SEPARATORS = frozenset({";", "&&", "||", "|", "&", "(", ")", ";;", "|&"})
# Programs that run the next word as the program (after their own options).
WRAPPERS = frozenset(
    {
        "sudo",
        "time",
        "nohup",
        "exec",
        "command",
        "xvfb-run",
        "nice",
        "timeout",
        "stdbuf",
        "caffeinate",
        "dotenv",
        "with-contenv",
    }
)
# Runners whose `run` subcommand runs the next word: `uv run pytest`, `poetry run pytest`.
RUNNERS = frozenset(
    {
        "uv",
        "poetry",
        "pipenv",
        "pdm",
        "hatch",
        "rye",
        "pixi",
        "conda",
        "mamba",
        "micromamba",
        "uvx",
        "pipx",
        "npx",
        "bunx",
    }
)
PYTHONS = re.compile(r"^(python(\d(\.\d+)?)?|py|pypy3?)$")
SHELL_CONTROL = frozenset(
    {
        "if",
        "then",
        "else",
        "elif",
        "fi",
        "do",
        "done",
        "while",
        "for",
        "until",
        "case",
        "esac",
        "!",
        "{",
        "}",
        "[[",
        "]]",
    }
)
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True, slots=True)
class Command:
    """One command a script, a recipe or a CI step runs."""

    program: str
    """The program run, after wrappers are peeled off (`pytest` for `uv run python -m pytest`)."""
    args: tuple[str, ...]
    """Its arguments."""
    line: int
    """1-based line in the file the command was read from."""
    text: str
    """The command as written, for evidence."""

    @property
    def words(self) -> tuple[str, ...]:
        return (self.program, *self.args)


def _unwrap(words: list[str]) -> list[str]:
    """Peel assignments and wrappers off the front of a command's words."""
    while words:
        head = words[0]
        base = head.rsplit("/", 1)[-1]
        if ASSIGNMENT.match(head):
            words = words[1:]
        elif base == "env":
            words = [w for w in words[1:] if not ASSIGNMENT.match(w) and not w.startswith("-")]
        elif base in WRAPPERS:
            words = words[1:]
            while words and (words[0].startswith("-") or words[0][:1].isdigit()):
                words = words[1:]
        elif base in RUNNERS and len(words) > 1:
            rest = words[1:]
            if base in ("uvx", "pipx", "npx", "bunx"):
                rest = rest[1:] if base == "pipx" and rest[:1] == ["run"] else rest
            elif rest[0] == "run":  # `uv run`, `poetry run`, `conda run`, `pdm run`...
                rest = rest[1:]
            else:
                return words
            # Options of the runner itself: `uv run --frozen pytest`, `conda run -n env x`.
            while rest and rest[0].startswith("-"):
                takes_value = rest[0] in (
                    "-n",
                    "--name",
                    "-p",
                    "--prefix",
                    "--with",
                    "-e",
                    "--env",
                    "--python",
                    "--group",
                    "--extra",
                )
                rest = rest[2:] if takes_value and "=" not in rest[0] else rest[1:]
            words = rest
        elif PYTHONS.match(base) and len(words) > 2 and words[1] == "-m":
            words = words[2:]
        elif (
            PYTHONS.match(base)
            and len(words) > 1
            and words[1].startswith("-")
            and words[1] not in ("-m", "-c")
        ):
            words = [words[0], *words[2:]]
        elif base == "coverage" and len(words) > 2 and words[1] == "run":
            rest = words[2:]
            while rest and rest[0].startswith("-") and rest[0] != "-m":
                rest = rest[1:]
            words = rest[1:] if rest[:1] == ["-m"] else ["python", *rest]
        else:
            return words
    return words


def _tokens(line: str) -> list[str]:
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: keep what the line plainly says
        return line.split("#", 1)[0].split()


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Lines of shell text with backslash continuations joined, each with its first line."""
    lines: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        lines.append((start, pending + line))
        pending = ""
    if pending:
        lines.append((start, pending))
    return lines


def commands(text: str, first_line: int = 1) -> list[Command]:
    """The commands a piece of shell text runs, in order.

    `first_line` is the file line of the text's first line, so each command names its own.
    """
    found: list[Command] = []
    for offset, line in _logical_lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        current: list[str] = []
        for token in [*_tokens(stripped), ";"]:
            if token in SEPARATORS or token in SHELL_CONTROL:
                words = _unwrap(current)
                if words and not words[0].startswith("$("):
                    program = words[0].rsplit("/", 1)[-1] if words[0].startswith("/") else words[0]
                    found.append(
                        Command(program, tuple(words[1:]), first_line + offset - 1, stripped)
                    )
                current = []
            else:
                current.append(token)
    return found
