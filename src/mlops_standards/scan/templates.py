"""Project templates (Jinja, copier, cookiecutter, Go templates), read as the project they render.

A template repository keeps the product it generates in files such as
`template/{{.input_root_dir}}/.github/workflows/{{.name}}-ci.yml.tmpl`. A reviewer reads that
as a GitHub workflow of the rendered project, and so does the checker: the file has a
*logical path* (`.github/workflows/x-ci.yml`) under a *template root*, and its text is
rendered neutrally (expressions become a placeholder word, control tags vanish) before it is
parsed. A file that still does not parse is read as text: it is the template's syntax, not a
fault of the project.
"""

from __future__ import annotations

import re

TEMPLATE_SUFFIXES = (".tmpl", ".jinja", ".jinja2", ".j2")
PLACEHOLDER = "tmpl"
"""What an expression such as `{{ project_name }}` renders to."""

EXPRESSION = re.compile(r"\{\{-?\s*(?P<body>.*?)\s*-?\}\}", re.S)
TAG = re.compile(r"\{%-?.*?-?%\}|\{#.*?#\}", re.S)
# Go template actions that print nothing: control flow, definitions, comments.
GO_CONTROL = re.compile(r"^(if|else|end|range|with|define|block|/\*|break|continue)\b")
# A path segment that is wholly a template expression names a rendered folder.
TEMPLATED_SEGMENT = re.compile(r"^\{\{[^{}]*\}\}$")


def is_template_text(text: str) -> bool:
    """Whether a text carries template syntax (`{{ }}` or `{% %}`; GitHub's `${{ }}` is not)."""
    return "{%" in text or text.count("{{") > text.count("${{")


def render_neutral(text: str) -> str:
    """The text with template syntax rendered neutrally, line numbers kept.

    Expressions become `tmpl`; control tags, Go control actions and comments become nothing.
    Both branches of a conditional are kept: what either renders is the template's content.
    """

    def expression(match: re.Match[str]) -> str:
        body = match.group("body")
        newlines = "\n" * match.group(0).count("\n")
        return newlines if GO_CONTROL.match(body) else PLACEHOLDER + newlines

    def tag(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    return EXPRESSION.sub(expression, TAG.sub(tag, text))


def _segment(name: str) -> str:
    rendered = render_neutral(name).strip()
    return rendered or PLACEHOLDER


def template_root(path: str) -> str | None:
    """The folder a templated path is rendered from (`template/{{.root}}/`), if any.

    It is the deepest leading folder that is wholly a template expression, so the files under
    it keep their project layout (`.github/workflows/...`) relative to it.
    """
    parts = path.split("/")[:-1]
    root = None
    for index, part in enumerate(parts):
        if TEMPLATED_SEGMENT.match(part):
            root = "/".join(parts[: index + 1]) + "/"
            if index + 1 < len(parts) and parts[index + 1].startswith("."):
                break  # `.github`, `.gitlab`, `.azure` start the project's own layout
    return root


def logical_path(path: str, roots: tuple[str, ...] = ()) -> str:
    """The path a file has in the project it renders: relative to its root, names rendered.

    `roots` are extra template roots (a copier `_subdirectory`); the deepest that holds the
    file wins, after the templated folders found in the path itself.
    """
    root = template_root(path)
    candidates = [r for r in roots if path.startswith(r)]
    if root is None and candidates:
        root = max(candidates, key=len)
    rest = path[len(root) :] if root else path
    for suffix in TEMPLATE_SUFFIXES:
        if rest.endswith(suffix):
            rest = rest[: -len(suffix)]
            break
    if "{" not in rest:
        return rest
    return "/".join(_segment(part) for part in rest.split("/"))


def is_template_file(path: str) -> bool:
    """Whether a file is a template by its name (suffix or templated folders)."""
    return path.endswith(TEMPLATE_SUFFIXES) or "{{" in path or "{%" in path
