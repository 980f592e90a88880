#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::run_sqlgen;
using testing::shell_quote;

TEST_CASE("sqlgen parse lists statements with kinds and positions", "[cli]") {
  util::TempDir dir;
  auto f = dir.path() / "a.sql";
  REQUIRE(util::write_file_atomic(f, "-- c\nCREATE TABLE t (id int);\n  SELECT 1;\n").empty());
  auto r = run_sqlgen("parse a.sql", dir.path().string());
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "a.sql:2:1: create table [CreateStmt] bytes 5..28\n"
        "a.sql:3:3: select [SelectStmt] bytes 32..40\n");
  CHECK(r.err.empty());
}

TEST_CASE("sqlgen parse --json", "[cli]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "a.sql", "CREATE TYPE m AS ENUM ('a');").empty());
  auto r = run_sqlgen("parse --json a.sql", dir.path().string());
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["files"][0]["file"] == "a.sql");
  CHECK(j["files"][0]["statements"][0]["kind"] == "create enum");
  CHECK(j["files"][0]["statements"][0]["line"] == 1);
}

TEST_CASE("syntax errors: clang-style diagnostic and exit code 1", "[cli]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "bad.sql", "SELECT 1;\nSELECT * FORM t;\n").empty());
  auto r = run_sqlgen("parse bad.sql", dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "bad.sql:2:10: error: syntax error at or near \"FORM\"\n"
        "SELECT * FORM t;\n"
        "         ^~~~\n"
        "1 error generated.\n");
}

TEST_CASE("diagnostics format json prints the diagnostics as JSON", "[cli]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "bad.sql", "SELEC 1;").empty());
  auto r = run_sqlgen("--diagnostics-format=json parse bad.sql", dir.path().string());
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.err);
  REQUIRE(j["diagnostics"].size() == 1);
  CHECK(j["diagnostics"][0]["file"] == "bad.sql");
  CHECK(j["diagnostics"][0]["line"] == 1);
  CHECK(j["diagnostics"][0]["column"] == 1);
  CHECK(j["diagnostics"][0]["message"] == "syntax error at or near \"SELEC\"");
}

TEST_CASE("missing, unreadable and empty files give clear diagnostics", "[cli]") {
  util::TempDir dir;
  std::string d = dir.path().string();
  REQUIRE(util::write_file_atomic(dir.path() / "empty.sql", "").empty());
  REQUIRE(::mkfifo((dir.path() / "fifo.sql").c_str(), 0644) == 0);

  auto missing = run_sqlgen("parse nope.sql", d);
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope.sql: error: no such file or directory \"nope.sql\"") == 0);

  auto empty = run_sqlgen("parse empty.sql", d);
  CHECK(empty.exit_code == 0);
  CHECK(empty.err.find("empty.sql: warning: file is empty") == 0);

  // A FIFO would block a naive reader forever: it must be refused at once.
  auto fifo = run_sqlgen("parse fifo.sql", d);
  CHECK(fifo.exit_code == 1);
  CHECK(fifo.err.find("error: cannot read \"fifo.sql\": not a regular file") != std::string::npos);

  // Errors are collected across files, not stopped at the first.
  REQUIRE(util::write_file_atomic(dir.path() / "bad.sql", "SELEC 1;").empty());
  auto both = run_sqlgen("parse nope.sql bad.sql", d);
  CHECK(both.exit_code == 1);
  CHECK(both.err.find("2 errors generated.") != std::string::npos);
}

TEST_CASE("usage errors exit with 2", "[cli]") {
  CHECK(run_sqlgen("").exit_code == 2);
  CHECK(run_sqlgen("no-such-command").exit_code == 2);
  CHECK(run_sqlgen("--color=purple parse x.sql").exit_code == 2);
  auto v = run_sqlgen("--version");
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("sqlgen ", 0) == 0);
}
