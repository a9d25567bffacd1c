# Envoy: `make run` serves the app locally; `make test` runs the whole suite, `make test-fast`
# all of it but the tests marked slow; `make lint` checks style, the import layers and types.
# `make test` also fetches axe-core (checked against its pinned sha512) for the browser tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run stack test test-fast lint format clean

$(VENV)/.run-deps: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.test-deps: $(VENV)/.run-deps requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# A local .env: a random secret key, and plain-HTTP cookies for the loopback server.
.env:
	@printf 'SECRET_KEY=%s\nSECURE_COOKIES=0\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env with a new SECRET_KEY"

run: $(VENV)/.run-deps .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py create_demo_users
	$(PY) manage.py collectstatic --noinput -v 0
	@echo "Envoy is at http://$(HOST)/"
	$(PY) manage.py runserver $(HOST)

# The compose file's processes without Docker (gunicorn, Celery worker and beat), against the
# PostgreSQL and Redis named by DATABASE_URL and REDIS_URL.
stack: $(VENV)/.run-deps .env
	scripts/stack

test: $(VENV)/.test-deps
	scripts/ensure-system-packages
	$(PY) scripts/fetch_axe_core.py >/dev/null
	$(VENV)/bin/pytest

# The inner loop: everything but the browser, integration, stack, schemathesis, backup and
# fuzzing tests (marked slow).
test-fast: $(VENV)/.test-deps
	scripts/ensure-system-packages
	$(VENV)/bin/pytest -m "not slow"

# mypy loads the settings (django-stubs' plugin): DEBUG=1 lets them start without a SECRET_KEY.
lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/check_imports.py
	DEBUG=1 $(VENV)/bin/mypy

format: $(VENV)/.test-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .mypy_cache test-artifacts
