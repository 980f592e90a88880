# sqlgen — the newcomer's entry points. `make gen` and `make test` each install
# what is missing and build first, so either works alone on a fresh machine.
BUILD_DIR ?= build
JOBS ?= 2
SQLGEN := $(BUILD_DIR)/sqlgen
CMAKE_FLAGS ?=
ifeq ($(CI),true)
CMAKE_FLAGS += -DSQLGEN_WERROR=ON
endif

DEB_PACKAGES := libpg-query-dev libpqxx-dev nlohmann-json3-dev catch2 \
  libyaml-cpp-dev libprotobuf-c-dev libkainjow-mustache-dev libcli11-dev cmake ninja-build \
  g++ pkg-config postgresql-15 postgresql-client-15 clang-format

# `make sanitize`: the whole suite with ASan+UBSan in its own build dir (slow: not part of `test`).
SANITIZE_DIR ?= build-sanitize
# `make fuzz`: the libFuzzer targets of fuzz/ (clang-15) in their own build dir, each run
# FUZZ_SECONDS seconds by fuzz/run.sh.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES := clang-15 libfuzzer-15-dev
# -O1: the sanitizers' usual level; compiles faster than -O2 and keeps stacks readable.
SANITIZE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g' '-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g'
FUZZ_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only' \
  '-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only'

.PHONY: all deps build gen test bench fmt check clean sanitize fuzz fuzz-deps

all: build

deps:
	@scripts/install-deps.sh $(DEB_PACKAGES)
	@scripts/install-deps.sh --headers postgresql-server-dev-15 $(CURDIR)/.deps/postgresql-server-dev-15

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

gen: build
	$(SQLGEN) generate
	$(SQLGEN) dump

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

$(SANITIZE_DIR)/build.ninja:
	cmake -S . -B $(SANITIZE_DIR) -G Ninja $(SANITIZE_FLAGS) -DSQLGEN_SANITIZE=ON $(CMAKE_FLAGS)

sanitize: deps $(SANITIZE_DIR)/build.ninja
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp ctest --output-on-failure -j $(JOBS)

fuzz-deps: deps
	@scripts/install-deps.sh $(FUZZ_PACKAGES)

$(FUZZ_DIR)/build.ninja: | fuzz-deps
	CC=clang-15 CXX=clang++-15 cmake -S . -B $(FUZZ_DIR) -G Ninja $(FUZZ_FLAGS) \
	  -DSQLGEN_FUZZ=ON -DSQLGEN_BUILD_TESTS=OFF

fuzz: fuzz-deps $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target sqlgen_fuzz
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

bench: build
	scripts/bench.sh

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

check:
	@scripts/check.sh

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
