# Qyzmet: the two promises are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help run test lint bench bench-scale venv migrate demo worker clean messages screenshots vendor openapi voice-clips backup-drill failover

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP) ## Create .venv with the locked dependencies

migrate: venv ## Migrate the SQLite database under var/
	mkdir -p var
	$(BIN)/qyzmet migrate --noinput

demo: migrate ## Load the demo data and create the demo signing CA under var/signing (safe to run again)
	$(BIN)/qyzmet demo_data
	$(BIN)/qyzmet signing_init

run: demo ## Run the product on http://127.0.0.1:8000 with SQLite and demo data
	$(BIN)/qyzmet runserver 127.0.0.1:8000

worker: venv ## Deliver the outbox (SMS, e-mail) and run scheduled sweeps
	$(BIN)/qyzmet worker

lint: venv ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: venv lint ## Lint, then the whole suite on a throwaway PostgreSQL 15 (browser tests included)
	bash tools/ensure-chromium.sh
	bash tools/ensure-voice-tools.sh
	bash tools/ensure-failover-tools.sh
	DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh $(BIN)/pytest
	DJANGO_SETTINGS_MODULE=config.settings.test_sqlite $(BIN)/pytest qyzmet/registry/tests/search

bench: venv ## Benchmarks; results written to var/bench/
	mkdir -p var/bench
	DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh $(BIN)/python tools/bench.py

backup-drill: venv ## Dump a throwaway PostgreSQL with the demo data, restore it into a fresh cluster, compare row counts
	DJANGO_SETTINGS_MODULE=config.settings.local bash tools/with-postgres.sh bash -c \
	  '$(BIN)/qyzmet migrate --noinput >/dev/null && $(BIN)/qyzmet demo_data >/dev/null && $(BIN)/python tools/backup_drill.py'

failover: venv ## A primary lost under load (issue 20.5): pg_auto_failover on loopback, kill -9 of the primary; acknowledged vs stored in var/bench/failover.json
	bash tools/ensure-failover-tools.sh
	mkdir -p var/bench
	$(BIN)/python tools/failover.py

bench-scale: venv ## National volume (issue 20.1): 10M applications, 1M complaints, 1M answers; figures beside their limits in var/bench/scale.json
	mkdir -p var/bench
	DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh $(BIN)/python tools/scale.py

.PHONY: load load-kill
LOAD_SECONDS ?= 600
LOAD_USERS ?= 8

load: venv ## Issue 20.3: LOAD_SECONDS (600) of mixed load with Locust (LOAD_USERS callers); counts to var/bench/load.json
	mkdir -p var/bench
	DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh \
	  $(BIN)/python tools/load.py --seconds $(LOAD_SECONDS) --users $(LOAD_USERS)

load-kill: venv ## Issue 20.4: the same load with kill -9 of a gunicorn worker and of qyzmet worker; var/bench/load-kill.json
	mkdir -p var/bench
	DJANGO_SETTINGS_MODULE=config.settings.test bash tools/with-postgres.sh \
	  $(BIN)/python tools/load.py --kill --seconds $(LOAD_SECONDS) --users $(LOAD_USERS)

screenshots: venv ## PNGs of the key pages at 360 and 1280 px, kk and ru, into docs/screenshots/ (SQLite demo)
	bash tools/ensure-chromium.sh
	$(BIN)/python tools/screenshots.py

vendor: ## Rebuild qyzmet/web/static/vendor (GOV.UK Frontend in our brand) with npm; the output is committed
	bash tools/vendor-frontend.sh

openapi: venv ## Rewrite the committed REST v1 contract docs/openapi.json (review the diff)
	DJANGO_SETTINGS_MODULE=config.settings.local $(BIN)/python -m django openapi

voice-clips: venv ## Re-synthesise the board's kk/ru voice clips (needs espeak-ng and sox); commit the WAV files
	$(BIN)/qyzmet reception_voice_clips

messages: venv ## Compile translations
	cd qyzmet && ../$(BIN)/django-admin compilemessages

clean: ## Remove the venv and local data
	rm -rf $(VENV) var
