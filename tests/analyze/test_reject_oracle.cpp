// The negative oracle: every query of tests/cases/analyze/reject/queries.sql is PREPAREd on a
// real PostgreSQL loaded with the same schema. sqlgen must reject exactly the queries
// PostgreSQL rejects — one error, PostgreSQL's SQLSTATE (also in the JSON diagnostics), its
// message, at the position PostgreSQL reports when it reports one — and accept the others with
// PREPARE's parameter and column counts and column types. What PREPARE accepts with an ON
// CONFLICT clause is EXPLAINed too (all parameters NULL): the planner infers the arbiter index,
// so a missing one fails at the first execution whatever the data.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "analyze/analyze.hpp"
#include "source/queries.hpp"
#include "support/expect_diag.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '"';
}

/// Maps byte offsets of the query as written to offsets in the SQL sqlgen sends: the same text
/// with schema qualifiers inserted (`public.`), named parameters replaced by `$n` and `*`
/// expanded.
std::vector<int64_t> align(const std::string& written, const std::string& sent) {
  std::vector<int64_t> map(written.size() + 1, -1);
  size_t i = 0;
  size_t j = 0;
  while (i < written.size() && j < sent.size()) {
    if (written[i] == sent[j]) {
      map[i++] = static_cast<int64_t>(j++);
      continue;
    }
    if (sent[j] == '$') {  // a parameter: `@name`, `sqlgen.arg(x)`, ... became `$n`
      map[i] = static_cast<int64_t>(j);
      ++j;
      while (j < sent.size() && std::isdigit(static_cast<unsigned char>(sent[j]))) ++j;
      int depth = 0;
      if (written[i] == '@') ++i;
      while (i < written.size() &&
             (ident_char(written[i]) || written[i] == '.' || written[i] == '(' || (depth > 0))) {
        if (written[i] == '(') ++depth;
        if (written[i] == ')') --depth;
        ++i;
      }
      continue;
    }
    // An inserted qualifier: identifier characters up to a dot.
    size_t k = j;
    while (k < sent.size() && ident_char(sent[k])) ++k;
    if (written[i] != '*' && k < sent.size() && sent[k] == '.' && k > j) {
      j = k + 1;
      continue;
    }
    // A `*` expanded into a column list: the star maps to the list, then the texts meet again.
    map[i] = static_cast<int64_t>(j);
    std::string next = written.substr(i + 1, 6);
    size_t again = next.empty() ? std::string::npos : sent.find(next, j);
    if (again == std::string::npos) break;
    ++i;
    j = again;
  }
  map[written.size()] = static_cast<int64_t>(sent.size());
  return map;
}

/// The byte offset of PostgreSQL's 1-based character position in `sql`.
size_t byte_offset(const std::string& sql, int chars) {
  size_t i = 0;
  for (int c = 1; c < chars && i < sql.size(); ++c) {
    ++i;
    while (i < sql.size() && (static_cast<unsigned char>(sql[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

}  // namespace

TEST_CASE("sqlgen rejects exactly the queries PostgreSQL's PREPARE rejects",
          "[analyze][oracle][reject]") {
  auto migrations = testing::load_case_migrations("analyze/reject/schema");
  diag::DiagnosticEngine schema_diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, schema_diags, analyze::view_binder());
  REQUIRE(schema_diags.error_count() == 0);
  auto text = util::read_file(std::string(SQLGEN_TESTS_DIR) + "/cases/analyze/reject/queries.sql");
  REQUIRE(text.text);
  auto src = diag::make_source("queries.sql", *text.text);
  diag::DiagnosticEngine read_diags;
  std::vector<source::Query> queries = source::read_query_file(src, read_diags);
  REQUIRE(read_diags.error_count() == 0);

  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), migrations);
  ConnPtr conn(PQconnectdb(db.conninfo().c_str()), &PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);

  size_t both_reject = 0;
  size_t both_accept = 0;
  size_t positions = 0;
  size_t explained = 0;
  std::string mismatches;
  for (const source::Query& query : queries) {
    diag::DiagnosticEngine diags;
    analyze::AnalyzedQuery q = analyze::analyze_query(cat, query, {}, diags);
    std::vector<diag::Diagnostic> errors;
    for (const diag::Diagnostic& d : diags.sorted()) {
      if (d.severity == diag::Severity::Error) errors.push_back(d);
    }
    std::unique_ptr<PGresult, decltype(&PQclear)> prep(
        PQprepare(conn.get(), "", q.sql.c_str(), 0, nullptr), &PQclear);
    bool pg_ok = PQresultStatus(prep.get()) == PGRES_COMMAND_OK;
    if (pg_ok && q.sql.find("ON CONFLICT") != std::string::npos) {
      std::unique_ptr<PGresult, decltype(&PQclear)> d(PQdescribePrepared(conn.get(), ""), &PQclear);
      std::vector<const char*> nulls(static_cast<size_t>(PQnparams(d.get())), nullptr);
      prep.reset(PQexecParams(conn.get(), ("EXPLAIN " + q.sql).c_str(), PQnparams(d.get()), nullptr,
                              nulls.data(), nullptr, nullptr, 0));
      pg_ok = PQresultStatus(prep.get()) == PGRES_TUPLES_OK;
      ++explained;
      if (pg_ok) prep.reset(PQprepare(conn.get(), "", q.sql.c_str(), 0, nullptr));
    }
    std::string who = query.name + ": ";
    if (pg_ok) {
      if (!errors.empty()) {
        mismatches += who + "PostgreSQL accepts, sqlgen says: " + errors[0].message + "\n";
        continue;
      }
      std::unique_ptr<PGresult, decltype(&PQclear)> d(PQdescribePrepared(conn.get(), ""), &PQclear);
      if (static_cast<size_t>(PQnfields(d.get())) != q.columns.size() ||
          static_cast<size_t>(PQnparams(d.get())) != q.params.size()) {
        mismatches += who + "PostgreSQL has " + std::to_string(PQnfields(d.get())) +
                      " columns and " + std::to_string(PQnparams(d.get())) + " parameters\n";
        continue;
      }
      bool same = true;
      for (int i = 0; i < PQnfields(d.get()); ++i) {
        if (PQftype(d.get(), i) != q.columns[static_cast<size_t>(i)].type.oid) same = false;
      }
      if (!same) {
        mismatches += who + "column types differ\n";
        continue;
      }
      ++both_accept;
      continue;
    }
    std::string state = PQresultErrorField(prep.get(), PG_DIAG_SQLSTATE);
    std::string message = PQresultErrorField(prep.get(), PG_DIAG_MESSAGE_PRIMARY);
    const char* pos = PQresultErrorField(prep.get(), PG_DIAG_STATEMENT_POSITION);
    std::string pg = message + " (SQLSTATE " + state + ")";
    if (errors.size() != 1) {
      mismatches += who + "PostgreSQL: " + pg + "; sqlgen has " + std::to_string(errors.size()) +
                    " errors" + (errors.empty() ? "" : ": " + errors[0].message) + "\n";
      continue;
    }
    const diag::Diagnostic& e = errors[0];
    nlohmann::json j = diag::render_json(e);
    std::string ours = e.message + " (SQLSTATE " + j.value("sqlstate", std::string("none")) + ")";
    if (j.value("sqlstate", std::string()) != state || e.message.rfind(message, 0) != 0) {
      mismatches += who + "PostgreSQL: " + pg + "; sqlgen: " + ours + "\n";
      continue;
    }
    if (pos) {
      std::string written = src->text().substr(query.offset, query.length);
      std::vector<int64_t> map = align(written, q.sql);
      int64_t at = e.loc.offset - static_cast<int64_t>(query.offset);
      int64_t sent =
          at >= 0 && at <= static_cast<int64_t>(written.size()) ? map[static_cast<size_t>(at)] : -1;
      int64_t expected = static_cast<int64_t>(byte_offset(q.sql, std::atoi(pos)));
      if (sent != expected) {
        mismatches += who + "PostgreSQL reports at \"" +
                      q.sql.substr(static_cast<size_t>(expected), 12) + "\", sqlgen at \"" +
                      (sent >= 0 ? q.sql.substr(static_cast<size_t>(sent), 12) : "?") + "\"\n";
        continue;
      }
      ++positions;
    }
    ++both_reject;
  }
  std::cout << "reject oracle: " << queries.size() << " queries; PostgreSQL and sqlgen agree on "
            << both_reject + both_accept << " (" << both_reject << " rejected with the same "
            << "SQLSTATE and message, " << positions << " of them at PostgreSQL's position; "
            << both_accept << " accepted with PREPARE's types; " << explained
            << " EXPLAINed for ON CONFLICT)\n";
  CHECK(mismatches == "");
  CHECK(both_reject >= 300);
  CHECK(both_accept >= 140);
}

TEST_CASE("a slice used as one value is an error sqlgen reports and PostgreSQL cannot",
          "[analyze][reject]") {
  auto migrations = testing::load_case_migrations("analyze/reject/schema");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto r = util::read_file(SQLGEN_TESTS_DIR "/cases/analyze/reject/sqlgen_only.sql");
  REQUIRE(r.text);
  auto src = diag::make_source("sqlgen_only.sql", *r.text);
  for (const source::Query& q : source::read_query_file(src, diags)) {
    analyze::analyze_query(cat, q, {}, diags);
  }
  auto expected = testing::expected_diagnostics(*src);
  auto actual = testing::actual_diagnostics(diags, *src);
  INFO("expected:\n" << testing::to_string(expected) << "actual:\n" << testing::to_string(actual));
  CHECK(expected == actual);
  CHECK(expected.size() >= 3);
}
