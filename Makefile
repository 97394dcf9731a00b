# The two commands a newcomer needs: `make run` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per requirements set, named by its files' checksum: editing a file reinstalls that set.
RUN_STAMP := $(VENV)/.run-$(shell cat requirements.txt requirements-run.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.dev-$(shell cat requirements.txt requirements-run.txt requirements-dev.txt requirements-infra.txt | cksum | cut -d' ' -f1)
# The npm tools `make test` uses (axe-core, for tests/e2e/test_accessibility.py), pinned in package-lock.json.
NPM_STAMP := node_modules/.npm-$(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)
STAGE ?= dev
# The CDK CLI from npm, pinned; it only deploys what `python -m infra.aws` synthesises.
CDK := npx --yes aws-cdk@2.1148.1

.PHONY: run test test-fast lint pages system-packages bench deploy clean openapi

# `make run` needs only the runtime, Chalice and moto (requirements-run.txt): no CDK, no test tools.
$(RUN_STAMP): requirements.txt requirements-run.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<26.3"  # chalice 1.34 packages with pip below 26.3
	$(BIN)/python -m pip install --quiet -r requirements-run.txt
	@rm -f $(VENV)/.run-* && touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt requirements-infra.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.dev-* && touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@rm -f node_modules/.npm-* && touch $@

run: $(RUN_STAMP)
	$(BIN)/python -m infra.local

# system-packages first: when it cannot install what is missing, it stops within seconds, before pip.
test: system-packages $(DEV_STAMP) $(NPM_STAMP)
	@$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

# ruff, mypy and the layer contracts (import-linter), all configured in pyproject.toml.
lint: $(DEV_STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Chromium, oathtool, node and the Lambda runtime's Python (see .ci/system-packages).
system-packages:
	@.ci/system-packages

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest tests/unit tests/api

# static_site/*.html from infra/pages/ (one layout, one source per page; tests/unit checks they are current).
pages:
	$(PYTHON) -m infra.pages

# docs/openapi.json from the route table and its types (tests/api checks it is current).
openapi: $(DEV_STAMP)
	$(BIN)/python -m infra.local.openapi

bench: $(DEV_STAMP)
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/login.py
	$(BIN)/python bench/enumeration.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/digest.py
	$(BIN)/python bench/routes.py
	$(BIN)/python bench/documents.py

deploy: $(DEV_STAMP)
	$(CDK) deploy --app "$(BIN)/python -m infra.aws --stage $(STAGE)" --all --require-approval broadening

clean:
	rm -rf $(VENV) .pytest_cache node_modules
