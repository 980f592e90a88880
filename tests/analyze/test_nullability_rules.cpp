// Hand-checked golden cases, one per nullability rule of the analyzer issue:
// each query's columns and parameters with the nullability a reader can
// verify by reading the SQL.
#include <catch2/catch.hpp>

#include "analyze/analyze.hpp"
#include "support/migrations.hpp"

using namespace sqlgen;

namespace {

/// "name:N" (not null) / "name:?" (nullable) for every column, then "$n:N|?" per parameter.
std::string shape(const std::string& sql) {
  static catalog::Catalog cat = [] {
    diag::DiagnosticEngine d;
    return catalog::build_catalog(testing::load_case_migrations("analyze/shop/schema"), d,
                                  analyze::view_binder());
  }();
  const char* cmd = sql.rfind("SELECT", 0) == 0 || sql.rfind("WITH", 0) == 0 ? ":many" : ":exec";
  auto src = diag::make_source("q.sql", std::string("-- name: Q ") + cmd + "\n" + sql + ";\n");
  diag::DiagnosticEngine diags;
  auto queries = source::read_query_file(src, diags);
  REQUIRE(queries.size() == 1);
  auto q = analyze::analyze_query(cat, queries[0], {}, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  std::string out;
  for (const auto& c : q.columns)
    out += (out.empty() ? "" : " ") + c.name + (c.not_null ? ":N" : ":?");
  for (const auto& p : q.params) {
    out += (out.empty() ? "$" : " $") + std::to_string(p.number) + (p.not_null ? ":N" : ":?");
  }
  return out;
}

}  // namespace

TEST_CASE("nullability: NOT NULL, primary-key, identity and domain columns", "[analyze]") {
  // id bigserial PK, email NOT NULL, nickname nullable; products.id identity, price domain NOT NULL
  // col.
  CHECK(shape("SELECT id, email, nickname FROM shop.customers") == "id:N email:N nickname:?");
  CHECK(shape("SELECT id, price, weight_kg FROM shop.products") == "id:N price:N weight_kg:?");
}

TEST_CASE("nullability: the nullable side of outer joins, whatever the FROM item", "[analyze]") {
  CHECK(shape("SELECT c.id, o.id AS oid FROM shop.customers c LEFT JOIN shop.orders o ON "
              "o.customer_id = c.id") == "id:N oid:?");
  CHECK(shape("SELECT c.id, o.id AS oid FROM shop.orders o RIGHT JOIN shop.customers c ON "
              "o.customer_id = c.id") == "id:N oid:?");
  CHECK(shape("SELECT c.id, o.id AS oid FROM shop.customers c FULL JOIN shop.orders o ON "
              "o.customer_id = c.id") == "id:? oid:?");
  CHECK(shape("SELECT c.id, s.n FROM shop.customers c LEFT JOIN (SELECT 1 AS n) s ON true") ==
        "id:N n:?");
  CHECK(shape("WITH t AS (SELECT 1 AS n) SELECT c.id, t.n FROM shop.customers c LEFT JOIN t ON "
              "true") == "id:N n:?");
  CHECK(shape("SELECT c.id, g FROM shop.customers c LEFT JOIN generate_series(1, 3) g ON true") ==
        "id:N g:?");
  CHECK(shape("SELECT c.id, v.total FROM shop.customers c LEFT JOIN shop.order_totals v ON "
              "v.customer_id = c.id") == "id:N total:?");
}

TEST_CASE("nullability: strict operators and functions follow their inputs", "[analyze]") {
  CHECK(
      shape("SELECT id + 1 AS a, length(email) AS b, length(nickname) AS c FROM shop.customers") ==
      "a:N b:N c:?");
  CHECK(shape("SELECT prefs ->> 'lang' AS lang FROM shop.customers") == "lang:?");
}

TEST_CASE("nullability: casts keep it, COALESCE and CASE", "[analyze]") {
  CHECK(shape("SELECT id::text AS a, nickname::varchar AS b FROM shop.customers") == "a:N b:?");
  CHECK(shape("SELECT coalesce(nickname, email) AS a, coalesce(nickname, NULL) AS b FROM "
              "shop.customers") == "a:N b:?");
  CHECK(shape("SELECT CASE WHEN id > 1 THEN 'x' END AS a, CASE WHEN id > 1 THEN 'x' ELSE 'y' END "
              "AS b, CASE WHEN id > 1 THEN nickname ELSE 'y' END AS c FROM shop.customers") ==
        "a:? b:N c:?");
}

TEST_CASE("nullability: aggregates, subqueries, EXISTS, IS NULL, literals", "[analyze]") {
  CHECK(shape("SELECT count(*) AS a, count(nickname) AS b, sum(id) AS c, max(email) AS d FROM "
              "shop.customers") == "a:N b:N c:? d:?");
  CHECK(
      shape("SELECT (SELECT max(id) FROM shop.orders) AS a, EXISTS (SELECT 1 FROM shop.orders) "
            "AS b, nickname IS NULL AS c, 1 AS d, 'x' AS e, NULL::int AS f FROM shop.customers") ==
      "a:? b:N c:N d:N e:N f:?");
}

TEST_CASE("nullability: WHERE IS NOT NULL and inner-join equalities narrow", "[analyze]") {
  CHECK(shape("SELECT nickname FROM shop.customers WHERE nickname IS NOT NULL") == "nickname:N");
  CHECK(shape("SELECT o.note FROM shop.orders o JOIN shop.customers c ON c.nickname = o.note") ==
        "note:N");
  // An outer join above the inner join null-extends it again.
  CHECK(shape("SELECT o.id FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.id RIGHT "
              "JOIN shop.products p ON p.id = c.id") == "id:?");
}

TEST_CASE("nullability: parameters", "[analyze]") {
  CHECK(shape("SELECT id FROM shop.customers WHERE id = @id") == "id:N $1:N");
  CHECK(shape("SELECT id FROM shop.customers WHERE (@nick::text IS NULL OR nickname = @nick)") ==
        "id:N $1:?");
  CHECK(shape("SELECT id FROM shop.customers WHERE email = sqlc.narg(email)") == "id:N $1:?");
  CHECK(shape("INSERT INTO shop.customers (email, name, nickname) VALUES (@e, @n, @nick)") ==
        "$1:N $2:N $3:?");
}
