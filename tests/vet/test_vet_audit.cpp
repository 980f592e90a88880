// Rule audit-coverage (`audit:` in sqlgen.yaml) through `sqlgen vet` and `sqlgen generate`:
// an unclassified column is an error at its definition in the migration with a note at the
// audit entry, a classified column or table that does not exist is an error at the config
// entry (with did-you-mean), a view is no audited table; vet honours the rule's level and
// sqlgen:disable comments, generate fails on the same findings and writes nothing.
#include <catch2/catch.hpp>
#include <filesystem>

#include "support/run.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

const char* k_init =
    "-- +goose Up\n"
    "CREATE SCHEMA app;\n"
    "CREATE TABLE app.users (\n"
    "    id bigint PRIMARY KEY,\n"
    "    email text NOT NULL,\n"
    "    password_hash text\n"
    ");\n"
    "CREATE VIEW app.emails AS SELECT email FROM app.users;\n"
    "\n"
    "-- +goose Down\n"
    "DROP VIEW app.emails;\n"
    "DROP TABLE app.users;\n"
    "DROP SCHEMA app;\n";

const char* k_add_column =
    "-- +goose Up\n"
    "ALTER TABLE app.users ADD COLUMN last_login_at timestamptz;\n"
    "\n"
    "-- +goose Down\n"
    "ALTER TABLE app.users DROP COLUMN last_login_at;\n";

/// A project in `dir`: one module `app` with k_init (and `more` migrations), `audit` as the
/// config's audit section (and `extra` top-level YAML).
void write_project(const fs::path& dir, const std::string& audit,
                   const std::vector<std::pair<std::string, std::string>>& more = {},
                   const std::string& extra = "") {
  std::vector<std::pair<std::string, std::string>> files = {
      {"sqlgen.yaml", "version: \"1\"\noutput: out\n" + extra + audit +
                          "modules:\n  - name: app\n    migrations: migrations\n"
                          "    schema: app\n"},
      {"migrations/001_init.sql", k_init}};
  files.insert(files.end(), more.begin(), more.end());
  for (const auto& [name, text] : files) {
    REQUIRE(util::write_file_atomic(dir / name, text).empty());
  }
}

const char* k_full_audit =
    "audit:\n"
    "  app.users:\n"
    "    id: track\n"
    "    email: track\n"
    "    password_hash: secret\n";

}  // namespace

TEST_CASE("audit-coverage: every column classified passes vet and generate", "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  write_project(tmp.path(), k_full_audit);
  RunResult vet = run_sqlgen("vet", tmp.path().string());
  INFO(vet.err);
  CHECK(vet.exit_code == 0);
  CHECK(vet.err.empty());
  RunResult gen = run_sqlgen("generate", tmp.path().string());
  INFO(gen.err);
  CHECK(gen.exit_code == 0);
  CHECK(fs::exists(tmp.path() / "out/app/audit.hpp"));
}

TEST_CASE("audit-coverage: a new column without a class fails vet and generate at its definition",
          "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  write_project(tmp.path(), k_full_audit, {{"migrations/002_last_login.sql", k_add_column}});
  const std::string want =
      "migrations/002_last_login.sql:2:34: error: column \"last_login_at\" of audited table "
      "\"app.users\" has no audit class: classify it under \"audit\" in the config as track, "
      "ignore or secret [audit-coverage]\n"
      "ALTER TABLE app.users ADD COLUMN last_login_at timestamptz;\n"
      "                                 ^~~~~~~~~~~~~\n"
      "sqlgen.yaml:4:3: note: table \"app.users\" is audited here\n";
  RunResult vet = run_sqlgen("vet", tmp.path().string());
  CHECK(vet.exit_code == 1);
  CHECK(vet.err.starts_with(want));
  INFO(vet.err);

  RunResult gen = run_sqlgen("generate", tmp.path().string());
  CHECK(gen.exit_code == 1);
  CHECK(gen.err.starts_with(want));
  CHECK_FALSE(fs::exists(tmp.path() / "out"));  // nothing written
}

TEST_CASE("audit-coverage: classified columns and tables that do not exist", "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  write_project(tmp.path(),
                "audit:\n"
                "  app.users:\n"
                "    id: track\n"
                "    email: track\n"
                "    password_hash: secret\n"
                "    pasword_hash: secret\n"
                "  app.user:\n"
                "    id: track\n"
                "  app.emails:\n"
                "    email: track\n");
  RunResult vet = run_sqlgen("vet", tmp.path().string());
  INFO(vet.err);
  CHECK(vet.exit_code == 1);
  CHECK(vet.err.find(
            "sqlgen.yaml:8:5: error: audited column \"pasword_hash\" does not exist in table "
            "\"app.users\", did you mean \"password_hash\"? [audit-coverage]") !=
        std::string::npos);
  CHECK(vet.err.find("migrations/001_init.sql:3:14: note: table \"app.users\" declared here") !=
        std::string::npos);
  CHECK(vet.err.find("sqlgen.yaml:9:3: error: audited table \"app.user\" does not exist, did you "
                     "mean \"app.users\"? [audit-coverage]") != std::string::npos);
  CHECK(vet.err.find("sqlgen.yaml:11:3: error: audited relation \"app.emails\" is a view, not a "
                     "table [audit-coverage]") != std::string::npos);
  RunResult gen = run_sqlgen("generate", tmp.path().string());
  CHECK(gen.exit_code == 1);
  CHECK(gen.err == vet.err);
}

TEST_CASE("audit-coverage: a column dropped by a later migration is no longer classifiable",
          "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  write_project(tmp.path(), k_full_audit,
                {{"migrations/002_drop.sql",
                  "-- +goose Up\nALTER TABLE app.users DROP COLUMN password_hash;\n\n"
                  "-- +goose Down\nALTER TABLE app.users ADD COLUMN password_hash text;\n"}});
  RunResult vet = run_sqlgen("vet", tmp.path().string());
  CHECK(vet.exit_code == 1);
  CHECK(
      vet.err.starts_with("sqlgen.yaml:7:5: error: audited column \"password_hash\" does not "
                          "exist in table \"app.users\" [audit-coverage]"));
}

TEST_CASE("audit-coverage: unqualified tables resolve along the top-level search_path",
          "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  std::string audit = "audit:\n  users: {id: track, email: track, password_hash: ignore}\n";
  write_project(tmp.path(), audit, {}, "search_path: [app, public]\n");
  RunResult ok = run_sqlgen("vet", tmp.path().string());
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  // Without it, "users" is looked up along "$user", public: not found.
  util::TempDir other("sqlgen-audit");
  write_project(other.path(), audit);
  RunResult missing = run_sqlgen("vet", other.path().string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.starts_with(
      "sqlgen.yaml:4:3: error: audited table \"users\" does not exist [audit-coverage]"));
}

TEST_CASE("audit-coverage: vet's level and sqlgen:disable apply to vet, not to generate",
          "[vet][audit]") {
  util::TempDir tmp("sqlgen-audit");
  write_project(tmp.path(), k_full_audit, {{"migrations/002_last_login.sql", k_add_column}},
                "vet:\n  audit-coverage: warning\n");
  RunResult warn = run_sqlgen("vet", tmp.path().string());
  CHECK(warn.exit_code == 0);
  CHECK(warn.err.find("warning: column \"last_login_at\" of audited table") != std::string::npos);
  RunResult gen = run_sqlgen("generate", tmp.path().string());
  CHECK(gen.exit_code == 1);
  CHECK(gen.err.find("error: column \"last_login_at\" of audited table") != std::string::npos);

  util::TempDir off("sqlgen-audit");
  write_project(off.path(), k_full_audit,
                {{"migrations/002_last_login.sql",
                  "-- +goose Up\n"
                  "-- sqlgen:disable=audit-coverage classified in the next release\n"
                  "ALTER TABLE app.users ADD COLUMN last_login_at timestamptz;\n\n"
                  "-- +goose Down\nALTER TABLE app.users DROP COLUMN last_login_at;\n"}});
  RunResult disabled = run_sqlgen("vet", off.path().string());
  INFO(disabled.err);
  CHECK(disabled.exit_code == 0);
  CHECK(disabled.err.empty());
}
