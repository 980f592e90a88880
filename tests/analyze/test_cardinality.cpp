// AnalyzedQuery::exactly_one_row (cardinality.cpp): which statements return exactly one row
// whatever the data. Each case is also EXECUTEd on PostgreSQL, on empty tables and on tables
// with rows: a statement said to return one row returns one in both, and each statement said
// not to has a witness, a state in which it returns another number of rows.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze/analyze.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"

using namespace sqlgen;

namespace {

struct Case {
  const char* sql;
  bool one;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> list = {
      // An aggregate without GROUP BY or HAVING: one group, also of no rows.
      {"SELECT count(*) FROM shop.customers", true},
      {"SELECT count(*) AS n, max(id) AS top FROM shop.customers WHERE email = 'x'", true},
      {"SELECT max(id) AS top FROM shop.customers ORDER BY 1", true},
      {"SELECT DISTINCT count(*) FROM shop.customers", true},
      {"SELECT count(*) FROM shop.customers LIMIT 1", true},
      {"SELECT count(*) FROM shop.customers LIMIT ALL OFFSET 0", true},
      {"WITH c AS (SELECT id FROM shop.customers) SELECT count(*) FROM c", true},
      {"SELECT coalesce(sum(price), 0) AS total FROM shop.products", true},
      // Expressions without FROM and WHERE, one-row VALUES.
      {"SELECT 1 + 1 AS two", true},
      {"SELECT now() AS t, 'x' AS s", true},
      {"SELECT (SELECT id FROM shop.customers ORDER BY id LIMIT 1) AS first_id", true},
      {"VALUES (1, 'a')", true},
      // INSERT of one row with RETURNING.
      {"INSERT INTO shop.customers (email, name) VALUES ('new@x', 'N') RETURNING id", true},
      {"INSERT INTO shop.customers (email, name) SELECT 'n2@x', 'M' RETURNING id", true},
      {"INSERT INTO shop.customers (email, name) SELECT 'n3@x', count(*)::text FROM "
       "shop.customers RETURNING id",
       true},
      {"INSERT INTO shop.customers (email, name) VALUES ('a@x', 'A') ON CONFLICT (email) DO "
       "UPDATE SET name = excluded.name RETURNING id",
       true},
      // Not by construction: each has a state with another number of rows.
      {"SELECT id FROM shop.customers", false},
      {"SELECT count(*) FROM shop.customers GROUP BY name", false},
      {"SELECT count(*) FROM shop.customers HAVING count(*) > 5", false},
      {"SELECT count(*) FROM shop.customers LIMIT 0", false},
      {"SELECT count(*) FROM shop.customers OFFSET 1", false},
      {"SELECT generate_series(1, 2) AS n", false},
      {"SELECT count(*) AS n, generate_series(1, 2) AS g FROM shop.customers", false},
      {"SELECT 1 AS one WHERE false", false},
      {"SELECT 1 AS n UNION ALL SELECT 2", false},
      {"VALUES (1), (2)", false},
      {"SELECT count(*) OVER () AS n FROM shop.customers", false},
      {"SELECT (SELECT count(*) FROM shop.products) AS n FROM shop.customers", false},
      {"INSERT INTO shop.customers (email, name) VALUES ('a@x', 'A') ON CONFLICT DO NOTHING "
       "RETURNING id",
       false},
      {"INSERT INTO shop.customers (email, name) VALUES ('a@x', 'A') ON CONFLICT (email) DO "
       "UPDATE SET name = excluded.name WHERE shop.customers.name = 'nobody' RETURNING id",
       false},
      {"INSERT INTO shop.customers (email, name) VALUES ('b2@x', 'B'), ('c2@x', 'C') RETURNING id",
       false},
      {"INSERT INTO shop.customers (email, name) SELECT email || '2', name FROM shop.customers "
       "RETURNING id",
       false},
      {"INSERT INTO shop.customers (email, name) SELECT 'g@x', 'G' FROM generate_series(1, 0) "
       "RETURNING id",
       false},
      {"UPDATE shop.customers SET name = 'z' RETURNING id", false},
      {"DELETE FROM shop.customers RETURNING id", false},
  };
  return list;
}

const catalog::Catalog& shop_catalog() {
  static catalog::Catalog cat = [] {
    diag::DiagnosticEngine d;
    return catalog::build_catalog(testing::load_case_migrations("analyze/shop/schema"), d,
                                  analyze::view_binder());
  }();
  return cat;
}

analyze::AnalyzedQuery analyze_one(const std::string& sql) {
  auto src = diag::make_source("q.sql", "-- name: Q :one\n" + sql + ";\n");
  diag::DiagnosticEngine diags;
  auto queries = source::read_query_file(src, diags);
  REQUIRE(queries.size() == 1);
  analyze::AnalyzedQuery q = analyze::analyze_query(shop_catalog(), queries[0], {}, diags);
  INFO(sql << "\n" << diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  return q;
}

using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// The number of rows `sql` returns after `setup`, in a transaction that is rolled back; -1
/// (and `error`) when it fails.
int rows_of(PGconn* conn, const std::string& setup, const std::string& sql, std::string& error) {
  Result(PQexec(conn, ("BEGIN;" + setup).c_str()), &PQclear);
  Result r(PQexec(conn, sql.c_str()), &PQclear);
  int n = -1;
  if (PQresultStatus(r.get()) == PGRES_TUPLES_OK) {
    n = PQntuples(r.get());
  } else {
    error = PQresultErrorMessage(r.get());
  }
  Result(PQexec(conn, "ROLLBACK"), &PQclear);
  return n;
}

}  // namespace

TEST_CASE("exactly_one_row: aggregates without GROUP BY, expressions, one-row INSERT RETURNING",
          "[analyze]") {
  for (const Case& c : cases()) {
    INFO(c.sql);
    CHECK(analyze_one(c.sql).exactly_one_row == c.one);
  }
  // A command without rows and a statement into a view are never "one row".
  CHECK(!analyze_one("SELECT order_id FROM shop.order_totals").exactly_one_row);
  CHECK(analyze::to_json(shop_catalog(), analyze_one("SELECT count(*) FROM shop.customers"))
            .at("exactly_one_row") == true);
}

TEST_CASE("exactly_one_row agrees with what PostgreSQL returns, on empty and filled tables",
          "[analyze][oracle]") {
  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), testing::load_case_migrations("analyze/shop/schema"));
  Conn conn(PQconnectdb(db.conninfo().c_str()), &PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  const std::string fill =
      "INSERT INTO shop.customers (email, name) VALUES ('a@x', 'A'), ('b@x', 'B');"
      "INSERT INTO shop.products (sku, title, price) VALUES ('s1', 'P', 5)";
  for (const Case& c : cases()) {
    std::string sql = analyze_one(c.sql).sql;
    INFO(sql);
    std::string error;
    int empty = rows_of(conn.get(), "", sql, error);
    int filled = rows_of(conn.get(), fill, sql, error);
    INFO(error << "empty: " << empty << " rows, filled: " << filled << " rows");
    REQUIRE(empty >= 0);
    REQUIRE(filled >= 0);
    if (c.one) {
      CHECK((empty == 1 && filled == 1));
    } else {
      CHECK((empty != 1 || filled != 1));
    }
  }
}
