# Convene — the two commands people need are `make run` and `make test`.
SWIFT ?= swift
PORT ?= 8080
DATA ?= data
PYTHON := .venv/bin/python

.PHONY: run test setup setup-test build build-release unit-test server-test bench-embed clean

## make run: install what is missing, build in release mode, start a server with a demo meeting.
run: setup build-release
	scripts/fetch-model.sh
	.build/release/convene meeting create --demo --data $(DATA) --port $(PORT)
	.build/release/convene serve --data $(DATA) --port $(PORT)

## make test: install what is missing, build, and run every test (unit and real-server).
test: setup-test build
	scripts/fetch-model.sh
	CONVENE_REQUIRE_MODEL=1 $(SWIFT) test
	CONVENE_BIN=$(CURDIR)/.build/debug/convene $(PYTHON) -m pytest -q Tests/server
	CONVENE_BIN=$(CURDIR)/.build/debug/convene $(PYTHON) -m pytest -q Tests/browser

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

build:
	$(SWIFT) build --build-tests

build-release:
	$(SWIFT) build -c release

unit-test: build
	$(SWIFT) test

server-test: build
	CONVENE_BIN=$(CURDIR)/.build/debug/convene $(PYTHON) -m pytest -q Tests/server

## make bench-embed: the embedding benchmark on one core (figures go to docs/BENCHMARKS.md).
bench-embed: build-release
	scripts/fetch-model.sh
	taskset -c 0 .build/release/convene-bench embed

clean:
	rm -rf .build .venv
