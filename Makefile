# catchment — see README.md. `make demo` runs the main job on the embedded
# sample; `make test` runs every test (install steps for CI are in .ci/run).
GO      ?= go
BIN     := bin/catchment
OUT     := out
PKGS    := ./...
# Heavy end-to-end benchmark inputs (generated, not committed).
BENCHDIR ?= /tmp/catchment-bench

.PHONY: all build demo test test-short bench bench-e2e bench-roads bench-pgrouting verify lint fmt fuzz clean

all: lint test build

# The version `catchment --version` prints and every report's header
# carries: the git description of the checkout (tag, commits since, hash,
# -dirty), or "devel" outside a git checkout.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)

build:
	$(GO) build -trimpath -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/catchment

demo: build
	@mkdir -p $(OUT)
	./$(BIN) coverage --radius-km 10,15,20 \
	    --out $(OUT)/villages.geojson --summary $(OUT)/coverage.json \
	    --facilities-out $(OUT)/facilities.geojson --facility-circles-out $(OUT)/facility_circles.geojson
	./$(BIN) plan --scenario examples/scenarios/shanxi.toml \
	    --out $(OUT)/plan.geojson --out-dir $(OUT)/layers --summary $(OUT)/plan.json \
	    --csv-dir $(OUT)/tables --report $(OUT)/plan.md --report-html $(OUT)/plan.html
	./$(BIN) map --quiet --scenario examples/scenarios/shanxi.toml --out $(OUT)/map.png
	@echo "--- the same villages by road (the embedded sample's synthetic roads); straight-line columns kept beside ---"
	./$(BIN) coverage --quiet --distance road --radius-km 10,15,20 \
	    --out $(OUT)/villages-road.geojson --summary $(OUT)/coverage-road.json
	./$(BIN) plan --quiet --scenario examples/scenarios/shanxi.toml --distance road \
	    --out $(OUT)/plan-road.geojson --summary $(OUT)/plan-road.json --report $(OUT)/plan-road.md > /dev/null
	@echo "--- a real-geography sample: Taiyuan's real county shapes, names and codes (synthetic positions and populations) ---"
	./$(BIN) sample --quiet --region shanxi --city 太原市 --out $(OUT)/shanxi && ./$(BIN) map --quiet \
	    --villages $(OUT)/shanxi/villages.csv --facilities $(OUT)/shanxi/facilities.csv \
	    --boundaries $(OUT)/shanxi/counties.geojson --out $(OUT)/shanxi.png
	@echo "results in $(OUT)/: villages.geojson coverage.json facilities.geojson facility_circles.geojson plan.geojson plan.json plan.md plan.html map.png layers/ tables/ villages-road.geojson coverage-road.json plan-road.* shanxi.png shanxi/"

# The race detector is on: the planner and writers run on all cores.
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -timeout 20m -count=1 $(PKGS)

test-short:
	$(GO) test -short -count=1 $(PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x -timeout 60m $(PKGS)
	$(MAKE) bench-e2e
	$(MAKE) bench-roads

# Nearest facility by road, catchment against pgRouting on the same synthetic
# network (starts a throw-away PostgreSQL cluster; `bench` runs it already
# through ./..., but cuts its table short: -v prints it whole).
bench-pgrouting:
	$(GO) test -run '^$$' -bench NearestFacilityVsPgRouting -benchtime 1x -timeout 30m -v ./tools/pgrouting/

# End to end on 1,000,000 villages and ~600,000 facilities: CSV in, GeoJSON out.
bench-e2e: build
	@mkdir -p $(BENCHDIR)
	@test -f $(BENCHDIR)/villages.csv || ./$(BIN) sample --counties 3640 --seed 1 --out $(BENCHDIR)
	/usr/bin/time -f 'wall %e s, peak RSS %M KB' ./$(BIN) coverage --quiet \
	    --villages $(BENCHDIR)/villages.csv --facilities $(BENCHDIR)/facilities.csv \
	    --radius-km 15 --out $(BENCHDIR)/villages.geojson --summary $(BENCHDIR)/summary.json > /dev/null

# By road, end to end on a 275,000-village province with its synthetic road
# network (catchment sample --roads): coverage and the whole plan reading the
# GeoJSON roads, then coverage and plan on the prepared network, each run
# ROADRUNS times (take the best: the machine may be shared) between load
# averages. Targets (issue 9): coverage < 10 s, plan < 30 s, peak memory
# < 4 GB.
ROADSDIR ?= /tmp/catchment-bench-roads
ROADRUNS ?= 3
TIMEFMT  := 'wall %e s, user %U s, sys %S s, peak RSS %M KB'
ROADVF    = --villages $(ROADSDIR)/villages.csv --facilities $(ROADSDIR)/facilities.csv
bench-roads: build
	@mkdir -p $(ROADSDIR)
	@test -f $(ROADSDIR)/roads.geojson || ./$(BIN) sample --quiet --counties 1000 --seed 1 --roads --out $(ROADSDIR)
	@uptime
	@for i in $$(seq $(ROADRUNS)); do echo "coverage, roads.geojson:"; /usr/bin/time -f $(TIMEFMT) ./$(BIN) coverage --quiet $(ROADVF) \
	    --roads $(ROADSDIR)/roads.geojson --out $(ROADSDIR)/coverage.csv --summary $(ROADSDIR)/coverage.json > /dev/null || exit 1; done
	@for i in $$(seq $(ROADRUNS)); do echo "plan, roads.geojson:"; /usr/bin/time -f $(TIMEFMT) ./$(BIN) plan --quiet $(ROADVF) \
	    --roads $(ROADSDIR)/roads.geojson --summary $(ROADSDIR)/plan.json > /dev/null || exit 1; done
	@uptime
	@for i in $$(seq $(ROADRUNS)); do echo "roads prepare:"; /usr/bin/time -f $(TIMEFMT) ./$(BIN) roads prepare --quiet \
	    -o $(ROADSDIR)/province.roads $(ROADSDIR)/roads.geojson > /dev/null || exit 1; done
	@for i in $$(seq $(ROADRUNS)); do echo "coverage, province.roads:"; /usr/bin/time -f $(TIMEFMT) ./$(BIN) coverage --quiet $(ROADVF) \
	    --roads $(ROADSDIR)/province.roads --out $(ROADSDIR)/coverage-prepared.csv > /dev/null || exit 1; done
	@for i in $$(seq $(ROADRUNS)); do echo "plan, province.roads:"; /usr/bin/time -f $(TIMEFMT) ./$(BIN) plan --quiet $(ROADVF) \
	    --roads $(ROADSDIR)/province.roads --summary $(ROADSDIR)/plan-prepared.json > /dev/null || exit 1; done
	@uptime

# Independent checks on a 275,000-village province: coverage against pyproj,
# the sub-centre optima and joint-clinic minimums against exhaustive search
# and scipy's MILP (needs Debian's python3-pyproj and python3-scipy).
VERIFYDIR ?= /tmp/catchment-verify
verify: build
	./$(BIN) sample --quiet --counties 1000 --seed 7 --out $(VERIFYDIR)
	./$(BIN) coverage --quiet --villages $(VERIFYDIR)/villages.csv --facilities $(VERIFYDIR)/facilities.csv \
	    --radius-km 10,15,20 --format csv --out $(VERIFYDIR)/coverage.csv
	/usr/bin/python3 tools/verify_coverage.py --villages $(VERIFYDIR)/villages.csv \
	    --facilities $(VERIFYDIR)/facilities.csv --coverage $(VERIFYDIR)/coverage.csv --radius-km 10,15,20
	for k in 1 2 3; do ./$(BIN) plan --quiet --villages $(VERIFYDIR)/villages.csv --facilities $(VERIFYDIR)/facilities.csv \
	    --subcentres $$k --summary $(VERIFYDIR)/plan$$k.json --out $(VERIFYDIR)/plan$$k.geojson > $(VERIFYDIR)/plan$$k.txt || exit 1; done
	/usr/bin/python3 tools/verify_plan.py --villages $(VERIFYDIR)/villages.csv --facilities $(VERIFYDIR)/facilities.csv \
	    --plan $(VERIFYDIR)/plan1.json $(VERIFYDIR)/plan1.geojson --plan $(VERIFYDIR)/plan2.json $(VERIFYDIR)/plan2.geojson \
	    --plan $(VERIFYDIR)/plan3.json $(VERIFYDIR)/plan3.geojson

GOFILES = $$(find . -name '*.go' -not -path './node_modules/*' -not -path './.git/*')

lint:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

fmt:
	gofmt -w $(GOFILES)

# Run each fuzz target briefly (FUZZTIME per target) in every package that
# has one: the packages are found from the test files, so a new Fuzz target
# is covered without editing this list.
FUZZTIME ?= 20s
FUZZPKGS = $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u)
fuzz:
	@for pkg in $(FUZZPKGS); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin $(OUT)
