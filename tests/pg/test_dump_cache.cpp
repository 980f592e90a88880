// The dump cache: SHA-256, keys that change with every input, entries (atomic, validated,
// capped), and `sqlgen dump` runs served from it without PostgreSQL, missing it on any change,
// ignoring it with --no-cache / SQLGEN_NO_CACHE=1, and never storing a failed run.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <thread>

#include "config/config.hpp"
#include "pg/cluster.hpp"
#include "pg/dump_cache.hpp"
#include "pg/migrate.hpp"
#include "source/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"
#include "util/sha256.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::run_command;
using testing::shell_quote;

namespace {

const fs::path k_cases = fs::path(SQLGEN_TESTS_DIR) / "cases" / "dump";

std::string read(const fs::path& path) { return util::read_file(path).text.value_or("<none>"); }

void write(const fs::path& path, const std::string& text) {
  REQUIRE(util::write_file_atomic(path, text).empty());
}

/// Replaces the first `from` in the file at `path` with `to`.
void edit(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text = read(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  write(path, text.replace(at, from.size(), to));
}

/// The entries (file names) in `<cache>/dumps/`.
std::set<std::string> entries(const fs::path& cache) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(cache / "dumps", ec)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with(".")) out.insert(name);
  }
  return out;
}

/// A copy of tests/cases/dump/`name` in `dst`, plus a second module "extra" listed after "ai"
/// and the fixture renamed to its local number (1.sql), so the module order can be swapped.
void make_project(const std::string& name, const fs::path& dst) {
  fs::create_directories(dst);
  fs::copy(k_cases / name, dst, fs::copy_options::recursive);
  fs::rename(dst / "migrations/ai/fixtures/1001.sql", dst / "migrations/ai/fixtures/1.sql");
  fs::create_directories(dst / "migrations/extra");
  write(dst / "migrations/extra/001_extra.sql",
        "-- +goose Up\nCREATE TABLE extra_items (id int PRIMARY KEY);\n");
  write(dst / "sqlgen.yaml",
        "version: \"1\"\nschema_dump: schema.sql\nmodules:\n"
        "  - name: ai\n    migrations: migrations/ai\n"
        "  - name: extra\n    migrations: migrations/extra\n");
}

/// A bindir whose postgres answers --version like the real one and fails at anything else, and
/// whose initdb always fails: a run that needs PostgreSQL fails there, a cache hit does not.
fs::path make_fake_bindir(const fs::path& dir) {
  pg::Result<pg::Binaries> real = pg::find_binaries();
  REQUIRE(real.ok());
  fs::create_directories(dir);
  const std::string postgres = (real->bindir / "postgres").string();
  write(dir / "postgres", "#!/bin/sh\n[ \"$1\" = --version ] && exec " + shell_quote(postgres) +
                              " --version\necho 'fake postgres: not a server' >&2\nexit 1\n");
  write(dir / "initdb", "#!/bin/sh\necho 'fake initdb' >&2\nexit 1\n");
  for (const char* tool : {"postgres", "initdb"}) {
    fs::permissions(dir / tool, fs::perms::owner_all | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read |
                                    fs::perms::others_exec);
  }
  return dir;
}

/// One process-wide cache dir for the CLI tests: only its first run pays for initdb.
const fs::path& shared_cache() {
  static util::TempDir dir("sqlgen-dump-cache-test");
  return dir.path();
}

/// `sqlgen ARGS` in `cwd` with the cache in `cache`, no external server, SQLGEN_NO_CACHE unset
/// unless `env` sets it, plus `env` (e.g. "SQLGEN_PG_BINDIR=...").
testing::RunResult run_cached(const std::string& args, const fs::path& cwd, const fs::path& cache,
                              const std::string& env = "") {
  return run_command("env -u SQLGEN_DATABASE_URL -u SQLGEN_NO_CACHE SQLGEN_CACHE_DIR=" +
                         shell_quote(cache.string()) + " " + env + " " +
                         shell_quote(SQLGEN_BINARY) + " " + args,
                     cwd.string());
}

std::string fake_env(const fs::path& bindir) {
  return "SQLGEN_PG_BINDIR=" + shell_quote(bindir.string());
}

/// The config, migrations and fixtures of a project dir.
struct Loaded {
  config::Config config;
  std::vector<source::Migration> migrations;
  std::vector<pg::Fixture> fixtures;
};

Loaded load(const fs::path& project) {
  diag::DiagnosticEngine diags;
  std::optional<config::Config> config = config::load_config(project / "sqlgen.yaml", diags);
  REQUIRE(config);
  std::vector<source::Migration> migrations = source::load_all_migrations(*config, diags);
  std::vector<pg::Fixture> fixtures = pg::load_fixtures(*config, migrations, diags);
  REQUIRE_FALSE(diags.has_errors());
  return {std::move(*config), std::move(migrations), std::move(fixtures)};
}

}  // namespace

TEST_CASE("dump cache: the key changes with every input the dump depends on", "[dump]") {
  util::TempDir dir;
  make_project("recreate", dir.path());
  Loaded p = load(dir.path());
  auto key = [&](const Loaded& l, pg::TransactionMode mode = pg::TransactionMode::Single,
                 const std::string& v = "postgres (PostgreSQL) 15.18") {
    return pg::dump_cache_key(l.config, l.migrations, l.fixtures, mode, v);
  };
  const std::string base = key(p);
  CHECK(base.size() == 64);
  CHECK(key(load(dir.path())) == base);  // a pure function of the inputs

  std::set<std::string> keys = {base};
  auto differs = [&](const std::string& k) {
    CHECK(k != base);
    CHECK(keys.insert(k).second);  // and from every other variant
  };
  differs(key(p, pg::TransactionMode::PerMigration));
  differs(key(p, pg::TransactionMode::Single, "postgres (PostgreSQL) 15.19"));
  {
    Loaded l = load(dir.path());  // one byte of a migration
    l.migrations[0].source =
        diag::make_source(l.migrations[0].path, l.migrations[0].source->text() + " ");
    differs(key(l));
  }
  {
    Loaded l = load(dir.path());  // a migration's path
    l.migrations[1].path += ".renamed";
    differs(key(l));
  }
  {
    Loaded l = load(dir.path());  // a fixture's content
    REQUIRE(l.fixtures.size() == 1);
    l.fixtures[0] = pg::make_fixture(l.fixtures[0].version,
                                     diag::make_source(l.fixtures[0].source->path(), "SELECT 1;"));
    differs(key(l));
  }
  {
    Loaded l = load(dir.path());  // no fixture
    l.fixtures.clear();
    differs(key(l));
  }
  // The module order in the config: the versions shift, so does the key.
  write(dir.path() / "sqlgen.yaml",
        "version: \"1\"\nschema_dump: schema.sql\nmodules:\n"
        "  - name: extra\n    migrations: migrations/extra\n"
        "  - name: ai\n    migrations: migrations/ai\n");
  differs(key(load(dir.path())));
}

TEST_CASE("dump cache: entries are validated, stored atomically and capped", "[dump]") {
  util::TempDir dir;
  pg::DumpCache cache(dir.path() / "cache");
  const std::string k1 = util::sha256_hex("one");
  CHECK_FALSE(cache.load(k1).has_value());  // no cache dir yet
  REQUIRE(cache.store(k1, {"CREATE TABLE t ();\n", 3, 1}).empty());
  std::optional<pg::CachedDump> hit = cache.load(k1);
  REQUIRE(hit);
  CHECK(hit->text == "CREATE TABLE t ();\n");
  CHECK(hit->applied == 3);
  CHECK(hit->fixtures == 1);
  CHECK(cache.entry_path(k1) == dir.path() / "cache" / "dumps" / (k1 + ".sql"));
  struct stat st {};
  REQUIRE(::stat(cache.dir().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  // An entry whose header names another key, or is cut short, is a miss.
  const std::string k2 = util::sha256_hex("two");
  fs::copy_file(cache.entry_path(k1), cache.entry_path(k2));
  CHECK_FALSE(cache.load(k2).has_value());
  write(cache.entry_path(k2), "-- sqlgen dump cache v1 key=" + k2 + " applied=3");
  CHECK_FALSE(cache.load(k2).has_value());
  fs::remove(cache.entry_path(k2));

  // Only the `keep` most recently used entries stay; a load counts as a use.
  std::vector<std::string> keys;
  for (int i = 0; i < 5; ++i) {
    keys.push_back(util::sha256_hex("entry " + std::to_string(i)));
    // mtime order must be strict even on coarse file systems
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(cache.store(keys.back(), {"-- " + std::to_string(i) + "\n", 1, 0}, 4).empty());
    if (i == 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      REQUIRE(cache.load(k1).has_value());  // k1 is used again: now newer than entry 0 and 1
    }
  }
  CHECK(entries(dir.path() / "cache") ==
        std::set<std::string>{k1 + ".sql", keys[2] + ".sql", keys[3] + ".sql", keys[4] + ".sql"});
  CHECK(cache.load(keys[4])->text == "-- 4\n");
}

TEST_CASE("sqlgen dump: a repeated run is served from the dump cache without PostgreSQL",
          "[dump][cli]") {
  util::TempDir dir;
  const fs::path proj = dir.path() / "proj";
  make_project("recreate", proj);
  const fs::path fake = make_fake_bindir(dir.path() / "fake-bin");
  const fs::path& cache = shared_cache();

  // The fake bindir really cannot dump: an uncached run fails.
  auto cannot = run_cached("dump --no-cache", proj, cache, fake_env(fake));
  CHECK(cannot.exit_code == 1);
  CHECK(cannot.err.find("cannot start PostgreSQL") != std::string::npos);

  const std::set<std::string> before = entries(cache);
  auto first = run_cached("dump", proj, cache);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "sqlgen: 4 migrations, 1 fixture, single mode, wrote schema.sql\n");
  const std::string dump = read(proj / "schema.sql");
  CHECK(dump.find("CREATE TABLE public.extra_items") != std::string::npos);
  std::set<std::string> after = entries(cache);
  REQUIRE(after.size() == before.size() + 1);  // exactly one entry stored

  // Same inputs, no usable PostgreSQL: served from the cache, same bytes, same report.
  fs::remove(proj / "schema.sql");
  auto second = run_cached("dump", proj, cache, fake_env(fake));
  INFO(second.err);
  CHECK(second.exit_code == 0);
  CHECK(second.err.empty());
  CHECK(second.out == first.out);
  CHECK(read(proj / "schema.sql") == dump);
  auto check = run_cached("dump --check", proj, cache, fake_env(fake));
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out == "sqlgen: schema.sql is up to date (4 migrations, 1 fixture, single mode)\n");
  CHECK(entries(cache) == after);  // hits store nothing new

  // --no-cache and SQLGEN_NO_CACHE=1 ignore the entry: PostgreSQL is needed again.
  auto no_cache = run_cached("dump --check --no-cache", proj, cache, fake_env(fake));
  CHECK(no_cache.exit_code == 1);
  CHECK(no_cache.err.find("cannot start PostgreSQL") != std::string::npos);
  auto env_off = run_cached("dump --check", proj, cache, fake_env(fake) + " SQLGEN_NO_CACHE=1");
  CHECK(env_off.exit_code == 1);
  auto env_zero = run_cached("dump --check", proj, cache, fake_env(fake) + " SQLGEN_NO_CACHE=0");
  CHECK(env_zero.exit_code == 0);
  // ... and a real --no-cache run builds the same dump and stores nothing.
  auto real = run_cached("dump --check --no-cache", proj, cache);
  INFO(real.err);
  CHECK(real.exit_code == 0);
  CHECK(entries(cache) == after);

  // --base with unchanged migrations: both sides are hits.
  if (run_command("git --version").exit_code == 0) {
    const std::string git = "git -c user.name=t -c user.email=t@example.com ";
    REQUIRE(run_command("git init -q . && " + git + "add -A && " + git + "commit -q -m base",
                        proj.string())
                .exit_code == 0);
    auto base = run_cached("dump --base HEAD", proj, cache, fake_env(fake));
    INFO(base.err);
    CHECK(base.exit_code == 0);
    CHECK(base.out.find("build identical schemas (4 and 4 migrations)") != std::string::npos);
  }
}

TEST_CASE(
    "sqlgen dump: a change to a migration, a fixture, the mode or the module order misses "
    "the dump cache",
    "[dump][cli]") {
  util::TempDir dir;
  const fs::path proj = dir.path() / "proj";
  make_project("recreate", proj);
  const fs::path fake = make_fake_bindir(dir.path() / "fake-bin");
  const fs::path& cache = shared_cache();
  REQUIRE(run_cached("dump", proj, cache).exit_code == 0);

  // Each change: a run without PostgreSQL fails (a miss), a real run stores one new entry, and
  // after it the changed inputs are a hit.
  auto expect_miss = [&](const std::string& what, const std::string& args) {
    INFO(what);
    auto miss = run_cached(args, proj, cache, fake_env(fake));
    CHECK(miss.exit_code == 1);
    CHECK(miss.err.find("cannot start PostgreSQL") != std::string::npos);
    const std::set<std::string> before = entries(cache);
    auto real = run_cached(args, proj, cache);
    INFO(real.err);
    CHECK(real.exit_code == 0);
    CHECK(entries(cache).size() == before.size() + 1);
    CHECK(run_cached(args, proj, cache, fake_env(fake)).exit_code == 0);
  };
  edit(proj / "migrations/ai/001_init.sql", "name          text  ", "name          varchar(100)");
  expect_miss("a migration changed", "dump");
  CHECK(read(proj / "schema.sql").find("name character varying(100) NOT NULL") !=
        std::string::npos);
  edit(proj / "migrations/ai/fixtures/1.sql", "'azure-legacy'", "'azure-old'");
  expect_miss("a fixture changed", "dump");
  fs::remove(proj / "migrations/ai/fixtures/1.sql");
  expect_miss("the fixture removed", "dump");
  expect_miss("the transaction mode changed", "dump --mode per-migration");
  write(proj / "sqlgen.yaml",
        "version: \"1\"\nschema_dump: schema.sql\nmodules:\n"
        "  - name: extra\n    migrations: migrations/extra\n"
        "  - name: ai\n    migrations: migrations/ai\n");
  expect_miss("the module order changed", "dump");
}

TEST_CASE("sqlgen dump: failed runs and external servers leave no dump cache entry",
          "[dump][cli]") {
  util::TempDir dir;
  const fs::path proj = dir.path() / "proj";
  make_project("add_value", proj);  // fails in single mode: unsafe use of the new enum value
  const fs::path& cache = shared_cache();
  const std::set<std::string> before = entries(cache);

  for (int run = 0; run < 2; ++run) {  // the second run fails the same way: nothing cached
    auto failed = run_cached("dump", proj, cache);
    CHECK(failed.exit_code == 1);
    CHECK(failed.err.find("unsafe use of new value \"azure_openai\"") != std::string::npos);
    CHECK(entries(cache) == before);
    CHECK_FALSE(fs::exists(proj / "schema.sql"));
  }

  // A server sqlgen did not start bypasses the cache (its identity is not in the key).
  const std::string db = shell_quote(testing::test_server().conninfo());
  auto external = run_cached("dump --mode per-migration --db " + db, proj, cache);
  INFO(external.err);
  CHECK(external.exit_code == 0);
  CHECK(entries(cache) == before);
  auto env_url = run_cached("dump --mode per-migration", proj, cache, "SQLGEN_DATABASE_URL=" + db);
  CHECK(env_url.exit_code == 0);
  CHECK(entries(cache) == before);
}
