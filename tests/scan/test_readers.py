"""The scan's readers, each on the file shapes real repositories have: records with the file
and line they come from, and no judgement.

YAML keeps the line of every key, shell text becomes the commands it runs, templates render
neutrally, Python becomes resolved records (never a comment or a docstring), Markdown becomes
sections, CI files become jobs, and the command graph follows runners to the code they run
without looping.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from mlops_standards.scan import templates
from mlops_standards.scan.ci import azure, github, gitlab, others
from mlops_standards.scan.markdown import document
from mlops_standards.scan.python import Module, Source, summarise
from mlops_standards.scan.shell import commands
from mlops_standards.scan.yamlnodes import load
from tests.scan.tree import facts, write_tree

# -- YAML ------------------------------------------------------------------------------------------


def test_yaml_keeps_the_line_of_every_key_and_item() -> None:
    data = load(
        "name: ci\nwhen: [push]\njobs:\n  test:\n    steps:\n      - run: make\n      - uses: actions/checkout@v5\n"
    )
    assert data.line_of("jobs") == 3
    steps = data["jobs"]["test"]["steps"]
    assert (data["jobs"].line_of("test"), steps.line_of(0), steps.line_of(1)) == (4, 6, 7)
    assert data["when"] == ["push"] and data["name"] == "ci"  # plain values compare as plain values


def test_yaml_reads_gitlab_references_and_several_documents() -> None:
    data = load(
        ".base:\n  script: [make test]\ntest:\n  script:\n    - !reference [.base, script]\n"
    )
    assert "test" in data
    several = load("kind: Deployment\n---\nkind: Service\n")
    assert [d["kind"] for d in several] == ["Deployment", "Service"]


# -- shell -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "program", "args"),
    [
        ("uv run python -m pytest -q", "pytest", ("-q",)),
        ("poetry run pytest tests", "pytest", ("tests",)),
        ("env PYTHONPATH=src python train.py", "python", ("train.py",)),
        ("MLFLOW_TRACKING_URI=sqlite:///m.db python -m pkg.train", "pkg.train", ()),
        ("sudo -E docker build .", "docker", ("build", ".")),
    ],
    ids=["uv", "poetry", "env", "assignment", "sudo"],
)
def test_wrappers_are_peeled_off_to_the_program_run(text: str, program: str, args: tuple) -> None:
    (command,) = commands(text)
    assert (command.program, command.args[: len(args)]) == (program, args)


def test_a_script_is_its_commands_with_their_lines_never_its_comments_or_echoes() -> None:
    script = 'set -e\n# pytest would run here\necho "pytest"\ncd src && ruff check .\n\\\n  && pytest -x\n'
    found = [(c.program, c.line) for c in commands(script, first_line=10)]
    assert ("ruff", 13) in found and ("pytest", 14) in found
    assert all(program != "pytest" or line == 14 for program, line in found)


# -- templates -------------------------------------------------------------------------------------


def test_templates_render_neutrally_and_keep_their_lines() -> None:
    text = "name: {{ project }}\n{% if ci %}\nci: true\n{% endif %}\nimage: {{ .Values.image }}\n"
    rendered = templates.render_neutral(text)
    assert rendered.count("\n") == text.count("\n")
    assert "{{" not in rendered and "{%" not in rendered and "ci: true" in rendered
    assert templates.is_template_text(text) and not templates.is_template_text(
        "run: ${{ matrix.python }}\n"
    )


def test_a_template_path_is_read_as_the_path_it_renders_to() -> None:
    assert templates.logical_path("{{cookiecutter.slug}}/src/train.py.jinja") == "src/train.py"
    assert (
        templates.logical_path("template/pyproject.toml.jinja", ("template/",)) == "pyproject.toml"
    )


# -- Python ----------------------------------------------------------------------------------------


def _records(text: str, test: bool = False, package: str = ""):
    return summarise(ast.parse(text), test, package)


def test_calls_resolve_through_imports_aliases_and_assignments() -> None:
    records = _records(
        "import mlflow as mf\nfrom mlflow import MlflowClient\n\nclient = MlflowClient()\n"
        "mf.log_metric('mae', score)\nclient.set_registered_model_alias('m', 'champion', 3)\n"
    )
    names = [(c.name, c.line) for c in records.calls]
    assert ("mlflow.log_metric", 5) in names
    assert ("mlflow.MlflowClient().set_registered_model_alias", 6) in names


def test_arguments_are_literals_or_named_sources() -> None:
    (call,) = [
        c
        for c in _records(
            "import mlflow, random\nsha = get_commit()\n"
            "mlflow.log_params({'git_sha': sha, 'seed': random.randint(0, 9), 'n': 3})\n"
        ).calls
        if c.name == "mlflow.log_params"
    ]
    logged = call.args[0]
    assert (
        logged["n"] == 3
        and isinstance(logged["git_sha"], Source)
        and logged["git_sha"] == "get_commit()"
    )
    assert logged["seed"] == "random.randint()"


def test_relative_imports_resolve_in_their_package() -> None:
    records = _records(
        "from .lineage import git_tags\nfrom ..util import log\n", package="pkg.jobs"
    )
    assert {i.module for i in records.imports} >= {"pkg.jobs.lineage", "pkg.util"}


def test_comments_and_docstrings_are_never_strings_of_the_code() -> None:
    records = _records(
        '"""Logs mlflow.source.git.commit."""\n# GITHUB_SHA\nx = "models:/forecast@champion"\n'
    )
    assert [text for text, _ in records.strings] == ["models:/forecast@champion"]


def test_a_function_knows_whether_it_does_anything() -> None:
    records = _records(
        "def test_a():\n    pass\n\ndef test_b():\n    '''Doc.'''\n    assert True\n\n"
        "def test_c():\n    assert predict([1]) == [2]\n",
        test=True,
    )
    assert {f.name: f.substantive for f in records.functions} == {
        "test_a": False,
        "test_b": False,
        "test_c": True,
    }


def test_notebook_magics_are_not_syntax_errors() -> None:
    module = Module("explore.py", "%pip install mlflow\n!ls\nimport mlflow\nmlflow.autolog()\n")
    assert module.error is None and [c.name for c in module.records.calls] == ["mlflow.autolog"]


def test_invalid_python_is_an_error_with_no_records() -> None:
    module = Module("train.py", "def broken(:\n")
    assert (
        module.error and module.error.startswith("not valid Python") and module.records.calls == ()
    )


# -- Markdown --------------------------------------------------------------------------------------


def test_markdown_is_sections_with_lines_blocks_and_pictures() -> None:
    doc = document(
        "README.md",
        "# Forecast\n\nIntro.\n\n## Architecture\n\n![flow](docs/flow.png)\n\n"
        "| part | job |\n|---|---|\n| api | serves |\n\n```bash\nmake run\n```\n",
    )
    heads = [(s.heading, s.level, s.line) for s in doc.sections if s.heading]
    assert heads == [("Forecast", 1, 1), ("Architecture", 2, 5)]
    architecture = doc.sections[-1]
    assert architecture.images == 1 and {"table", "code"} <= set(architecture.blocks)
    assert "serves" in architecture.text and "make run" in architecture.text


def test_a_heading_in_a_code_block_is_not_a_heading() -> None:
    doc = document("README.md", "# Real\n\n```markdown\n# Not a heading\n```\n")
    assert [s.heading for s in doc.sections if s.heading] == ["Real"]


# -- CI readers ------------------------------------------------------------------------------------


def test_github_jobs_have_triggers_steps_lines_and_environments() -> None:
    pipeline = github.workflow(
        ".github/workflows/cd.yml",
        load(
            "on:\n  push:\n    branches: [main]\n    paths: ['forecast/**']\n  workflow_dispatch:\njobs:\n  deploy:\n"
            "    if: false\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n"
            "      - run: |\n          make deploy\n        working-directory: forecast\n"
        ),
    )
    (job,) = pipeline.jobs
    assert (
        {"push-default", "manual"} <= set(job.triggers)
        and job.environment == "production"
        and job.disabled
    )
    assert job.paths == ("forecast/**",)
    assert job.steps[1].directory == "forecast"
    assert [(c.program, c.line) for c in job.steps[1].commands()] == [("make", 14)]


def test_gitlab_jobs_merge_extends_and_skip_hidden_templates() -> None:
    pipeline = gitlab.pipeline(
        ".gitlab-ci.yml",
        load(
            ".train:\n  script: [python -m pkg.train]\ntrain:\n  extends: .train\n  rules:\n    - if: $CI_PIPELINE_SOURCE == 'schedule'\n"
        ),
    )
    assert [j.name for j in pipeline.jobs] == ["train"]
    assert [c.program for step in pipeline.jobs[0].steps for c in step.commands()] == ["pkg.train"]


def test_azure_template_parameters_are_substituted() -> None:
    template = azure.pipeline(
        "templates/deploy.yml",
        load(
            "parameters:\n  - name: target\n    default: acc\nsteps:\n  - script: databricks bundle deploy --target ${{ parameters.target }}\n"
        ),
    )
    assert azure.parameter_defaults(load("parameters:\n  - name: target\n    default: acc\n")) == {
        "target": "acc"
    }
    step = template.jobs[0].steps[0]
    assert step.commands({"target": "prod"})[0].args[-1] == "prod"


def test_other_ci_systems_become_jobs_with_commands() -> None:
    jenkins = others.jenkins(
        "Jenkinsfile",
        "pipeline {\n  stages {\n    stage('test') {\n      steps {\n"
        "        sh 'pytest -q'\n      }\n    }\n  }\n}\n",
    )
    circle = others.circleci(
        ".circleci/config.yml",
        load("version: 2.1\njobs:\n  test:\n    steps:\n      - run: pytest\n"),
    )
    programs = {
        c.program for p in (jenkins, circle) for j in p.jobs for s in j.steps for c in s.commands()
    }
    assert programs == {"pytest"}


# -- the command graph, through the facts -----------------------------------------------------------


def test_ci_reaches_code_through_task_runners_scripts_and_modules(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".github/workflows/train.yml": "on:\n  schedule: [{cron: '0 3 * * 1'}]\njobs:\n  train:\n"
            "    runs-on: ubuntu-latest\n    steps:\n      - run: make train\n",
            "Makefile": "train: data\n\tbash scripts/train.sh\ndata:\n\tpython -m pkg.data\n",
            "scripts/train.sh": "#!/bin/sh\nuv run python src/pkg/train.py --epochs 3\n",
            "src/pkg/train.py": "import mlflow\nmlflow.autolog()\n",
            "src/pkg/data.py": "print('data')\n",
        },
    )
    (job,) = facts(root).ci_jobs
    reached = {m.module.path for m in job.reach.modules}
    assert reached == {"src/pkg/train.py", "src/pkg/data.py"}
    train = next(m for m in job.reach.modules if m.module.path == "src/pkg/train.py")
    assert train.via[0] == ".github/workflows/train.yml:7" and "scripts/train.sh:2" in train.via


def test_runners_that_call_themselves_end(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".github/workflows/ci.yml": "on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make a\n",
            "Makefile": "a:\n\t$(MAKE) b\nb:\n\tmake a\n\tbash loop.sh\n",
            "loop.sh": "bash loop.sh\nmake a\npytest\n",
        },
    )
    (job,) = facts(root).ci_jobs
    programs = [r.command.program for r in job.reach.commands]
    assert "pytest" in programs and len(programs) < 50
