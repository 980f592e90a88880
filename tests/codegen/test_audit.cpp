// The audit diff helpers (`audit:` in sqlgen.yaml → <module>/audit.hpp): the golden case
// tests/cases/codegen/audit (refresh with SQLGEN_UPDATE_GOLDEN=1), its program run on rows
// read back from a real PostgreSQL, and a templates directory without audit.hpp.mustache.
// Rule audit-coverage itself: tests/vet/test_vet_audit.cpp.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "codegen/codegen_support.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

TEST_CASE("golden: tests/cases/codegen/audit generates its expected/ (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  const char* update = std::getenv("SQLGEN_UPDATE_GOLDEN");
  cli::GenerateOptions opts;
  opts.check = !(update && std::string(update) == "1");
  GenerateRun r = generate(codegen_case("audit") / "sqlgen.yaml", opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
  // One audit.hpp per module holding an audited table's struct, in that module.
  CHECK(fs::exists(codegen_case("audit") / "expected/shop/audit.hpp"));
  CHECK(fs::exists(codegen_case("audit") / "expected/ledger/audit.hpp"));
}

TEST_CASE("audit_diff over rows read back from PostgreSQL: changes, masked secrets, no ignored",
          "[codegen][pg][audit]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/audit/migrations/shop"));
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/audit/migrations/ledger"));
  RunResult r = run_case_program("audit", db.conninfo());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ok\n");
}

TEST_CASE(
    "generate: a templates directory without audit.hpp.mustache is an error when a table "
    "is audited",
    "[codegen][audit]") {
  util::TempDir tmp("sqlgen-audit");
  fs::path root = tmp.path() / "case";
  copy_case("audit", root);
  fs::remove_all(root / "expected");
  fs::create_directories(root / "tpl");
  for (const char* name :
       {"models.hpp", "queries.hpp", "struct", "struct_json", "enum_json", "codec"}) {
    fs::copy_file(fs::path(SQLGEN_SOURCE_DIR) / "templates" / (std::string(name) + ".mustache"),
                  root / "tpl" / (std::string(name) + ".mustache"));
  }
  std::string yaml = read_text(root / "sqlgen.yaml");
  const std::string from = copied_case_templates_line();
  REQUIRE(yaml.find(from) != std::string::npos);
  yaml.replace(yaml.find(from), from.size(), "templates: tpl\n");
  REQUIRE(util::write_file_atomic(root / "sqlgen.yaml", yaml).empty());
  GenerateRun r = generate(root / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("error: template \"audit.hpp.mustache\" does not exist in \"tpl\"") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(root / "expected"));
}

TEST_CASE("generate: an audited table no module generates a struct for is an error",
          "[codegen][audit]") {
  util::TempDir tmp("sqlgen-audit");
  const std::vector<std::pair<std::string, std::string>> files = {
      {"sqlgen.yaml",
       "version: \"1\"\noutput: out\naudit:\n  other.logs: {id: track}\n"
       "modules:\n  - name: app\n    migrations: migrations\n    schema: app\n"},
      {"migrations/001_init.sql",
       "-- +goose Up\nCREATE SCHEMA app;\nCREATE SCHEMA other;\n"
       "CREATE TABLE other.logs (id bigint PRIMARY KEY);\n\n"
       "-- +goose Down\nDROP TABLE other.logs;\nDROP SCHEMA other;\nDROP SCHEMA app;\n"}};
  for (const auto& [name, text] : files) {
    REQUIRE(util::write_file_atomic(tmp.path() / name, text).empty());
  }
  RunResult r = run_sqlgen("generate", tmp.path().string());
  CHECK(r.exit_code == 1);
  CHECK(
      r.err.starts_with("sqlgen.yaml:4:3: error: audited table \"other.logs\" has no generated "
                        "struct: no module owns schema \"other\" and no query uses the table"));
  CHECK_FALSE(fs::exists(tmp.path() / "out"));
}
