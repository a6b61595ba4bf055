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

.PHONY: setup build offline test bench mutate mutate-survivors serve clean

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

# The tests run on two workers (pytest-xdist), each taking whole files, so that what a file
# makes once for its tests (a site built from edited examples, a batch of networks in Node) is
# made once. TEST_WORKERS=1 runs them in one process.
TEST_WORKERS ?= 2
test: setup
	$(PY) -m pytest $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

# Speed and size, written to bench/results.md (no test asserts a time).
bench: setup
	$(PY) bench/run.py

# Mutation testing (make mutate; not part of make test): mutmut plants small bugs in each area
# and runs against each one the area's tests below: fast ones that never build the site. ONLY_*
# names the functions mutated ("module.*" for a whole module); bench/mutation.md says why the
# areas leave some out (time: half a mutant to four a second on two workers). The scores and
# every survivor, with why it survived (bench/mutation_survivors.toml), go to bench/mutation.md.
MUTATE_MATHS := $(addprefix generator/maths/,core.py activations.py losses.py gradcheck.py training.py)
ONLY_MATHS := maths.core.* maths.activations.* maths.losses.* maths.gradcheck.* maths.training.*
TESTS_MATHS := tests/test_core.py tests/test_extremes.py tests/test_maths.py \
	tests/test_gradcheck.py::test_the_check_flags_a_wrong_gradient \
	tests/test_training.py::test_a_diverging_run_stops_and_says_so
MUTATE_PRINTING := $(addprefix generator/content/,numbers.py formula.py lines.py notation.py)
ONLY_PRINTING := content.numbers.* content.formula.* content.lines.* content.notation.*
TESTS_PRINTING := tests/test_numbers.py tests/test_number_forms.py tests/test_notation.py \
	tests/test_formula_writing.py tests/test_extremes.py tests/test_written_lines.py tests/test_matrix_lines.py \
	tests/test_graph_steps.py::test_seed_log_lines_read_as_the_worked_page_writes_them \
	tests/test_calculator.py::test_the_calculator_catches_a_line_that_does_not_hold \
	tests/test_calculator.py::test_every_worked_line_holds_from_the_formula_data \
	tests/test_calculator.py::test_every_line_of_the_log_and_the_pages_holds_as_printed
MUTATE_LOADER := generator/example.py generator/slugs.py
ONLY_LOADER := example.* slugs.*
TESTS_LOADER := tests/test_loader.py tests/test_drawn_parameters.py tests/test_core.py
MUTATE_GRAPH := generator/content/graph.py
ONLY_GRAPH := $(addprefix content.graph.,graph_data _node _nodes _topological _edges _lit _steps \
	_mark_filling_steps drawable column_heights edge_id)
TESTS_GRAPH := tests/test_graph_steps.py tests/test_graph_svg.py tests/test_graph_data.py

# mutmut and what only it needs come from their own pinned list, so that build and test stay lean.
$(VENV)/.mutate-installed: requirements-mutate.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-mutate.txt
	touch $@

mutate: setup $(VENV)/.mutate-installed
	$(PY) bench/mutate.py run graph --mutate $(MUTATE_GRAPH) --only $(ONLY_GRAPH) --tests $(TESTS_GRAPH)
	$(PY) bench/mutate.py run loader --mutate $(MUTATE_LOADER) --only $(ONLY_LOADER) --tests $(TESTS_LOADER)
	$(PY) bench/mutate.py run printing --mutate $(MUTATE_PRINTING) --only $(ONLY_PRINTING) \
		--tests $(TESTS_PRINTING)
	$(PY) bench/mutate.py run maths --mutate $(MUTATE_MATHS) --only $(ONLY_MATHS) --tests $(TESTS_MATHS)
	$(PY) bench/mutate.py report maths printing loader graph

# After tests were added for survivors: run only the survivors again, then rewrite the report.
mutate-survivors: setup $(VENV)/.mutate-installed
	$(PY) bench/mutate.py recheck graph --tests $(TESTS_GRAPH)
	$(PY) bench/mutate.py recheck loader --tests $(TESTS_LOADER)
	$(PY) bench/mutate.py recheck printing --tests $(TESTS_PRINTING)
	$(PY) bench/mutate.py recheck maths --tests $(TESTS_MATHS)
	$(PY) bench/mutate.py report maths printing loader graph

# Live preview: rebuilds when an example, a template or an asset changes (the hook regenerates).
serve: setup
	$(PY) -m mkdocs serve

clean:
	rm -rf build site dist .pytest_cache
	mkdir -p build/docs
