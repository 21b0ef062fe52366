# herd — the two set-up commands on a fresh Debian machine are `make run` and `make test`.
SWIFT      ?= swift
BIN        := .build/debug/herd
RUN_DEPS   := libncurses-dev openssh-client rsync tmux
TEST_DEPS  := $(RUN_DEPS) openssh-server shellcheck sudo cron sqlite3
BENCH_DEPS := $(TEST_DEPS) pdsh clustershell pssh

.PHONY: run test bench deps deps-test deps-bench build clean

## deps: install (apt-get) the system packages herd needs that are missing
deps:
	@bash scripts/deps.sh $(RUN_DEPS)

deps-test:
	@bash scripts/deps.sh $(TEST_DEPS)

deps-bench:
	@bash scripts/deps.sh $(BENCH_DEPS)

build: deps
	$(SWIFT) build

## run: build and start the dashboard (with no hosts configured it shows this machine)
run: build
	$(BIN) $(ARGS)

## test: every test: unit, CLI, and integration against real sshd hosts
test: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) test --no-parallel

## bench: the benchmarks; results go to docs/BENCHMARKS.md
bench: deps-bench
	$(SWIFT) build -c release --static-swift-stdlib
	bash scripts/bench.sh $(SECTIONS)

clean:
	rm -rf .build
