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

.PHONY: all deps build gen test bench fmt check clean

all: build

deps:
	@scripts/install-deps.sh $(DEB_PACKAGES)

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

gen: build
	$(SQLGEN) generate
	$(SQLGEN) dump

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	scripts/bench.sh

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

check:
	@scripts/check.sh

clean:
	rm -rf $(BUILD_DIR)
