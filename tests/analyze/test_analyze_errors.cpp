#include <catch2/catch.hpp>

#include "analyze/analyze.hpp"
#include "support/expect_diag.hpp"
#include "support/migrations.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

/// The shop schema's catalog and the queries of a file `q.sql` holding `text`; `diags` has what
/// both reported.
struct ShopQueries {
  diag::DiagnosticEngine diags;
  catalog::Catalog cat;
  std::vector<source::Query> queries;

  explicit ShopQueries(std::string text) {
    cat = catalog::build_catalog(testing::load_case_migrations("analyze/shop/schema"), diags,
                                 analyze::view_binder());
    queries = source::read_query_file(diag::make_source("q.sql", std::move(text)), diags);
  }
};

}  // namespace

TEST_CASE("analyzer diagnostics fixtures under tests/cases/analyze_errors", "[analyze]") {
  auto migrations = testing::load_case_migrations("analyze/shop/schema");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto r = util::read_file(SQLGEN_TESTS_DIR "/cases/analyze_errors/queries.sql");
  REQUIRE(r.text);
  auto src = diag::make_source("queries.sql", *r.text);
  for (const source::Query& q : source::read_query_file(src, diags)) {
    auto a = analyze::analyze_query(cat, q, {}, diags);
    (void)a;
  }
  auto expected = testing::expected_diagnostics(*src);
  auto actual = testing::actual_diagnostics(diags, *src);
  INFO("expected:\n" << testing::to_string(expected) << "actual:\n" << testing::to_string(actual));
  CHECK(expected == actual);
  CHECK(expected.size() >= 10);
}

TEST_CASE("a parameter conflict notes where the parameter got its first type", "[analyze]") {
  ShopQueries shop(
      "-- name: X :many\nSELECT id FROM shop.customers WHERE id = @v OR email = @v;\n");
  auto& diags = shop.diags;
  REQUIRE(shop.queries.size() == 1);
  analyze::analyze_query(shop.cat, shop.queries[0], {}, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(diag::render_text(all[0]) ==
        "q.sql:2:56: error: inconsistent types deduced for parameter $1: bigint versus text\n"
        "SELECT id FROM shop.customers WHERE id = @v OR email = @v;\n"
        "                                                       ^~\n"
        "q.sql:2:42: note: parameter $1 has type bigint here\n"
        "SELECT id FROM shop.customers WHERE id = @v OR email = @v;\n"
        "                                         ^~\n");
}

TEST_CASE("an operand compared several times is typed and schema-qualified once", "[analyze]") {
  ShopQueries shop(
      "-- name: In :many\nSELECT id FROM orders WHERE @s::order_status IN ('new', 'paid');\n"
      "-- name: Between :many\n"
      "SELECT id FROM orders WHERE status BETWEEN 'new'::order_status AND 'paid';\n"
      "-- name: Case :many\n"
      "SELECT CASE @t::order_status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 END FROM orders;\n");
  auto& diags = shop.diags;
  REQUIRE(shop.queries.size() == 3);
  analyze::AnalyzeOptions opts;
  opts.search_path = {"shop", "public"};
  std::vector<std::string> sql;
  for (const source::Query& q : shop.queries)
    sql.push_back(analyze::analyze_query(shop.cat, q, opts, diags).sql);
  INFO(diag::render_all(diags, false));
  CHECK(diags.error_count() == 0);
  CHECK(sql[0] == "SELECT id FROM shop.orders WHERE $1::shop.order_status IN ('new', 'paid')");
  CHECK(sql[1] ==
        "SELECT id FROM shop.orders WHERE status BETWEEN "
        "'new'::shop.order_status AND 'paid'");
  CHECK(sql[2] ==
        "SELECT CASE $1::shop.order_status WHEN 'new' THEN 1 WHEN 'paid' THEN 2 "
        "END FROM shop.orders");
}

TEST_CASE("a query parsed beforehand keeps its statements: the analysis borrows them",
          "[analyze]") {
  // Freeing them inside the analysis, on another core than the one that parsed them, took the
  // parsing thread's malloc arena lock per node; they are freed with their ParsedQuery.
  ShopQueries shop("-- name: X :many\nSELECT id, email FROM shop.customers WHERE id = @id;\n");
  REQUIRE(shop.queries.size() == 1);
  const source::Query& query = shop.queries[0];
  analyze::ParsedQuery parsed = analyze::parse_query(query);
  REQUIRE(parsed.stmts.size() == 1);
  const parse::Stmt* tree = parsed.stmts[0].get();
  analyze::AnalyzedQuery with = analyze::analyze_query(shop.cat, query, {}, shop.diags, &parsed);
  CHECK(parsed.stmts.size() == 1);
  CHECK(parsed.stmts[0].get() == tree);
  analyze::AnalyzedQuery without = analyze::analyze_query(shop.cat, query, {}, shop.diags);
  CHECK(with.ok);
  CHECK(with.sql == without.sql);
  REQUIRE(with.columns.size() == 2);
  REQUIRE(without.columns.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(with.columns[i].name == without.columns[i].name);
    CHECK(with.columns[i].type.oid == without.columns[i].type.oid);
  }
  CHECK(with.params.size() == 1);
  CHECK(shop.diags.error_count() == 0);
}
