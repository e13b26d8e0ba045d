# newsbriefs: the handful of targets a contributor needs. Each sets up .venv/ on first use.
#   make site    build the sample site into site/ (strict; a failed build keeps the old site)
#   make serve   preview with live reload on http://127.0.0.1:8000
#   make test    run the test suite
#   make lint    ruff, ruff format, mypy, import contracts
#   make bench   the whole site at 1,000 and 5,000 synthetic briefs beside MkDocs, Material's
#                blog and Hugo, and one publish at 1,000 to 20,000 (benchmarks/; hours:
#                make bench BENCH_ARGS=--quick to try it)
# `site` and `serve` install only what building needs; the others add the development extra.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What building the site needs: the package and its dependencies, nothing else.
$(VENV)/.installed-site: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Tests, linters and the other engines on top.
$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-site

site: $(VENV)/.installed-site
	$(BIN)/briefs build --strict

serve: $(VENV)/.installed-site
	$(BIN)/mkdocs serve

test: $(VENV)/.installed-dev
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	@# The users' workflow: actionlint where it is installed (its PyPI wrapper downloads the
	@# binary at install time, which offline machines cannot); tests/test_workflow.py checks
	@# it against SchemaStore's workflow schema everywhere.
	@if command -v actionlint >/dev/null 2>&1; then actionlint .github/workflows/briefs.yml; \
	else echo "lint: actionlint not installed; skipped (tests/test_workflow.py checks the workflow)"; fi

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf site build dist .newsbriefs .pytest_cache .mypy_cache .ruff_cache
