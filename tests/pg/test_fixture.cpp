// The Catch2 PostgreSQL fixture: fresh databases cloned from per-setup-SQL templates.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "support/pg_fixture.hpp"

using sqlgen::testing::fresh_database;

namespace {

std::string query_value(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction work(conn);
  pqxx::row row = work.exec1(sql);
  return row[0].is_null() ? "<null>" : row[0].c_str();
}

bool has_table(const std::string& conninfo, const std::string& table) {
  return query_value(conninfo, "select to_regclass('" + table + "') is not null") == "t";
}

constexpr const char* k_setup = "create table base(x int); insert into base values (1);";

}  // namespace

TEST_CASE("fixture: fresh databases are isolated from each other", "[pg]") {
  std::string first_name;
  {
    auto db = fresh_database(k_setup);
    first_name = db.name();
    CHECK(has_table(db.conninfo(), "base"));
    REQUIRE_NOTHROW(query_value(db.conninfo(), "create table mine(y int); select 1"));
    CHECK(has_table(db.conninfo(), "mine"));
  }
  auto next = fresh_database(k_setup);
  CHECK(next.name() != first_name);
  CHECK(has_table(next.conninfo(), "base"));
  CHECK_FALSE(has_table(next.conninfo(), "mine"));
  // The setup ran once, in the template, not once per clone.
  CHECK(query_value(next.conninfo(), "select count(*) from base") == "1");
  // The first database was dropped.
  CHECK(query_value(next.conninfo(), "select count(*) from pg_database where datname = '" +
                                         first_name + "'") == "0");
  auto other = fresh_database();
  CHECK_FALSE(has_table(other.conninfo(), "base"));
}

TEST_CASE("fixture: bad setup SQL fails the test with the server's message", "[pg]") {
  CHECK_THROWS_WITH(fresh_database("create tabel oops(x int)"), Catch::Contains("syntax error"));
}
