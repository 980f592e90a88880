// CI runs these: the committed generated/ output must match the example
// app's migrations (the same checks `make check` runs).
#include <catch2/catch.hpp>

#include "support/run.hpp"
#include "util/fs.hpp"

using sqlgen::testing::run_sqlgen;

TEST_CASE("generated/schema.sql matches the example app's migrations (dump --check)",
          "[dump][cli]") {
  auto r = run_sqlgen("dump --check", SQLGEN_SOURCE_DIR);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("generated/catalog.sql matches the example app's migrations", "[catalog][cli]") {
  auto r = run_sqlgen("schema --format sql", SQLGEN_SOURCE_DIR);
  REQUIRE(r.exit_code == 0);
  auto committed =
      sqlgen::util::read_file(std::string(SQLGEN_SOURCE_DIR) + "/generated/catalog.sql");
  REQUIRE(committed.text);
  CHECK(*committed.text == r.out);
}
