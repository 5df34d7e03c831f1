"""The snippet contract holds on the repository, and each breach of it is caught and named."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_standards.site.snippet_contract import violations

FIT = """import math

# --8<-- [start:fit]
def fit(values):
    return math.fsum(values) / len(values)
# --8<-- [end:fit]
"""


def make_repo(tmp_path: Path, pages: dict[str, str], snippets: dict[str, str]) -> Path:
    """A tiny repository with `docs/` pages and `snippets/` files, as the site would root them."""
    for folder, files in (("docs", pages), ("snippets", snippets)):
        (tmp_path / folder).mkdir()
        for name, text in files.items():
            path = tmp_path / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return tmp_path


def check(root: Path) -> list[str]:
    return violations(root / "docs", root / "snippets", root)


def page(*lines: str) -> str:
    return "\n".join(["# Page", "", *lines, ""])


def python_fence(*lines: str, info: str = "python") -> str:
    return "\n".join([f"```{info}", *lines, "```"])


def test_the_repository_keeps_the_contract(repo_root):
    found = violations(repo_root / "docs", repo_root / "snippets", repo_root)
    assert not found, "the snippet contract is broken:\n" + "\n".join(found)


def test_an_empty_snippets_folder_keeps_the_contract(tmp_path):
    root = make_repo(tmp_path, {"index.md": page("No code here.")}, {})
    assert check(root) == []


def test_includes_of_whole_files_sections_and_blocks_keep_the_contract(tmp_path):
    pages = {
        "a.md": page(python_fence('--8<-- "snippets/area/fit.py:fit"', info='py title="x"')),
        "sub/b.md": page(
            '=== "Tab"',
            "",
            "    ``` { .python .annotate }",
            '    --8<-- "snippets/area/fit.py"',
            "    ```",
            "",
            "```yaml",
            "--8<--",
            "snippets/area/config.yaml",
            "--8<--",
            "```",
        ),
        # An escaped include is shown, not expanded: prose about the syntax is allowed.
        "contributing.md": page("```markdown", ';--8<-- "snippets/missing.py"', "```"),
    }
    snippets = {"__init__.py": "", "area/fit.py": FIT, "area/config.yaml": "a: 1\n"}
    assert check(make_repo(tmp_path, pages, snippets)) == []


def test_a_missing_file_is_named_with_its_page_and_line(tmp_path):
    root = make_repo(tmp_path, {"a.md": page(python_fence('--8<-- "snippets/nope.py"'))}, {})
    assert check(root) == ["docs/a.md:4: includes 'snippets/nope.py', which does not exist"]


def test_a_missing_section_is_named(tmp_path):
    pages = {"a.md": page(python_fence('--8<-- "snippets/fit.py:predict"'))}
    root = make_repo(tmp_path, pages, {"fit.py": FIT})
    assert check(root) == [
        "docs/a.md:4: includes section 'predict' of snippets/fit.py, which has none"
    ]


def test_an_orphan_snippet_is_named(tmp_path):
    pages = {"a.md": page(python_fence('--8<-- "snippets/fit.py"'))}
    root = make_repo(tmp_path, pages, {"fit.py": FIT, "deep/orphan.py": "x = 1\n"})
    (root / "snippets" / "deep" / "__pycache__").mkdir()
    (root / "snippets" / "deep" / "__pycache__" / "orphan.cpython-311.pyc").write_bytes(b"\0")
    assert check(root) == ["snippets/deep/orphan.py: included by no page under docs/"]


@pytest.mark.parametrize(
    ("markers", "problem"),
    [
        (["start:fit"], "section 'fit' starts but never ends"),
        (["end:fit", "start:fit"], "section 'fit' ends before it starts"),
        (
            ["start:fit", "end:fit", "start:fit", "end:fit"],
            "section 'fit' is marked more than once",
        ),
    ],
)
def test_unbalanced_or_repeated_markers_are_named(tmp_path, markers, problem):
    text = "\n".join(f"# --8<-- [{m}]\nx = {i}" for i, m in enumerate(markers)) + "\n"
    pages = {"a.md": page(python_fence('--8<-- "snippets/fit.py"'))}
    found = check(make_repo(tmp_path, pages, {"fit.py": text}))
    assert len(found) == 1 and found[0].startswith("snippets/fit.py:1: " + problem), found


@pytest.mark.parametrize("info", ["python", "py", "pycon", 'python title="train.py"', "{.py}"])
def test_inline_python_in_a_fence_is_named(tmp_path, info):
    fence = python_fence('--8<-- "snippets/fit.py:fit"', "print(fit([1, 2]))", info=info)
    root = make_repo(tmp_path, {"a.md": page(fence)}, {"fit.py": FIT})
    found = check(root)
    assert len(found) == 1, found
    assert found[0].startswith("docs/a.md:5: the ```") and "print(fit([1, 2]))" in found[0]


def test_code_in_other_languages_and_closed_fences_is_left_alone(tmp_path):
    pages = {
        "a.md": page(
            python_fence("mlops-standards check .", info="bash"),
            "````markdown",
            "```python",
            "print('an example of what not to do')",
            "```",
            "````",
            python_fence('--8<-- "snippets/fit.py"'),
        )
    }
    assert check(make_repo(tmp_path, pages, {"fit.py": FIT})) == []


def test_line_number_includes_are_refused(tmp_path):
    pages = {"a.md": page(python_fence('--8<-- "snippets/fit.py:3:5"'))}
    found = check(make_repo(tmp_path, pages, {"fit.py": FIT}))
    assert len(found) == 1 and "by line numbers ':3:5'" in found[0], found


def test_includes_from_outside_snippets_are_refused(tmp_path):
    pages = {"a.md": page(python_fence('--8<-- "tools/setup.py"'))}
    root = make_repo(tmp_path, pages, {})
    (root / "tools").mkdir()
    (root / "tools" / "setup.py").write_text("x = 1\n", encoding="utf-8")
    assert check(root) == ["docs/a.md:4: includes 'tools/setup.py', which is not under snippets/"]


def test_every_breach_is_reported_at_once(tmp_path):
    pages = {
        "a.md": page(python_fence('--8<-- "snippets/nope.py"', "x = 1")),
        "b.md": page(python_fence('--8<-- "snippets/fit.py:predict"')),
    }
    root = make_repo(tmp_path, pages, {"fit.py": FIT, "orphan.py": "# --8<-- [start:a]\n"})
    assert len(check(root)) == 5
