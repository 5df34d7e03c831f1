"""The "before" script is the notebook's own cells, and it runs as a plain module."""

import importlib
import re
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "snippets" / "notebook_to_package" / "notebook_cells.py"
NOTEBOOK = ROOT / "docs" / "notebooks" / "demand_forecasting_exploration.py"
SECTION = re.compile(r"# --8<-- \[start:(\w+)\]\n(.*?)# --8<-- \[end:\1\]", re.DOTALL)


def test_every_section_is_a_code_cell_of_the_notebook_verbatim():
    sections = dict(SECTION.findall(SCRIPT.read_text()))
    cells = [c.source.strip() for c in jupytext.read(NOTEBOOK).cells if c.cell_type == "code"]
    assert list(sections) == ["load", "split", "train", "evaluate"]
    missing = [name for name, code in sections.items() if code.strip() not in cells]
    assert missing == []
    # In the notebook's order, so the page reads like the notebook.
    positions = [cells.index(code.strip()) for code in sections.values()]
    assert positions == sorted(positions)


def test_the_cells_run_as_a_module_and_beat_the_naive_forecast(capsys):
    cells = importlib.import_module("snippets.notebook_to_package.notebook_cells")
    assert "model MAE" in capsys.readouterr().out or cells.mae > 0
    assert cells.mae < cells.naive_mae
    assert len(cells.test) == 28 * 5
