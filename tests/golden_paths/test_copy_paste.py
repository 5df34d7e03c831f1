"""A user's day: copy every block of the golden paths into an empty folder and run the pages.

The site is built, every code block is taken exactly as the copy button copies it, files are
written by their titles into a folder outside the repository, and the pages' shell blocks run
there in the order the golden-path index gives, in a fresh virtual environment installed from
the project's own pyproject.toml and lock file. What each command prints must be what the page
shows under *Output*.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.golden_paths.pages import BACKGROUND, OUTPUT, Block, blocks, build_order

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "snippets" / "demand-forecast"
# Run IDs, commits and content hashes differ from run to run; everything else must match.
VOLATILE = re.compile(r"\b[0-9a-f]{32,64}\b")


def normalised(text: str) -> str:
    lines = VOLATILE.sub("<id>", text).strip().splitlines()
    return "\n".join(line.rstrip() for line in lines)


def tracked_files(root: Path) -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True)
    return set(listed.stdout.split())


@pytest.fixture(scope="session")
def golden_blocks(built_site) -> dict[str, list[Block]]:
    """Every block of every golden-path page, by page source path."""
    pages = sorted((ROOT / "docs" / "golden-paths").glob("*.md"))
    return {
        f"golden-paths/{p.name}": blocks(built_site.page(f"golden-paths/{p.name}"), p.name)
        for p in pages
    }


@pytest.fixture(scope="session")
def pasted(golden_blocks, tmp_path_factory) -> Path:
    """An empty folder outside the repository holding every file block, saved by its title."""
    folder = tmp_path_factory.mktemp("pasted") / "demand-forecast"
    folder.mkdir()
    for block in (b for page in golden_blocks.values() for b in page if b.is_file):
        path = folder / block.title
        text = block.text if block.text.endswith("\n") else block.text + "\n"
        if path.exists():
            assert path.read_text(encoding="utf-8") == text, (
                f"{block.title} shown twice, differently"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert not folder.resolve().is_relative_to(ROOT)
    return folder


def test_the_pages_hold_every_file_of_the_reference_project_and_nothing_else(pasted):
    written = {p.relative_to(pasted).as_posix() for p in pasted.rglob("*") if p.is_file()}
    assert written == tracked_files(PROJECT)


def test_every_pasted_file_is_the_tested_file(pasted):
    differ = [
        name
        for name in tracked_files(PROJECT)
        if (pasted / name).read_bytes() != (PROJECT / name).read_bytes()
    ]
    assert differ == []


def test_no_block_imports_this_repository(golden_blocks):
    leaks = [
        f"{b.page}: {b.title or b.language}"
        for page in golden_blocks.values()
        for b in page
        if re.search(r"\b(snippets\.|mlops_standards)", b.text)
    ]
    assert leaks == []


def test_the_build_order_names_every_page_with_commands(built_site, golden_blocks):
    order = build_order(built_site.page("golden-paths/index.md"))
    with_commands = {
        page for page, found in golden_blocks.items() if any(b.is_command for b in found)
    }
    assert with_commands <= set(order)
    assert order[0] == "golden-paths/index.md"


def wait_for_port(port: int, process: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert process.poll() is None, "the background command stopped"
            assert time.monotonic() < deadline, f"nothing listens on port {port}"
            time.sleep(0.2)


@pytest.mark.slow
def test_the_commands_run_as_pasted_and_print_what_the_pages_show(
    built_site, golden_blocks, pasted
):
    order = build_order(built_site.page("golden-paths/index.md"))
    base = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLFLOW_", "VIRTUAL_ENV"))}
    env |= {
        # What `. .venv/bin/activate` does, for every block after the one that creates it.
        "PATH": f"{pasted / '.venv' / 'bin'}{os.pathsep}{base}{os.pathsep}{env['PATH']}",
        "GIT_AUTHOR_NAME": "Data Scientist", "GIT_AUTHOR_EMAIL": "ds@example.com",
        "GIT_COMMITTER_NAME": "Data Scientist", "GIT_COMMITTER_EMAIL": "ds@example.com",
        "PRE_COMMIT_HOME": str(pasted.parent / "pre-commit-cache"),
    }  # fmt: skip
    background: list[subprocess.Popen] = []
    mismatches, last = [], None
    try:
        for page in order:
            for block in golden_blocks[page]:
                if block.title == OUTPUT:
                    assert last is not None, f"{page}: output block before any command"
                    if normalised(last) != normalised(block.text):
                        mismatches.append(f"{page}:\n--- page\n{block.text}\n--- run\n{last}")
                    continue
                if not block.is_command:
                    continue
                if block.title == BACKGROUND:
                    port = int(re.search(r"--port (\d+)", block.text)[1])
                    # Another service on the page's port would answer in our place.
                    with socket.socket() as probe:
                        assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is in use"
                    process = subprocess.Popen(
                        ["bash", "-ec", block.text], cwd=pasted, env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        start_new_session=True,
                    )  # fmt: skip
                    background.append(process)
                    wait_for_port(port, process, time.monotonic() + 120)
                    continue
                done = subprocess.run(
                    ["bash", "-ec", block.text], cwd=pasted, env=env, capture_output=True,
                    text=True, timeout=600,
                )  # fmt: skip
                assert done.returncode == 0, f"{page}: {block.text}\n{done.stdout}\n{done.stderr}"
                last = done.stdout
    finally:
        for process in background:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    assert mismatches == [], "\n\n".join(mismatches)
