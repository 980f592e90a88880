// libpq loaded at first use (pg/libpq.hpp): the sqlgen executable does not link it, a missing
// library is a clear error (exit 1) only for commands that need a server, and Server's plain
// libpq code fails exactly as the libpqxx code it replaced (kept here as the reference).
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <pqxx/pqxx>

#include "pg/cluster.hpp"
#include "pg/libpq.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using sqlgen::diag::DiagId;
using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

// ---- The libpqxx implementation Server had before (the reference) ----

std::string ref_clean_message(const std::string& what) {
  std::string msg = what.substr(0, what.find('\n'));
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (msg.rfind(prefix, 0) == 0) msg.erase(0, std::strlen(prefix));
  }
  while (!msg.empty() && (msg.back() == ' ' || msg.back() == '\r')) msg.pop_back();
  return msg;
}

diag::Diagnostic ref_connect_error(const std::exception& e) {
  return diag::make(DiagId::err_pg_connect, {}, {ref_clean_message(e.what())});
}

pg::Result<> ref_create_database(const std::string& conninfo, const std::string& name,
                                 const std::string& template_db = "") {
  try {
    pqxx::connection conn(conninfo);
    pqxx::nontransaction work(conn);
    std::string sql = "CREATE DATABASE " + conn.quote_name(name);
    if (!template_db.empty()) sql += " TEMPLATE " + conn.quote_name(template_db);
    work.exec0(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return ref_connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(DiagId::err_pg_database, {}, {"create", name, ref_clean_message(e.what())});
  }
}

pg::Result<> ref_drop_database(const std::string& conninfo, const std::string& name) {
  try {
    pqxx::connection conn(conninfo);
    pqxx::nontransaction work(conn);
    std::string sql = "DROP DATABASE IF EXISTS " + conn.quote_name(name);
    if (conn.server_version() >= 130000) sql += " WITH (FORCE)";
    work.exec0(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return ref_connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(DiagId::err_pg_database, {}, {"drop", name, ref_clean_message(e.what())});
  }
}

pg::Result<> ref_execute(const std::string& conninfo, const std::string& dbname,
                         const std::string& sql) {
  try {
    pqxx::connection conn(conninfo);
    pqxx::nontransaction work(conn);
    work.exec(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return ref_connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(DiagId::err_pg_sql, {}, {dbname, ref_clean_message(e.what())});
  }
}

/// "ok", or the diagnostic's id and message.
std::string outcome(pg::Result<> r) {
  if (r) return "ok";
  return std::string(diag::name_of(r.error().id)) + ": " + r.error().message;
}

/// Runs `fn` with stderr sent to a temp file; returns what was written there.
template <class Fn>
std::string stderr_of(Fn&& fn) {
  std::fflush(stderr);
  util::TempDir tmp("sqlgen-libpq-stderr");
  std::string path = (tmp.path() / "err").string();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE(fd >= 0);
  int saved = ::dup(STDERR_FILENO);
  ::dup2(fd, STDERR_FILENO);
  fn();
  std::fflush(stderr);
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(fd);
  util::ReadResult r = util::read_file(path);
  return r.text ? *r.text : "";
}

}  // namespace

TEST_CASE("libpq: loaded once, every function resolved", "[pg]") {
  pg::Result<const pg::Libpq*> lib = pg::load_libpq();
  REQUIRE(lib.ok());
  const pg::Libpq& table = **lib;
#define SQLGEN_CHECK_RESOLVED(name) CHECK(table.name != nullptr);
  SQLGEN_LIBPQ_FUNCTIONS(SQLGEN_CHECK_RESOLVED)
#undef SQLGEN_CHECK_RESOLVED
  CHECK(&pg::pq() == &table);
  CHECK(*pg::load_libpq() == &table);
  // The test binary links libpq too: dlopen() finds the same library.
  CHECK(table.PQping == &::PQping);
}

TEST_CASE("libpq: a library that cannot be loaded is a clear error", "[pg]") {
  SECTION("missing") {
    auto r = pg::detail::load_libpq_from("libsqlgen-no-such-libpq.so.5");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == DiagId::err_pg_libpq);
    CHECK(diag::render_text(r.error()) ==
          "sqlgen: error: cannot load libpq (libsqlgen-no-such-libpq.so.5): "
          "libsqlgen-no-such-libpq.so.5: cannot open shared object file: No such file or "
          "directory\n");
  }
  SECTION("a library without libpq's functions") {
    auto r = pg::detail::load_libpq_from("libc.so.6");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.starts_with("cannot load libpq (libc.so.6): "));
    CHECK(r.error().message.find("undefined symbol: PQ") != std::string::npos);
  }
}

TEST_CASE("libpq: the sqlgen executable does not link libpq or libpqxx", "[pg][cli]") {
  RunResult elf = run_command("readelf -d " + shell_quote(SQLGEN_BINARY));
  if (elf.exit_code != 0) {
    WARN("readelf not available: " << elf.err);
    return;
  }
  CHECK(elf.out.find("(NEEDED)") != std::string::npos);
  CHECK(elf.out.find("libpq") == std::string::npos);  // neither libpq.so.5 nor libpqxx-*.so
}

TEST_CASE("libpq: only commands that need a server load it, and fail with exit 1 without it",
          "[pg][cli]") {
  util::TempDir tmp("sqlgen-libpq-cli");
  fs::path dir = tmp.path();
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml",
                                  "version: \"1\"\noutput: out\nmodules:\n  - name: m\n"
                                  "    migrations: migrations\n    queries: queries\n"
                                  "    schema: m\n    search_path: [m, public]\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir / "migrations/001_init.sql",
                                  "-- +goose Up\nCREATE SCHEMA m;\nCREATE TABLE m.t (id int);\n")
              .empty());
  REQUIRE(
      util::write_file_atomic(dir / "queries/t.sql", "-- name: GetT :many\nSELECT id FROM m.t;\n")
          .empty());
  std::string env = "env -u SQLGEN_DATABASE_URL SQLGEN_NO_CACHE=1 SQLGEN_LIBPQ=" +
                    shell_quote((dir / "no-such-libpq.so.5").string()) + " ";
  std::string sqlgen = shell_quote(SQLGEN_BINARY);

  RunResult version = run_command(env + sqlgen + " --version", dir.string());
  CHECK(version.exit_code == 0);
  RunResult generate = run_command(env + sqlgen + " generate", dir.string());
  CHECK(generate.exit_code == 0);
  CHECK(generate.err.empty());

  RunResult dump = run_command(env + sqlgen + " dump", dir.string());
  CHECK(dump.exit_code == 1);
  CHECK(dump.err == "sqlgen: error: cannot load libpq (" + (dir / "no-such-libpq.so.5").string() +
                        "): " + (dir / "no-such-libpq.so.5").string() +
                        ": cannot open shared object file: No such file or directory\n"
                        "1 error generated.\n");
}

TEST_CASE("libpq: Server fails exactly as its libpqxx version did", "[pg]") {
  pg::Server& server = test_server();
  const std::string db = "sqlgen_libpq_cmp_" + std::to_string(::getpid());
  const std::string other = db + "_other";
  const std::string weird = db + " we\"ird";
  (void)server.drop_database(db);
  (void)server.drop_database(other);
  (void)server.drop_database(weird);
  const std::string info = server.conninfo();

  // Creating and dropping, each way around.
  CHECK(outcome(server.create_database(db)) == "ok");
  CHECK(outcome(server.create_database(db)) == outcome(ref_create_database(info, db)));
  CHECK(outcome(server.create_database(db)).starts_with("err_pg_database: cannot create"));
  CHECK(outcome(ref_create_database(info, other, db)) == "ok");
  CHECK(outcome(server.drop_database(other)) == "ok");
  CHECK(outcome(server.create_database(other, db)) == "ok");
  CHECK(outcome(ref_drop_database(info, other)) == "ok");
  CHECK(outcome(server.create_database(other, "no_such_template")) ==
        outcome(ref_create_database(info, other, "no_such_template")));
  CHECK(outcome(server.create_database(weird)) == "ok");
  CHECK(outcome(server.drop_database(weird)) == "ok");

  // Dropping what does not exist, and what has a session open: no NOTICE on stderr either way.
  std::string mine, theirs;
  CHECK(stderr_of([&] { mine = outcome(server.drop_database("no_such_db_x")); }) == "");
  CHECK(stderr_of([&] { theirs = outcome(ref_drop_database(info, "no_such_db_x")); }) == "");
  CHECK(mine == "ok");
  CHECK(theirs == "ok");
  {
    pqxx::connection held(server.conninfo(db));
    CHECK(outcome(server.drop_database(db)) == "ok");
  }
  CHECK(outcome(server.create_database(db)) == "ok");

  // Statements: successes, errors, notices, COPY, and the errors libpqxx counts as a broken
  // connection (SQLSTATE class 08, 53300, a session that ended).
  const std::string db_info = server.conninfo(db);
  for (const std::string& sql : {
           std::string("create table t(x int); insert into t values (1)"),
           std::string("select nope"),
           std::string("select 1; select nope; select 2"),
           std::string(""),
           std::string("  ;  "),
           std::string("select 1/0"),
           std::string("do $$ begin raise notice 'hello'; end $$"),
           std::string("commit"),
           std::string("copy t to stdout"),
           std::string("copy t from stdin"),
           std::string("do $$ begin raise exception 'gone' using errcode = '08006'; end $$"),
           std::string("do $$ begin raise exception 'full' using errcode = '53300'; end $$"),
           std::string("do $$ begin raise exception 'oops' using errcode = '53100'; end $$"),
           std::string("select pg_terminate_backend(pg_backend_pid())"),
           std::string("select 'a\nb'::int"),
       }) {
    INFO("sql: " << sql);
    std::string a, b;
    std::string a_err = stderr_of([&] { a = outcome(server.execute(db, sql)); });
    std::string b_err = stderr_of([&] { b = outcome(ref_execute(db_info, db, sql)); });
    if (sql.starts_with("create table")) {
      CHECK(a == "ok");
      CHECK(b.find("already exists") != std::string::npos);
      continue;
    }
    CHECK(a == b);
    CHECK(a_err == b_err);
  }

  // Connections that cannot be made.
  CHECK(outcome(server.execute("no_such_db_y", "select 1")) ==
        outcome(ref_execute(server.conninfo("no_such_db_y"), "no_such_db_y", "select 1")));
  CHECK(outcome(server.execute("no_such_db_y", "select 1")).starts_with("err_pg_connect: "));
  std::string nowhere = "host=/nonexistent-sqlgen-dir port=1 connect_timeout=2";
  auto external = pg::ExternalServer::connect(nowhere);
  REQUIRE_FALSE(external.ok());
  pg::Result<> ref = ref_create_database(nowhere, "x");
  REQUIRE_FALSE(ref.ok());
  CHECK(external.error().id == DiagId::err_pg_connect);
  CHECK(external.error().message == ref.error().message);

  CHECK(outcome(server.drop_database(db)) == "ok");
}
