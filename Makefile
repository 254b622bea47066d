# Two commands do all set-up on a fresh machine: `make drafts` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: drafts test test-fast check lint docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

drafts: $(STAMP)
	$(BIN)/s75 build

# Every test, with the slow LibreOffice ones (they need `soffice`; .ci/run installs it).
test: $(STAMP)
	$(BIN)/python -m pytest -q --libreoffice

# Every test except those that run LibreOffice.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not libreoffice"

check: $(STAMP)
	$(BIN)/s75 check

# Lint and type-check: ruff over the code, mypy (configured in pyproject.toml) over generator/.
lint: $(STAMP)
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) site .pytest_cache
