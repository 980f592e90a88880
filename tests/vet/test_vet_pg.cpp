// vet against a real PostgreSQL 15: the fixture claims hold on the server (each statement
// vet flags as an error fails with SQLSTATE 55P04 under the same transaction plan, and no
// other statement does), and a fixed set applies in one transaction over rows that hold the
// old values, leaving the catalog sqlgen predicts.
#include <libpq-fe.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <set>

#include "catalog/catalog.hpp"
#include "pg/dump.hpp"
#include "pg/migrate.hpp"
#include "support/catalog_facts.hpp"
#include "support/expect_diag.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { ::PQfinish(c); }
};

/// What running a set statement by statement on the server showed.
struct ServerRun {
  std::set<std::string> unsafe;  ///< "file:first-last" of statements failing with 55P04
  std::vector<std::string> other_failures;
};

std::string first_word(const std::string& sql) {
  std::string w;
  for (char c : sql) {
    if (!std::isalpha(static_cast<unsigned char>(c))) break;
    w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return w;
}

std::string statement_key(const source::Migration& m, const source::Statement& st) {
  uint32_t first = m.source->line_col(st.offset).line;
  uint32_t last = m.source->line_col(st.offset + st.length).line;
  return fs::path(m.source->path()).filename().string() + ":" + std::to_string(first) + "-" +
         std::to_string(last);
}

/// Runs the Up statements as the runner would in `mode` (NO TRANSACTION migrations in
/// autocommit), each statement in a savepoint so later ones still run after a failure.
ServerRun run_on_server(const std::string& conninfo, const testing::VetSet& set) {
  ServerRun run;
  std::unique_ptr<PGconn, ConnCloser> conn(::PQconnectdb(conninfo.c_str()));
  REQUIRE(::PQstatus(conn.get()) == CONNECTION_OK);
  ::PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  auto exec = [&](const std::string& sql) -> std::pair<std::string, std::string> {
    PGresult* r = ::PQexec(conn.get(), sql.c_str());
    ExecStatusType s = ::PQresultStatus(r);
    std::pair<std::string, std::string> out;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY) {
      const char* state = ::PQresultErrorField(r, PG_DIAG_SQLSTATE);
      out = {state ? state : "?????", ::PQresultErrorMessage(r)};
    }
    ::PQclear(r);
    return out;
  };
  bool in_tx = false;
  for (const source::Migration& m : set.migrations) {
    bool new_tx = m.no_transaction || set.options.mode == vet::TransactionMode::PerMigration;
    if (new_tx && in_tx) {
      REQUIRE(exec("COMMIT").first.empty());
      in_tx = false;
    }
    if (!m.no_transaction && !in_tx) {
      REQUIRE(exec("BEGIN").first.empty());
      in_tx = true;
    }
    for (const source::Statement& st : m.up) {
      std::string sql = m.source->text().substr(st.offset, st.length);
      std::string word = first_word(sql);
      bool control = word == "begin" || word == "commit";
      if (in_tx && !control) REQUIRE(exec("SAVEPOINT vet").first.empty());
      auto [state, message] = exec(sql);
      if (state == "55P04") {
        run.unsafe.insert(statement_key(m, st));
      } else if (!state.empty()) {
        run.other_failures.push_back(statement_key(m, st) + ": " + message);
      }
      if (in_tx && !control) {
        REQUIRE(exec(state.empty() ? "RELEASE SAVEPOINT vet" : "ROLLBACK TO SAVEPOINT vet")
                    .first.empty());
      }
      if (control) in_tx = word == "begin";
    }
  }
  if (in_tx) REQUIRE(exec("COMMIT").first.empty());
  return run;
}

/// The statements whose lines hold an expected error of vet's fixtures.
std::set<std::string> expected_unsafe(const testing::VetSet& set) {
  std::set<std::string> out;
  for (const source::Migration& m : set.migrations) {
    std::vector<testing::DiagLine> expected = testing::expected_diagnostics(*m.source);
    for (const source::Statement& st : m.up) {
      uint32_t first = m.source->line_col(st.offset).line;
      uint32_t last = m.source->line_col(st.offset + st.length).line;
      for (const testing::DiagLine& d : expected) {
        if (d.severity == "error" && d.line >= first && d.line <= last) {
          out.insert(statement_key(m, st));
        }
      }
    }
  }
  return out;
}

std::string query_value(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction work(conn);
  pqxx::row row = work.exec1(sql);
  return row[0].is_null() ? "<null>" : row[0].c_str();
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += "  " + s + "\n";
  return out;
}

/// Seed rows for tests/cases/vet/fix/recreate, run right after its 001.
const char* k_seed =
    "INSERT INTO ai.providers (name, provider_type, fallbacks)"
    " VALUES ('azure-east', 'openai', '{anthropic,openai}'), ('claude', 'anthropic', NULL);\n"
    "INSERT INTO billing.usage (provider, tokens) VALUES ('openai', 5);\n"
    "INSERT INTO ai.events VALUES ('2024-05-01', 'anthropic');\n";

}  // namespace

TEST_CASE("vet: every fixture claim holds on PostgreSQL", "[vet][pg]") {
  for (const fs::directory_entry& entry :
       fs::directory_iterator(fs::path(SQLGEN_TESTS_DIR) / "cases" / "vet" / "uses")) {
    if (!entry.is_directory()) continue;
    testing::VetSet set = testing::load_vet_set(entry.path());
    auto db = testing::fresh_database();
    ServerRun run = run_on_server(db.conninfo(), set);
    std::set<std::string> expected = expected_unsafe(set);
    INFO(entry.path().filename().string() << "\nexpected to fail with 55P04:\n"
                                          << join(expected) << "failed with 55P04:\n"
                                          << join(run.unsafe));
    CHECK(run.unsafe == expected);
    std::string others;
    for (const std::string& f : run.other_failures) others += f;
    CHECK(others == "");
  }
}

TEST_CASE("vet --fix: the fixed set applies in one transaction over rows with the old values",
          "[vet][pg]") {
  util::TempDir tmp("sqlgen-vet");
  testing::copy_files(testing::vet_case_dir("fix", "recreate"), tmp.path());
  testing::VetSet original = testing::load_vet_set(tmp.path());
  pg::Fixture seed = pg::make_fixture(1, diag::make_source("seed.sql", k_seed));

  // Unfixed, the deploy fails with 55P04 and leaves nothing behind.
  {
    auto db = testing::fresh_database();
    pg::Result<pg::MigrateReport> r =
        pg::apply_migrations(db.conninfo(), original.migrations, {seed});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("SQLSTATE 55P04") != std::string::npos);
    CHECK(query_value(db.conninfo(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'ai'") ==
          "0");
  }

  diag::DiagnosticEngine found;
  vet::Report report = vet::check(original.migrations, original.options, found);
  diag::DiagnosticEngine diags;
  REQUIRE(vet::write_fixes(vet::plan_fixes(report, diags), diags));
  INFO(testing::rendered(diags));
  REQUIRE_FALSE(diags.has_errors());
  testing::VetSet fixed = testing::load_vet_set(tmp.path());

  auto db = testing::fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), fixed.migrations, {seed});
  INFO((r.ok() ? "" : diag::render_text(r.error())));
  REQUIRE(r.ok());
  CHECK(r->applied == 3);
  CHECK(r->transactions == 1);
  CHECK(r->fixtures == 1);
  const std::string c = db.conninfo();
  CHECK(query_value(c, "SELECT enum_range(NULL::ai.provider_type)::text") ==
        "{openai,azure_openai,anthropic}");
  CHECK(query_value(c,
                    "SELECT string_agg(name || '=' || provider_type || ':' || "
                    "coalesce(fallbacks::text, '-'), ' ' ORDER BY name) FROM ai.providers") ==
        "azure-east=azure_openai:{anthropic,openai} claude=anthropic:-");
  CHECK(query_value(c,
                    "SELECT string_agg(provider::text, ',' ORDER BY provider) FROM "
                    "billing.usage") == "openai,azure_openai");
  CHECK(query_value(c, "SELECT provider::text FROM ai.events") == "anthropic");
  CHECK(query_value(c,
                    "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = "
                    "'billing.usage'::regclass") == "'anthropic'::ai.provider_type");
  CHECK(query_value(c, "SELECT obj_description('ai.provider_type'::regtype, 'pg_type')") ==
        "Who hosts the model; 'azure' hosts openai models too.");
  CHECK(query_value(c, "SELECT col_description('ai.providers'::regclass, 3)") ==
        "The hosting provider.");
  CHECK(query_value(c, "SELECT count(*) FROM pg_type WHERE typname LIKE '%provider_type_new%'") ==
        "0");

  // The server's catalog is the one sqlgen predicts for the fixed set.
  std::vector<std::string> theirs = testing::postgres_facts(c);
  std::erase_if(theirs, [](const std::string& f) {
    return f == "schema sqlgen" || f.find(" sqlgen.") != std::string::npos;
  });
  diag::DiagnosticEngine build_diags;
  std::vector<std::string> ours =
      testing::catalog_facts(catalog::build_catalog(fixed.migrations, build_diags));
  CHECK(testing::facts_diff(ours, theirs) == "");
}

TEST_CASE("vet: PostgreSQL 15 rejects a value added to a type created in the same transaction",
          "[vet][pg]") {
  auto db = testing::fresh_database();
  pqxx::connection conn(db.conninfo());
  pqxx::work tx(conn);
  tx.exec("CREATE TYPE mood AS ENUM ('sad')");
  tx.exec("ALTER TYPE mood ADD VALUE 'happy'");
  try {
    tx.exec("SELECT 'happy'::mood");
    FAIL("the new value was usable");
  } catch (const pqxx::sql_error& e) {
    CHECK(e.sqlstate() == "55P04");
  }
}

TEST_CASE("vet --fix: the fixed set dumps byte-identically to the original", "[vet][pg][dump]") {
  // ADD VALUE in 002, the value used in 003: applicable only with a commit in between.
  util::TempDir tmp("sqlgen-vet");
  testing::copy_files(
      std::filesystem::path(SQLGEN_TESTS_DIR) / "cases/dump/add_value/migrations/ai", tmp.path());
  testing::VetSet original = testing::load_vet_set(tmp.path());

  auto before_db = testing::fresh_database();
  pg::MigrateOptions per_migration;
  per_migration.mode = pg::TransactionMode::PerMigration;
  auto applied = pg::apply_migrations(before_db.conninfo(), original.migrations, {}, per_migration);
  INFO((applied.ok() ? "" : diag::render_text(applied.error())));
  REQUIRE(applied.ok());
  auto before = pg::dump_schema(before_db.conninfo());
  REQUIRE(before.ok());

  diag::DiagnosticEngine found;
  vet::Report report = vet::check(original.migrations, original.options, found);
  CHECK(found.warning_count() + found.error_count() > 0);
  diag::DiagnosticEngine diags;
  REQUIRE(vet::write_fixes(vet::plan_fixes(report, diags), diags));
  INFO(testing::rendered(diags));
  testing::VetSet fixed = testing::load_vet_set(tmp.path());
  diag::DiagnosticEngine clean;  // 002's Down is empty on purpose: the enum rule only
  vet::check(fixed.migrations, testing::only_rule(fixed.options, "enum-value-used-in-transaction"),
             clean);
  CHECK(clean.warning_count() + clean.error_count() == 0);

  // The fixed set applies in ONE transaction and leaves the same schema.
  auto after_db = testing::fresh_database();
  auto fixed_applied = pg::apply_migrations(after_db.conninfo(), fixed.migrations, {});
  INFO((fixed_applied.ok() ? "" : diag::render_text(fixed_applied.error())));
  REQUIRE(fixed_applied.ok());
  auto after = pg::dump_schema(after_db.conninfo());
  REQUIRE(after.ok());
  CHECK(*before == *after);
}
