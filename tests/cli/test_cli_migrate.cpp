// `sqlgen migrate` through the built binary on a real PostgreSQL: up, status, down, redo and
// version across three modules, both transaction modes, NO TRANSACTION and the dirty flag,
// out-of-order migrations, checksums and rehash, the module list, the lock, branch-switch
// recovery (--rollback, --reset), bad input.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "pg/dump.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::run_sqlgen;
using testing::RunResult;
using testing::shell_quote;

namespace {

/// A project in a temp dir with modules a, b, c (migrations/<m>/), and a fresh database.
struct MigrateProject {
  util::TempDir dir{"sqlgen-migrate"};
  testing::FreshDatabase db = testing::fresh_database();

  explicit MigrateProject(const std::vector<std::string>& modules = {"a", "b", "c"}) {
    set_modules(modules);
  }

  void set_modules(const std::vector<std::string>& modules) {
    std::string yaml = "version: \"1\"\nmodules:\n";
    for (const std::string& m : modules) {
      yaml += "  - name: " + m + "\n    migrations: migrations/" + m + "\n    queries: queries/" +
              m + "\n";
      fs::create_directories(dir.path() / "migrations" / m);
      fs::create_directories(dir.path() / "queries" / m);
    }
    write("sqlgen.yaml", yaml);
  }

  void write(const std::string& rel, const std::string& text) const {
    REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
  }
  void remove(const std::string& rel) const { REQUIRE(fs::remove(dir.path() / rel)); }

  /// A goose migration creating table `table`, dropped by its Down.
  void goose(const std::string& module, const std::string& file, const std::string& table) const {
    write("migrations/" + module + "/" + file, "-- +goose Up\nCREATE TABLE " + table +
                                                   " (id int);\n\n-- +goose Down\nDROP TABLE " +
                                                   table + ";\n");
  }

  RunResult run(const std::string& args) const {
    return run_sqlgen(args + " --db " + shell_quote(db.conninfo()), dir.path().string());
  }

  std::string query(const std::string& sql) const {
    pqxx::connection conn(db.conninfo());
    pqxx::nontransaction work(conn);
    pqxx::result r = work.exec(sql);
    std::string out;
    for (const pqxx::row& row : r) {
      if (!out.empty()) out += ' ';
      out += row[0].is_null() ? "<null>" : row[0].c_str();
    }
    return out;
  }

  /// The tracking table's versions, in order ("" when none or no table).
  std::string versions() const {
    if (query("select to_regclass('sqlgen.migrations') is not null") != "t") return "";
    return query(
        "select coalesce(string_agg(version::text, ' ' order by version), '') from "
        "sqlgen.migrations");
  }

  /// User tables of the public schema, sorted.
  std::string tables() const {
    return query(
        "select coalesce(string_agg(relname, ' ' order by relname), '') from pg_class c join "
        "pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and relkind = 'r'");
  }
};

/// The first line of `text`.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("migrate up, status, down, redo and version across three modules", "[migrate][cli]") {
  MigrateProject p;
  p.goose("a", "001_a1.sql", "a1");
  p.goose("a", "002_a2.sql", "a2");
  p.goose("b", "001_b1.sql", "b1");
  p.goose("c", "001_c1.sql", "c1");
  p.goose("c", "002_c2.sql", "c2");

  RunResult st = p.run("migrate status");
  INFO(st.err);
  REQUIRE(st.exit_code == 0);
  CHECK(st.out.find("module a\n  pending     1001  migrations/a/001_a1.sql\n") !=
        std::string::npos);
  CHECK(st.out.ends_with("sqlgen: 5 pending\n"));

  RunResult up = p.run("migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(up.out ==
        "applied     1001  migrations/a/001_a1.sql\n"
        "applied     1002  migrations/a/002_a2.sql\n"
        "applied     2001  migrations/b/001_b1.sql\n"
        "applied     3001  migrations/c/001_c1.sql\n"
        "applied     3002  migrations/c/002_c2.sql\n"
        "sqlgen: database \"" +
            p.db.name() + "\": 5 migrations applied (single mode, 1 transaction)\n");
  CHECK(p.versions() == "1001 1002 2001 3001 3002");
  CHECK(p.tables() == "a1 a2 b1 c1 c2");
  // What the row records.
  CHECK(p.query("select module || ':' || local_version || ':' || name || ':' || length(checksum)"
                " || ':' || down_sql || ':' || dirty || ':' || batch || ':' ||"
                " (applied_by like 'sqlgen %') from sqlgen.migrations where version = 2001") ==
        "b:1:migrations/b/001_b1.sql:64:DROP TABLE b1;\n:false:1:true");
  CHECK(p.query("select array_to_string(modules, ',') from sqlgen.batches") == "a,b,c");

  RunResult again = p.run("migrate up");
  CHECK(again.exit_code == 0);
  CHECK(again.out == "sqlgen: database \"" + p.db.name() + "\" is up to date\n");

  RunResult version = p.run("migrate version");
  CHECK(version.out == "a 1002\nb 2001\nc 3002\n");

  RunResult down = p.run("migrate down");
  INFO(down.err);
  REQUIRE(down.exit_code == 0);
  CHECK(down.out == "rolled back 3002  migrations/c/002_c2.sql\nsqlgen: database \"" + p.db.name() +
                        "\": 1 migration rolled back\n");
  CHECK(p.tables() == "a1 a2 b1 c1");

  RunResult down2 = p.run("migrate down 2");
  REQUIRE(down2.exit_code == 0);
  CHECK(p.versions() == "1001 1002");

  RunResult redo = p.run("migrate redo");
  INFO(redo.err);
  REQUIRE(redo.exit_code == 0);
  CHECK(
      redo.out.starts_with("rolled back 1002  migrations/a/002_a2.sql\n"
                           "applied     1002  migrations/a/002_a2.sql\n"));
  CHECK(p.versions() == "1001 1002");

  RunResult to = p.run("migrate up --to 2001");
  REQUIRE(to.exit_code == 0);
  CHECK(p.versions() == "1001 1002 2001");

  RunResult down_to = p.run("migrate down --to 1001");
  REQUIRE(down_to.exit_code == 0);
  CHECK(p.versions() == "1001");

  RunResult json = p.run("migrate status --format json");
  REQUIRE(json.exit_code == 0);
  nlohmann::json doc = nlohmann::json::parse(json.out);
  CHECK(doc["database"] == p.db.name());
  REQUIRE(doc["migrations"].size() == 5);
  CHECK(doc["migrations"][0]["state"] == "applied");
  CHECK(doc["migrations"][0]["module"] == "a");
  CHECK(doc["migrations"][1]["state"] == "pending");
  CHECK(doc["migrations"][1]["version"] == 1002);
  CHECK(doc["migrations"][1]["applied_at"].is_null());

  // A local number for --to: versions are namespaced.
  RunResult local = p.run("migrate up --to 2");
  CHECK(local.exit_code == 1);
  CHECK(first_line(local.err) ==
        "sqlgen: error: no migration with version 2: versions are namespaced, did you mean 1002 "
        "(module \"a\"'s 2) or 3002 (module \"c\"'s 2)?");
}

TEST_CASE("migrate up: batch mode is all or nothing, per-migration mode keeps the prefix",
          "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  p.goose("a", "002_y.sql", "y");
  p.write("migrations/a/003_bad.sql", "-- +goose Up\nINSERT INTO nowhere VALUES (1);\n");

  RunResult batch = p.run("migrate up");
  CHECK(batch.exit_code == 1);
  CHECK(first_line(batch.err) ==
        "migrations/a/003_bad.sql:2:13: error: relation \"nowhere\" does not exist (SQLSTATE "
        "42P01)");
  CHECK(p.versions() == "");
  CHECK(p.tables() == "");

  RunResult per = p.run("migrate up --per-migration");
  CHECK(per.exit_code == 1);
  CHECK(per.out ==
        "applied     1001  migrations/a/001_x.sql\n"
        "applied     1002  migrations/a/002_y.sql\n");
  CHECK(p.versions() == "1001 1002");
  CHECK(p.tables() == "x y");
  RunResult st = p.run("migrate status");
  CHECK(st.out.ends_with("sqlgen: 2 applied, 1 pending\n"));
}

TEST_CASE("migrate up: a syntax error in a pending migration applies nothing", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  p.write("migrations/a/002_bad.sql", "-- +goose Up\nCREATE TABLE y (id int,, name text);\n");
  RunResult r = p.run("migrate up");
  CHECK(r.exit_code == 1);
  CHECK(first_line(r.err) == "migrations/a/002_bad.sql:2:24: error: syntax error at or near \",\"");
  CHECK(p.versions() == "");
  CHECK(p.tables() == "");
}

TEST_CASE("migrate up: NO TRANSACTION migrations run alone, a failure leaves the database dirty",
          "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  p.write("migrations/a/002_index.sql",
          "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY x_id ON x (id);\n"
          "-- +goose Down\nDROP INDEX CONCURRENTLY x_id;\n");
  p.goose("a", "003_z.sql", "z");
  RunResult up = p.run("migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(up.out.ends_with("3 migrations applied (single mode, 2 transactions)\n"));
  CHECK(p.query("select no_transaction from sqlgen.migrations where version = 1002") == "t");
  REQUIRE(p.run("migrate down 2").exit_code == 0);
  CHECK(p.query("select count(*) from pg_class where relname = 'x_id'") == "0");

  // A failing NO TRANSACTION migration: its first statement stays, the row says dirty.
  p.write("migrations/a/002_index.sql",
          "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE half (id int);\n"
          "CREATE INDEX CONCURRENTLY bad ON nowhere (id);\n");
  RunResult fail = p.run("migrate up");
  CHECK(fail.exit_code == 1);
  CHECK(p.query("select dirty from sqlgen.migrations where version = 1002") == "t");
  RunResult st = p.run("migrate status");
  CHECK(st.out.find("  dirty       1002  migrations/a/002_index.sql\n") != std::string::npos);
  RunResult refused = p.run("migrate up");
  CHECK(refused.exit_code == 1);
  CHECK(first_line(refused.err) ==
        "sqlgen: error: the database is dirty: migration 1002 (migrations/a/002_index.sql) "
        "failed or was interrupted outside a transaction, so part of it may be applied");
  RunResult rollback = p.run("migrate up --rollback");
  CHECK(rollback.exit_code == 1);
}

TEST_CASE("migrate up: out-of-order migrations need --allow-missing", "[migrate][cli]") {
  MigrateProject p;
  p.goose("a", "001_x.sql", "x");
  p.goose("a", "003_z.sql", "z");
  p.goose("b", "001_b.sql", "b");
  REQUIRE(p.run("migrate up").exit_code == 0);
  p.goose("a", "002_y.sql", "y");  // merged later
  p.goose("b", "002_b2.sql", "b2");
  RunResult st = p.run("migrate status");
  CHECK(st.out.find("  out of order 1002  migrations/a/002_y.sql\n") != std::string::npos);
  CHECK(st.out.find("  pending     2002  migrations/b/002_b2.sql\n") != std::string::npos);
  RunResult r = p.run("migrate up");
  CHECK(r.exit_code == 1);
  CHECK(first_line(r.err) ==
        "migrations/a/002_y.sql: error: pending migration 1002 of module \"a\" is older than its "
        "latest applied migration 1003");
  CHECK(p.versions() == "1001 1003 2001");
  RunResult allowed = p.run("migrate up --allow-missing");
  INFO(allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK(p.versions() == "1001 1002 1003 2001 2002");
}

TEST_CASE("migrate up: an edited applied migration is refused until rehashed", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  REQUIRE(p.run("migrate up").exit_code == 0);
  p.write("migrations/a/001_x.sql",
          "-- +goose Up\nCREATE TABLE x (id bigint);\n-- +goose Down\nDROP TABLE x;\n");
  p.goose("a", "002_y.sql", "y");
  RunResult st = p.run("migrate status");
  CHECK(st.out.find("  edited      1001  migrations/a/001_x.sql\n") != std::string::npos);
  RunResult r = p.run("migrate up");
  CHECK(r.exit_code == 1);
  CHECK(first_line(r.err).starts_with(
      "migrations/a/001_x.sql: error: migration 1001 was edited after it was applied"));
  CHECK(r.err.find("sqlgen migrate rehash 1001") != std::string::npos);
  CHECK(p.versions() == "1001");
  // Accepted (as after `sqlgen dump --base` showed the edit harmless).
  RunResult rehash = p.run("migrate rehash 1001");
  INFO(rehash.err);
  CHECK(rehash.exit_code == 0);
  CHECK(rehash.out == "rehashed    1001  migrations/a/001_x.sql\n");
  RunResult up = p.run("migrate up");
  CHECK(up.exit_code == 0);
  CHECK(p.versions() == "1001 1002");
  CHECK(p.run("migrate rehash 1003").exit_code == 1);
}

TEST_CASE("migrate up: a module inserted mid-list is an error that says why", "[migrate][cli]") {
  MigrateProject p({"a", "b"});
  p.goose("a", "001_x.sql", "x");
  p.goose("b", "001_y.sql", "y");
  REQUIRE(p.run("migrate up").exit_code == 0);
  p.set_modules({"a", "new", "b"});
  p.remove("migrations/b/001_y.sql");
  p.write("migrations/b/001_y.sql",
          "-- +goose Up\nCREATE TABLE y (id int);\n-- +goose Down\nDROP TABLE y;\n");
  RunResult r = p.run("migrate up");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: module \"b\" moved in the module list: the database recorded it at "
                   "position 2, sqlgen.yaml has it at position 3, which moves its versions "
                   "from 2001..2999 to 3001..3999") != std::string::npos);
  CHECK(r.err.find("module(s) \"new\" were inserted before it") != std::string::npos);
  CHECK(p.versions() == "1001 2001");
  // Appended at the end it is fine.
  p.set_modules({"a", "b", "new"});
  p.goose("new", "001_n.sql", "n");
  RunResult ok = p.run("migrate up");
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(p.versions() == "1001 2001 3001");
}

TEST_CASE("migrate up waits for the lock and names its holder", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  pqxx::connection holder(p.db.conninfo());
  pqxx::nontransaction work(holder);
  std::string backend = work.exec1("select pg_backend_pid()")[0].c_str();
  work.exec("select pg_advisory_lock(8318591744010611047)");
  RunResult r = p.run("migrate up --lock-timeout 0.3");
  CHECK(r.exit_code == 1);
  CHECK(first_line(r.err) ==
        "sqlgen: error: another migration runner holds the lock on database \"" + p.db.name() +
            "\" (server backend PID " + backend + "): gave up after 0.3 s");
  CHECK(p.versions() == "");
  work.exec("select pg_advisory_unlock(8318591744010611047)");
  CHECK(p.run("migrate up --lock-timeout 0.3").exit_code == 0);
}

TEST_CASE("migrate: a wrong URL or a refused connection is one line, exit 1", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  RunResult bad =
      run_sqlgen("migrate up --db 'postgresql://x:y@/db?sslmode=nonsense'", p.dir.path().string());
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.starts_with("sqlgen: error: cannot connect to PostgreSQL: invalid sslmode value"));
  CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 2);  // + "1 error generated."
  RunResult refused = run_sqlgen(
      "migrate status --db 'postgresql://127.0.0.1:1/x?connect_timeout=2'", p.dir.path().string());
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.starts_with("sqlgen: error: cannot connect to PostgreSQL: "));
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 2);
}

TEST_CASE("migrate: an unreadable migration file and a missing Down section", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_x.sql", "x");
  p.write("migrations/a/002_nodown.sql", "-- +goose Up\nCREATE TABLE y (id int);\n");
  REQUIRE(p.run("migrate up").exit_code == 0);
  RunResult down = p.run("migrate down");
  CHECK(down.exit_code == 1);
  CHECK(first_line(down.err) ==
        "migrations/a/002_nodown.sql: error: cannot roll back migration 1002: the file has no "
        "Down section");
  CHECK(p.versions() == "1001 1002");

  // Unreadable: only a user that permissions stop can see it (root reads anything).
  if (::geteuid() != 0) {
    p.write("migrations/a/003_secret.sql", "-- +goose Up\nCREATE TABLE z (id int);\n");
    fs::permissions(p.dir.path() / "migrations/a/003_secret.sql", fs::perms::none);
    RunResult r = p.run("migrate up");
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot read") != std::string::npos);
    CHECK(p.versions() == "1001 1002");
  } else {
    WARN("running as root: the unreadable-file case is not exercised");
  }
}

TEST_CASE("migrate: branch switch, refused then rolled back to what 1-3 build", "[migrate][cli]") {
  MigrateProject p({"a"});
  for (int i = 1; i <= 5; ++i) {
    p.goose("a", "00" + std::to_string(i) + "_t.sql", "t" + std::to_string(i));
  }
  p.write("migrations/a/004_t.sql",
          "-- +goose Up\nCREATE TABLE t4 (id int);\nALTER TABLE t1 ADD COLUMN c text;\n"
          "-- +goose Down\nALTER TABLE t1 DROP COLUMN c;\nDROP TABLE t4;\n");
  REQUIRE(p.run("migrate up").exit_code == 0);
  // Back on a branch without 4 and 5.
  p.remove("migrations/a/004_t.sql");
  p.remove("migrations/a/005_t.sql");
  RunResult refused = p.run("migrate up");
  CHECK(refused.exit_code == 1);
  CHECK(first_line(refused.err) ==
        "sqlgen: error: the database has 2 applied migrations this branch has no file for: 1004 "
        "(migrations/a/004_t.sql), 1005 (migrations/a/005_t.sql)");
  CHECK(refused.err.find("sqlgen migrate up --rollback") != std::string::npos);
  CHECK(refused.err.find("sqlgen migrate up --reset") != std::string::npos);
  RunResult st = p.run("migrate status");
  CHECK(st.out.find("  missing     1005  migrations/a/005_t.sql\n") != std::string::npos);

  RunResult rolled = p.run("migrate up --rollback");
  INFO(rolled.err);
  REQUIRE(rolled.exit_code == 0);
  CHECK(
      rolled.out.starts_with("rolled back 1005  migrations/a/005_t.sql\n"
                             "rolled back 1004  migrations/a/004_t.sql\n"));
  CHECK(p.versions() == "1001 1002 1003");
  // Byte-identical to a database that only ever saw 1-3.
  MigrateProject fresh({"a"});
  for (int i = 1; i <= 3; ++i) {
    fresh.goose("a", "00" + std::to_string(i) + "_t.sql", "t" + std::to_string(i));
  }
  REQUIRE(fresh.run("migrate up").exit_code == 0);
  std::string ours = pg::dump_schema(p.db.conninfo()).value();
  std::string theirs = pg::dump_schema(fresh.db.conninfo()).value();
  CHECK(ours == theirs);
  CHECK(ours.find("t4") == std::string::npos);
}

TEST_CASE("migrate --rollback refuses a gap, and --reset needs --confirm on a server",
          "[migrate][cli]") {
  MigrateProject p({"a"});
  for (int i = 1; i <= 5; ++i) {
    p.goose("a", "00" + std::to_string(i) + "_t.sql", "t" + std::to_string(i));
  }
  REQUIRE(p.run("migrate up").exit_code == 0);
  p.remove("migrations/a/004_t.sql");  // 5 stays: 4 was another branch's number
  RunResult gap = p.run("migrate up --rollback");
  CHECK(gap.exit_code == 1);
  CHECK(first_line(gap.err) ==
        "sqlgen: error: cannot roll back migration 1004 of module \"a\": applied migration 1005 "
        "of the same module is newer and has a file, so version numbers were reused across "
        "branches");
  CHECK(p.versions() == "1001 1002 1003 1004 1005");

  RunResult no_confirm = p.run("migrate up --reset");
  CHECK(no_confirm.exit_code == 1);
  CHECK(first_line(no_confirm.err) ==
        "sqlgen: error: --reset drops every schema of database \"" + p.db.name() +
            "\" on a server sqlgen does not manage: pass --confirm " + p.db.name() + " to proceed");
  RunResult wrong = p.run("migrate up --reset --confirm other");
  CHECK(wrong.exit_code == 1);
  CHECK(p.versions() == "1001 1002 1003 1004 1005");
  CHECK(p.tables() == "t1 t2 t3 t4 t5");
  CHECK(p.run("migrate up --reset --rollback").exit_code == 2);

  RunResult reset = p.run("migrate up --reset --confirm " + p.db.name());
  INFO(reset.err);
  CHECK(reset.exit_code == 0);
  CHECK(reset.out.starts_with("reset database \"" + p.db.name() + "\"\n"));
  CHECK(p.versions() == "1001 1002 1003 1005");
  CHECK(p.tables() == "t1 t2 t3 t5");
}

TEST_CASE("migrate --rollback refuses an empty stored Down", "[migrate][cli]") {
  MigrateProject p({"a"});
  p.goose("a", "001_t.sql", "t1");
  p.write("migrations/a/002_t.sql", "-- +goose Up\nCREATE TABLE t2 (id int);\n");
  REQUIRE(p.run("migrate up").exit_code == 0);
  p.remove("migrations/a/002_t.sql");
  RunResult r = p.run("migrate up --rollback");
  CHECK(r.exit_code == 1);
  CHECK(first_line(r.err) ==
        "sqlgen: error: cannot roll back migration 1002 (migrations/a/002_t.sql): the database "
        "recorded no Down SQL for it");
  CHECK(p.versions() == "1001 1002");
}

TEST_CASE("migrate: 8 runners started at once apply every migration exactly once",
          "[migrate][cli][fault]") {
  MigrateProject p({"a"});
  p.write("migrations/a/001_log.sql", "-- +goose Up\nCREATE TABLE log (v int);\n");
  for (int i = 2; i <= 9; ++i) {
    p.write("migrations/a/00" + std::to_string(i) + "_step.sql",
            "-- +goose Up\nINSERT INTO log VALUES (" + std::to_string(i) +
                ");\nSELECT pg_sleep(0.01);\n");
  }
  std::string script = "for i in 1 2 3 4 5 6 7 8; do (" + shell_quote(SQLGEN_BINARY) +
                       " migrate up --db " + shell_quote(p.db.conninfo()) +
                       " >/dev/null 2>err.$i; echo $? >rc.$i) & done; wait; cat rc.*";
  RunResult r = testing::run_command("sh -c " + shell_quote(script), p.dir.path().string());
  CHECK(r.out == "0\n0\n0\n0\n0\n0\n0\n0\n");
  CHECK(p.versions() == "1001 1002 1003 1004 1005 1006 1007 1008 1009");
  CHECK(p.query("select count(*) || ' ' || count(distinct v) from log") == "8 8");
  CHECK(p.query("select count(distinct batch) from sqlgen.migrations") == "1");
}

TEST_CASE("migrate: kill -9 of the runner leaves a committed state that status tells",
          "[migrate][cli][fault]") {
  constexpr int k_migrations = 8;
  for (int trial = 0; trial < 20; ++trial) {
    const bool per_migration = trial % 2 == 1;
    CAPTURE(trial, per_migration);
    MigrateProject p({"a"});
    for (int i = 1; i <= k_migrations; ++i) {
      std::string t = "t" + std::to_string(i);
      p.write("migrations/a/00" + std::to_string(i) + "_" + t + ".sql",
              "-- +goose Up\nCREATE TABLE " + t + " (id int);\nSELECT pg_sleep(0.02);\n" +
                  "-- +goose Down\nDROP TABLE " + t + ";\n");
    }
    // Killed somewhere between start-up and the end of the batch (about 0.2 s of sleeps).
    const int delay_ms = (trial * 37) % 260;
    std::string script = shell_quote(SQLGEN_BINARY) + " migrate up" +
                         (per_migration ? " --per-migration" : "") + " --db " +
                         shell_quote(p.db.conninfo()) + " >/dev/null 2>&1 & pid=$!; sleep " +
                         std::to_string(delay_ms / 1000.0) + "; kill -9 $pid; wait $pid";
    (void)testing::run_command("sh -c " + shell_quote(script), p.dir.path().string());
    // Wait until the killed runner's backend is gone (its last command may still finish).
    for (int i = 0; i < 500; ++i) {
      if (p.query("select count(*) from pg_stat_activity where application_name like "
                  "'sqlgen migrate%' and datname = current_database()") == "0") {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::string versions = p.versions();
    std::string tables = p.tables();
    // The tracking rows and the tables they create agree: nothing half-applied.
    std::string expected_versions, expected_tables;
    int applied = versions.empty()
                      ? 0
                      : static_cast<int>(std::count(versions.begin(), versions.end(), ' ')) + 1;
    for (int i = 1; i <= applied; ++i) {
      expected_versions += (i > 1 ? " " : "") + std::to_string(1000 + i);
      expected_tables += (i > 1 ? " " : "") + std::string("t") + std::to_string(i);
    }
    CHECK(versions == expected_versions);  // a prefix
    CHECK(tables == expected_tables);
    if (!per_migration) CHECK((applied == 0 || applied == k_migrations));  // all or nothing
    RunResult st = p.run("migrate status");
    CHECK(st.exit_code == 0);
    std::string summary = applied == k_migrations ? std::to_string(applied) + " applied"
                          : applied == 0          ? std::to_string(k_migrations) + " pending"
                                                  : std::to_string(applied) + " applied, " +
                                               std::to_string(k_migrations - applied) + " pending";
    CHECK(st.out.ends_with("sqlgen: " + summary + "\n"));
    RunResult up = p.run("migrate up");
    CHECK(up.exit_code == 0);
    CHECK(p.versions() == "1001 1002 1003 1004 1005 1006 1007 1008");
  }
}
