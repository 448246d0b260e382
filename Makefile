# The README's two commands: `make run` (serve the app) and `make test` (lint + whole suite).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian libraries WeasyPrint needs (see docs/decisions/0002-weasyprint-system-libraries.md).
WEASY_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
# GNU gettext: the catalog tests run makemessages/msgfmt (the site itself reads the committed .mo; decision 0110).
I18N_DEBS := gettext
PYTEST_ARGS ?=

.PHONY: run test lint format e2e bench setup system-deps browser-deps migrate clean messages

setup: $(STAMP) system-deps

# (Re)create the virtualenv when the lock file changes or the interpreter is too old.
$(STAMP): requirements.lock pyproject.toml scripts/find-python.sh
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
		echo "Existing $(VENV) uses Python < 3.12: recreating it."; rm -rf $(VENV); fi
	@if [ ! -x $(PY) ]; then \
		interp=$$(scripts/find-python.sh) || exit 1; \
		echo "Creating $(VENV) with $$interp"; \
		"$$interp" -m venv $(VENV) || exit 1; fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

system-deps:
	@missing=""; for p in $(WEASY_DEBS) $(I18N_DEBS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "WeasyPrint and the catalog tests need Debian packages that are missing:$$missing -- installing them."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
			|| { echo "error: could not install$$missing (run as root or install them yourself)."; exit 1; }; \
	fi

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Browser tests need Debian's chromium: installing it (apt-get install chromium)."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null \
			|| echo "WARNING: chromium could not be installed; browser tests will be SKIPPED."; \
	fi

# After changing user-facing text: refresh the Spanish catalog, translate the new entries, compile (decision 0110).
messages: setup
	$(PY) manage.py makemessages -l es --no-location --no-wrap --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks
	$(PY) manage.py compilemessages -l es --ignore=.venv

migrate: setup
	$(PY) manage.py migrate --noinput

# The web server and one task worker (worksheet renders ahead of the download); Ctrl-C stops both.
run: migrate
	@echo "Serving on http://$(HOST):$(PORT)/ (SQLite at var/db.sqlite3 unless DATABASE_URL is set)"
	PY=$(PY) HOST=$(HOST) PORT=$(PORT) scripts/run.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: lint browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: setup browser-deps
	$(PY) -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
