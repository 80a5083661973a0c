# Pilcrow: `make run` to try it, `make test` to check it. `make help` lists the rest.
GO      ?= go
BIN     := bin/pilcrow
FUZZTIME ?= 15s

.PHONY: help build run test test-race test-load bench lint fuzz frontend clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

build: ## build the one binary into bin/pilcrow
	$(GO) build -o $(BIN) ./cmd/pilcrow

run: build ## migrate, load the demo when the database is empty, serve on :8080
	$(BIN) migrate
	$(BIN) seed demo
	PILCROW_LANGUAGES=$${PILCROW_LANGUAGES:-en,cy} $(BIN) serve

# The fuzzer shrinks each new input it finds for up to a minute by default, shown
# as "0 execs/sec"; -fuzzminimizetime 5s keeps a short run fuzzing.
test: ## the whole suite: SQLite always, PostgreSQL and Chromium when present
	$(GO) test -count=1 -timeout 40m ./...
	$(GO) test -count=1 -run '^$$' -fuzz FuzzRender -fuzztime $(FUZZTIME) -fuzzminimizetime 5s ./app/document

test-race: ## the race detector over the packages that run goroutines (CI runs it after test)
	$(GO) test -race -count=1 -timeout 30m ./app/web ./app/jobs ./app/consult ./app/store

test-load: ## the load and fault suite at full length
	PILCROW_LOAD=full $(GO) test -count=1 -timeout 30m -run 'Load|Fault' -v ./tests/load

bench: ## every benchmark in one run, printed as one table
	$(GO) run ./cmd/pilcrow-bench

fuzz: ## fuzz the Markdown-to-blocks pass for longer
	$(GO) test -run '^$$' -fuzz FuzzRender -fuzztime 5m -fuzzminimizetime 5s ./app/document

lint: ## gofmt, go vet and staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

frontend: ## rebuild static/govuk from govuk-frontend (needs Node; the output is committed)
	cd static/src && npm ci && ./build.sh

clean: ## remove build output and the development database
	rm -rf bin data
