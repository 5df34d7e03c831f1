import hashlib
import sys

from snippets.demand_forecasting.data import make_sales
from snippets.traceability.lineage import NOT_IN_GIT, data_version, environment_tags, git_tags

from .conftest import git, make_project


def test_git_tags_name_the_commit_and_branch(tmp_path):
    project = make_project(tmp_path / "repo", branch="forecast-v2")
    assert git_tags(project.root) == {
        "git.commit": project.commit,
        "git.branch": "forecast-v2",
        "git.dirty": "False",
    }


def test_uncommitted_changes_are_flagged(tmp_path):
    project = make_project(tmp_path / "repo")
    project.lock_file.write_text("pandas==2.3.0\n")
    assert git_tags(project.root)["git.dirty"] == "True"


def test_a_detached_checkout_still_has_its_commit(tmp_path):
    project = make_project(tmp_path / "repo")
    git(project.root, "checkout", "-q", "--detach")
    tags = git_tags(project.root)
    assert (tags["git.commit"], tags["git.branch"]) == (project.commit, "HEAD")


def test_outside_a_repository_every_tag_says_so(tmp_path):
    assert set(git_tags(tmp_path).values()) == {NOT_IN_GIT}


def test_same_data_same_version_and_one_changed_cell_changes_it():
    sales = make_sales(days=30)
    assert data_version(sales) == data_version(make_sales(days=30))
    changed = sales.copy()
    changed.loc[7, "units_sold"] += 1
    assert data_version(changed) != data_version(sales)
    assert len(data_version(sales)) == 64


def test_renamed_or_retyped_columns_change_the_version():
    sales = make_sales(days=30)
    assert data_version(sales.rename(columns={"price": "unit_price"})) != data_version(sales)
    assert data_version(sales.astype({"store_id": "int32"})) != data_version(sales)


def test_environment_tags_hash_the_lock_file(tmp_path):
    lock = tmp_path / "uv.lock"
    lock.write_bytes(b"version = 1\n")
    tags = environment_tags(lock)
    assert tags["env.lock_sha256"] == hashlib.sha256(b"version = 1\n").hexdigest()
    assert tags["env.lock_file"] == "uv.lock"
    assert tags["env.python"] == sys.version.split()[0]
    assert tags["env.platform"]


def test_a_missing_lock_file_is_recorded_not_skipped(tmp_path):
    tags = environment_tags(tmp_path / "poetry.lock")
    assert tags["env.lock_sha256"].startswith("unavailable:")
    assert "poetry.lock" in tags["env.lock_sha256"]
