# The two commands a newcomer needs: `make run` and `make test`. Both create or reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt requirements-infra.txt | cksum | cut -d' ' -f1)
STAGE ?= dev
# The CDK CLI from npm, pinned; it only deploys what `python -m infra.aws` synthesises.
CDK := npx --yes aws-cdk@2.1148.1

.PHONY: run test test-fast system-packages bench deploy clean openapi

$(STAMP): requirements.txt requirements-dev.txt requirements-infra.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<26.3"  # chalice 1.34 packages with pip below 26.3
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-* && touch $@

run: $(STAMP)
	$(BIN)/python -m infra.local

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

# Chromium, oathtool, node and the Lambda runtime's Python (see .ci/system-packages).
system-packages:
	@.ci/system-packages

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/unit tests/api

# docs/openapi.json from the route table and its types (tests/api checks it is current).
openapi: $(STAMP)
	$(BIN)/python -m infra.local.openapi

bench: $(STAMP)
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/login.py
	$(BIN)/python bench/enumeration.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/digest.py
	$(BIN)/python bench/routes.py

deploy: $(STAMP)
	$(CDK) deploy --app "$(BIN)/python -m infra.aws --stage $(STAGE)" --all --require-approval broadening

clean:
	rm -rf $(VENV) .pytest_cache
