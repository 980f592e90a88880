// pg::describe_statements: PREPARE + describe on a real server, types named by the server.
#include <catch2/catch.hpp>

#include "pg/describe.hpp"
#include "support/pg_fixture.hpp"

using namespace sqlgen;

TEST_CASE("describe_statements: parameters, columns with typmods, rejected statements",
          "[pg][oracle]") {
  testing::FreshDatabase db = testing::fresh_database(
      "CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE t (id int, m mood, v varchar(10));");
  pg::Result<std::vector<pg::Described>> r = pg::describe_statements(
      db.conninfo(), {"SELECT id, m, v FROM t WHERE id = $1 AND v = $2", "SELECT nope FROM t",
                      "INSERT INTO t (m) VALUES ($1)", "VACUUM t"});
  REQUIRE(r);
  REQUIRE(r->size() == 4);

  const pg::Described& sel = (*r)[0];
  CHECK(sel.ok);
  REQUIRE(sel.params.size() == 2);
  CHECK(sel.params[0].name == "pg_catalog.int4");
  CHECK(sel.params[0].display == "integer");
  CHECK(sel.params[1].name == "pg_catalog.text");  // varchar = text: the text operator
  REQUIRE(sel.columns.size() == 3);
  CHECK(sel.columns[1].name == "m");
  CHECK(sel.columns[1].type.name == "public.mood");
  CHECK(sel.columns[2].type.typmod == 14);
  CHECK(sel.columns[2].type.display == "character varying(10)");

  const pg::Described& bad = (*r)[1];
  CHECK_FALSE(bad.ok);
  CHECK(bad.error == "column \"nope\" does not exist");
  CHECK(bad.sqlstate == "42703");

  CHECK((*r)[2].ok);
  REQUIRE((*r)[2].params.size() == 1);
  CHECK((*r)[2].params[0].name == "public.mood");
  CHECK((*r)[2].columns.empty());
  CHECK((*r)[3].ok);  // utility statements are prepared (parsed), never run
}

TEST_CASE("describe_statements: a server that cannot be reached is an error", "[pg]") {
  pg::Result<std::vector<pg::Described>> r = pg::describe_statements(
      "host=/nonexistent-sqlgen-dir port=1 connect_timeout=2", {"SELECT 1"});
  REQUIRE_FALSE(r);
  CHECK(r.error().id == diag::DiagId::err_pg_connect);
}
