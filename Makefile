# The two commands: `make demo` runs the product, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: demo test worker bench lint messages run

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

messages: $(VENV)/.runtime
	$(PY) manage.py compilemessages --ignore=$(VENV) -v0

demo: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST)

run: messages
	$(PY) manage.py runserver $(HOST)

test: $(VENV)/.dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

# One worker for both queues, with the outbox relay's schedule embedded (-B); in production run
# `celery -A ovop_market beat` once and workers per queue (-Q images / -Q notifications).
worker: $(VENV)/.runtime
	$(VENV)/bin/celery -A ovop_market worker -B --queues default,images,notifications --loglevel=INFO

# Every benchmark script in tests/perf/ (bench_*.py), each printing its figures beside the DESIGN
# target; helpers live in tests/perf/lib/, the CI budget checks in tests/perf/test_*.py.
bench: $(VENV)/.dev
	@for script in tests/perf/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
