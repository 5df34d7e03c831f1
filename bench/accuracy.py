"""How well the checker sees real repositories: the labelled corpus, scored as a new user runs it.

Each repository of the corpus is copied to a temporary folder and given one git commit (a
user runs the checker in a checkout); `mlops-standards check --format json` runs on it with no
configuration; its verdicts are compared with the expert's labels as the corpus README
defines them:

- `passed` is met; `failed`, `skipped` and `error` are not met; `not-applicable` is not
  applicable; labels marked `unclear` are left out of every score;
- agreement: the share of labels the verdict equals; recall: the share of `met` labels the
  checker passes; precision: the share of the checker's passes labelled `met`.

It prints the figures overall, per repository and per requirement, the checker's level beside
the expert's, every disagreement on one line with the checker's evidence, and the same score a
second time with the labelled profile written into each repository's configuration. Exits 1
when a target of issue 8 is missed.

    .venv/bin/python bench/accuracy.py [CORPUS] [--checker PATH] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"agreement": 0.95, "precision": 0.97, "recall": 0.92}
REQUIREMENT_FLOOR = 0.80
VERDICT = {
    "passed": "met",
    "failed": "not-met",
    "skipped": "not-met",
    "error": "not-met",
    "not-applicable": "not-applicable",
}
GIT = [
    "git",
    "-c",
    "user.name=accuracy",
    "-c",
    "user.email=accuracy@example.com",
    "-c",
    "commit.gpgsign=false",
]


@dataclass
class Verdict:
    repo: str
    requirement: str
    expected: str
    got: str
    evidence: str
    """What the checker showed: its evidence, or where it looked."""


@dataclass
class Run:
    """One repository, checked once."""

    repo: str
    expert_level: int
    level: int | None = None
    verdicts: list[Verdict] = field(default_factory=list)
    error: str = ""


@dataclass
class Score:
    agree: int = 0
    judged: int = 0
    met: int = 0
    met_found: int = 0
    passes: int = 0
    passes_right: int = 0

    def add(self, v: Verdict) -> None:
        self.judged += 1
        self.agree += v.got == v.expected
        self.met += v.expected == "met"
        self.met_found += v.expected == "met" and v.got == "met"
        self.passes += v.got == "met"
        self.passes_right += v.got == "met" and v.expected == "met"

    @property
    def agreement(self) -> float:
        return self.agree / self.judged if self.judged else 1.0

    @property
    def recall(self) -> float:
        return self.met_found / self.met if self.met else 1.0

    @property
    def precision(self) -> float:
        return self.passes_right / self.passes if self.passes else 1.0

    def line(self) -> str:
        return (
            f"agreement {self.agreement:.3f} ({self.agree}/{self.judged})  "
            f"precision {self.precision:.3f} ({self.passes_right}/{self.passes})  "
            f"recall {self.recall:.3f} ({self.met_found}/{self.met})"
        )


def _evidence(result: dict) -> str:
    shown = []
    for e in result.get("evidence", [])[:2]:
        where = e["path"] + (f":{e['line']}" if e.get("line") else "")
        shown.append(f"{where} ({e['detail']})" if e.get("detail") else where)
    return "; ".join(shown) or result.get("message") or ""


def check(checker: str, source: Path, labels: dict, profile: str | None, workspace: Path) -> Run:
    """Copy one repository, commit it, check it, and compare with its labels."""
    name = source.name
    run = Run(labels["repo"], int(labels["expert_level"]))
    target = workspace / ("profiled" if profile else "new-user") / name
    shutil.copytree(source, target, symlinks=True)
    if profile:
        (target / ".mlops-standards.toml").write_text(f'profile = "{profile}"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A", "-f"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-q", "--no-verify", "-m", "snapshot"], cwd=target, check=True)
    done = subprocess.run(
        [checker, "check", str(target), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        run.error = (
            done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else f"exit {done.returncode}"
        )
        return run
    report = json.loads(done.stdout)["reports"][0]
    run.level = report["level"]
    results = {r["id"]: r for r in report["results"]}
    for rid, label in labels["labels"].items():
        expected = label["expected"]
        if expected == "unclear":
            continue
        result = results.get(rid)
        got = VERDICT.get(result["status"], "not-met") if result else "missing"
        run.verdicts.append(
            Verdict(run.repo, rid, expected, got, _evidence(result) if result else "no result")
        )
    return run


def score_corpus(checker: str, corpus: Path, labelled_profile: bool, jobs: int) -> list[Run]:
    labels = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((corpus / "labels").glob("*.yaml"))
    }
    repos = [corpus / "repos" / name for name in labels]
    missing = [r.name for r in repos if not r.is_dir()]
    if missing:
        raise SystemExit(f"accuracy: {corpus}: labels without a repository: {', '.join(missing)}")
    runs: list[Run] = []
    with (
        tempfile.TemporaryDirectory(prefix="mlops-accuracy-") as tmp,
        ThreadPoolExecutor(jobs) as pool,
    ):

        def one(repo: Path) -> Run:
            profile = labels[repo.name].get("profile") if labelled_profile else None
            return check(
                checker,
                repo,
                labels[repo.name],
                profile if profile != "unknown" else None,
                Path(tmp),
            )

        for n, run in enumerate(pool.map(one, repos), 1):
            print(f"  [{n}/{len(repos)}] {run.repo}", file=sys.stderr, flush=True)
            runs.append(run)
    return runs


def report(runs: list[Run], title: str, detail: bool) -> list[str]:
    """Print the scores of one pass over the corpus; return the targets it missed."""
    overall, per_requirement = Score(), defaultdict(Score)
    print(f"\n== {title}")
    width = max(len(r.repo) for r in runs)
    for run in runs:
        if run.error:
            print(f"  {run.repo:<{width}}  ERROR {run.error}")
            continue
        mine = Score()
        for v in run.verdicts:
            for s in (overall, mine, per_requirement[v.requirement]):
                s.add(v)
        marker = "=" if run.level == run.expert_level else "≠"
        print(
            f"  {run.repo:<{width}}  level {run.level} {marker} expert {run.expert_level}"
            f"   {mine.line()}"
        )
    exact = sum(r.level == r.expert_level for r in runs if not r.error)
    print(f"  overall: {overall.line()}   levels exact {exact}/{len(runs)}")
    missed = [
        f"{title}: {name} {getattr(overall, name):.3f} < {target}"
        for name, target in TARGETS.items()
        if getattr(overall, name) < target
    ]
    if detail:
        print("\n  per requirement (agreement, judged labels):")
        for rid in sorted(per_requirement):
            s = per_requirement[rid]
            flag = "  ← below the floor" if s.agreement < REQUIREMENT_FLOOR else ""
            print(f"    {rid:<8} {s.agreement:.3f} ({s.agree}/{s.judged}){flag}")
        disagreements = [v for r in runs for v in r.verdicts if v.got != v.expected]
        print(f"\n  disagreements ({len(disagreements)}):")
        for v in disagreements:
            print(
                f"    {v.repo} {v.requirement}: expert {v.expected}, checker {v.got} - {v.evidence}"
            )
    missed += [
        f"{title}: {rid} agreement {s.agreement:.3f} < {REQUIREMENT_FLOOR}"
        for rid, s in sorted(per_requirement.items())
        if s.agreement < REQUIREMENT_FLOOR
    ]
    missed += [f"{title}: {r.repo}: {r.error}" for r in runs if r.error]
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "corpus",
        nargs="?",
        default=str(ROOT.parent / "shared" / "corpus"),
        help="the corpus folder (default: ../shared/corpus)",
    )
    parser.add_argument(
        "--checker",
        default=str(Path(sys.executable).with_name("mlops-standards")),
        help="the mlops-standards executable (default: the one beside this Python)",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="repositories checked at once (default 2)"
    )
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "labels").is_dir():
        print(f"accuracy: {corpus}: not a corpus (no labels/ folder)", file=sys.stderr)
        return 2
    if not Path(args.checker).exists() and shutil.which(args.checker) is None:
        print(f"accuracy: {args.checker}: no such checker", file=sys.stderr)
        return 2
    print(
        f"corpus {corpus.resolve()}; targets: agreement ≥ {TARGETS['agreement']}, precision ≥ "
        f"{TARGETS['precision']}, recall ≥ {TARGETS['recall']}, "
        f"every requirement ≥ {REQUIREMENT_FLOOR}"
    )
    missed = report(
        score_corpus(args.checker, corpus, False, args.jobs),
        "as a new user (no configuration)",
        True,
    )
    missed += report(
        score_corpus(args.checker, corpus, True, args.jobs), "with the labelled profile", False
    )
    print("\nall targets met" if not missed else "\nmissed:\n  " + "\n  ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
