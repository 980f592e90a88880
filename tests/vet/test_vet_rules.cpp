// vet's rules beyond the enum one: every directory under tests/cases/vet/rules/ is a migration
// set whose files state what vet reports with its default levels; the query rules over
// tests/cases/vet/queries/; levels from sqlgen.yaml and the rendered `[rule-id]`; docs/vet.md
// documents every rule; and on PostgreSQL the statements flagged
// non-transactional-in-transaction fail in a transaction and run outside one.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "support/expect_diag.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> rule_cases() {
  std::set<fs::path> dirs;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(fs::path(SQLGEN_TESTS_DIR) / "cases" / "vet" / "rules")) {
    if (entry.is_directory()) dirs.insert(entry.path());
  }
  return {dirs.begin(), dirs.end()};
}

/// Checks every file of `set` states exactly what `diags` holds for it.
void check_expectations(const std::vector<diag::SourcePtr>& files,
                        const diag::DiagnosticEngine& diags) {
  size_t expected_total = 0;
  for (const diag::SourcePtr& src : files) {
    auto expected = testing::expected_diagnostics(*src);
    auto actual = testing::actual_diagnostics(diags, *src);
    INFO(src->path() << "\nexpected:\n"
                     << testing::to_string(expected) << "actual:\n"
                     << testing::to_string(actual));
    CHECK(expected == actual);
    expected_total += expected.size();
  }
  INFO(testing::rendered(diags));
  CHECK(diags.sorted().size() == expected_total);
}

std::string read(const fs::path& path) {
  util::ReadResult r = util::read_file(path);
  REQUIRE(r.text);
  return *r.text;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("vet: fixtures under tests/cases/vet/rules", "[vet]") {
  std::vector<fs::path> cases = rule_cases();
  CHECK(cases.size() >= 4);
  for (const fs::path& dir : cases) {
    INFO(dir.filename().string());
    testing::VetSet set = testing::load_vet_set(dir);
    diag::DiagnosticEngine diags;
    vet::check(set.migrations, set.options, diags);
    std::vector<diag::SourcePtr> files;
    for (const source::Migration& m : set.migrations) files.push_back(m.source);
    check_expectations(files, diags);
  }
}

TEST_CASE("vet: every finding carries its rule id, rendered after the message", "[vet]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("rules", "missing_down"));
  diag::DiagnosticEngine diags;
  vet::check(set.migrations, set.options, diags);
  std::vector<diag::Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 2);
  CHECK(all[0].rule == "missing-down");
  std::string text = diag::render_text(all[0]);
  CHECK(text == set.migrations[0].source->path() +
                    ":1:1: warning: migration has no \"-- +goose Down\" section [missing-down]\n"
                    "-- +goose Up\n"
                    "^~~~~~~~~~~~\n");
  CHECK(diag::render_json(all[0])["rule"] == "missing-down");
}

TEST_CASE("vet: levels turn rules off, up to errors, and on", "[vet]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("rules", "missing_down"));
  vet::Options off = set.options;
  off.levels.push_back({"missing-down", vet::Level::Off, {}});
  diag::DiagnosticEngine quiet;
  vet::check(set.migrations, off, quiet);
  CHECK(quiet.sorted().empty());

  vet::Options error = set.options;
  error.levels.push_back({"missing-down", vet::Level::Error, {}});
  diag::DiagnosticEngine loud;
  vet::check(set.migrations, error, loud);
  CHECK(loud.error_count() == 2);
  CHECK(loud.warning_count() == 0);

  // version-gap is off by default: 001, 002, 003, 004 have no gap, so write one.
  util::TempDir tmp("sqlgen-vet");
  testing::write_files(tmp.path(),
                       {{"001_a.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n"},
                        {"004_b.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n"}});
  testing::VetSet gap = testing::load_vet_set(tmp.path());
  diag::DiagnosticEngine by_default;
  vet::check(gap.migrations, gap.options, by_default);
  CHECK(by_default.sorted().empty());
  gap.options.levels.push_back({"version-gap", vet::Level::Warning, {}});
  diag::DiagnosticEngine gaps;
  vet::check(gap.migrations, gap.options, gaps);
  std::vector<diag::Diagnostic> found = gaps.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "migration version 4 follows 1: versions 2..3 are missing");
  CHECK(found[0].rule == "version-gap");
}

TEST_CASE("vet: an unknown rule id is an error with did-you-mean", "[vet]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("rules", "missing_down"));
  set.options.levels.push_back({"missing-dwn", vet::Level::Off, {}});
  diag::DiagnosticEngine diags;
  vet::check(set.migrations, set.options, diags);
  std::vector<diag::Diagnostic> all = diags.sorted();
  REQUIRE_FALSE(all.empty());
  CHECK(all[0].message == "unknown vet rule \"missing-dwn\", did you mean \"missing-down\"?");
}

TEST_CASE("vet: query rules over a query file", "[vet]") {
  diag::SourcePtr src = diag::make_source(
      "queries.sql", read(fs::path(SQLGEN_TESTS_DIR) / "cases/vet/queries/queries.sql"));
  diag::DiagnosticEngine read_diags;
  std::vector<source::Query> queries = source::read_query_file(src, read_diags);
  REQUIRE(read_diags.sorted().empty());
  std::vector<vet::QueryInput> inputs;
  for (const source::Query& q : queries) inputs.push_back({&q, nullptr, {}});
  diag::DiagnosticEngine diags;
  vet::check_queries(inputs, vet::Options{}, diags);
  check_expectations({src}, diags);
}

TEST_CASE("sqlgen vet: sqlgen.yaml levels, rule ids in the output, --strict", "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  fs::create_directories(tmp.path() / "migrations");
  fs::create_directories(tmp.path() / "queries");
  testing::write_files(
      tmp.path() / "migrations",
      {{"001_init.sql", "-- +goose Up\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n"}});
  testing::write_files(tmp.path() / "queries",
                       {{"q.sql", "-- name: Wipe :exec\nDELETE FROM accounts;\n"}});
  auto config = [&](const std::string& vet) {
    testing::write_files(tmp.path(),
                         {{"sqlgen.yaml", "version: \"1\"\n" + vet +
                                              "modules:\n  - name: app\n    migrations: "
                                              "migrations\n    queries: queries\n"}});
  };
  config("");
  testing::RunResult r = testing::run_sqlgen("vet", tmp.path().string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err,
                 "migrations/001_init.sql:1:1: warning: migration has no \"-- +goose Down\" "
                 "section [missing-down]"));
  CHECK(contains(r.err,
                 "queries/q.sql:2:1: warning: DELETE without WHERE deletes every row of "
                 "\"accounts\" [delete-without-where]"));
  CHECK(contains(r.out, "sqlgen: vet: 1 migration, 2 findings"));
  CHECK(testing::run_sqlgen("vet --strict", tmp.path().string()).exit_code == 1);

  config("vet:\n  missing-down: off\n  delete-without-where: error\n");
  r = testing::run_sqlgen("vet", tmp.path().string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK_FALSE(contains(r.err, "missing-down"));
  CHECK(contains(r.err,
                 "queries/q.sql:2:1: error: DELETE without WHERE deletes every row of "
                 "\"accounts\" [delete-without-where]"));

  config("vet:\n  delete-without-wher: off\n");
  r = testing::run_sqlgen("vet", tmp.path().string());
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err,
                 "sqlgen.yaml:3:3: error: unknown vet rule \"delete-without-wher\", did you "
                 "mean \"delete-without-where\"?"));

  config("vet:\n  missing-down: loud\n");
  r = testing::run_sqlgen("vet", tmp.path().string());
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "invalid value for \"vet.missing-down\""));
}

TEST_CASE("docs/vet.md has a section per rule with its default level and examples", "[vet][docs]") {
  std::string docs = read(fs::path(SQLGEN_SOURCE_DIR) / "docs/vet.md");
  for (const vet::RuleInfo& r : vet::rules()) {
    std::string heading = "## `" + std::string(r.id) + "`";
    INFO(heading);
    size_t at = docs.find(heading + "\n");
    REQUIRE(at != std::string::npos);
    size_t next = docs.find("\n## ", at + heading.size());
    std::string section =
        docs.substr(at, next == std::string::npos ? std::string::npos : next - at);
    std::string level = r.level == vet::Level::Error     ? "error"
                        : r.level == vet::Level::Warning ? "warning"
                                                         : "off";
    CHECK(contains(section, "Default: " + level));
    CHECK(contains(section, "Bad:"));
    CHECK(contains(section, "Good:"));
  }
}

namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { ::PQfinish(c); }
};

std::string exec_state(PGconn* conn, const std::string& sql) {
  PGresult* r = ::PQexec(conn, sql.c_str());
  ExecStatusType s = ::PQresultStatus(r);
  std::string state;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
    const char* st = ::PQresultErrorField(r, PG_DIAG_SQLSTATE);
    state = st ? st : "?????";
  }
  ::PQclear(r);
  return state;
}

}  // namespace

TEST_CASE("vet: what non-transactional-in-transaction flags fails in a transaction on PostgreSQL",
          "[vet][pg]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("rules", "non_transactional"));
  diag::DiagnosticEngine diags;
  vet::check(set.migrations, set.options, diags);
  std::set<std::pair<std::string, uint32_t>> flagged;  // file, first byte
  for (const diag::Diagnostic& d : diags.sorted()) {
    if (d.rule == "non-transactional-in-transaction" && d.severity == diag::Severity::Error) {
      flagged.insert({d.loc.source->path(), static_cast<uint32_t>(d.loc.offset)});
    }
  }
  CHECK(flagged.size() == 5);
  auto db = testing::fresh_database();
  std::unique_ptr<PGconn, ConnCloser> conn(::PQconnectdb(db.conninfo().c_str()));
  REQUIRE(::PQstatus(conn.get()) == CONNECTION_OK);
  ::PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  size_t checked = 0;
  for (const source::Migration& m : set.migrations) {
    if (m.source->path().find("transaction_control") != std::string::npos) continue;
    for (const source::Statement& st : m.up) {
      std::string sql = m.source->text().substr(st.offset, st.length);
      INFO(sql);
      bool is_flagged = flagged.count({m.source->path(), st.offset}) > 0;
      if (is_flagged) {
        // In a transaction it fails with 25001; the set goes on without it.
        REQUIRE(exec_state(conn.get(), "BEGIN").empty());
        CHECK(exec_state(conn.get(), sql) == "25001");
        REQUIRE(exec_state(conn.get(), "ROLLBACK").empty());
        ++checked;
      } else if (m.no_transaction) {
        CHECK(exec_state(conn.get(), sql).empty());  // autocommit, as the runner runs it
      } else {
        REQUIRE(exec_state(conn.get(), "BEGIN").empty());
        CHECK(exec_state(conn.get(), sql).empty());
        REQUIRE(exec_state(conn.get(), "COMMIT").empty());
      }
    }
  }
  CHECK(checked == flagged.size());
}
