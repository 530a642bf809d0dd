# Convene — the two commands people need are `make run` and `make test`.
SWIFT ?= swift
PORT ?= 8080
DATA ?= data
PYTHON := .venv/bin/python
# Release builds link the Swift runtime and Foundation into the program: the server then
# keeps ~5 MB less resident under load (95 vs 100 MB at 10 x 100 phones, docs/BENCHMARKS.md)
# and spends slightly less CPU per delivery (no calls through shared-library stubs).
RELEASE := -c release --static-swift-stdlib

.PHONY: run test setup setup-test build build-release unit-test server-test bench-embed clean install

## make run: install what is missing, build in release mode, start a server with a demo meeting.
run: setup build-release
	scripts/fetch-model.sh
	.build/release/convene meeting create --demo --data $(DATA) --port $(PORT)
	.build/release/convene serve --data $(DATA) --port $(PORT)

## make test: install what is missing, build, and run every test (unit and real-server).
test: setup-test build
	scripts/check-sources.sh
	scripts/fetch-model.sh
	CONVENE_REQUIRE_MODEL=1 $(SWIFT) test
	CONVENE_BIN=$(CURDIR)/.build/debug/convene $(PYTHON) -m pytest -q Tests/server
	CONVENE_BIN=$(CURDIR)/.build/debug/convene $(PYTHON) -m pytest -q Tests/browser

## make install: the program, its pages and the model under PREFIX (default /usr/local), so
## that `convene serve` works from any folder (CONFIG=debug installs the debug build instead).
PREFIX ?= /usr/local
CONFIG ?= release
install: setup
	$(if $(filter release,$(CONFIG)),$(SWIFT) build $(RELEASE) --product convene,@test -x .build/$(CONFIG)/convene || { echo ".build/$(CONFIG)/convene is not built"; exit 1; })
	scripts/fetch-model.sh
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/convene/web-static $(DESTDIR)$(PREFIX)/share/convene/models/all-MiniLM-L6-v2
	install -m 755 .build/$(CONFIG)/convene $(DESTDIR)$(PREFIX)/bin/convene
	cp -R web-static/. $(DESTDIR)$(PREFIX)/share/convene/web-static/
	install -m 644 models/all-MiniLM-L6-v2/model.safetensors models/all-MiniLM-L6-v2/vocab.txt $(DESTDIR)$(PREFIX)/share/convene/models/all-MiniLM-L6-v2/

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

build:
	$(SWIFT) build --build-tests

build-release:
	$(SWIFT) build $(RELEASE)

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
