// `sqlgen create` and `sqlgen renumber` through the built binary: numbering within a module's
// namespace in both file styles, never overwriting; collisions after a merge moved to free
// numbers unless applied somewhere, dry run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>

#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::run_sqlgen;
using testing::RunResult;
using testing::shell_quote;

namespace {

/// Modules a and b in a temp dir.
struct Project {
  util::TempDir dir{"sqlgen-create"};

  Project() {
    for (const char* m : {"a", "b"}) {
      fs::create_directories(dir.path() / "migrations" / m);
      fs::create_directories(dir.path() / "queries" / m);
    }
    write("sqlgen.yaml",
          "version: \"1\"\nmodules:\n  - name: a\n    migrations: migrations/a\n    queries: "
          "queries/a\n  - name: b\n    migrations: migrations/b\n    queries: queries/b\n");
  }
  void write(const std::string& rel, const std::string& text) const {
    REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
  }
  bool exists(const std::string& rel) const { return fs::exists(dir.path() / rel); }
  RunResult run(const std::string& args) const { return run_sqlgen(args, dir.path().string()); }
};

const char* k_goose = "-- +goose Up\nCREATE TABLE x (id int);\n-- +goose Down\nDROP TABLE x;\n";

}  // namespace

TEST_CASE("create: the next number of the module, in its style, never overwriting",
          "[create][cli]") {
  Project p;
  // No migration yet: goose, 001.
  RunResult first = p.run("create a init");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "sqlgen: created migrations/a/001_init.sql\n");
  std::string text = util::read_file(p.dir.path() / "migrations/a/001_init.sql").text.value();
  CHECK(text.find("-- Migration 1001 of module \"a\" (1 in the module).\n") == 0);
  CHECK(text.find("\n-- +goose Up\n") != std::string::npos);
  CHECK(text.find("\n-- +goose Down\n") != std::string::npos);
  // The created file is a valid (empty) migration.
  CHECK(p.run("schema").exit_code == 0);

  RunResult second = p.run("create a add_tags");
  CHECK(second.out == "sqlgen: created migrations/a/002_add_tags.sql\n");

  // Module b uses pairs with namespaced numbers: followed.
  p.write("migrations/b/2001_init.up.sql", "CREATE TABLE y (id int);\n");
  p.write("migrations/b/2001_init.down.sql", "DROP TABLE y;\n");
  RunResult pair = p.run("create b more");
  INFO(pair.err);
  CHECK(pair.out ==
        "sqlgen: created migrations/b/2002_more.up.sql\n"
        "sqlgen: created migrations/b/2002_more.down.sql\n");
  RunResult goose = p.run("create b other --goose");
  CHECK(goose.out == "sqlgen: created migrations/b/2003_other.sql\n");
  RunResult sql = p.run("create a paired --sql");
  CHECK(sql.out ==
        "sqlgen: created migrations/a/003_paired.up.sql\n"
        "sqlgen: created migrations/a/003_paired.down.sql\n");

  // Bad names, unknown modules, both styles.
  CHECK(p.run("create a 'bad name'").exit_code == 1);
  RunResult unknown = p.run("create c x");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("module \"c\" is not in the config") != std::string::npos);
  CHECK(p.run("create a x --sql --goose").exit_code == 2);
  // `fixture` agrees with create's numbering.
  RunResult fixture = p.run("fixture a 2");
  CHECK(fixture.out == "sqlgen: created migrations/a/fixtures/1002.sql\n");
}

TEST_CASE("create: refuses to overwrite", "[create][cli]") {
  Project p;
  p.write("migrations/a/001_init.sql", k_goose);
  p.write("migrations/a/002_x.up.sql", "SELECT 1;\n");
  p.write("migrations/a/002_x.down.sql", "SELECT 1;\n");
  // Something else already has the next name: nothing is written.
  fs::create_directories(p.dir.path() / "migrations/a/003_y.down.sql");
  RunResult r = p.run("create a y");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: \"migrations/a/003_y.down.sql\" already exists: sqlgen create "
                   "overwrites nothing") != std::string::npos);
  CHECK_FALSE(p.exists("migrations/a/003_y.up.sql"));
}

TEST_CASE("renumber: colliding versions move to free numbers unless applied", "[create][cli]") {
  Project p;
  p.write("migrations/a/001_init.sql", k_goose);
  p.write("migrations/a/002_mine.sql", k_goose);
  p.write("migrations/a/002_theirs.sql", k_goose);
  p.write("migrations/a/003_last.sql", k_goose);
  p.write("migrations/b/001_b.up.sql", "SELECT 1;\n");
  p.write("migrations/b/001_b.down.sql", "SELECT 1;\n");
  p.write("migrations/b/001_c.up.sql", "SELECT 1;\n");
  p.write("migrations/b/001_c.down.sql", "SELECT 1;\n");

  RunResult dry = p.run("renumber --dry-run");
  INFO(dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(dry.out ==
        "would rename migrations/a/002_theirs.sql -> migrations/a/004_theirs.sql\n"
        "would rename migrations/b/001_c.down.sql -> migrations/b/002_c.down.sql\n"
        "would rename migrations/b/001_c.up.sql -> migrations/b/002_c.up.sql\n");
  CHECK(p.exists("migrations/a/002_theirs.sql"));

  // With a database where 002_theirs is applied, 002_mine moves instead.
  auto db = testing::fresh_database(
      "CREATE SCHEMA sqlgen; CREATE TABLE sqlgen.migrations (version bigint PRIMARY KEY, module "
      "text NOT NULL, local_version bigint NOT NULL, name text NOT NULL, checksum text NOT NULL,"
      " down_sql text NOT NULL, no_transaction boolean NOT NULL, dirty boolean NOT NULL DEFAULT"
      " false, batch bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by"
      " text NOT NULL); CREATE TABLE sqlgen.batches (id bigint PRIMARY KEY, modules text[] NOT"
      " NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL);"
      " INSERT INTO sqlgen.migrations VALUES (1002, 'a', 2, 'migrations/a/002_theirs.sql', '',"
      " '', false, false, 1, now(), 'sqlgen')");
  RunResult with_db = p.run("renumber a --db " + shell_quote(db.conninfo()));
  INFO(with_db.err);
  REQUIRE(with_db.exit_code == 0);
  CHECK(with_db.out == "renamed migrations/a/002_mine.sql -> migrations/a/004_mine.sql\n");
  CHECK(p.exists("migrations/a/004_mine.sql"));
  CHECK_FALSE(p.exists("migrations/a/002_mine.sql"));
  CHECK(p.exists("migrations/a/002_theirs.sql"));

  RunResult rest = p.run("renumber");
  CHECK(rest.out ==
        "renamed migrations/b/001_c.down.sql -> migrations/b/002_c.down.sql\n"
        "renamed migrations/b/001_c.up.sql -> migrations/b/002_c.up.sql\n");
  CHECK(p.run("renumber").out == "sqlgen: no two migrations share a version\n");
}

TEST_CASE("renumber --base: a version the base revision has keeps its number", "[create][cli]") {
  if (testing::run_command("git --version").exit_code != 0) {
    WARN("git not installed");
    return;
  }
  Project p;
  const std::string git = "git -c user.name=t -c user.email=t@example.com ";
  p.write("migrations/a/001_init.sql", k_goose);
  p.write("migrations/a/002_theirs.sql", k_goose);
  std::string cwd = p.dir.path().string();
  REQUIRE(testing::run_command("git init -q . && " + git + "add -A && " + git + "commit -q -m base",
                               cwd)
              .exit_code == 0);
  // The branch adds its own 002 (the name sorts first, so without --base it would keep 002).
  p.write("migrations/a/002_a_mine.sql", k_goose);
  REQUIRE(testing::run_command(git + "add -A && " + git + "commit -q -m mine", cwd).exit_code == 0);

  RunResult plain = p.run("renumber --dry-run");
  CHECK(plain.out == "would rename migrations/a/002_theirs.sql -> migrations/a/003_theirs.sql\n");

  RunResult based = p.run("renumber --base HEAD~1");
  INFO(based.err);
  REQUIRE(based.exit_code == 0);
  CHECK(based.out == "renamed migrations/a/002_a_mine.sql -> migrations/a/003_a_mine.sql\n");
  CHECK(p.exists("migrations/a/003_a_mine.sql"));
  CHECK(p.exists("migrations/a/002_theirs.sql"));
  // In a work tree the move is a `git mv`: git sees the rename staged.
  RunResult staged = testing::run_command("git diff --cached --name-status -M", cwd);
  CHECK(staged.out.find("migrations/a/003_a_mine.sql") != std::string::npos);
}
