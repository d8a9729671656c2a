# One virtualenv, refreshed whenever pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: up test check lint typecheck pytest bench test-chr sim clean crash-matrix soak

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

up: $(STAMP)
	$(BIN)/tikjobs up

sim: $(STAMP)
	$(BIN)/tikjobs sim

test: check pytest

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# One pytest worker per core (at most 4): most tests wait on the real processes they
# start, so two workers on two cores finish in about two thirds of the time of one.
# Each module stays on one worker: its module-scoped systems start once, and a module
# whose tests build on each other (a router's jobs, one after the other) runs in order.
pytest: $(STAMP)
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile

bench: $(STAMP)
	$(BIN)/python -m bench

crash-matrix: $(STAMP)
	$(BIN)/python -m tests.crash.matrix

soak: $(STAMP)
	$(BIN)/python -m tests.crash.soak $(SOAK_ARGS)

test-chr: $(STAMP)
	@test -n "$(TIKJOBS_CHR_IMAGE)$(TIKJOBS_CHR_DOCKER_IMAGE)" || \
		{ echo "set TIKJOBS_CHR_IMAGE=/path/to/chr.img (or TIKJOBS_CHR_DOCKER_IMAGE)"; exit 2; }
	$(BIN)/pytest -m chr -p no:randomly

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
