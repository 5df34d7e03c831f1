"""Checks of the traceability & reproducibility area."""

from __future__ import annotations

from mlops_standards.scan.ci import PUSH_DEFAULT, SCHEDULE, TAG, Pipeline
from mlops_standards.scan.facts import IacFile
from mlops_standards.scan.python import Call, Module
from mlops_standards.scan.repository import Parsed

from .outcome import Evidence, Outcome, failed, passed
from .registry import check
from .search import (
    calls,
    ci_commands,
    ci_verdict,
    grep,
    importing,
    looked,
    named,
    unparsed,
    verdict,
)
from .search import paths as _paths

TRACKER_CALL = (
    r"^(mlflow\.(start_run|log_\w+|autolog|\w+\.autolog|set_experiment)"
    r"|wandb\.(init|log)|neptune(\.\w+)*\.init(_run)?|clearml\.Task\.init"
    r"|azureml\.core\.(Run|Experiment)(\.\w+)?|azure\.ai\.ml\.MLClient"
    r"|sagemaker\.experiments(\.run)?\.(Run|load_run)|comet_ml\.Experiment|dvclive\.Live)$"
)
TRACKER_WORDS = ("mlflow", "wandb", "neptune", "clearml", "azureml", "azure.ai.ml", "sagemaker",
                 "comet_ml", "dvclive")  # fmt: skip
TRACKERS = "MLflow, Weights & Biases, Neptune, ClearML, Azure ML, SageMaker, Comet or DVCLive"
COMMIT = (
    r"(?i)git[._ -]?commit|commit[_ -]?(sha|hash|id)\b|rev-parse|GITHUB_SHA|CI_COMMIT_SHA"
    r"|BUILD_SOURCEVERSION|head\.commit|git_sha"
)
TIME_TRAVEL = (
    r"\b(VERSION|TIMESTAMP|version|timestamp)\s+(AS|as)\s+(OF|of)\b|versionAsOf|timestampAsOf"
    r"|lakefs://"
)
HASH_WORDS = ("hash", "digest", "sha", "checksum", "fingerprint", "data_version", "dataset_version")
TRAINING_COMMAND = (
    r"python\s+(-m\s+)?\S*train|make\s+(re)?train|\btrain\w*\.py|databricks\s+(jobs|bundle)\s+run"
    r"|az\s+ml\s+job\s+create|dvc\s+repro|kedro\s+run|mlflow\s+run|gcloud\s+ai\s+custom-jobs"
)
ORCHESTRATORS = (
    "airflow",
    "prefect",
    "dagster",
    "kfp",
    "zenml",
    "metaflow",
    "flytekit",
    "sagemaker.workflow",
    "azure.ai.ml.dsl",
    "google.cloud.aiplatform",
    "kedro",
)
APPLY = (
    r"\b(terraform|terragrunt|tofu)\b[^\n|;&]*\sapply\b|az\s+deployment\s+\S+\s+create|az\s+stack"
    r"|New-AzResourceGroupDeployment|cdk\s+deploy|sam\s+deploy|aws\s+cloudformation\s+(deploy|"
    r"create-stack|update-stack)|pulumi\s+up|databricks\s+bundle\s+deploy|helm\s+(upgrade|install)"
    r"|kubectl\s+apply|uses: (azure/arm-deploy|pulumi/actions|aws-actions/aws-cloudformation)"
    r"|task: AzureResourceManagerTemplateDeployment"
)
DEPLOY = (
    r"\bdeploy\b|deploy\w*\.py|helm\s+(upgrade|install)|kubectl\s+(apply|set\s+image|rollout)"
    r"|az\s+ml\s+online-(endpoint|deployment)|gcloud\s+run\s+deploy|serving-endpoints"
    r"|mlflow\s+deployments|uses: azure/(webapps-deploy|k8s-deploy)|az\s+webapp\s+deploy"
)
EVALUATION_GATE = (
    r"\b([Cc]hampion|[Cc]hallenger|CHAMPION|CHALLENGER|MetricThreshold|baseline_model"
    r"|validation_thresholds)\b"
    r"|def\s+\w*(compare_models|gate|promot|is_better|better_than)\w*\s*\("
)


@check("TR-001")
def code_under_version_control(is_git_repository: bool) -> Outcome:
    if is_git_repository:
        return passed(Evidence(".git", detail="git repository"))
    return failed(Evidence(".", detail="no .git at the repository root"))


@check("TR-002")
def lock_file_committed(lock_files: list[str], requirements_files: list[Parsed[str]]) -> Outcome:
    if lock_files:
        return passed(*(Evidence(path, detail="lock file") for path in lock_files))
    loose = [Evidence(r.path, detail="not every requirement pinned") for r in requirements_files]
    return failed(
        *loose,
        looked(
            ".",
            "uv.lock, poetry.lock, pdm.lock, pixi.lock, Pipfile.lock, conda-lock, "
            "or requirements pinned with == or hashes",
        ),
    )


@check("TR-003")
def environment_defined_as_code(
    dockerfiles: list[str], conda_environments: list[str], paths: list[str], config_texts: list
) -> Outcome:
    found = [Evidence(p, detail="container definition") for p in dockerfiles]
    found += [Evidence(p, detail="conda environment") for p in conda_environments]
    found += _paths(paths, r"(^|/)(\.devcontainer/devcontainer\.json|MLproject)$", "environment")
    found += grep(config_texts, r"environment\.schema\.json", "Azure ML environment")
    return verdict(found, looked(".", "Dockerfile, Containerfile, environment.yml, devcontainer"))


@check("TR-004")
def experiments_tracked(source_modules: list[Module], unreadable_python: list[Parsed]) -> Outcome:
    found = calls(source_modules, named(TRACKER_CALL), TRACKER_WORDS)
    where = unparsed(unreadable_python, source_modules)
    return verdict(found, looked("*.py, *.ipynb", TRACKERS), *where)


@check("TR-005", requires={"TR-004"})
def commit_logged_with_run(source_modules: list[Module]) -> Outcome:
    found = grep(importing(source_modules, *_TRACKER_PACKAGES), COMMIT, "git commit recorded")
    found += calls(
        source_modules, named(r"^wandb\.init$"), ("wandb",)
    )  # W&B records the commit itself
    return verdict(found, looked("tracking code", "a git commit logged as a tag or parameter"))


_TRACKER_PACKAGES = ("mlflow", "wandb", "neptune", "clearml", "azureml", "sagemaker", "comet_ml")


def _logs_hash(call: Call) -> bool:
    logs = call.name.rsplit(".", 1)[-1] in ("log_param", "log_params", "set_tag", "set_tags")
    return logs and any(w in s.lower() for s in call.strings for w in HASH_WORDS)


@check("TR-006")
def training_data_versioned(
    paths: list[str], source_modules: list[Module], config_texts: list[Parsed[str]]
) -> Outcome:
    found = _paths(paths, r"(^|/)(dvc\.yaml|dvc\.lock|\.dvc/config)$|\.dvc$", "DVC")
    found += [
        Evidence(m.path, detail="lakeFS client")
        for m in importing(source_modules, "lakefs", "lakefs_client", "lakefs_sdk", "lakefs_spec")
    ]
    found += grep([*source_modules, *config_texts], TIME_TRAVEL, "Delta / lakeFS time travel")
    found += calls(source_modules, named(r"^mlflow\.(log_input|data\.from_\w+)$"), ("mlflow",))
    found += calls(source_modules, _logs_hash, HASH_WORDS)
    return verdict(found, looked(".", "DVC, lakeFS, Delta VERSION AS OF, a data hash logged"))


@check("TR-007", requires={"TR-004"})
def environment_logged_with_run(source_modules: list[Module]) -> Outcome:
    def records(call: Call) -> bool:
        kind = call.name.rsplit(".", 1)[-1]
        artifact = kind in ("log_artifact", "set_tag") and any(
            w in s.lower() for s in call.strings for w in ("lock", "requirements", "conda", "image")
        )
        return kind == "log_model" or artifact or call.name == "wandb.init"

    found = calls(source_modules, records, ("log_model", "log_artifact", "set_tag", "wandb"))
    return verdict(found, looked("tracking code", "a logged model flavour or environment artifact"))


REGISTER = (
    r"(^mlflow\.register_model|create_model_version|create_registered_model|"
    r"set_registered_model_alias|link_model|link_artifact|models\.create_or_update|"
    r"model_package_group)$"
)
REGISTER_WORDS = ("register", "create_model_version", "link_", "models.create_or_update",
                  "model_package_group")  # fmt: skip
ADDRESS = (
    r"models:/[^\s\"']+[/@]|get_model_version_by_alias|\.use_(artifact|model)\([^)]*:(v\d+|\w+)"
    r"|models\.get\([^)]*(version|label)|ModelPackageArn|model_package_arn"
)


@check("TR-008", requires={"TR-004"})
def models_registered_by_version(source_modules: list[Module]) -> Outcome:
    registered = calls(source_modules, named(REGISTER), REGISTER_WORDS)
    registered += calls(
        source_modules, lambda c: "registered_model_name" in c.keywords, ("registered_model_name",)
    )
    addressed = grep(source_modules, ADDRESS, "model addressed by version or alias")
    if registered and addressed:
        return passed(registered[0], addressed[0])
    return failed(
        *(registered or [looked("*.py, *.ipynb", "registration in a model registry")]),
        *(addressed or [looked("*.py, *.ipynb", "models:/name/version or @alias")]),
    )


@check("TR-009")
def seeds_fixed(source_modules: list[Module]) -> Outcome:
    def seeds(call: Call) -> bool:
        if call.keywords & {"random_state", "seed", "random_seed"}:
            return True
        leaf = call.name.rsplit(".", 1)[-1]
        return call.arity > 0 and leaf in (
            "seed",
            "manual_seed",
            "set_seed",
            "seed_everything",
            "default_rng",
            "set_random_seed",
            "RandomState",
        )

    found = calls(source_modules, seeds, ("seed", "random_state", "default_rng", "RandomState"))
    return verdict(found, looked("*.py, *.ipynb", "random_state= or seeds"))


@check("TR-010")
def training_pipeline_automated(
    ci: list[Pipeline], source_modules: list[Module], iac: list[IacFile], config_texts: list
) -> Outcome:
    # A training command on pull requests only is a smoke test, not a pipeline.
    found = ci_commands(ci, TRAINING_COMMAND, SCHEDULE, PUSH_DEFAULT, TAG)
    found += [
        Evidence(m.path, detail="pipeline orchestrator")
        for m in importing(source_modules, *ORCHESTRATORS)
    ]
    bundles = [t for t in config_texts if t.path in {f.path for f in iac}]
    found += grep(bundles, r"^\s+jobs:\s*$", "Databricks job")
    found += grep(config_texts, r"pipelineJob\.schema\.json", "Azure ML pipeline")
    return verdict(
        found,
        looked("CI and code", "a training job run by CI, an orchestrator or a platform pipeline"),
    )


@check("TR-011")
def infrastructure_as_code(iac: list[IacFile]) -> Outcome:
    found = [Evidence(f.path, detail=f.kind) for f in iac]
    return verdict(
        found,
        looked(
            ".",
            "Terraform, Bicep/ARM, CloudFormation, Pulumi, Databricks "
            "bundles, Helm or Kubernetes manifests",
        ),
    )


@check("TR-013", requires={"TR-011"})
def infrastructure_applied_by_cd(ci: list[Pipeline]) -> Outcome:
    return ci_verdict(
        ci_commands(ci, APPLY, PUSH_DEFAULT, TAG), ci, "infrastructure apply on the default branch"
    )


@check("TR-015")
def several_environments(deployment_environments: dict[str, tuple[str, int | None]]) -> Outcome:
    found = [
        Evidence(p, line, f"environment {name}")
        for name, (p, line) in deployment_environments.items()
    ]
    if len(found) >= 2:
        return passed(*found)
    return failed(
        *found,
        looked(
            ".",
            "two or more of dev / test / acc / staging / prod in "
            "deployment config, bundle targets or CI environments",
        ),
    )


@check("TR-017")
def model_deployed_by_cd(ci: list[Pipeline]) -> Outcome:
    found = ci_commands(ci, DEPLOY, PUSH_DEFAULT, TAG)
    found += [
        Evidence(p.path, detail=f"{job.name} deploys to {job.environment}")
        for p in ci
        for job in p.jobs
        if job.environment and job.triggers & {PUSH_DEFAULT, TAG}
    ]
    return ci_verdict(found, ci, "deployment on the default branch or a tag")


@check("TR-019")
def evaluation_gate_before_serving(source_modules: list[Module]) -> Outcome:
    found = grep(source_modules, EVALUATION_GATE, "candidate compared with the current model")
    found += calls(source_modules, lambda c: "baseline_model" in c.keywords, ("baseline_model",))
    return verdict(found, looked("*.py, *.ipynb", "a champion / challenger comparison"))
