# calmline — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint typecheck train bench bench-accuracy clean

demo: $(STAMP)
	$(BIN)/calmline demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# the web app on http://127.0.0.1:8000 with the demo cases (the first run writes the sign-ins to calmline-data/first-run-sign-ins.txt)
run: $(STAMP)
	OMP_NUM_THREADS=2 $(BIN)/calmline serve --demo

lint: $(STAMP)
	$(BIN)/ruff check calmline tests
	$(BIN)/ruff format --check calmline tests

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	OMP_NUM_THREADS=2 $(BIN)/python -m pytest -q

train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	OMP_NUM_THREADS=2 $(BIN)/calmline train

bench: $(STAMP)
	$(BIN)/calmline bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Held-out accuracy against the TF-IDF baseline and lexicon peers (docs/benchmarks.md).
# polVADER is installed without its dependencies: we only read its lexicon.
bench-accuracy: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	$(BIN)/python -m pip install --quiet --no-deps polvader==1.0.1
	$(BIN)/python bench/accuracy.py
