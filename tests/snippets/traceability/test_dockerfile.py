import json
import re
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parents[3] / "snippets/traceability/Dockerfile"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuation lines joined."""
    joined = re.sub(r"\s*\\\n\s*", " ", text)
    pairs = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            pairs.append((keyword.upper(), arguments.strip()))
    return pairs


STEPS = instructions(DOCKERFILE.read_text())
KEYWORDS = [keyword for keyword, _ in STEPS]


def test_only_known_instructions():
    known = {"FROM", "ENV", "WORKDIR", "COPY", "RUN", "USER", "ENTRYPOINT", "CMD", "ARG"}
    assert set(KEYWORDS) <= known
    assert KEYWORDS[0] == "FROM"


def test_the_base_image_is_pinned_to_a_patch_release():
    image = STEPS[0][1]
    assert re.fullmatch(r"python:3\.11\.\d+-slim-\w+", image), image


def test_the_lock_file_is_installed_before_the_code_is_copied():
    copies = [arguments for keyword, arguments in STEPS if keyword == "COPY"]
    runs = [arguments for keyword, arguments in STEPS if keyword == "RUN"]
    assert copies[0] == "requirements.lock ./"
    assert "pip install --no-deps -r requirements.lock" in runs[0]
    lock_install = STEPS.index(("RUN", runs[0]))
    source_copy = STEPS.index(("COPY", "src/ src/"))
    assert lock_install < source_copy
    assert all("--no-deps" in run for run in runs if "pip install" in run)


def test_it_runs_as_an_unprivileged_user_in_exec_form():
    users = [arguments for keyword, arguments in STEPS if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert KEYWORDS.index("USER") < KEYWORDS.index("ENTRYPOINT")
    entrypoint = json.loads(STEPS[KEYWORDS.index("ENTRYPOINT")][1])
    assert entrypoint == ["python", "-m", "demand_forecast.train"]


def test_the_parser_joins_continuations_and_drops_comments():
    assert instructions("# c\nENV A=1 \\\n    B=2\n") == [("ENV", "A=1 B=2")]
