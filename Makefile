# newsportal — everyday commands. `make run` starts the site, `make test` runs the tests.
#
# Django 6.1 needs Python >= 3.12. The virtualenv is built with the first
# interpreter that actually runs and is recent enough (a pyenv shim can exist
# for a version that is not installed, so each candidate is executed, not just
# looked up). Force one with `make venv PYTHON=/path/to/python3.13`.

VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
LOCKS    := requirements/base.txt requirements/dev.txt

HOST        ?= 127.0.0.1
PORT        ?= 8000
PYTEST_ARGS ?=
UV_ARGS     ?=
PYTHON      ?=
comma       := ,

.DEFAULT_GOAL := help
.PHONY: help venv run test lint format lock check messages clean audit bench

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

# --- Virtualenv -------------------------------------------------------------

venv: $(STAMP) ## Create .venv and install the locked dependencies

# Rebuilt when a lock file changes or the stamp is missing. The virtualenv
# itself is (re)created only when it is missing or runs a Python older than 3.12
# (for example one made by hand with an old python3).
$(STAMP): $(LOCKS)
	@set -e; \
	if ! "$(PY)" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then \
		found=""; \
		pyenv_root=$$(pyenv root 2>/dev/null || echo "$${PYENV_ROOT:-$$HOME/.pyenv}"); \
		for c in $(PYTHON) python3.13 python3.12 python3 \
		         $$pyenv_root/versions/3.13*/bin/python3 $$pyenv_root/versions/3.12*/bin/python3; do \
			if "$$c" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then \
				found="$$c"; break; \
			fi; \
		done; \
		if [ -z "$$found" ] && PYENV_VERSION=3.13.0 python3 -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then \
			found="$$(PYENV_VERSION=3.13.0 python3 -c 'import sys; print(sys.executable)')"; \
		fi; \
		if [ -z "$$found" ]; then \
			echo "ERROR: no Python >= 3.12 found (tried $(if $(PYTHON),$(PYTHON)$(comma) )python3.13, python3.12, python3 and pyenv's 3.13/3.12)." >&2; \
			echo "       Install one (e.g. 'pyenv install 3.13') or run 'make venv PYTHON=/path/to/python3.13'." >&2; \
			exit 1; \
		fi; \
		echo "Creating $(VENV) with $$found (Python $$("$$found" -c 'import platform; print(platform.python_version())'))"; \
		rm -rf $(VENV); \
		"$$found" -m venv $(VENV); \
		$(PY) -m pip install --quiet --upgrade pip; \
	fi
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	@touch $@

# --- Daily use ----------------------------------------------------------------

run: venv ## Migrate, load demo content if the database is empty, serve on HOST:PORT
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DEBUG=1 $(PY) manage.py seed_demo_ads
	DEBUG=1 $(PY) manage.py seed_demo_comments
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: venv ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv ## Check lint and formatting with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv ## Fix what ruff can fix, then format
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: venv ## Django system checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# See locale/README.md: English strings new since the last run must then be
# translated by hand (msgattrib --untranslated); French copies each msgid.
messages: venv ## Extract strings, fill the French catalog, compile (needs gettext)
	DJANGO_SETTINGS_MODULE=newsportal.settings.test $(PY) manage.py makemessages -l en -l fr \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=tests \
		--ignore=var -e html,txt,py,xml
	f=locale/fr/LC_MESSAGES/django.po; msgattrib --clear-fuzzy --empty "$$f" | msgen -o "$$f" -
	DJANGO_SETTINGS_MODULE=newsportal.settings.test $(PY) manage.py compilemessages --ignore=.venv
	@echo "English entries left to translate: $$(msgattrib --untranslated --no-obsolete \
		locale/en/LC_MESSAGES/django.po | grep -c '^msgid' || true)"

# Same command line as the header of the lock files (run from requirements/);
# `make lock UV_ARGS=--upgrade` moves every pin to the newest version.
lock: venv ## Recompile the hash-pinned lock files from the .in files
	@[ -x $(VENV)/bin/uv ] || $(PY) -m pip install --quiet uv
	cd requirements && ../$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes $(UV_ARGS) base.in -o base.txt
	cd requirements && ../$(VENV)/bin/uv pip compile --quiet --python-version 3.12 --generate-hashes $(UV_ARGS) dev.in -o dev.txt

# Seeds a throw-away demo site, serves it like production on 127.0.0.1:8013 and runs
# Lighthouse 12 with Debian's chromium (npm installs it into bench/out/node once).
audit: venv ## Lighthouse (phone) on home, category, article, search: fails below 100
	bench/audit.sh

# By hand, never in CI: seeds (once) a separate database `newsportal_bench` with 100 000
# articles and 1 000 000 comments, serves it like production on 127.0.0.1:8020 and measures
# with wrk (~10 min). BENCH_RESEED=1 rebuilds the database; see bench/run.sh for the knobs.
bench: venv ## Load benchmark at newsroom scale with wrk: writes bench/RESULTS.md
	bench/run.sh

# var/ (local database, uploads, secret key) is kept on purpose.
clean: ## Remove the virtualenv, caches and collected static files
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -path ./var -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
