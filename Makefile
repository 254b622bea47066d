# Two commands do all set-up on a fresh machine: `make drafts` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: drafts test test-fast libreoffice chromium robustness fuzz check lint docs site clean \
	bench pandoc

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The committed drafts show their contents page numbers: LibreOffice lays each draft out (in
# Liberation fonts, which measure as Arial does) and the page of each heading is stored.
drafts: $(STAMP) libreoffice
	$(BIN)/s75 build --page-numbers

# Every test, with the slow LibreOffice ones and the browser test of `s75 serve`; LibreOffice and
# Chromium are installed first if they are missing. The browser test's screenshot is kept in
# test-artefacts/.
test: $(STAMP) libreoffice chromium
	$(BIN)/python -m pytest -q --libreoffice --browser

# LibreOffice (soffice) and the Liberation fonts for the contents page numbers and the PDF and
# tracked-change tests: installed from Debian's packages when missing (needs root, as on the
# project's machines).
libreoffice:
	@{ command -v soffice >/dev/null 2>&1 && fc-list | grep -q "Liberation Sans"; } || { \
	  echo "installing LibreOffice (libreoffice-writer) and fonts-liberation"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer fonts-liberation >/dev/null; } || { \
	  echo "LibreOffice is needed: install libreoffice-writer and fonts-liberation, or run" \
	    "make test-fast"; exit 1; }

# Headless Chromium (Debian's chromium and chromium-driver) for the browser test of the live
# preview, which Playwright drives: installed when missing (needs root); no browser is downloaded.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Chromium (chromium, chromium-driver) for the browser test"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium chromium-driver >/dev/null; } || { \
	  echo "Chromium is needed: install chromium, or run make test-fast"; exit 1; }

# Every test except those that run LibreOffice or a browser.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not libreoffice and not browser"

# Hostile input: the corpus and 2,000 property examples; prints one line of counts, all but
# the first must be 0.
robustness: $(STAMP)
	$(BIN)/python tools/robustness.py

# The long profile: 20,000 property examples, 50 signal trials of interrupted writes and builds.
fuzz: $(STAMP)
	S75_LONG=1 $(BIN)/python -m pytest -q tests/test_properties.py tests/test_data_safety.py \
	  tests/writers/test_interrupted_build.py
	$(BIN)/python tools/robustness.py --long

# The benchmark: every figure of the performance goals beside its baseline and goal, as ratios
# of medians of interleaved runs (BENCH_QUICK=1 for a smaller, quicker run). Pandoc, a baseline,
# is installed from Debian's packages when missing (needs root); without it the other figures
# are still printed.
bench: $(STAMP)
	@$(MAKE) --no-print-directory pandoc || echo "pandoc could not be installed: its baselines are left out"
	$(BIN)/python -m benchmarks

pandoc:
	@command -v pandoc >/dev/null 2>&1 || { \
	  echo "installing pandoc for the benchmark's baselines"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    pandoc >/dev/null; }

check: $(STAMP)
	$(BIN)/s75 check

# Lint and type-check: ruff over the code, mypy (configured in pyproject.toml) over generator/.
lint: $(STAMP)
	$(BIN)/ruff check generator tests tools
	$(BIN)/mypy

# The documentation site, served at http://127.0.0.1:8000 and rebuilt on each change;
# `make site` builds it strictly into site/ (CI runs that).
docs: $(STAMP)
	$(BIN)/mkdocs serve

site: $(STAMP)
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) site .pytest_cache test-artefacts
