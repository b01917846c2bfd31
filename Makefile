# GNU make. `make` runs `make test`.
#
#   make test       the checks below, then all tests with -race on the embedded
#                   engine, and the library's and conformance tests on DynamoDB Local
#                   (with -sharedDb, then the namespace tests without it)
#   make check      go vet, gofmt and staticcheck: fail on any finding
#   make unit       all tests on the embedded engine only
#   make vet        go vet ./...
#   make fmt-check  fail when gofmt would change a file
#   make staticcheck  staticcheck ./..., installed into bin/ at a pinned version
#   make example    run ./examples/seed on the embedded engine
#   make fuzz       run every fuzz target for FUZZTIME each (default 1m)
#   make bench      the engine against DynamoDB Local and a no-op server:
#                   BENCHMARKS.md's figures, bench/load/results.json and
#                   bench/chart/throughput.png (BENCHFLAGS=-short: a quick run)
#   make clean      remove bin/ and this module's Go build/fuzz artifacts
#
# DynamoDB Local is installed into .cache/dynamodb-local/ on first use and
# started on a free loopback port per run; see scripts/dynamodb-local.sh.

GO ?= go
GOFMT ?= gofmt
GOTESTFLAGS ?=
DYNAMODB_LOCAL := scripts/dynamodb-local.sh
# The packages whose tests also run on DynamoDB Local: the library, its test
# helpers, its example, and the conformance suite, which compares both backends.
DYNAMODB_LOCAL_PKGS := . ./dbtest/ ./examples/... ./conformance/...
# The conformance tests that also run on DynamoDB Local started without
# -sharedDb, keeping a database per access key and region.
SEPARATE_DB_TESTS := ^TestNamespaces$$

.DEFAULT_GOAL := test
FUZZTIME ?= 1m
# staticcheck's release 2026.2.2; `make staticcheck` installs it into bin/.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := bin/staticcheck-$(STATICCHECK_VERSION)
.PHONY: test check clients unit vet fmt-check staticcheck example fuzz clean

test: check clients unit
	$(DYNAMODB_LOCAL) run -- $(GO) test -race -count=1 $(GOTESTFLAGS) $(DYNAMODB_LOCAL_PKGS)
	DYNAMODB_LOCAL_SHARED_DB=0 $(DYNAMODB_LOCAL) run -- $(GO) test -count=1 $(GOTESTFLAGS) -run '$(SEPARATE_DB_TESTS)' ./conformance/

# The AWS CLI and boto3 that cmd/dokklib-local's tests drive, from Debian's
# packages when they are missing.
clients:
	scripts/install-clients.sh </dev/null

unit:
	env -u DYNAMODB_ENDPOINT $(GO) test -race -count=1 $(GOTESTFLAGS) ./...

check: vet fmt-check staticcheck

vet:
	$(GO) vet ./...

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

$(STATICCHECK):
	GOBIN="$(CURDIR)/bin" $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	mv bin/staticcheck $@

fmt-check:
	@files="$$($(GOFMT) -l .)" || exit 1; \
	if [ -n "$$files" ]; then \
		echo "gofmt would reformat these files (run: $(GOFMT) -w .):"; \
		echo "$$files"; \
		exit 1; \
	fi

example:
	env -u DYNAMODB_ENDPOINT $(GO) run ./examples/seed

# Every Fuzz function of the module, one after the other, each for FUZZTIME;
# crashers are kept in the package's testdata/fuzz and fail later test runs.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for fn in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | cut -c6-); do \
			echo "== $$pkg $$fn"; \
			env -u DYNAMODB_ENDPOINT $(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

# The load generator in bench/ (a module of its own): about 6 minutes on two
# cores; see `go run ./load/cmd/loadbench -h` in bench/ for BENCHFLAGS.
BENCHFLAGS ?=
.PHONY: bench
bench:
	cd bench && $(GO) run ./load/cmd/loadbench -json load/results.json -markdown ../BENCHMARKS.md $(BENCHFLAGS)
	cd bench && $(GO) run ./chart -in load/results.json -out chart/throughput.png

# Only this repository's artifacts: not the shared Go build cache and not
# .cache/ (DynamoDB Local).
clean:
	rm -rf bin/
	$(GO) clean ./...
	@cache="$$($(GO) env GOCACHE)" && mod="$$($(GO) list -m)" && \
	if [ -n "$$cache" ] && [ -n "$$mod" ]; then \
		echo "rm -rf $$cache/fuzz/$$mod"; rm -rf "$$cache/fuzz/$$mod"; \
	fi
