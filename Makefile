# Two commands on a fresh machine: `make run` (the app on SQLite) and `make test` (lint + the whole suite).
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
WORKERS ?= 2
BIN := $(VENV)/bin
export FLASK_APP := app

.PHONY: run dev test lint check-banks bench plotly clean

$(BIN)/python:
	@scripts/ensure-venv "$(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@scripts/ensure-system-packages
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

## run: install, apply migrations, serve on http://127.0.0.1:$(PORT) with gunicorn (settings: gunicorn.conf.py)
run: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - app:app

## dev: the Flask development server with reloading and the debugger
dev: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask --debug run --port $(PORT)

## test: ruff, the bank check and pytest (SQLite; set TEST_DATABASE_URL for PostgreSQL)
test: $(VENV)/.installed-test lint check-banks
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-banks: $(VENV)/.installed
	$(BIN)/flask banks check

## bench: throughput as a ratio to a bare Flask hello, start-up, page weight (needs wrk: apt-get install wrk)
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

## plotly: rebuild static/vendor/plotly.min.js from pinned npm packages (needs Node.js and npm; see assets/plotly)
plotly:
	scripts/build-plotly

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
