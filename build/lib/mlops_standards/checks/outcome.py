"""What a check returns: passed or failed, and the evidence either way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """A place in the repository that a check relied on or looked at."""

    path: str
    """POSIX path relative to the repository root (`.` for the root itself)."""
    line: int | None = None
    """1-based line number, where it makes sense."""
    detail: str = ""
    """What was seen there, or what was looked for, in a few words."""
    looked_for: tuple[str, ...] = ()
    """On a fail: the practices searched for; the report names their tools from tools.yaml."""
    via: tuple[str, ...] = ()
    """How the evidence was reached (`ci.yml:24`, `mise.toml:104`...), the origin first."""

    def __post_init__(self) -> None:
        if self.line is not None and self.line < 1:  # a line the reader could not tell
            object.__setattr__(self, "line", None)
        # A file name that is not UTF-8 reaches Python with surrogate escapes, which no report
        # format can encode; show such bytes as U+FFFD instead.
        if any("\udc80" <= c <= "\udcff" for c in self.path):
            shown = self.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            object.__setattr__(self, "path", shown)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        chain = " -> ".join((*self.via, self.where)) if self.via else self.where
        return f"{chain} ({self.detail})" if self.detail else chain


@dataclass(frozen=True)
class Outcome:
    """The verdict of one check.

    On a pass, `evidence` names what satisfied the requirement; on a fail, where the check
    looked. `error` is set when a file the check needs could not be read or parsed.
    """

    passed: bool
    evidence: tuple[Evidence, ...] = ()
    error: str | None = None


def passed(*evidence: Evidence) -> Outcome:
    """The requirement is met; `evidence` says by what."""
    return Outcome(True, evidence)


def failed(*looked_at: Evidence) -> Outcome:
    """The requirement is not met; `looked_at` says where the check searched."""
    return Outcome(False, looked_at)


def errored(message: str, *evidence: Evidence) -> Outcome:
    """The check could not decide, e.g. the file it needs is malformed."""
    return Outcome(False, evidence, error=message)
