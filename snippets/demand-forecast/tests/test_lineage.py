"""Lineage tags: the commit, branch and dirtiness of the code, the data hash, the environment."""

import hashlib

from demand_forecast.data import make_sales
from demand_forecast.lineage import NOT_IN_GIT, data_version, environment_tags, git_tags


def test_git_tags_name_the_commit_and_branch_and_see_uncommitted_changes(tmp_path, git):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "train.py").write_text("print('v1')\n")
    git(tmp_path, "add", "train.py")
    git(tmp_path, "commit", "-q", "-m", "v1")
    tags = git_tags(tmp_path)
    assert tags == {
        "git.commit": git(tmp_path, "rev-parse", "HEAD"),
        "git.branch": "main",
        "git.dirty": "False",
    }
    (tmp_path / "train.py").write_text("print('v2')\n")
    assert git_tags(tmp_path)["git.dirty"] == "True"
    git(tmp_path, "checkout", "-q", "--detach")
    assert git_tags(tmp_path)["git.branch"] == "HEAD"


def test_outside_a_repository_every_git_tag_says_so(tmp_path):
    assert set(git_tags(tmp_path).values()) == {NOT_IN_GIT}


def test_equal_data_give_equal_hashes_and_any_change_another():
    sales = make_sales(days=30)
    assert data_version(sales) == data_version(make_sales(days=30))
    changed = sales.copy()
    changed.loc[3, "units_sold"] += 1
    renamed = sales.rename(columns={"price": "shelf_price"})
    retyped = sales.astype({"store_id": "int32"})
    hashes = {data_version(frame) for frame in (sales, changed, renamed, retyped)}
    assert len(hashes) == 4


def test_environment_tags_hash_the_lock_file_and_record_a_missing_one(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==2.2.3\n")
    tags = environment_tags(lock)
    assert tags["env.lock_sha256"] == hashlib.sha256(lock.read_bytes()).hexdigest()
    assert tags["env.lock_file"] == "requirements.lock" and tags["env.python"].count(".") == 2
    assert environment_tags(tmp_path / "missing.lock")["env.lock_sha256"].startswith("unavailable:")
