"""Documentation checks on twin repositories: the smallest difference that decides each verdict.

Several twins are the shapes found in real repositories, where a checker that matched words
was wrong: a KPI lesson in a course's chapters, a "Contributors" list, a sentence-long heading
with "team" in it, a settings class taken for a feature schema, a README of links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.tree import Twin, check_twin

README_USAGE = "# Forecast\n\nForecasts daily units sold per store for the retail brand.\n\n## Installation\n\n```bash\npip install -e .\n```\n"
GOAL = "## Business goal and KPIs\n\nCut stock-outs in the 40 largest stores. The KPI is the weekly stock-out rate, measured by the store systems, target below 2%.\n"

TWINS = [
    Twin(
        "DOC-001",
        "goal section that names its KPIs",
        {"README.md": README_USAGE + GOAL},
        {"README.md": README_USAGE + "## Business goal and KPIs\n\nTBD\n"},
        "README.md",
    ),
    Twin(
        "DOC-001",
        "a goal without a KPI is not enough",
        {
            "docs/goals.md": "# Goals\n\nThe goal is fewer stock-outs; success metric: stock-out rate per week.\n"
        },
        {
            "docs/goals.md": "# Goals\n\nThe goal is to classify vehicles on edge hardware quickly and well.\n"
        },
    ),
    Twin(
        "DOC-001",
        "a KPI lesson in a course's chapters is not the product's goal",
        {
            "docs/goals.md": "# Objectives\n\nOur objective is fewer stock-outs, and the KPI is the stock-out rate per week.\n"
        },
        {
            "docs/book/course/module-1/metrics.md": "# Objectives\n\nOur objective is fewer stock-outs, and the KPI is the stock-out rate per week.\n"
        },
    ),
    Twin(
        "DOC-002",
        "owners file with a rule",
        {"CODEOWNERS": "* @retail/forecast-team\n"},
        {"CODEOWNERS": "# owners will be added later\n"},
        "CODEOWNERS",
    ),
    Twin(
        "DOC-002",
        "team section in a sub-folder README",
        {
            "reports/README.md": "# Report\n\n## Group information\n\nGroup 12: s233489, s091969, s233480.\n"
        },
        {"reports/README.md": "# Report\n\n## Group information\n\nTBD\n"},
    ),
    Twin(
        "DOC-002",
        "a heading that mentions a team in passing is not a team section",
        {
            "docs/team.md": "# Team\n\nAnna Jansen (lead), Omar Haddad (data), on call in #forecast.\n"
        },
        {
            "docs/setup.md": "# Setup\n\n## Your team already has a process for provisioning data\n\nUse it to load the tables first.\n",
            "README.md": "# X\n\n## Contributors\n\n- Anna Jansen\n- Omar Haddad\n",
        },
    ),
    Twin(
        "DOC-005",
        "pandera schema through the project's own base class",
        {
            "src/pkg/schemas.py": "import pandera.pandas as pa\n\nclass Schema(pa.DataFrameModel):\n    pass\n\nclass Inputs(Schema):\n    store: int\n"
        },
        {
            "src/pkg/schemas.py": "class Schema:\n    pass\n\nclass Inputs(Schema):\n    store: int\n"
        },
        "src/pkg/schemas.py",
    ),
    Twin(
        "DOC-005",
        "a typed payload of the served model, not a settings class",
        {
            "app/api.py": "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()\n\nclass HousePayload(BaseModel):\n    rooms: int\n    age: float\n    income: float\n"
        },
        {
            "app/api.py": "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()\n\nclass ApiSettings(BaseModel):\n    host: str\n    port: int\n    debug: bool\n"
        },
    ),
    Twin(
        "DOC-005",
        "a feature dictionary page",
        {
            "docs/features.md": "# Model features\n\n- units_sold: units sold per store and day\n- price: shelf price in euro\n- promo: whether the item was on promotion\n"
        },
        {"README.md": "# X\n\n## Key Features\n\n- fast\n- simple\n- tested\n"},
    ),
    Twin(
        "DOC-007",
        "typed FastAPI route",
        {
            "src/serve.py": "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()\n\nclass Request(BaseModel):\n    store: int\n\nclass Response(BaseModel):\n    units: float\n\n@app.post('/forecast')\ndef forecast(body: Request) -> Response:\n    return Response(units=1.0)\n"
        },
        {
            "src/serve.py": "from flask import Flask, request\n\napp = Flask(__name__)\n\n@app.route('/predict', methods=['POST'])\ndef predict():\n    return {'units': request.json['x']}\n"
        },
        "src/serve.py",
    ),
    Twin(
        "DOC-007",
        "an OpenAPI document",
        {"api/openapi.yaml": "openapi: 3.1.0\ninfo: {title: forecast, version: '1'}\npaths: {}\n"},
        {"api/sample-request.json": '{"data": [[1, 2]]}\n'},
    ),
    Twin(
        "DOC-008",
        "a diagram source",
        {"reports/figures/pipeline.drawio": "<mxfile><diagram>x</diagram></mxfile>\n"},
        {"reports/figures/pipeline.png": "not really a picture\n"},
    ),
    Twin(
        "DOC-008",
        "an architecture section with its diagrams",
        {"README.md": "# X\n\n## Architecture\n\n### Training\n\n![training](docs/training.png)\n"},
        {"README.md": "# X\n\n## Architecture\n\nTBD\n"},
    ),
    Twin(
        "DOC-008",
        "a general architecture chapter of a course is not the product's",
        {
            "docs/architecture.md": "# Architecture\n\nThe service reads sales from the lake, the nightly job trains, the API serves the champion.\n"
        },
        {
            "docs/book/course/module-1/monitoring-architectures.md": "# Architecture\n\nThe service reads sales from the lake, the nightly job trains, the API serves the champion.\n"
        },
    ),
    Twin(
        "DOC-008",
        "a design-patterns heading is not an architecture",
        {
            "README.md": "# X\n\n## System design\n\nThe scoring job reads features, loads the registered model and writes forecasts to the lake.\n"
        },
        {
            "README.md": "# X\n\n## Design patterns\n\nWe use the strategy pattern where it helps, and dependency injection everywhere else too.\n"
        },
    ),
    Twin(
        "DOC-009",
        "description and usage",
        {"README.md": README_USAGE},
        {
            "README.md": "# Kubeflow MLOps\n\nThis repository holds examples of integrated pipelines using GitHub actions.\n\n## KubeFlow\n\n* [List Pipelines](pipeline/list.py)\n"
        },
    ),
    Twin(
        "DOC-009",
        "a question about taking part is not usage",
        {
            "README.md": "# Course\n\nAn open course on monitoring machine learning in production, free for everyone.\n\n## Getting started\n\nRun `pip install -r requirements.txt`, then open module 1.\n"
        },
        {
            "README.md": "# Course\n\nAn open course on monitoring machine learning in production, free for everyone.\n\n## How to participate?\n\nJoin the course and follow the videos at your own pace.\n"
        },
    ),
    Twin(
        "DOC-010",
        "a model card with filled sections",
        {
            "MODEL_CARD.md": "# Model card\n\n## Intended use\n\nDaily store forecasts for replenishment planners.\n\n## Limitations\n\nNot for new stores without six months of history.\n"
        },
        {"MODEL_CARD.md": "# Model card\n"},
    ),
    Twin(
        "DOC-010",
        "a generator that writes the card from a run",
        {"src/pkg/card.py": "def render_model_card(run):\n    return f'# Model card for {run}'\n"},
        {"src/pkg/card.py": "def render_model_card(run):\n    pass\n"},
    ),
]


@pytest.mark.parametrize("twin", TWINS, ids=lambda t: t.id)
def test_documentation_twin(tmp_path: Path, twin: Twin) -> None:
    check_twin(tmp_path, twin)
