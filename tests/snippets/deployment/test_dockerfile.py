"""The serving image's Dockerfile, parsed: pinned base, non-root, starts the tested app factory."""

import importlib
import json
from pathlib import Path

from snippets.deployment.serve import DEFAULT_MODEL_URI

ROOT = Path(__file__).resolve().parents[3]
DOCKERFILE = ROOT / "snippets" / "deployment" / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    logical, pending = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        pending += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            keyword, _, arguments = pending.strip().partition(" ")
            logical.append((keyword.upper(), arguments))
            pending = ""
    return logical


def arguments(keyword: str) -> list[str]:
    return [args for key, args in instructions() if key == keyword]


def test_the_base_image_is_pinned_to_a_python_release():
    (base,) = arguments("FROM")
    image, _, tag = base.partition(":")
    assert image == "python" and tag.startswith("3.11.") and "latest" not in tag


def test_everything_copied_exists_in_the_repository():
    for copy in arguments("COPY"):
        *sources, _ = copy.split()
        assert all((ROOT / source).exists() for source in sources), copy


def test_the_service_does_not_run_as_root():
    (user,) = arguments("USER")
    assert user not in {"root", "0"}
    assert instructions().index(("USER", user)) > max(
        i for i, (key, _) in enumerate(instructions()) if key == "RUN"
    )


def test_it_starts_the_app_factory_that_the_tests_serve():
    (cmd,) = arguments("CMD")
    command = json.loads(cmd)  # exec form: signals reach uvicorn, not a shell
    assert command[0] == "uvicorn" and "--factory" in command
    module, _, factory = command[1].partition(":")
    assert callable(getattr(importlib.import_module(module), factory))


def test_it_serves_the_champion_alias_by_default():
    assert f"MODEL_URI={DEFAULT_MODEL_URI}" in arguments("ENV")
