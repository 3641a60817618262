# gdscope — the two set-up commands: `make run` (launch the app) and `make test` (the whole test suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KERNELS := $(VENV)/.kernels-cached

.PHONY: run test lint bench screenshot clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# The CPU build of torch first, so that nothing pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	# --build-constraint: visdom's sdist still imports pkg_resources (setuptools < 81) when it builds.
	$(BIN)/pip install -q --build-constraint scripts/build-constraints.txt -e '.[test]'
	touch $(STAMP)

# Compile and cache every numba kernel now, so the first launch is as fast as the next ones; again
# whenever the maths changes (numba's cache is keyed on each source file).
$(KERNELS): $(STAMP) $(wildcard algorithms/*.py)
	$(BIN)/python -m algorithms.warmup
	touch $(KERNELS)

run: $(KERNELS)
	./scripts/system-deps.sh
	$(BIN)/gdscope

test: $(KERNELS)
	./scripts/system-deps.sh
	./scripts/run-tests.sh
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy algorithms app
	$(BIN)/lint-imports

bench: $(KERNELS)
	./scripts/system-deps.sh
	$(BIN)/python benchmarks/bench_engine.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python benchmarks/bench_render.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python benchmarks/bench_latency.py
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_landscape.py
	$(BIN)/python benchmarks/bench_algorithms.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
