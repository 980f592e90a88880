// Tests for source/migrations: goose sections, .up/.down pairs, plain files,
// version namespaces and ordering, and statement byte ranges.
#include <catch2/catch.hpp>

#include "config/config.hpp"
#include "source/migrations.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

/// First line of the rendered diagnostic number `i` (in sorted order).
std::string first_line(const diag::DiagnosticEngine& diags, size_t i = 0) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  if (i >= all.size()) return "<no diagnostic " + std::to_string(i) + ">";
  std::string text = diag::render_text(all[i]);
  return text.substr(0, text.find('\n'));
}

/// The text of each statement, looked up in the file it points into.
std::vector<std::string> texts(const diag::SourcePtr& source,
                               const std::vector<source::Statement>& stmts) {
  std::vector<std::string> out;
  for (const source::Statement& s : stmts) out.push_back(source->text().substr(s.offset, s.length));
  return out;
}

source::ParsedFile parse(const std::string& path, const std::string& text,
                         diag::DiagnosticEngine& diags, diag::SourcePtr* out_source = nullptr) {
  diag::SourcePtr src = diag::make_source(path, text);
  if (out_source) *out_source = src;
  return source::parse_migration_file(src, diags);
}

/// The one error parsing `text` as m/001_x.sql reports (its first line).
std::string error_of(const std::string& text) {
  diag::DiagnosticEngine diags;
  parse("m/001_x.sql", text, diags);
  CHECK(diags.error_count() == 1);
  return first_line(diags);
}

/// A project in a temp dir: files written relative to it, a config parsed from it.
struct Project {
  util::TempDir tmp;

  void write(const std::string& rel, const std::string& text) {
    REQUIRE(util::write_file_atomic(tmp.path() / rel, text) == "");
  }

  config::Config config(const std::string& yaml, diag::DiagnosticEngine& diags) {
    write("sqlgen.yaml", yaml);
    std::optional<config::Config> cfg = config::load_config(tmp.path() / "sqlgen.yaml", diags);
    REQUIRE(cfg);
    return *cfg;
  }

  /// `rel` as it appears in diagnostics.
  std::string shown(const std::string& rel) const { return (tmp.path() / rel).generic_string(); }
};

const char* k_one_module = "modules:\n  - name: core\n    migrations: migrations\n";

}  // namespace

TEST_CASE("source: goose Up and Down sections", "[source]") {
  const std::string text =
      "-- a header comment\n"
      "-- +goose Up\n"
      "CREATE TABLE users (id int PRIMARY KEY);\n"
      "CREATE INDEX users_id ON users (id);\n"
      "\n"
      "-- +goose Down\n"
      "DROP TABLE users;\n";
  diag::DiagnosticEngine diags;
  diag::SourcePtr src;
  source::ParsedFile p = parse("m/001_init.sql", text, diags, &src);
  CHECK(diags.sorted().empty());
  CHECK(p.format == source::Migration::Goose);
  CHECK_FALSE(p.no_transaction);
  CHECK(texts(src, p.up) == std::vector<std::string>{"CREATE TABLE users (id int PRIMARY KEY)",
                                                     "CREATE INDEX users_id ON users (id)"});
  CHECK(texts(src, p.down) == std::vector<std::string>{"DROP TABLE users"});
  // Offsets are into the whole file, not into the section.
  CHECK(p.up[0].offset == text.find("CREATE TABLE"));
  CHECK(p.down[0].offset == text.find("DROP TABLE"));
  CHECK(src->line_col(p.down[0].offset).line == 7);
}

TEST_CASE("source: a StatementBegin/End block is one statement", "[source]") {
  const std::string text =
      "-- +goose Up\n"
      "CREATE TABLE t (id int);\n"
      "-- +goose StatementBegin\n"
      "CREATE FUNCTION touch() RETURNS trigger AS $$\n"
      "BEGIN\n"
      "  NEW.id := NEW.id + 1;\n"
      "  RETURN NEW;\n"
      "END;\n"
      "$$ LANGUAGE plpgsql;\n"
      "-- +goose StatementEnd\n"
      "-- +goose StatementBegin\n"
      "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;\n"
      "-- +goose StatementEnd\n"
      "CREATE TABLE u (id int);\n"
      "-- +goose Down\n"
      "-- +goose StatementBegin\n"
      "DROP FUNCTION touch(); DROP TABLE u;\n"
      "-- +goose StatementEnd\n";
  diag::DiagnosticEngine diags;
  diag::SourcePtr src;
  source::ParsedFile p = parse("m/002_fn.sql", text, diags, &src);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  std::vector<std::string> up = texts(src, p.up);
  REQUIRE(up.size() == 4);
  CHECK(up[0] == "CREATE TABLE t (id int)");
  CHECK(up[1] ==
        "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.id := NEW.id + 1;\n"
        "  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql");
  CHECK(up[2] == "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$");
  CHECK(up[3] == "CREATE TABLE u (id int)");
  CHECK(p.up[1].offset == text.find("CREATE FUNCTION"));
  CHECK(texts(src, p.down) == std::vector<std::string>{"DROP FUNCTION touch(); DROP TABLE u"});
}

TEST_CASE("source: NO TRANSACTION and ENVSUB annotations", "[source]") {
  diag::DiagnosticEngine diags;
  source::ParsedFile p = parse("m/003_idx.sql",
                               "-- +goose NO TRANSACTION\n"
                               "-- +goose ENVSUB ON\n"
                               "-- +goose Up\n"
                               "CREATE INDEX CONCURRENTLY i ON t (a);\n"
                               "-- +goose ENVSUB OFF\n"
                               "-- +goose down\n",
                               diags);
  CHECK(diags.sorted().empty());
  CHECK(p.no_transaction);
  CHECK(p.up.size() == 1);
  CHECK(p.down.empty());
}

TEST_CASE("source: goose annotation errors are reported at their line and column", "[source]") {
  CHECK(error_of("-- +goose Up\nSELECT 1;\n-- +goose Upp\n") ==
        "m/001_x.sql:3:11: error: unknown goose annotation \"Upp\"");
  CHECK(error_of("-- +goose Up\n  --   +goose   Statement Begin  \n") ==
        "m/001_x.sql:2:17: error: unknown goose annotation \"Statement Begin\"");
  CHECK(error_of("-- +goose Down\nDROP TABLE t;\n-- +goose Up\nCREATE TABLE t ();\n") ==
        "m/001_x.sql:1:11: error: \"+goose Down\" before \"+goose Up\"");
  CHECK(error_of("-- +goose Down\nDROP TABLE t;\n") ==
        "m/001_x.sql: error: migration has no \"+goose Up\" section");
  CHECK(error_of("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n") ==
        "m/001_x.sql:2:11: error: \"+goose StatementBegin\" without \"+goose StatementEnd\"");
  CHECK(error_of("-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n") ==
        "m/001_x.sql:2:11: error: \"+goose StatementBegin\" without \"+goose StatementEnd\"");
  CHECK(error_of("-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n") ==
        "m/001_x.sql:3:11: error: \"+goose StatementEnd\" without \"+goose StatementBegin\"");
  CHECK(error_of("CREATE TABLE t ();\n-- +goose Up\nSELECT 1;\n") ==
        "m/001_x.sql:1:1: error: statement outside a \"+goose Up\" or \"+goose Down\" section");
  CHECK(error_of("-- +goose Up\nSELECT 1;\n-- +goose Up\n") ==
        "m/001_x.sql:3:11: error: duplicate \"+goose Up\" annotation");
}

TEST_CASE("source: sql-migrate's annotations read as goose's", "[source]") {
  // rubenv/sql-migrate (`-- +migrate Up`, ...), which sqlc reads too: a plain-file reading
  // would apply the Down section's DROP TABLE as well.
  const std::string text =
      "-- +migrate Up\n"
      "CREATE TABLE t (id int PRIMARY KEY);\n"
      "-- +migrate StatementBegin\n"
      "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n"
      "-- +migrate StatementEnd\n"
      "\n"
      "-- +migrate Down\n"
      "DROP FUNCTION f();\n"
      "DROP TABLE t;\n";
  diag::DiagnosticEngine diags;
  diag::SourcePtr src;
  source::ParsedFile p = parse("m/1677078479.sql", text, diags, &src);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  CHECK(p.format == source::Migration::Goose);
  CHECK_FALSE(p.no_transaction);
  CHECK(texts(src, p.up) ==
        std::vector<std::string>{
            "CREATE TABLE t (id int PRIMARY KEY)",
            "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql"});
  CHECK(texts(src, p.down) == std::vector<std::string>{"DROP FUNCTION f()", "DROP TABLE t"});

  // A direction may come back any number of times, in any order (goose refuses both).
  diag::DiagnosticEngine diags3;
  source::ParsedFile r = parse("m/3_many.sql",
                               "-- +migrate Down\nDROP TABLE a;\n"
                               "-- +migrate Up\nCREATE TABLE a (id int);\n"
                               "-- +migrate Down\nDROP TABLE b;\n"
                               "-- +migrate Up\nCREATE TABLE b (id int);\n",
                               diags3, &src);
  INFO(diag::render_all(diags3, false));
  CHECK(diags3.sorted().empty());
  CHECK(texts(src, r.up) ==
        std::vector<std::string>{"CREATE TABLE a (id int)", "CREATE TABLE b (id int)"});
  CHECK(texts(src, r.down) == std::vector<std::string>{"DROP TABLE a", "DROP TABLE b"});

  diag::DiagnosticEngine diags2;
  source::ParsedFile q = parse("m/2_idx.sql",
                               "-- +migrate Up notransaction\n"
                               "CREATE INDEX CONCURRENTLY i ON t (id);\n"
                               "-- +migrate Down\nDROP INDEX i;\n",
                               diags2);
  CHECK(diags2.sorted().empty());
  CHECK(q.no_transaction);
  CHECK(q.up.size() == 1);

  // Errors name the annotations the file uses.
  CHECK(error_of("-- +migrate Up\nSELECT 1;\n-- +migrate NO TRANSACTION\n") ==
        "m/001_x.sql:3:13: error: unknown sql-migrate annotation \"NO TRANSACTION\"");
  CHECK(error_of("-- +migrate Down\nDROP TABLE t;\n") ==
        "m/001_x.sql: error: migration has no \"+migrate Up\" section");
  CHECK(error_of("-- +migrate Up\n-- +migrate StatementBegin\nSELECT 1;\n") ==
        "m/001_x.sql:2:13: error: \"+migrate StatementBegin\" without \"+migrate StatementEnd\"");
}

TEST_CASE("source: a goose file needs an Up section", "[source]") {
  diag::DiagnosticEngine diags;
  parse("m/001_x.sql", "-- +goose NO TRANSACTION\n", diags);
  CHECK(diags.error_count() == 1);
  CHECK(first_line(diags) == "m/001_x.sql: error: migration has no \"+goose Up\" section");
}

TEST_CASE("source: plain and .up/.down files", "[source]") {
  diag::DiagnosticEngine diags;
  diag::SourcePtr src;
  source::ParsedFile plain = parse("schema.sql",
                                   "-- pg_dump\nSET search_path = public;\n"
                                   "CREATE TABLE a (x text DEFAULT ';');\n",
                                   diags, &src);
  CHECK(plain.format == source::Migration::Plain);
  CHECK(texts(src, plain.up) == std::vector<std::string>{"SET search_path = public",
                                                         "CREATE TABLE a (x text DEFAULT ';')"});
  source::ParsedFile up = parse("m/1_a.up.sql", "CREATE TABLE a ();", diags);
  CHECK(up.format == source::Migration::MigratePair);
  CHECK(up.up.size() == 1);
  CHECK(up.down.empty());
  source::ParsedFile down = parse("m/1_a.down.sql", "DROP TABLE a;", diags);
  CHECK(down.format == source::Migration::MigratePair);
  CHECK(down.up.empty());
  CHECK(down.down.size() == 1);
  CHECK(diags.sorted().empty());
}

TEST_CASE("source: an empty file warns", "[source]") {
  diag::DiagnosticEngine diags;
  source::ParsedFile p = parse("m/001_x.sql", "\n  \n", diags);
  CHECK(p.up.empty());
  CHECK(diags.error_count() == 0);
  CHECK(first_line(diags) == "m/001_x.sql: warning: file is empty");
}

TEST_CASE("source: leading_version", "[source]") {
  CHECK(source::leading_version("001_init.sql") == 1);
  CHECK(source::leading_version("20240101120000_x.sql") == 20240101120000);
  CHECK(source::leading_version("10.sql") == 10);
  CHECK_FALSE(source::leading_version("init.sql"));
  CHECK_FALSE(source::leading_version("v1_init.sql"));
  CHECK_FALSE(source::leading_version("99999999999999999999_x.sql"));
}

TEST_CASE("source: module migrations are ordered by number, not by name", "[source]") {
  Project p;
  p.write("migrations/10_x.sql", "CREATE TABLE ten ();");
  p.write("migrations/2_x.sql", "CREATE TABLE two ();");
  p.write("migrations/000001-000100/1_x.sql", "CREATE TABLE one ();");
  p.write("migrations/fixtures/3_data.sql", "INSERT INTO x VALUES (1);");
  p.write("migrations/README.md", "not sql");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].version == 1001);
  CHECK(ms[0].local_version == 1);
  CHECK(ms[0].path == "migrations/000001-000100/1_x.sql");
  CHECK(ms[0].module == "core");
  CHECK(ms[0].source->path() == p.shown("migrations/000001-000100/1_x.sql"));
  CHECK(ms[1].version == 1002);
  CHECK(ms[1].path == "migrations/2_x.sql");
  CHECK(ms[2].version == 1010);
  CHECK(ms[2].path == "migrations/10_x.sql");
  CHECK(ms[2].format == source::Migration::Plain);
  CHECK(texts(ms[2].source, ms[2].up) == std::vector<std::string>{"CREATE TABLE ten ()"});
}

TEST_CASE("source: local and namespaced version numbers", "[source]") {
  Project p;
  p.write("a/001_a.sql", "SELECT 1;");
  p.write("b/001_b.sql", "SELECT 1;");
  p.write("c/001_local.sql", "SELECT 1;");
  p.write("c/03002_namespaced.sql", "SELECT 1;");
  p.write("c/999_last.sql", "SELECT 1;");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(
      "modules:\n  - name: a\n    migrations: a\n  - name: b\n    migrations: b\n"
      "  - name: c\n    migrations: c\n",
      diags);
  std::vector<source::Migration> c = source::load_module_migrations(cfg.modules[2], 2, cfg, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  REQUIRE(c.size() == 3);
  CHECK(c[0].version == 3001);
  CHECK(c[0].local_version == 1);
  CHECK(c[1].version == 3002);
  CHECK(c[1].local_version == 2);
  CHECK(c[2].version == 3999);

  std::vector<source::Migration> all = source::load_all_migrations(cfg, diags);
  REQUIRE(all.size() == 5);
  CHECK(all[0].version == 1001);
  CHECK(all[0].module == "a");
  CHECK(all[1].version == 2001);
  CHECK(all[1].module == "b");
  CHECK(all[2].version == 3001);
}

TEST_CASE("source: a version outside the module's range is an error", "[source]") {
  Project p;
  p.write("m/2001_other.sql", "SELECT 1;");
  p.write("m/000_zero.sql", "SELECT 1;");
  p.write("m/5_ok.sql", "SELECT 1;");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  cfg.modules[0].migrations = {config::SourcePath{"m", {}}};
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].version == 1005);
  REQUIRE(diags.error_count() == 2);
  CHECK(first_line(diags, 0) == p.shown("m/000_zero.sql") +
                                    ": error: migration version 0 is outside module \"core\"'s "
                                    "range 1001..1999");
  CHECK(first_line(diags, 1) == p.shown("m/2001_other.sql") +
                                    ": error: migration version 2001 is outside module "
                                    "\"core\"'s range 1001..1999");
}

TEST_CASE("source: two files with the same version", "[source]") {
  Project p;
  p.write("migrations/001_a.sql", "SELECT 1;");
  p.write("migrations/sub/1001_b.sql", "SELECT 2;");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  CHECK(ms.size() == 1);
  REQUIRE(diags.error_count() == 1);
  std::string text = diag::render_text(diags.sorted()[0]);
  CHECK(text == p.shown("migrations/sub/1001_b.sql") +
                    ": error: duplicate migration version 1001\n" +
                    p.shown("migrations/001_a.sql") +
                    ": note: previous migration with this version is here\n");
}

TEST_CASE("source: a file name without a version is an error", "[source]") {
  Project p;
  p.write("migrations/init.sql", "SELECT 1;");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  CHECK(source::load_all_migrations(cfg, diags).empty());
  CHECK(first_line(diags) == p.shown("migrations/init.sql") +
                                 ": error: migration file name \"init.sql\" does not start with "
                                 "a version number");
}

TEST_CASE("source: golang-migrate pairs", "[source]") {
  Project p;
  p.write("migrations/0001_users.up.sql", "CREATE TABLE users ();\nCREATE TABLE s ();\n");
  p.write("migrations/0001_users.down.sql", "DROP TABLE s;\nDROP TABLE users;\n");
  p.write("migrations/0002_orders.up.sql", "CREATE TABLE orders ();\n");
  p.write("migrations/0003_gone.down.sql", "DROP TABLE gone;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].format == source::Migration::MigratePair);
  CHECK(ms[0].path == "migrations/0001_users.up.sql");
  CHECK(ms[0].down_path == "migrations/0001_users.down.sql");
  CHECK(texts(ms[0].source, ms[0].up) ==
        std::vector<std::string>{"CREATE TABLE users ()", "CREATE TABLE s ()"});
  CHECK(texts(ms[0].down_source, ms[0].down) ==
        std::vector<std::string>{"DROP TABLE s", "DROP TABLE users"});
  CHECK(ms[1].version == 1002);
  CHECK_FALSE(ms[1].down_source);
  CHECK(ms[1].down.empty());
  REQUIRE(diags.error_count() == 1);
  REQUIRE(diags.warning_count() == 1);
  CHECK(first_line(diags, 0) == p.shown("migrations/0002_orders.up.sql") +
                                    ": warning: migration \"migrations/0002_orders.up.sql\" has "
                                    "no matching down file");
  CHECK(first_line(diags, 1) == p.shown("migrations/0003_gone.down.sql") +
                                    ": error: migration \"migrations/0003_gone.down.sql\" has no "
                                    "matching up file");
}

TEST_CASE("source: goose files in a module keep down sections apart", "[source]") {
  Project p;
  p.write("migrations/001_init.sql",
          "-- +goose Up\nCREATE TABLE a ();\n-- +goose Down\nDROP TABLE a;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].format == source::Migration::Goose);
  CHECK(ms[0].down_source == ms[0].source);
  CHECK(ms[0].down_path == ms[0].path);
  CHECK(texts(ms[0].source, ms[0].up) == std::vector<std::string>{"CREATE TABLE a ()"});
  CHECK(texts(ms[0].source, ms[0].down) == std::vector<std::string>{"DROP TABLE a"});
}

TEST_CASE("source: goose errors in a module file point into that file", "[source]") {
  Project p;
  p.write("migrations/001_init.sql", "-- +goose Up\nSELECT 1;\n-- +goose Sideways\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  source::load_all_migrations(cfg, diags);
  CHECK(first_line(diags) ==
        p.shown("migrations/001_init.sql") + ":3:11: error: unknown goose annotation \"Sideways\"");
}

TEST_CASE("source: a missing migrations directory is reported at the config", "[source]") {
  Project p;
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(k_one_module, diags);
  CHECK(source::load_all_migrations(cfg, diags).empty());
  CHECK(first_line(diags) == p.shown("sqlgen.yaml") + ":3:17: error: no such file or directory \"" +
                                 p.shown("migrations") + "\"");
}

TEST_CASE("source: a module without migrations has none", "[source]") {
  Project p;
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config("modules:\n  - name: core\n", diags);
  CHECK(source::load_all_migrations(cfg, diags).empty());
  CHECK(diags.sorted().empty());
}

TEST_CASE("source: schema paths without a config", "[source]") {
  Project p;
  p.write("schema/10_b.sql", "CREATE TABLE b ();");
  p.write("schema/2_a.sql", "-- +goose Up\nCREATE TABLE a ();\n-- +goose Down\nDROP TABLE a;\n");
  p.write("schema/base.sql", "CREATE SCHEMA app;");
  p.write("schema/2_a.down.sql", "DROP TABLE a;");
  p.write("schema/fixtures/1_seed.sql", "INSERT INTO a VALUES ();");
  p.write("extra.sql", "CREATE TABLE extra ();");
  diag::DiagnosticEngine diags;
  std::vector<source::Migration> ms = source::load_schema_paths(
      {(p.tmp.path() / "schema").string(), (p.tmp.path() / "extra.sql").string(),
       (p.tmp.path() / "x.down.sql").string(), (p.tmp.path() / "missing").string()},
      diags);
  REQUIRE(ms.size() == 4);
  CHECK(ms[0].path == p.shown("schema/base.sql"));
  CHECK(ms[1].path == p.shown("schema/2_a.sql"));
  CHECK(ms[1].version == 2);
  CHECK(ms[1].up.size() == 1);
  CHECK(ms[2].path == p.shown("schema/10_b.sql"));
  CHECK(ms[3].path == p.shown("extra.sql"));
  // Unnumbered plain files are schema: applied where they are named (extra.sql after
  // 10_b.sql, not first as version 0 would put it), never a duplicate version.
  CHECK(ms[0].unversioned);
  CHECK(ms[0].version == 0);
  CHECK(!ms[1].unversioned);
  CHECK(ms[3].unversioned);
  CHECK(ms[3].version == 10);
  REQUIRE(diags.error_count() == 1);
  CHECK(first_line(diags) ==
        "sqlgen: error: no such file or directory \"" + p.shown("missing") + "\"");
}
