# `make demo` and `make test` set everything up on a fresh machine (Python 3.11+, pip, git).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp

.PHONY: install demo test lint bench fuzz clean
FUZZ_SECONDS ?= 600

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	mkdir -p out
	$(BIN)/rashomon analyze examples/accounts --sources examples/accounts/sources.yaml --kb examples/knowledge.yaml --db out/demo.db
	$(BIN)/rashomon export --format json --db out/demo.db -o out/demo.json
	$(BIN)/rashomon export --format csv --db out/demo.db -o out/demo-csv
	$(BIN)/rashomon report --db out/demo.db -o out/demo-report.html
	@echo "Open out/demo-report.html in a browser; the JSON export is out/demo.json."

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run.py

# Fuzz the reader and the structure stage for FUZZ_SECONDS; crashes are written to out/ as crash-*.
# Uses atheris (libFuzzer) when it installs, else a Hypothesis loop of the same checks.
fuzz: install
	mkdir -p out/fuzz-corpus
	$(BIN)/python -m pip install --quiet atheris || echo "atheris did not install: fuzzing with Hypothesis"
	cd out && PYTHONPATH=../src $(abspath $(BIN))/python ../fuzz/fuzz_read.py -max_total_time=$(FUZZ_SECONDS) \
		-timeout=60 -rss_limit_mb=4096 fuzz-corpus ../fuzz/seeds

clean:
	rm -rf $(VENV) out build src/*.egg-info .pytest_cache .ruff_cache
