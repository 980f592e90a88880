// Optional parameters and sorts (issue 15): the SQL of each variant (AND terms left out with
// their connectors, an emptied WHERE dropped, parameters renumbered, the sort chosen), the
// errors at the uses sqlgen refuses, and PostgreSQL's verdict on every variant: each one
// PREPAREd on a real server, and a variant sqlgen rejects rejected there too.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "source/query_file.hpp"
#include "support/expect_diag.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

const char* k_schema = "codegen/optional_filters/migrations";

const catalog::Catalog& tasks_catalog() {
  static const catalog::Catalog cat = [] {
    diag::DiagnosticEngine diags;
    catalog::Catalog c = catalog::build_catalog(testing::load_case_migrations(k_schema), diags,
                                                analyze::view_binder());
    REQUIRE(diags.error_count() == 0);
    return c;
  }();
  return cat;
}

struct Analyzed {
  analyze::AnalyzedQuery query;
  std::string diagnostics;
};

/// Analyzes the one query of `text` against the tasks schema.
Analyzed analyze_text(const std::string& text) {
  auto src = diag::make_source("q.sql", text);
  diag::DiagnosticEngine diags;
  std::vector<source::Query> queries = source::read_query_file(src, diags);
  REQUIRE(queries.size() == 1);
  Analyzed out;
  out.query = analyze::analyze_query(tasks_catalog(), queries[0], {}, diags);
  for (const diag::Diagnostic& d : diags.sorted()) out.diagnostics += d.message + "\n";
  return out;
}

/// The variants of a query that must analyze cleanly.
std::vector<std::string> variants(const std::string& text) {
  Analyzed a = analyze_text(text);
  INFO(a.diagnostics);
  CHECK(a.diagnostics.empty());
  CHECK(a.query.ok);
  return a.query.variants;
}

}  // namespace

TEST_CASE("an empty optional parameter leaves out its AND term, the others renumbered",
          "[analyze]") {
  Analyzed a = analyze_text(
      "-- name: L :many\n-- @optional team\n"
      "SELECT id FROM tasks WHERE team = @team AND priority > @p AND NOT done;\n");
  INFO(a.diagnostics);
  REQUIRE(a.query.ok);
  REQUIRE(a.query.variants.size() == 2);
  CHECK(a.query.variants[0] == "SELECT id FROM public.tasks WHERE priority > $1 AND NOT done");
  CHECK(a.query.variants[1] ==
        "SELECT id FROM public.tasks WHERE team = $1 AND priority > $2 AND NOT done");
  CHECK(a.query.sql == a.query.variants[1]);  // every optional set
  REQUIRE(a.query.params.size() == 2);
  CHECK(a.query.params[0].name == "team");
  CHECK(a.query.params[0].optional);
  CHECK(a.query.params[0].not_null);
  CHECK_FALSE(a.query.params[1].optional);
  // `sqlgen analyze`'s JSON: the optional parameter flagged, every variant's SQL.
  nlohmann::json j = analyze::to_json(tasks_catalog(), a.query);
  CHECK(j["params"][0]["optional"] == true);
  CHECK_FALSE(j["params"][1].contains("optional"));
  CHECK(j["variants"] == nlohmann::json::array({a.query.variants[0], a.query.variants[1]}));
  CHECK_FALSE(j.contains("sorts"));
}

TEST_CASE("AND connectors, emptied conditions and nested ANDs", "[analyze]") {
  SECTION("the last term: the AND before it goes") {
    auto v = variants(
        "-- name: L :many\nSELECT id FROM tasks WHERE NOT done AND team = sqlgen.opt(team);\n");
    REQUIRE(v.size() == 2);
    CHECK(v[0] == "SELECT id FROM public.tasks WHERE NOT done");
  }
  SECTION("every term: the WHERE goes") {
    auto v = variants(
        "-- name: L :many\n"
        "SELECT id FROM tasks WHERE team = sqlgen.opt(team) AND title = sqlgen.opt(title)\n"
        "ORDER BY id;\n");
    REQUIRE(v.size() == 4);
    CHECK(v[0] == "SELECT id FROM public.tasks \nORDER BY id");
    CHECK(v[1] == "SELECT id FROM public.tasks WHERE team = $1\nORDER BY id");
    CHECK(v[2] == "SELECT id FROM public.tasks WHERE title = $1\nORDER BY id");
    CHECK(v[3] == "SELECT id FROM public.tasks WHERE team = $1 AND title = $2\nORDER BY id");
  }
  SECTION("a parenthesized AND: its own terms, left out whole when all are") {
    auto v = variants(
        "-- name: L :many\n"
        "SELECT id FROM tasks WHERE (team = sqlgen.opt(team) AND priority > 1) AND id > 0\n"
        "  AND (title = sqlgen.opt(a) AND title <> sqlgen.opt(b));\n");
    REQUIRE(v.size() == 8);
    CHECK(v[0] == "SELECT id FROM public.tasks WHERE (priority > 1) AND id > 0");
    CHECK(v[3] ==
          "SELECT id FROM public.tasks WHERE (team = $1 AND priority > 1) AND id > 0\n"
          "  AND (title = $2)");
    CHECK(v[5] ==
          "SELECT id FROM public.tasks WHERE (team = $1 AND priority > 1) AND id > 0\n"
          "  AND (title <> $2)");
  }
  SECTION("BETWEEN's AND and CASE's are not terms") {
    auto w = variants(
        "-- name: L :many\n-- @optional team\n"
        "SELECT id FROM tasks WHERE priority BETWEEN 1 AND 5 AND team = @team\n"
        "  AND CASE WHEN done AND priority > 2 THEN 1 ELSE 0 END = 0;\n");
    REQUIRE(w.size() == 2);
    CHECK(w[0] ==
          "SELECT id FROM public.tasks WHERE priority BETWEEN 1 AND 5\n"
          "  AND CASE WHEN done AND priority > 2 THEN 1 ELSE 0 END = 0");
  }
  SECTION("a subquery's condition, HAVING, and a JOIN ON that becomes TRUE") {
    auto v = variants(
        "-- name: L :many\n"
        "SELECT t.team, count(*) AS n FROM tasks t JOIN tags g ON g.tag = sqlgen.opt(tag)\n"
        "WHERE t.id IN (SELECT task_id FROM tags WHERE tag <> sqlgen.opt(not_tag))\n"
        "GROUP BY t.team HAVING count(*) > sqlgen.opt(min);\n");
    REQUIRE(v.size() == 8);
    CHECK(v[0] ==
          "SELECT t.team, count(*) AS n FROM public.tasks t JOIN public.tags g ON TRUE\n"
          "WHERE t.id IN (SELECT task_id FROM public.tags )\nGROUP BY t.team ");
  }
  SECTION("a whole JOIN ON condition shorter than TRUE becomes 1=1") {
    auto v = variants(
        "-- name: L :many\n-- @optional ab\n"
        "SELECT t.id FROM tasks t JOIN tags g ON @ab WHERE t.done;\n");
    REQUIRE(v.size() == 2);
    CHECK(v[0] == "SELECT t.id FROM public.tasks t JOIN public.tags g ON 1=1 WHERE t.done");
    CHECK(v[1] == "SELECT t.id FROM public.tasks t JOIN public.tags g ON $1 WHERE t.done");
  }
  SECTION("UPDATE and DELETE") {
    auto v = variants(
        "-- name: L :execrows\n"
        "UPDATE tasks SET done = true WHERE team = @team AND priority < sqlgen.opt(p);\n");
    REQUIRE(v.size() == 2);
    CHECK(v[0] == "UPDATE public.tasks SET done = true WHERE team = $1");
    auto d = variants("-- name: D :execrows\nDELETE FROM tags WHERE tag = sqlgen.opt(tag);\n");
    REQUIRE(d.size() == 2);
    CHECK(d[0] == "DELETE FROM public.tags ");
  }
}

TEST_CASE("sqlgen.sort: one variant per column and direction, after the optional bits",
          "[analyze]") {
  Analyzed a = analyze_text(
      "-- name: L :many\n"
      "SELECT id, title FROM tasks WHERE team = sqlgen.opt(team)\n"
      "ORDER BY sqlgen.sort(order_by: priority, tasks.title), id;\n");
  INFO(a.diagnostics);
  REQUIRE(a.query.ok);
  REQUIRE(a.query.sorts.size() == 1);
  CHECK(a.query.sorts[0].name == "order_by");
  CHECK(a.query.sorts[0].columns == std::vector<std::string>{"priority", "title"});
  REQUIRE(a.query.variants.size() == 8);  // 2 (team) × 2 columns × 2 directions
  const std::string head = "SELECT id, title FROM public.tasks WHERE team = $1\nORDER BY ";
  CHECK(a.query.variants[1] == head + "priority ASC, id");
  CHECK(a.query.variants[3] == head + "priority DESC, id");
  CHECK(a.query.variants[5] == head + "tasks.title ASC, id");
  CHECK(a.query.variants[7] == head + "tasks.title DESC, id");
  CHECK(a.query.variants[6] ==
        "SELECT id, title FROM public.tasks \nORDER BY tasks.title DESC, id");
  CHECK(a.query.sql == a.query.variants[1]);
  CHECK(analyze::to_json(tasks_catalog(), a.query)["sorts"] ==
        nlohmann::json::parse(R"([{"name": "order_by", "columns": ["priority", "title"]}])"));
  // The comma spelling too.
  auto v =
      variants("-- name: L :many\nSELECT id FROM tasks ORDER BY sqlgen.sort(s, \"title\", id);\n");
  REQUIRE(v.size() == 4);
  CHECK(v[0] == "SELECT id FROM public.tasks ORDER BY \"title\" ASC");
  CHECK(v[3] == "SELECT id FROM public.tasks ORDER BY id DESC");
}

TEST_CASE("optional parameters and sorts sqlgen refuses: tests/cases/analyze/variants/bad.sql",
          "[analyze]") {
  auto r = util::read_file(SQLGEN_TESTS_DIR "/cases/analyze/variants/bad.sql");
  REQUIRE(r.text);
  auto src = diag::make_source("bad.sql", *r.text);
  diag::DiagnosticEngine diags;
  for (const source::Query& q : source::read_query_file(src, diags)) {
    analyze::AnalyzedQuery a = analyze::analyze_query(tasks_catalog(), q, {}, diags);
    CHECK_FALSE(a.ok);
  }
  auto expected = testing::expected_diagnostics(*src);
  auto actual = testing::actual_diagnostics(diags, *src);
  INFO("expected:\n" << testing::to_string(expected) << "actual:\n" << testing::to_string(actual));
  CHECK(expected == actual);
  CHECK(expected.size() >= 13);
}

TEST_CASE("PostgreSQL prepares every variant sqlgen accepts and rejects the one it rejects",
          "[analyze][oracle]") {
  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), testing::load_case_migrations(k_schema));
  using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
  using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;
  ConnPtr conn(PQconnectdb(db.conninfo().c_str()), &PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  // The golden case's queries: every variant prepares, with the parameters the analysis says
  // (the set optional ones only).
  auto r = util::read_file(SQLGEN_TESTS_DIR "/cases/codegen/optional_filters/queries/tasks.sql");
  REQUIRE(r.text);
  auto src = diag::make_source("tasks.sql", *r.text);
  diag::DiagnosticEngine diags;
  size_t prepared = 0;
  for (const source::Query& q : source::read_query_file(src, diags)) {
    analyze::AnalyzedQuery a = analyze::analyze_query(tasks_catalog(), q, {}, diags);
    REQUIRE(a.ok);
    size_t optionals = 0;
    for (const analyze::ResultParam& p : a.params) optionals += p.optional ? 1 : 0;
    for (size_t i = 0; i < a.variants.size(); ++i) {
      ResultPtr prep(PQprepare(conn.get(), "", a.variants[i].c_str(), 0, nullptr), &PQclear);
      INFO(q.name << " variant " << i << ": " << a.variants[i] << "\n"
                  << PQresultErrorMessage(prep.get()));
      REQUIRE(PQresultStatus(prep.get()) == PGRES_COMMAND_OK);
      ResultPtr d(PQdescribePrepared(conn.get(), ""), &PQclear);
      size_t set = static_cast<size_t>(__builtin_popcountll((i % (size_t{1} << optionals))));
      CHECK(static_cast<size_t>(PQnparams(d.get())) == a.params.size() - optionals + set);
      CHECK(static_cast<size_t>(PQnfields(d.get())) == a.columns.size());
      ++prepared;
    }
  }
  CHECK(diags.error_count() == 0);
  CHECK(prepared == 48 + 16 + 2 + 4 + 2);
  // Sorting a grouped query by a column that is not grouped: sqlgen rejects that variant, and
  // PostgreSQL rejects its SQL with the same SQLSTATE.
  Analyzed bad = analyze_text(
      "-- name: S :many\nSELECT team, count(*) AS n FROM tasks GROUP BY team\n"
      "ORDER BY sqlgen.sort(s: team, priority);\n");
  CHECK_FALSE(bad.query.ok);
  CHECK(bad.diagnostics.find("column \"tasks.priority\" must appear in the GROUP BY clause") !=
        std::string::npos);
  ResultPtr prep(PQprepare(conn.get(), "",
                           "SELECT team, count(*) AS n FROM tasks GROUP BY team\n"
                           "ORDER BY priority ASC",
                           0, nullptr),
                 &PQclear);
  CHECK(PQresultStatus(prep.get()) == PGRES_FATAL_ERROR);
  CHECK(std::string(PQresultErrorField(prep.get(), PG_DIAG_SQLSTATE)) == "42803");
}

TEST_CASE("sqlgen.opt and sqlgen.sort are sqlgen's: no sqlc spelling, suggested after sqlgen. only",
          "[analyze]") {
  Analyzed sqlc =
      analyze_text("-- name: A :many\nSELECT id FROM tasks WHERE team = sqlc.srot(team);\n");
  CHECK(sqlc.diagnostics.find("unknown function \"sqlc.srot\"\n") != std::string::npos);
  Analyzed typo =
      analyze_text("-- name: A :many\nSELECT id FROM tasks WHERE team = sqlgen.op(team);\n");
  CHECK(typo.diagnostics.find("unknown function \"sqlgen.op\", did you mean \"opt\"?") !=
        std::string::npos);
}
