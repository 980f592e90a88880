// vet over whole projects (a sqlgen.yaml, migrations and queries, tests/cases/vet/projects/):
// the rules that need the analyzed queries (one-without-returning, unused-parameter,
// query-naming, one-many-rows, drop-read-by-query, rename-read-column); version-conflict as
// loading a config reports it; and the two new --fix rewrites (goose StatementBegin/End, a
// CREATE INDEX CONCURRENTLY moved into a NO TRANSACTION migration), the moved set applied to
// PostgreSQL in one transaction.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>
#include <set>
#include <sstream>

#include "cli/cmd_vet.hpp"
#include "driver/driver.hpp"
#include "pg/migrate.hpp"
#include "support/expect_diag.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  util::ReadResult r = util::read_file(path);
  REQUIRE(r.text);
  return *r.text;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// Every `*.sql` file of `dir` states exactly what `diags` holds for it, and `diags` holds
/// nothing else.
void check_project(const fs::path& dir, const diag::DiagnosticEngine& diags) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  size_t expected_total = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".sql") continue;
    std::string rel = fs::relative(e.path(), dir).generic_string();
    // The path the loader gave the file, as the diagnostics carry it.
    std::string path = e.path().string();
    for (const diag::Diagnostic& d : all) {
      if (!d.loc.source) continue;
      const std::string& p = d.loc.source->path();
      if (p == rel || p.ends_with("/" + rel)) path = p;
    }
    diag::SourcePtr src = diag::make_source(path, read(e.path()));
    auto expected = testing::expected_diagnostics(*src);
    auto actual = testing::actual_diagnostics(diags, *src);
    INFO(rel << "\nexpected:\n"
             << testing::to_string(expected) << "actual:\n"
             << testing::to_string(actual));
    CHECK(expected == actual);
    expected_total += expected.size();
  }
  INFO(testing::rendered(diags));
  CHECK(all.size() == expected_total);
}

struct VetRun {
  int exit_code = 0;
  std::string out;
  std::string diagnostics;
};

VetRun vet_run(const cli::VetOptions& opts, const std::string& config = "sqlgen.yaml") {
  cli::Context ctx;
  ctx.color = "never";
  ctx.config_path = config;
  std::ostringstream out, err;
  int rc = cli::run_vet(ctx, opts, out);
  int diag_rc = ctx.finish(err, false);
  return {rc != cli::k_exit_ok ? rc : diag_rc, out.str(), err.str()};
}

}  // namespace

TEST_CASE("vet: rules over a project's analyzed queries (tests/cases/vet/projects)", "[vet]") {
  size_t projects = 0;
  for (const fs::directory_entry& e :
       fs::directory_iterator(fs::path(SQLGEN_TESTS_DIR) / "cases" / "vet" / "projects")) {
    if (!e.is_directory()) continue;
    INFO(e.path().filename().string());
    diag::DiagnosticEngine diags;
    driver::Inputs inputs;
    inputs.config_path = (e.path() / "sqlgen.yaml").string();
    driver::vet(inputs, vet::Options{}, false, diags);
    check_project(e.path(), diags);
    ++projects;
  }
  CHECK(projects >= 1);
}

TEST_CASE("vet: the findings of the analysis carry their rule, the notes point at the reads",
          "[vet]") {
  diag::DiagnosticEngine diags;
  driver::Inputs inputs;
  inputs.config_path =
      (fs::path(SQLGEN_TESTS_DIR) / "cases/vet/projects/library/sqlgen.yaml").string();
  driver::vet(inputs, vet::Options{}, false, diags);
  std::set<std::string> rules;
  // "": the analysis's errors against the final catalog (the dropped columns' readers), as
  // generate reports them.
  for (const diag::Diagnostic& d : diags.sorted()) rules.insert(d.rule);
  CHECK(rules == std::set<std::string>{"", "drop-read-by-query", "rename-read-column",
                                       "one-without-returning", "unused-parameter", "query-naming",
                                       "one-many-rows", "delete-without-where"});
  std::vector<diag::Diagnostic> all = diags.sorted();
  auto it = std::find_if(all.begin(), all.end(), [](const diag::Diagnostic& d) {
    return d.rule == "drop-read-by-query" && d.message.find("\"legacy\"") != std::string::npos;
  });
  REQUIRE(it != all.end());
  REQUIRE(it->notes.size() == 1);
  std::string text = diag::render_text(*it);
  CHECK(contains(text,
                 "queries/queries.sql:5:8: note: query \"GetAuthorLegacy\" reads it here\n"
                 "SELECT legacy FROM authors WHERE id = $1; -- expected-error {{column \"legacy\" "
                 "does not exist}}\n"
                 "       ^~~~~~\n"));

  // Levels apply to the analysis's findings too.
  vet::Options off;
  off.levels.push_back({"one-without-returning", vet::Level::Off, {}});
  off.levels.push_back({"unused-parameter", vet::Level::Warning, {}});
  diag::DiagnosticEngine leveled;
  driver::vet(inputs, off, false, leveled);
  for (const diag::Diagnostic& d : leveled.sorted()) {
    CHECK(d.rule != "one-without-returning");
    if (d.rule == "unused-parameter") CHECK(d.severity == diag::Severity::Warning);
  }
}

TEST_CASE("sqlgen vet: version-conflict over a config, duplicates and versions out of range",
          "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  fs::create_directories(tmp.path() / "a");
  fs::create_directories(tmp.path() / "b");
  const std::string body = "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n";
  testing::write_files(tmp.path() / "a", {{"001_x.sql", body}, {"002_y.sql", body}});
  testing::write_files(tmp.path() / "b",
                       {{"001_x.sql", body}, {"2002_y.sql", body}, {"1003_z.sql", body}});
  testing::write_files(tmp.path(), {{"sqlgen.yaml",
                                     "version: \"1\"\nmodules:\n  - name: a\n    migrations: a\n"
                                     "  - name: b\n    migrations: b\n"}});
  cli::VetOptions opts;
  VetRun ok = vet_run(opts, (tmp.path() / "sqlgen.yaml").string());
  INFO(ok.out << ok.diagnostics);
  CHECK(ok.exit_code == cli::k_exit_diagnostics);
  CHECK(contains(ok.diagnostics,
                 "error: migration version 1003 is outside module \"b\"'s range 2001..2999 "
                 "[version-conflict]"));
  CHECK_FALSE(contains(ok.diagnostics, "duplicate"));

  // b/002 and b/2002 are both version 2002.
  testing::write_files(tmp.path() / "b", {{"002_w.sql", body}});
  fs::remove(tmp.path() / "b" / "1003_z.sql");
  VetRun dup = vet_run(opts, (tmp.path() / "sqlgen.yaml").string());
  INFO(dup.out << dup.diagnostics);
  CHECK(dup.exit_code == cli::k_exit_diagnostics);
  CHECK(contains(dup.diagnostics, "error: duplicate migration version 2002 [version-conflict]"));

  // Turned down to a warning by the config.
  testing::write_files(tmp.path(), {{"sqlgen.yaml",
                                     "version: \"1\"\nvet:\n  version-conflict: warning\n"
                                     "modules:\n  - name: a\n    migrations: a\n"
                                     "  - name: b\n    migrations: b\n"}});
  VetRun warned = vet_run(opts, (tmp.path() / "sqlgen.yaml").string());
  INFO(warned.out << warned.diagnostics);
  CHECK(warned.exit_code == cli::k_exit_ok);
  CHECK(
      contains(warned.diagnostics, "warning: duplicate migration version 2002 [version-conflict]"));
}

TEST_CASE("sqlgen vet --fix: goose blocks wrapped, CREATE INDEX CONCURRENTLY moved out",
          "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  testing::copy_files(testing::vet_case_dir("fix", "concurrently"), tmp.path());
  auto path = [&](const std::string& name) {
    return (tmp.path() / name).lexically_normal().generic_string();
  };
  cli::VetOptions opts;
  opts.schema_paths = {tmp.path().string()};
  VetRun found = vet_run(opts);
  CHECK(found.exit_code == cli::k_exit_diagnostics);
  CHECK(contains(found.diagnostics, "[goose-statement-block]"));
  CHECK(contains(found.diagnostics, "[non-transactional-in-transaction]"));

  opts.fix = true;
  VetRun run = vet_run(opts);
  INFO(run.out << run.diagnostics);
  CHECK(run.exit_code == cli::k_exit_ok);
  CHECK(run.diagnostics.empty());
  CHECK(run.out ==
        path("002_email.sql") +
            ": moved CREATE INDEX CONCURRENTLY \"accounts_email\" (line 3) into \"" +
            path("003_accounts_email_concurrently.sql") + "\"\n" + path("002_email.sql") +
            ": moved the Down's DROP INDEX \"accounts_email\" into \"" +
            path("003_accounts_email_concurrently.sql") + "\"\n" + path("004_name.sql") +
            ": marked the migration \"-- +goose NO TRANSACTION\" (its only statement is CREATE "
            "INDEX CONCURRENTLY \"accounts_name\")\n" +
            path("005_counter.sql") +
            ": wrapped the statement at line 3 in \"-- +goose StatementBegin\" and \"-- +goose "
            "StatementEnd\"\n" +
            path("003_accounts_email_concurrently.sql") +
            ": created: new migration, marked \"-- +goose NO TRANSACTION\", with CREATE INDEX "
            "CONCURRENTLY \"accounts_email\"\n"
            "sqlgen: vet: 5 migrations, 0 findings\n");
  CHECK(read(tmp.path() / "002_email.sql") ==
        "-- +goose Up\n"
        "ALTER TABLE accounts ADD COLUMN verified boolean NOT NULL DEFAULT false;\n"
        "COMMENT ON COLUMN accounts.verified IS 'set by the mailer';\n"
        "\n"
        "-- +goose Down\n"
        "ALTER TABLE accounts DROP COLUMN verified;\n");
  CHECK(read(tmp.path() / "003_accounts_email_concurrently.sql") ==
        "-- +goose NO TRANSACTION\n"
        "-- Moved out of 002_email.sql by sqlgen vet --fix: CREATE INDEX CONCURRENTLY cannot run "
        "in a transaction.\n"
        "-- +goose Up\n"
        "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
        "\n"
        "-- +goose Down\n"
        "DROP INDEX accounts_email;\n");
  CHECK(read(tmp.path() / "004_name.sql").starts_with("-- +goose NO TRANSACTION\n-- +goose Up\n"));
  CHECK(contains(read(tmp.path() / "005_counter.sql"),
                 "-- +goose StatementBegin\nCREATE FUNCTION bump(target bigint)"));
  CHECK(contains(read(tmp.path() / "005_counter.sql"), "END\n$$;\n-- +goose StatementEnd\n"));

  // Nothing left: a second run changes nothing.
  VetRun again = vet_run(opts);
  CHECK(again.exit_code == cli::k_exit_ok);
  CHECK(again.out == "sqlgen: vet: 5 migrations, 0 findings\n");

  // The original set fails on PostgreSQL in one transaction; the fixed one applies.
  testing::VetSet original = testing::load_vet_set(testing::vet_case_dir("fix", "concurrently"));
  auto failing = testing::fresh_database();
  pg::Result<pg::MigrateReport> r =
      pg::apply_migrations(failing.conninfo(), original.migrations, {});
  REQUIRE_FALSE(r.ok());
  CHECK(contains(r.error().message, "SQLSTATE 25001"));
  testing::VetSet fixed = testing::load_vet_set(tmp.path());
  auto db = testing::fresh_database();
  pg::Result<pg::MigrateReport> applied = pg::apply_migrations(db.conninfo(), fixed.migrations, {});
  INFO((applied.ok() ? "" : diag::render_text(applied.error())));
  REQUIRE(applied.ok());
  CHECK(applied->applied == 5);
}

TEST_CASE("sqlgen vet --fix: what is not mechanical is left alone, saying why", "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  const std::string init =
      "-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY, a text);\n-- +goose Down\nDROP TABLE "
      "t;\n";
  const std::string taken =
      "-- +goose Up\nCREATE TABLE u (id bigint PRIMARY KEY);\nCREATE INDEX CONCURRENTLY t_a ON t "
      "(a);\n-- +goose Down\nDROP TABLE u;\n";
  const std::string shared =
      "-- +goose Up\nSELECT 1; CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  "
      "RETURN 1;\nEND\n$$;\n-- +goose Down\nDROP FUNCTION f();\n";
  testing::write_files(
      tmp.path(), {{"001_init.sql", init}, {"002_taken.sql", taken}, {"003_next.sql", shared}});
  cli::VetOptions opts;
  opts.schema_paths = {tmp.path().string()};
  opts.fix = true;
  VetRun run = vet_run(opts);
  INFO(run.out << run.diagnostics);
  CHECK(run.exit_code == cli::k_exit_diagnostics);
  CHECK(contains(run.diagnostics,
                 "warning: \"sqlgen vet --fix\" leaves this statement as it is: version 3 is "
                 "taken by \"003_next.sql\": no free version right after this migration "
                 "(renumber first)"));
  CHECK(contains(run.diagnostics,
                 "warning: \"sqlgen vet --fix\" leaves this statement as it is: another "
                 "statement shares its first or last line, so StatementBegin/End cannot go on "
                 "lines of their own"));
  CHECK(read(tmp.path() / "002_taken.sql") == taken);
  CHECK(read(tmp.path() / "003_next.sql") == shared);
}

TEST_CASE("vet: what add-column-not-null flags fails on PostgreSQL once the table has a row",
          "[vet][pg]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("rules", "risky_changes"));
  diag::DiagnosticEngine diags;
  vet::check(set.migrations, set.options, diags);
  std::vector<std::string> flagged;
  for (const diag::Diagnostic& d : diags.sorted()) {
    if (d.rule != "add-column-not-null") continue;
    // The finding is at the ALTER TABLE command; its statement is the whole line.
    const std::string& text = d.loc.source->text();
    size_t start = text.rfind('\n', static_cast<size_t>(d.loc.offset)) + 1;
    size_t end = text.find(';', static_cast<size_t>(d.loc.offset));
    flagged.push_back(text.substr(start, end - start));
  }
  REQUIRE(flagged.size() == 1);
  auto db = testing::fresh_database();
  testing::VetSet init;
  init.migrations.push_back(set.migrations[0]);
  REQUIRE(pg::apply_migrations(db.conninfo(), init.migrations, {}).ok());
  pqxx::connection c(db.conninfo());
  pqxx::work w(c);
  w.exec("INSERT INTO users (id, email, created) VALUES (1, 'a@example.com', current_date)");
  try {
    w.exec(flagged[0]);
    FAIL("ADD COLUMN NOT NULL without a DEFAULT succeeded on a table with a row");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "23502");
  }
}
