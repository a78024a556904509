# Kundeportal — `make run` starts the portal locally, `make test` runs every check. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Byte-compile at install: this machine sets PYTHONDONTWRITEBYTECODE, so nothing would ever be cached.
export UV_COMPILE_BYTECODE := 1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtual environment with the locked dependencies

# The AWS SAM CLI lives in an environment of its own: it pins a pydantic older than the portal's.
SAM_ENV := $(TOOLS)/sam
$(SAM_ENV)/.installed: infrastructure/sam/pyproject.toml infrastructure/sam/uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(CURDIR)/$(SAM_ENV) $(UV) sync --frozen --project infrastructure/sam --python $(PYTHON)
	@touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

.PHONY: web
web: web/node_modules/.installed ## Build the front end (types generated from openapi.json) into web/dist
	cd web && npm run build

# Browser tests use Debian's Chromium (never a browser download); installed here so a fresh machine has it.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

.PHONY: run
run: install web ## Start the whole portal locally (embedded AWS backend, demo data, API, web, mailbox)
	$(PY) -m infrastructure.local --port $(PORT)

.PHONY: lint
lint: install $(SAM_ENV)/.installed ## ruff (lint and format check), mypy, cfn-lint, resources per stack
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy layers/portal/portal functions infrastructure tests benchmarks
	$(VENV)/bin/cfn-lint template.yaml stacks/*.yaml
	$(SAM_ENV)/bin/python -m infrastructure.stack_limits

# sam build installs the layer's dependencies for the functions' runtime (python3.12, arm64) without Docker, so it
# needs a Python 3.12 to run pip with: pyenv's, or one on PATH (not a pyenv shim).
LAMBDA_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12))

.PHONY: package
package: install $(SAM_ENV)/.installed ## sam build (no Docker) into .aws-sam/build, then check sizes against Lambda's limits
	@test -n "$(LAMBDA_PYTHON)" || { echo "sam build needs python3.12 (the functions' runtime): put it on PATH or set LAMBDA_PYTHON"; exit 1; }
	PATH="$(dir $(LAMBDA_PYTHON)):$$PATH" SAM_CLI_TELEMETRY=0 $(SAM_ENV)/bin/sam build --template template.yaml --build-dir .aws-sam/build
	$(PY) -m infrastructure.package_sizes .aws-sam/build

# pytest runs on this many processes, each with its own embedded backend and browser. A test file stays on one, and
# each process takes the files in their usual order, so a file never runs after one it would not follow alone.
PYTEST_WORKERS ?= 2

.PHONY: test
test: lint web $(CHROMIUM) ## Every check and every test (front-end unit tests, then pytest incl. the browser)
	cd web && npx vitest run
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

.PHONY: format
format: install ## Fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: openapi
openapi: install ## Regenerate openapi.json from the handlers
	$(PY) -m infrastructure.openapi

.PHONY: bench
bench: install web ## Print the benchmark figures
	$(PY) -m benchmarks

.PHONY: clean
clean: ## Remove the virtual environments and caches
	rm -rf $(VENV) $(TOOLS) .aws-sam .pytest_cache .mypy_cache .ruff_cache web/node_modules web/dist test-artifacts
