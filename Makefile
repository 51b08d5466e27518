# HMS-assistenten. `make run` serves the web chat; `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HMS := $(VENV)/bin/hms
STAMP := $(VENV)/.installed
LOCK := requirements.lock
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup lock index run test eval bench lint format clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Every dependency from the lock, each file's hash checked: the runtime, every extra (sentence-transformers,
# bench, dev) and the build backend; then the project itself, without dependencies. The lock pins torch to
# 2.13.0+cpu, the CPU build (an unpinned torch pulls a CUDA build of several GB).
$(STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PY) -m pip install -q --require-hashes --no-deps -r $(LOCK)
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	touch $(STAMP)

setup: $(STAMP)

# Re-resolve requirements.lock after a change to the dependencies in pyproject.toml (pip-tools, pip's own
# resolver and configuration; hashes for every file of each pinned release).
lock: | $(PY)
	$(PY) -m pip install -q 'pip-tools>=7.4'
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-extras --all-build-deps \
		--strip-extras --no-emit-index-url --no-emit-find-links --output-file $(LOCK) pyproject.toml

index: setup
	$(HMS) ingest

run: index
	$(HMS) serve

test: setup browser services
	$(PY) -m pytest

eval: index
	$(PY) -m evals.runner
	$(PY) -m evals.llm_eval --optional

bench: index
	$(PY) -m evals.bench

# mypy checks the packages listed in pyproject's [tool.mypy]: assistant, ingest, bots, evals and tests.
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
.PHONY: browser bench-web demo
CHROMIUM := /usr/bin/chromium

# Debian's chromium for the Playwright browser tests (`playwright install` cannot download browsers here).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji; \
	fi

# HTTP latency (first `sources` event, `done`) and /api/ask requests/s at concurrency 1, 8, 32 (2 workers).
bench-web: index
	$(PY) -m evals.bench_web

# The demo host page on its own origin (http://127.0.0.1:8001); add that origin to HMS_ALLOWED_ORIGINS.
demo: setup
	$(PY) -m evals.testing.demo --port 8001

# --- operations ------------------------------------------------------------------------------------------
.PHONY: services test-multihost
PG_BIN := /usr/lib/postgresql/15/bin

# Debian's PostgreSQL (the tests start their own server with initdb + pg_ctl on a loopback port) and nginx
# (the TLS + token gateway in front of `chroma run` in the multihost test).
services:
	@if [ ! -x $(PG_BIN)/initdb ] || ! command -v nginx >/dev/null; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql nginx-light; \
	fi

# PostgreSQL state, the shared Chroma server and the two-host run (evals/reports/multihost.md)
test-multihost: setup services
	$(PY) -m pytest -k "postgres or multihost" -q

# --- slack (bots/slack) -------------------------------------------------------------------------------
.PHONY: slack bench-slack test-slack

# The Slack bot. Socket Mode (default) needs HMS_SLACK_BOT_TOKEN and HMS_SLACK_APP_TOKEN in .env;
# HMS_SLACK_MODE=http serves the web app with POST /slack/events instead (HMS_SLACK_SIGNING_SECRET).
slack: index
	$(HMS) slack

# Ack time over 100 signed events, event -> chat.postMessage p50/p95 -> evals/reports/bench-slack.md
bench-slack: index
	$(PY) -m evals.bench_slack

test-slack: setup
	$(PY) -m pytest tests/slack -q

# --- llm (assistant/llm) ------------------------------------------------------------------------------
.PHONY: eval-llm eval-llm-scripted test-llm

# The eval datasets in LLM mode (the model HMS_LLM names) beside the extractive run -> evals/reports/eval-llm.md
eval-llm: index
	$(PY) -m evals.llm_eval

# The same against the scripted OpenAI-compatible server (no model, no internet): exercises the pipeline
eval-llm-scripted: index
	$(PY) -m evals.llm_eval --scripted
	$(PY) -m evals.false_rejects

test-llm: setup
	$(PY) -m pytest tests/llm -q

# --- reliability ----------------------------------------------------------------------------------------
.PHONY: soak

# 2,000 POST /api/ask at concurrency 32 with feedback, and 500 signed Slack events, against `hms serve --workers 2`
# on 127.0.0.1: errors, lost writes, duplicate answers, p50/p95/p99 and RSS per worker -> evals/reports/soak.md.
# Not part of `make test`; gives up after 20 minutes.
soak: index
	$(PY) -m evals.soak
