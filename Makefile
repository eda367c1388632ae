# One command each for a fresh machine that has only python3 and make.
# `make run` starts everything; `make test` runs the tests; `make stop` ends the embedded servers.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp is touched only after a full install, so an interrupted install
# is retried, and editing either pin file reinstalls.
STAMP := $(VENV)/.installed

# make test spreads the tests over two processes (pytest-xdist), each with its own test
# database, channel prefix and queue; PYTEST_PARALLEL= runs them in one.
PYTEST_PARALLEL ?= -n 2

.PHONY: venv run test stop lint bench clean

venv: $(STAMP)

$(STAMP): requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -r requirements.txt -c constraints.txt
	touch $@

run: $(STAMP)
	$(BIN)/python -m learning.devserver

test: $(STAMP)
	@test -x /usr/bin/chromium || echo "chromium not found: browser tests will be skipped; install it with apt-get install chromium"
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

# Stops the embedded PostgreSQL and Redis that `make run` or `make test` left running.
stop:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m learning.devserver stop; \
	else echo "No $(VENV): nothing to stop."; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	@if [ -f bench/__main__.py ]; then $(BIN)/python -m bench; \
	else echo "No benchmarks yet: add bench/__main__.py"; exit 1; fi

# Stops the embedded servers first: deleting their data under them would leave them running on nothing.
clean: stop
	rm -rf var/
