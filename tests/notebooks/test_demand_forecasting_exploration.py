"""The exploratory notebook runs top to bottom in a real Jupyter kernel and says what it claims."""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "notebooks" / "demand_forecasting_exploration.py"


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    """The notebook converted by jupytext and executed in a python3 kernel from the repo root.

    A last cell, added here and not in the notebook, reports the kernel's variables as JSON.
    """
    notebook = jupytext.read(NOTEBOOK)
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            "import json\n"
            "print(json.dumps({'mae': mae, 'naive_mae': naive_mae,"
            " 'train': len(train), 'test': len(test),"
            " 'last_train_day': str(train['date'].max().date())}))"
        )
    )
    # nbclient raises CellExecutionError on the first failing cell.
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return notebook


def _stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_notebook_is_percent_format_with_markdown_and_code():
    notebook = jupytext.read(NOTEBOOK)
    kinds = {cell.cell_type for cell in notebook.cells}
    assert kinds == {"markdown", "code"}
    assert notebook.metadata["jupytext"]["text_representation"]["format_name"] == "percent"


def test_model_beats_the_naive_forecast(executed):
    state = json.loads(_stdout(executed.cells[-1]))
    assert state["mae"] < state["naive_mae"]
    assert state["mae"] < 10


def test_holds_out_the_last_four_weeks_of_five_stores(executed):
    state = json.loads(_stdout(executed.cells[-1]))
    assert state["test"] == 28 * 5
    assert state["train"] == (365 - 28) * 5
    assert state["last_train_day"] == "2025-12-03"


def test_prints_the_scores_and_draws_the_comparison(executed):
    printed = "".join(_stdout(cell) for cell in executed.cells if cell.cell_type == "code")
    assert "model MAE" in printed and "naive MAE" in printed
    outputs = [o for cell in executed.cells if cell.cell_type == "code" for o in cell.outputs]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1


def test_no_cell_makes_the_page_fetch_mermaid_from_a_cdn():
    # nbconvert's page template imports mermaid from cdnjs only when a cell holds a diagram.
    notebook = jupytext.read(NOTEBOOK)
    assert not [cell for cell in notebook.cells if "mermaid" in cell.source]
