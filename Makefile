# HMS-assistenten. `make run` serves the web chat; `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HMS := $(VENV)/bin/hms
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup index run test eval bench lint format clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: an unpinned torch pulls a CUDA build of several GB.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

index: setup
	$(HMS) ingest

run: index
	$(HMS) serve

test: setup
	$(PY) -m pytest

eval: index
	$(PY) -m evals.runner

bench: index
	$(PY) -m evals.bench

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf data/index data/eval data/test-index

# --- web (bots/web) -----------------------------------------------------------------------------------

# --- slack (bots/slack) -------------------------------------------------------------------------------

# --- llm (assistant/llm) ------------------------------------------------------------------------------

# --- reliability ----------------------------------------------------------------------------------------
