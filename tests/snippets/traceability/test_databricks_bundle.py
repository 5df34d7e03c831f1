from pathlib import Path

import yaml

BUNDLE = yaml.safe_load(
    (
        Path(__file__).resolve().parents[3] / "snippets/traceability/databricks_bundle.yml"
    ).read_text()
)
TARGETS = BUNDLE["targets"]


def test_there_are_development_acceptance_and_production_targets():
    assert list(TARGETS) == ["dev", "acc", "prd"]
    assert TARGETS["dev"]["mode"] == "development" and TARGETS["dev"]["default"] is True
    assert {TARGETS[name]["mode"] for name in ("acc", "prd")} == {"production"}
    hosts = [target["workspace"]["host"] for target in TARGETS.values()]
    assert len(set(hosts)) == 3 and all(host.startswith("https://") for host in hosts)


def test_acceptance_and_production_are_identical_but_for_configuration():
    # Resources are defined once at the top level; a target only sets variables and identity.
    assert all("resources" not in target for target in TARGETS.values())
    acc, prd = TARGETS["acc"], TARGETS["prd"]
    assert acc.keys() == prd.keys()
    assert acc["permissions"] == prd["permissions"]
    assert acc["variables"].keys() == prd["variables"].keys()


def test_every_target_sets_every_variable_without_a_default():
    required = {name for name, spec in BUNDLE["variables"].items() if "default" not in spec}
    assert required == {"catalog", "deployer"}
    for name, target in TARGETS.items():
        assert required <= set(target["variables"]), name


def test_every_environment_reads_production_sales_and_writes_its_own_catalog():
    assert BUNDLE["variables"]["sales_table"]["default"].startswith("prd.")
    assert all("sales_table" not in target["variables"] for target in TARGETS.values())
    catalogs = [target["variables"]["catalog"] for target in TARGETS.values()]
    assert catalogs == ["dev", "acc", "prd"]
    (task,) = BUNDLE["resources"]["jobs"]["train_demand_forecaster"]["tasks"]
    parameters = task["python_wheel_task"]["parameters"]
    assert "--sales-table=${var.sales_table}" in parameters
    assert any("${var.catalog}" in parameter for parameter in parameters)


def test_shared_environments_run_as_a_service_principal_and_people_only_view():
    for name in ("acc", "prd"):
        assert TARGETS[name]["run_as"] == {"service_principal_name": "${var.deployer}"}
        assert {grant["level"] for grant in TARGETS[name]["permissions"]} == {"CAN_VIEW"}


def test_the_registered_model_and_experiment_are_per_environment():
    resources = BUNDLE["resources"]
    assert resources["registered_models"]["demand_forecaster"]["catalog_name"] == "${var.catalog}"
    assert "${bundle.target}" in resources["experiments"]["demand_forecasting"]["name"]
