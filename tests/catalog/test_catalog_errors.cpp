#include <catch2/catch.hpp>
#include <filesystem>

#include "catalog/catalog.hpp"
#include "source/migrations.hpp"
#include "support/expect_diag.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

TEST_CASE("catalog diagnostics fixtures under tests/cases/catalog_errors", "[catalog]") {
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(SQLGEN_TESTS_DIR "/cases/catalog_errors")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    diag::DiagnosticEngine diags;
    auto migrations = source::load_schema_paths({entry.path().string()}, diags);
    REQUIRE(migrations.size() == 1);
    catalog::build_catalog(migrations, diags);
    auto expected = testing::expected_diagnostics(*migrations[0].source);
    auto actual = testing::actual_diagnostics(diags, *migrations[0].source);
    INFO(entry.path().filename().string() << "\nexpected:\n"
                                          << testing::to_string(expected) << "actual:\n"
                                          << testing::to_string(actual));
    CHECK_FALSE(expected.empty());
    CHECK(expected == actual);
  }
  CHECK(files >= 3);
}

TEST_CASE("a catalog error carries a note where the first declaration is", "[catalog]") {
  auto src =
      diag::make_source("m.sql", "CREATE TABLE users (id int);\nCREATE TABLE users (x int);\n");
  diag::DiagnosticEngine diags;
  source::Migration m;
  m.source = src;
  m.up = {source::Statement{0, 27}, source::Statement{29, 26}};
  catalog::build_catalog({m}, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(diag::render_text(all[0]) ==
        "m.sql:2:14: error: relation \"users\" already exists\n"
        "CREATE TABLE users (x int);\n"
        "             ^~~~~\n"
        "m.sql:1:14: note: table \"users\" declared here\n"
        "CREATE TABLE users (id int);\n"
        "             ^~~~~\n");
}
