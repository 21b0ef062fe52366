# herd — the two set-up commands on a fresh Debian machine are `make run` and `make test`.
SWIFT      ?= swift
PREFIX     ?= /usr/local
RELEASE    := .build/release/herd
# The static Swift runtime (no libswift*.so to load), and no dynamic symbol table for herd's own symbols (the
# runtime's link file asks for -export-dynamic; nothing looks herd's symbols up): see docs/DECISIONS.md.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker --no-export-dynamic
RUN_DEPS   := libncurses-dev libcurl4-openssl-dev openssh-client rsync tmux
TEST_DEPS  := $(RUN_DEPS) openssh-server shellcheck sudo cron sqlite3 curl prometheus
BENCH_DEPS := $(TEST_DEPS) pdsh clustershell pssh btop
TEST_PYDEPS := mcp

.PHONY: run test bench deps deps-test deps-bench build release install toolchain clean

## toolchain: fail early, with what to do, when no Swift 6 toolchain is on PATH
toolchain:
	@SWIFT="$(SWIFT)" bash scripts/toolchain.sh

## deps: install (apt-get) the system packages herd needs that are missing
deps: toolchain
	@bash scripts/deps.sh $(RUN_DEPS)

deps-test: toolchain
	@bash scripts/deps.sh $(TEST_DEPS)
	@bash scripts/pydeps.sh $(TEST_PYDEPS)

deps-bench: toolchain
	@bash scripts/deps.sh $(BENCH_DEPS)

## build: a debug build (what the tests use)
build: deps
	$(SWIFT) build

## release: the optimised binary (.build/release/herd)
release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## run: build the release binary and start the dashboard (with no hosts configured it shows this machine)
run: release
	$(RELEASE) $(ARGS)

## install: put the release binary on PATH as $(PREFIX)/bin/herd (PREFIX=/usr/local by default)
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 $(RELEASE) "$(DESTDIR)$(PREFIX)/bin/herd"

## test: every test: unit, CLI, and integration against real sshd hosts
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --no-parallel

## bench: the benchmarks; results go to docs/BENCHMARKS.md
bench: deps-bench
	$(SWIFT) build $(RELEASE_FLAGS)
	bash scripts/bench.sh $(SECTIONS)

clean:
	rm -rf .build
