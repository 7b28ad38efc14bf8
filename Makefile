# framing: the two commands that set everything up on a fresh machine.
#   make demo   create .venv, install framing, analyse seeds/ into results/ (tables, report.html) and figures/
#   make test   the same .venv, then the whole test suite (lint, types, the floor plan, unit tests, CLI, wheel install)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test figures bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	@TIMEFORMAT='seconds           %R (framing analyze on this machine)'; \
	time $(BIN)/framing analyze seeds/ --out results/ --figures figures/ --report results/report.html
	$(BIN)/framing compare results/ --by source

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_layout.py
	bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -q

figures: $(STAMP)
	$(BIN)/python scripts/make_figures.py

# Benchmarks read ../shared/data (PolNeAR, BASIL); they are not part of make test (tests/test_benchmarks.py runs
# small versions).  Each writes benchmarks/results/NAME.json; summary.py prints them as one table.  About 30 minutes
# on two cores, most of it the 100,000-article run.
bench: $(STAMP)
	$(BIN)/python benchmarks/measure_speed.py
	$(BIN)/python benchmarks/jobs_speed.py --articles 2000 --jobs 2
	$(BIN)/python benchmarks/stories.py
	$(BIN)/python benchmarks/scale.py --sizes 1000 10000 100000 --jobs 2
	$(BIN)/python benchmarks/main_memory.py --sizes 10000 100000
	$(BIN)/python benchmarks/align_scale.py
	$(BIN)/python benchmarks/editorial_polnear.py
	$(BIN)/python benchmarks/attribution_speed.py
	$(BIN)/python benchmarks/frames_speed.py
	$(BIN)/python benchmarks/long_text.py
	$(BIN)/python benchmarks/align_measure.py
	$(BIN)/python benchmarks/fuzz.py --corpora 3000
	$(BIN)/python benchmarks/summary.py

clean:
	rm -rf results build dist *.egg-info .pytest_cache
