# Two commands on a fresh machine: `make run` (the app on SQLite) and `make test` (lint + the whole suite).
VENV ?= .venv
PYTHON ?= python3
PORT ?= 5000
WORKERS ?= 2
BIN := $(VENV)/bin
export FLASK_APP := app

.PHONY: run dev test test-python test-browser lint check-banks bench plotly clean

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

## test: the whole suite: ruff, the bank check, pytest (SQLite; TEST_DATABASE_URL for PostgreSQL), then the browser tests
test: $(VENV)/.installed-test lint check-banks test-python test-browser

## test-python: pytest without the browser (what .ci/run repeats on PostgreSQL)
test-python: $(VENV)/.installed-test
	$(BIN)/pytest --ignore=tests/browser

## test-browser: Playwright in Debian's Chromium with axe-core: every page type at 1280 and 320 px, keyboard, forced
## colours (screenshots in build/screenshots/, kept out of git)
test-browser: $(VENV)/.installed-test
	@scripts/ensure-system-packages chromium
	$(BIN)/pytest tests/browser -p no:cacheprovider

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
