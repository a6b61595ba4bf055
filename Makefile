# make build: set up and build the site into site/    make test: set up and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What builds the HTML: mkdocs (MkDocs with Material) or zensical (make build ENGINE=zensical).
ENGINE ?= mkdocs

# Reproducible builds: MkDocs dates the sitemap from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH
# Material prints a notice about MkDocs 2 on every build; it changes nothing here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup build offline test bench serve clean

setup: $(VENV)/.installed node_modules/.installed build/docs

# The project itself goes in too, editable, so that `.venv/bin/mkdocs build` and `serve` find
# the generator package that their hook runs.
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# MkDocs checks that its docs folder exists before its hook can fill it: `mkdocs build` needs
# the folder, even empty.
build/docs:
	mkdir -p $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: setup
	$(PY) -m generator build --engine $(ENGINE)

# The offline HTML docs: one zip that works unpacked anywhere, opened from disk.
offline: setup
	$(PY) -m generator offline

test: setup
	$(PY) -m pytest

# Speed and size, written to bench/results.md (no test asserts a time).
bench: setup
	$(PY) bench/run.py

# Live preview: rebuilds when an example, a template or an asset changes (the hook regenerates).
serve: setup
	$(PY) -m mkdocs serve

clean:
	rm -rf build site dist .pytest_cache
	mkdir -p build/docs
