# Hankeportaali: `make run` (demo on SQLite) and `make test` (full suite on
# PostgreSQL + Redis). Both set up everything they need on a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test bench lint messages clean services system-packages

$(VENV)/.run-installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --group run
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(PY) -m pip install --quiet --group test
	touch $@

messages: $(VENV)/.run-installed
	./scripts/ensure-system.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: $(VENV)/.run-installed messages
	mkdir -p var/mail var/celery/queue var/celery/processed
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	$(PY) -m portal.devserver

system-packages:
	./scripts/ensure-system.sh

services: system-packages
	./scripts/ensure-services.sh

test: $(VENV)/.test-installed services messages
	$(PY) -m pytest

bench: $(VENV)/.test-installed services
	$(PY) bench/run.py

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf var/db.sqlite3 var/celery var/mail var/celerybeat-schedule*
