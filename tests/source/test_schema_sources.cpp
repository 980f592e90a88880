// Tests for source/: list-form `migrations:` / `queries:` (sqlc's schema sources): dbmate files,
// plain schema files in listed and name order, mixed lists, query files listed as schema.
#include <catch2/catch.hpp>

#include "catalog/catalog.hpp"
#include "config/config.hpp"
#include "source/migrations.hpp"
#include "source/queries.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

std::string first_line(const diag::DiagnosticEngine& diags, size_t i = 0) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  if (i >= all.size()) return "<no diagnostic " + std::to_string(i) + ">";
  std::string text = diag::render_text(all[i]);
  return text.substr(0, text.find('\n'));
}

std::vector<std::string> texts(const diag::SourcePtr& source,
                               const std::vector<source::Statement>& stmts) {
  std::vector<std::string> out;
  for (const source::Statement& s : stmts) out.push_back(source->text().substr(s.offset, s.length));
  return out;
}

/// A project in a temp dir with a config.
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
};

/// (path, version, unversioned) of each migration, in order.
std::vector<std::string> summary(const std::vector<source::Migration>& ms) {
  std::vector<std::string> out;
  for (const source::Migration& m : ms) {
    out.push_back(m.path + (m.unversioned ? " schema after " : " v") + std::to_string(m.version));
  }
  return out;
}

}  // namespace

TEST_CASE("source: dbmate files keep the migrate:up part", "[source]") {
  const std::string text =
      "-- migrate:up transaction:false\n"
      "CREATE TABLE t (id int);\n"
      "CREATE INDEX CONCURRENTLY t_id ON t (id);\n"
      "\n"
      "-- migrate:down\n"
      "DROP TABLE t;\n";
  diag::DiagnosticEngine diags;
  diag::SourcePtr src = diag::make_source("db/migrations/20240101120000_t.sql", text);
  source::ParsedFile p = source::parse_migration_file(src, diags);
  CHECK(diags.sorted().empty());
  CHECK(p.format == source::Migration::Dbmate);
  CHECK(p.no_transaction);
  CHECK(texts(src, p.up) == std::vector<std::string>{"CREATE TABLE t (id int)",
                                                     "CREATE INDEX CONCURRENTLY t_id ON t (id)"});
  CHECK(texts(src, p.down) == std::vector<std::string>{"DROP TABLE t"});

  diag::DiagnosticEngine no_up;
  source::parse_migration_file(diag::make_source("m/1_x.sql", "-- migrate:down\nDROP TABLE t;\n"),
                               no_up);
  CHECK(first_line(no_up) == "m/1_x.sql: error: migration has no \"-- migrate:up\" section");

  // "-- migrate:upgrade" is not a marker: a plain file.
  diag::DiagnosticEngine plain;
  source::ParsedFile q = source::parse_migration_file(
      diag::make_source("m/x.sql", "-- migrate:upgrade later\nCREATE TABLE u ();\n"), plain);
  CHECK(q.format == source::Migration::Plain);
  CHECK(q.up.size() == 1);
}

TEST_CASE("source: plain schema files in listed order, a directory's files in name order",
          "[source]") {
  Project p;
  p.write("schema/20_b.sql", "CREATE TABLE b (a_id int REFERENCES a);\n");
  p.write("schema/10_a.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
  p.write("schema/sub/ignored.sql", "CREATE TABLE not_read ();\n");
  p.write("schema/.hidden.sql", "CREATE TABLE hidden ();\n");
  p.write("first.sql", "CREATE SCHEMA extra;\n");
  p.write("views.sql", "CREATE VIEW bv AS SELECT * FROM b;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(
      "modules:\n  - name: app\n    migrations:\n      - first.sql\n      - schema\n"
      "      - views.sql\n",
      diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  CHECK(summary(ms) == std::vector<std::string>{
                           "first.sql schema after 1000", "schema/10_a.sql schema after 1000",
                           "schema/20_b.sql schema after 1000", "views.sql schema after 1000"});
  for (const source::Migration& m : ms) CHECK(m.local_version == 0);
  catalog::Catalog cat = catalog::build_catalog(ms, diags);
  CHECK(diags.error_count() == 0);
}

TEST_CASE("source: a schema list mixing a plain file, goose files and a migrate-pair directory",
          "[source]") {
  Project p;
  p.write("base.sql", "CREATE SCHEMA app;\n");
  p.write("goose/002_orders.sql",
          "-- +goose Up\nCREATE TABLE app.orders (id int, user_id int);\n"
          "-- +goose Down\nDROP TABLE app.orders;\n");
  p.write("goose/001_users.sql",
          "-- +goose Up\nCREATE TABLE app.users (id int PRIMARY KEY);\n"
          "-- +goose Down\nDROP TABLE app.users;\n");
  p.write("pairs/000003_tags.up.sql", "CREATE TABLE app.tags (id int);\n");
  p.write("pairs/000003_tags.down.sql", "DROP TABLE app.tags;\n");
  p.write("after_goose.sql", "CREATE VIEW app.user_orders AS SELECT u.id FROM app.users u;\n");
  p.write("zz_last.sql", "ALTER TABLE app.tags ADD COLUMN name text;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(
      "modules:\n  - name: first\n    migrations: [base.sql]\n"
      "  - name: app\n    migrations:\n      - goose\n      - after_goose.sql\n      - pairs\n"
      "      - zz_last.sql\n",
      diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  CHECK(summary(ms) == std::vector<std::string>{
                           "base.sql schema after 1000",
                           "goose/001_users.sql v2001",
                           "goose/002_orders.sql v2002",
                           "after_goose.sql schema after 2002",
                           "pairs/000003_tags.up.sql v2003",
                           "zz_last.sql schema after 2003",
                       });
  CHECK(ms[1].format == source::Migration::Goose);
  CHECK(texts(ms[1].source, ms[1].up) ==
        std::vector<std::string>{"CREATE TABLE app.users (id int PRIMARY KEY)"});
  CHECK(ms[4].format == source::Migration::MigratePair);
  CHECK(ms[4].down_path == "pairs/000003_tags.down.sql");
  CHECK(ms[4].local_version == 3);
  catalog::Catalog cat = catalog::build_catalog(ms, diags);
  CHECK(diags.error_count() == 0);
}

TEST_CASE("source: a string naming one file reads it as a plain schema file", "[source]") {
  Project p;
  p.write("db/schema.sql", "CREATE TABLE t (id int);\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config("modules:\n  - name: a\n    migrations: db/schema.sql\n", diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  CHECK(diags.sorted().empty());
  CHECK(summary(ms) == std::vector<std::string>{"db/schema.sql schema after 1000"});
}

TEST_CASE("source: a missing list entry is reported at its config value", "[source]") {
  Project p;
  diag::DiagnosticEngine diags;
  config::Config cfg =
      p.config("modules:\n  - name: a\n    migrations:\n      - nope.sql\n", diags);
  source::load_all_migrations(cfg, diags);
  CHECK(diags.error_count() == 1);
  CHECK(first_line(diags).ends_with("sqlgen.yaml:4:9: error: no such file or directory \"" +
                                    (p.tmp.path() / "nope.sql").generic_string() + "\""));
}

TEST_CASE("source: a query file listed as schema adds only its DDL to the catalog", "[source]") {
  Project p;
  p.write("schema.sql", "CREATE TABLE authors (id bigserial PRIMARY KEY, name text NOT NULL);\n");
  p.write("query.sql",
          "CREATE TABLE books (id int, author_id bigint);\n\n"
          "-- name: GetAuthor :one\n"
          "SELECT * FROM authors WHERE id = @id AND name = sqlc.arg(name) LIMIT 1;\n\n"
          "-- name: ListAuthors :many\n"
          "SELECT sqlc.embed(a) FROM authors a ORDER BY name;\n\n"
          "/* name: DeleteAuthor :exec */\n"
          "DELETE FROM authors WHERE id = $1;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg = p.config(
      "modules:\n  - name: a\n    migrations: [schema.sql, query.sql]\n    queries: [query.sql]\n",
      diags);
  std::vector<source::Migration> ms = source::load_all_migrations(cfg, diags);
  REQUIRE(ms.size() == 2);
  CHECK(texts(ms[1].source, ms[1].up) ==
        std::vector<std::string>{"CREATE TABLE books (id int, author_id bigint)"});
  catalog::Catalog cat = catalog::build_catalog(ms, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.sorted().empty());
  CHECK(cat.find_relation("public", "books", {}));
}

TEST_CASE("source: listed query sources: files as listed, a directory's own files", "[source]") {
  Project p;
  p.write("q/b.sql", "-- name: B :exec\nSELECT 1;\n");
  p.write("q/a.sql", "-- name: A :exec\nSELECT 1;\n");
  p.write("q/nested/c.sql", "-- name: C :exec\nSELECT 1;\n");
  p.write("one.sql", "-- name: One :exec\nSELECT 1;\n");
  diag::DiagnosticEngine diags;
  config::Config cfg =
      p.config("modules:\n  - name: a\n    queries:\n      - one.sql\n      - q\n", diags);
  std::vector<source::QueryFile> files = source::list_all_query_files(cfg, diags);
  CHECK(diags.sorted().empty());
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  CHECK(paths == std::vector<std::string>{"one.sql", "q/a.sql", "q/b.sql"});

  // The string form still searches subdirectories.
  diag::DiagnosticEngine diags2;
  config::Config cfg2 = p.config("modules:\n  - name: a\n    queries: q\n", diags2);
  CHECK(source::list_all_query_files(cfg2, diags2).size() == 3);
}
