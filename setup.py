"""Ships the reference project inside the wheel, so `mlops-standards new` works once installed.

Everything else about the package is declared in pyproject.toml. The reference project lives
at `snippets/demand-forecast/`, outside the package, because it is a repository of its own that
the handbook's tests run where it stands; a build copies it into the package as
`mlops_standards/reference_project/demand-forecast/`, keeping out what its own .gitignore keeps
out of git (the same rule `new` applies when it copies it for a team).
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "src"))
from mlops_standards.template import REFERENCE_NAME, project_files  # noqa: E402

REFERENCE = HERE / "snippets" / REFERENCE_NAME


class BuildWithReferenceProject(build_py):
    """`build_py`, then the reference project copied into the built package."""

    def run(self) -> None:
        if not (REFERENCE / "pyproject.toml").is_file():
            raise SystemExit(f"{REFERENCE} is missing: build from a checkout or a git URL")
        super().run()
        target = Path(self.build_lib) / "mlops_standards" / "reference_project" / REFERENCE_NAME
        for relative in project_files(REFERENCE):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REFERENCE / relative, destination)


setup(cmdclass={"build_py": BuildWithReferenceProject})
