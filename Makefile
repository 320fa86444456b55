# The two commands: `make run` and `make test`. Everything they need is set up here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install seed lint neo4j-start neo4j-stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,cluster]"
	touch $(STAMP)

install: $(STAMP)

seed: install
	$(BIN)/actorgraph ingest seeds

run: seed
	$(BIN)/actorgraph serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check app graph tests bench
	$(BIN)/mypy

test: install
	bash scripts/test.sh

neo4j-start: install
	$(BIN)/python -m app.cli neo4j start

neo4j-stop: install
	$(BIN)/python -m app.cli neo4j stop

clean:
	rm -rf $(VENV) data .cache/neo4j/data
