# Developer shortcuts. CI runs .ci/run, which runs `go test ./...`.
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test bench fuzz lint golden fixtures

test:
	go test ./...

# Throughput on the shared corpus (../shared/corpus) and on the fixtures.
bench:
	go test -run '^$$' -bench 'Analyze' -benchtime 3s .

# The parser fuzz target; FUZZTIME=10m for the issue's full run.
FUZZTIME ?= 1m
fuzz:
	go test ./mail -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -parallel 1

lint:
	test -z "$$(gofmt -l .)"
	go vet ./...
	go run $(STATICCHECK) ./...

# Rewrite testdata/*.golden.json after a reviewed change of the reports.
golden:
	go test . -run TestGolden -update

# Rewrite the team's test mails (needs python3).
fixtures:
	python3 testdata/gen_fixtures.py
