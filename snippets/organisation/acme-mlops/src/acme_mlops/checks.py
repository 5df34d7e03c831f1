"""The checks of ACME's own automated requirements, registered as the shipped ones are."""

from mlops_standards.checks import Evidence, Outcome, check, failed, passed
from mlops_standards.scan.commands import Reached

SCANNERS = ("trivy", "grype")


@check("CQ-901")
def images_are_scanned(written_commands: list[Reached]) -> Outcome:
    """A command written in CI, a script or a task runs an image scanner."""
    scans = [
        Evidence(item.path, item.command.line, f"runs {item.command.text}")
        for item in written_commands
        if item.command.program in SCANNERS
    ]
    if scans:
        return passed(*scans)
    looked = f"looked for {' or '.join(SCANNERS)} in CI steps, scripts and tasks"
    return failed(Evidence(".", detail=looked))
