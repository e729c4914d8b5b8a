# Quick start: `make demo` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo.db
SAMPLE := src/harmwatch/data/samples

.PHONY: demo test lint install dev browser bench-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/harmwatch ingest $(SAMPLE)/*.txt --published 2016-03-15 --db $(DEMO_DB)
	$(BIN)/harmwatch documents --db $(DEMO_DB)
	$(BIN)/harmwatch events --db $(DEMO_DB)
	# The Arabic sample (tabqa-market-strike-ar.txt) reports the English samples' Tabqa strike.
	$(BIN)/harmwatch extract $(SAMPLE)/tabqa-market-strike-ar.txt --published 2016-03-15 --format table
	$(BIN)/harmwatch incidents build --db $(DEMO_DB)
	$(BIN)/harmwatch incidents list --db $(DEMO_DB)

# The browser tests drive Debian's Chromium; install it where it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# bench/bench_web.py sends its load with wrk (a C load generator) where it is installed.
bench-tools:
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

lint: dev
	$(BIN)/ruff check .

test: dev lint browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) build *.egg-info

# The embedded villages of Syria and Iraq, rebuilt from Who's On First's CSVs (../shared).
GAZETTEER_SOURCE ?= ../shared/gazetteers
.PHONY: gazetteer-data
gazetteer-data:
	$(PYTHON) scripts/build_gazetteer_data.py $(GAZETTEER_SOURCE)
