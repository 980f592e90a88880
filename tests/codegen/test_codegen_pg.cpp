// Generated code against a real PostgreSQL: the golden case's program.cpp round-trips every
// type, runs every query command, embeds and cross-module types, and sees an enum label added
// after generation throw; examples/billing_demo.cpp runs against the example app's schema.
// Each test compiles and links one program (10-20 s).
#include <catch2/catch.hpp>

#include "codegen/codegen_support.hpp"
#include "config/config.hpp"
#include "source/migrations.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

/// Compiles `source` with the generated code under `include` (its headers, and the source that
/// includes every generated .cpp) into `exe`.
void build_program(const fs::path& source, const fs::path& include, const fs::path& exe) {
  auto [rc, log] =
      compile("-I" + shell_quote(include.string()) + " " + shell_quote(source.string()) + " " +
              shell_quote((include / codegen::k_all_sources).string()) + " -o " +
              shell_quote(exe.string()) + " -lpqxx -lpq");
  INFO(log);
  REQUIRE(rc == 0);
}

}  // namespace

TEST_CASE("generated code round-trips every type through PostgreSQL", "[codegen][pg]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/types/migrations/app"));
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/types/migrations/reports"));
  RunResult r = run_case_program("types", db.conninfo());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ok\n");
}

TEST_CASE("examples/billing_demo.cpp runs against the example app", "[codegen][pg]") {
  diag::DiagnosticEngine diags;
  std::optional<config::Config> config =
      config::load_config(fs::path(SQLGEN_SOURCE_DIR) / "sqlgen.yaml", diags);
  REQUIRE(config);
  std::vector<source::Migration> migrations = source::load_all_migrations(*config, diags);
  REQUIRE(diags.error_count() == 0);
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), migrations);
  util::TempDir tmp("sqlgen-codegen-pg");
  fs::path exe = tmp.path() / "billing_demo";
  build_program(fs::path(SQLGEN_SOURCE_DIR) / "examples/billing_demo.cpp",
                fs::path(SQLGEN_SOURCE_DIR) / "generated", exe);
  RunResult r = run_command(shell_quote(exe.string()) + " " + shell_quote(db.conninfo()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  // identity::audit_diff over the user row before and after an UPDATE: the tracked change,
  // the secret masked, ignored columns (last_login_at also changed) absent.
  CHECK(r.out.find("audit: display_name Ada -> Ada Lovelace\naudit: password_hash *** -> ***\n"
                   "organization") != std::string::npos);
  CHECK(r.out.find("copied 3 invoice lines") != std::string::npos);
  CHECK(r.out.find("member bob@example.com (admin)") != std::string::npos);
  CHECK(r.out.find("voided #1\nvoided #2\n") != std::string::npos);
  CHECK(r.out.find("rolled back") != std::string::npos);
}
