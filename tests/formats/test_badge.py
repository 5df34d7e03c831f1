"""`check --badge FILE`: a shields-style SVG of the level, drawn without any service."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mlops_standards.assess import assess_all
from mlops_standards.report.badge import COLOURS, level_badge, text_width
from tests.browsing import open_page, served

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "demand-forecast"
CLI = Path(sys.executable).parent / "mlops-standards"
SVG = "{http://www.w3.org/2000/svg}"
# The badge as the browser draws it: the colour near its left and right ends, and its width.
DRAWN = """async () => {
  const img = document.querySelector('img'); await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = 20;
  const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0);
  const at = x => Array.from(ctx.getImageData(x, 2, 1, 1).data.slice(0, 3));
  return {left: at(2), right: at(img.naturalWidth - 3), width: img.naturalWidth};
}"""


def test_the_badge_is_svg_sized_to_its_text_and_coloured_by_level():
    root = ET.fromstring(level_badge(3, "Automated training and deployment"))
    width = int(root.get("width"))
    assert root.tag == f"{SVG}svg" and root.get("height") == "20"
    assert root.get("aria-label") == "MLOps level: 3 · Automated training and deployment"
    expected = round(text_width("MLOps level") + 12) + round(
        text_width("3 · Automated training and deployment") + 12
    )
    assert width == expected
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect")]
    assert COLOURS[3] in fills and "#555" in fills
    assert not [e for e in root.iter() if any("href" in k for k in e.attrib)]


def test_check_writes_the_badge_of_the_gate_it_is_asked(tmp_path):
    assessment = assess_all(EXAMPLE)[0]
    level, certified = tmp_path / "level.svg", tmp_path / "certified.svg"
    for path, gate in ((level, "level"), (certified, "certified")):
        command = [str(CLI), "check", str(EXAMPLE), "--gate", gate, "--badge", str(path)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert f"MLOps level: {assessment.level} · {assessment.level_name}" in level.read_text()
    name = assessment.catalog.levels[assessment.certified_level].name
    assert f"MLOps certified level: {assessment.certified_level} · {name}" in certified.read_text()


@pytest.mark.browser
def test_the_badge_renders_grey_then_the_levels_colour(browser, tmp_path):
    (tmp_path / "badge.svg").write_text(
        level_badge(4, "Central monitoring and standardised A/B testing")
    )
    (tmp_path / "index.html").write_text('<!doctype html><img src="badge.svg">')
    with served(tmp_path) as url:
        seen: list[str] = []
        context, view = open_page(browser, seen, 600)
        view.goto(url)
        pixels = view.evaluate(DRAWN)
        context.close()
    assert pixels["width"] > 300
    assert all(abs(c - 0x55) < 16 for c in pixels["left"])
    green = (0x44, 0xCC, 0x11)
    assert all(abs(c - g) < 24 for c, g in zip(pixels["right"], green, strict=True))
