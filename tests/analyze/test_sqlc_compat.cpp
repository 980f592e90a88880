// What real sqlc projects write (tests/cases/analyze/sqlc_compat): parameter numbering and
// names as sqlc derives them (golden JSON), row constructors, typed empty arrays, utility
// statements, views bound once at CREATE VIEW, and the errors around them. Types are checked
// against PostgreSQL's PREPARE in test_analyze_oracle.cpp.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "parse/parse.hpp"
#include "source/query_file.hpp"
#include "support/expect_diag.hpp"
#include "support/migrations.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

struct Analyzed {
  catalog::Catalog cat;
  std::vector<analyze::AnalyzedQuery> queries;
  std::string diagnostics;
  size_t errors = 0;
  size_t warnings = 0;
};

Analyzed analyze_case(const std::string& queries_text, analyze::AnalyzeOptions opts = {}) {
  Analyzed out;
  auto migrations = testing::load_case_migrations("analyze/sqlc_compat/schema");
  diag::DiagnosticEngine diags;
  out.cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  auto src = diag::make_source("queries.sql", queries_text);
  for (const source::Query& q : source::read_query_file(src, diags)) {
    out.queries.push_back(analyze::analyze_query(out.cat, q, opts, diags));
  }
  out.diagnostics = diag::render_all(diags, false);
  out.errors = diags.error_count();
  out.warnings = diags.warning_count();
  return out;
}

const analyze::AnalyzedQuery& find(const Analyzed& a, const std::string& name) {
  for (const auto& q : a.queries) {
    if (q.name == name) return q;
  }
  FAIL("no query " << name);
  throw 0;
}

}  // namespace

TEST_CASE("sqlc shapes: parameter numbers and names match the golden JSON", "[analyze]") {
  auto text = util::read_file(SQLGEN_TESTS_DIR "/cases/analyze/sqlc_compat/queries.sql");
  REQUIRE(text.text);
  Analyzed a = analyze_case(*text.text);
  INFO(a.diagnostics);
  REQUIRE(a.errors == 0);
  REQUIRE(a.warnings == 0);
  nlohmann::json actual = nlohmann::json::object();
  for (const auto& q : a.queries) {
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : q.params) params.push_back(std::to_string(p.number) + " " + p.name);
    actual[q.name] = {{"params", params}, {"sql", q.sql}};
  }
  const std::string golden = SQLGEN_TESTS_DIR "/cases/analyze/sqlc_compat/expected.json";
  if (std::getenv("SQLGEN_UPDATE_GOLDEN")) {
    REQUIRE(util::write_file_atomic(golden, actual.dump(2) + "\n").empty());
  }
  auto expected = util::read_file(golden);
  REQUIRE(expected.text);
  CHECK(actual.dump(2) + "\n" == *expected.text);
}

TEST_CASE("sqlc shapes: the numbering rule for mixed parameters", "[analyze]") {
  Analyzed a = analyze_case(
      "-- name: A :many\n"
      "SELECT id FROM tickets WHERE project_id = $2 AND title = @title AND state = @state;\n");
  INFO(a.diagnostics);
  REQUIRE(a.errors == 0);
  const auto& q = find(a, "A");
  // `$2` keeps its number; @title takes 1 (the lowest free), @state 3.
  CHECK(q.sql ==
        "SELECT id FROM public.tickets WHERE project_id = $2 AND title = $1 AND state = $3");
  REQUIRE(q.params.size() == 3);
  CHECK(q.params[0].name == "title");
  CHECK(q.params[1].name == "project_id");
  CHECK(q.params[2].name == "state");
}

TEST_CASE("sqlc shapes: views are bound once, with columns in the catalog", "[analyze]") {
  Analyzed a = analyze_case("");
  const catalog::Relation* v = a.cat.find_relation("", "open_tickets", {"public"});
  REQUIRE(v);
  CHECK(v->columns_known);
  REQUIRE(v->columns.size() == 4);  // the CREATE OR REPLACE VIEW's columns
  CHECK(v->columns[2].name == "labels");
  CHECK(v->columns[2].not_null);  // COALESCE(labels, ARRAY[]::text[])
  const catalog::Relation* mv = a.cat.find_relation("", "ticket_counts", {"public"});
  REQUIRE(mv);
  CHECK(mv->columns_known);
  REQUIRE(mv->columns.size() == 2);
  CHECK_FALSE(mv->columns[1].not_null);  // materialized: no NOT NULL, as PostgreSQL declares
  auto json = a.cat.to_json().dump();
  CHECK(json.find("\"open_count\"") != std::string::npos);  // `sqlgen schema` shows them
}

TEST_CASE("sqlc shapes: a view with an error is reported once, at its definition", "[analyze]") {
  auto migrations = testing::load_case_migrations("analyze/sqlc_compat/schema");
  auto src =
      diag::make_source("broken.sql", "CREATE VIEW broken AS SELECT t.nope FROM tickets t;\n");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  cat.set_view_binder(analyze::view_binder());
  for (auto& s : parse::parse_file(src, diags)) cat.apply(*s, src, diags);
  cat.set_view_binder({});
  REQUIRE(diags.error_count() == 1);
  auto qsrc = diag::make_source("q.sql",
                                "-- name: UsesBroken :many\n"
                                "SELECT b.nope, b.other FROM broken b WHERE b.nope = $1;\n");
  for (const source::Query& q : source::read_query_file(qsrc, diags)) {
    auto out = analyze::analyze_query(cat, q, {}, diags);
    CHECK_FALSE(out.ok);
  }
  INFO(diag::render_all(diags, false));
  CHECK(diags.error_count() == 1);  // no follow-on errors for b.nope, b.other, $1
  std::string text = diag::render_all(diags, false);
  CHECK(text.find("broken.sql:1:30: error: column t.nope does not exist") != std::string::npos);
  CHECK(text.find("q.sql:2:29: note: the view \"broken\" has errors in its definition") !=
        std::string::npos);
}

TEST_CASE("sqlc shapes: utility statements and row comparisons are checked", "[analyze]") {
  Analyzed a = analyze_case(
      "-- name: TruncateMissing :exec\n"
      "TRUNCATE no_such_table;\n"
      "-- name: CallFunction :exec\n"
      "CALL tickets_of(1);\n"
      "-- name: TruncateOne :one\n"
      "TRUNCATE ticket_archive;\n"
      "-- name: RowArity :many\n"
      "SELECT id FROM tickets WHERE (id, project_id) = (1, 2, 3);\n"
      "-- name: RowSubqueryArity :many\n"
      "SELECT id FROM tickets WHERE (id, project_id) IN (SELECT id FROM tickets);\n"
      "-- name: TooManyColumns :many\n"
      "SELECT id FROM tickets WHERE id IN (SELECT id, project_id FROM tickets);\n");
  CHECK(a.errors == 6);
  CHECK(a.diagnostics.find("relation \"no_such_table\" does not exist") != std::string::npos);
  CHECK(a.diagnostics.find("tickets_of(integer) is not a procedure") != std::string::npos);
  CHECK(a.diagnostics.find("query \"TruncateOne\" is :one but a truncate") != std::string::npos);
  CHECK(a.diagnostics.find("unequal number of entries in row expressions") != std::string::npos);
  CHECK(a.diagnostics.find("subquery has too few columns") != std::string::npos);
  CHECK(a.diagnostics.find("subquery has too many columns") != std::string::npos);
}

TEST_CASE("sqlc shapes: strict_function_checks off lets unknown functions through, typed unknown",
          "[analyze]") {
  const std::string text =
      "-- name: Refill :one\n"
      "SELECT (CASE WHEN t.closed_at IS NULL THEN refill(t) ELSE t.id END)::int AS v,\n"
      "       refill(t) AS raw, refill(t) - 1 AS minus\n"
      "FROM tickets t WHERE t.id = $1;\n"
      "-- name: SetTitle :exec\n"
      "UPDATE tickets t SET title = refill(t, @extra::text) WHERE id = @id;\n";
  analyze::AnalyzeOptions lenient;
  lenient.strict_function_checks = false;
  Analyzed a = analyze_case(text, lenient);
  INFO(a.diagnostics);
  CHECK(a.errors == 0);
  CHECK(a.warnings == 4);
  CHECK(a.diagnostics.find("warning: function refill(tickets) does not exist; its result has "
                           "type unknown (strict_function_checks is off)") != std::string::npos);
  const analyze::AnalyzedQuery& q = find(a, "Refill");
  REQUIRE(q.columns.size() == 3);
  CHECK(q.columns[0].type.oid == 23);  // int4: the cast
  CHECK(q.columns[1].type.oid == 25);  // text: unknown in a select list, as PostgreSQL makes it
  CHECK(q.columns[2].type.oid == 23);  // unknown - int4 resolves as int4 - int4
  const analyze::AnalyzedQuery& u = find(a, "SetTitle");
  REQUIRE(u.params.size() == 2);
  CHECK(u.params[0].name == "extra");
  CHECK(u.params[1].type.oid == 20);

  // The default is PostgreSQL's error; a known name with other arguments is an error either way.
  Analyzed strict = analyze_case(text);
  CHECK(strict.errors == 4);
  CHECK(strict.diagnostics.find("error: function refill(tickets) does not exist") !=
        std::string::npos);
  Analyzed arity = analyze_case("-- name: Bad :one\nSELECT lower('a', 'b');\n", lenient);
  CHECK(arity.errors == 1);
}
