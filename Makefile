# newsbriefs: the handful of targets a contributor needs. Each sets up .venv/ on first use.
#   make site    build the sample site into site/ (strict; a failed build keeps the old site)
#   make serve   preview with live reload on http://127.0.0.1:8000
#   make test    run the test suite
#   make lint    ruff + mypy
#   make bench   time builds of generated briefs (see benchmarks/)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint format bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

site: $(VENV)/.installed
	$(BIN)/briefs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

test: $(VENV)/.installed
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/build_times.py

clean:
	rm -rf site build dist .newsbriefs .pytest_cache .mypy_cache .ruff_cache
