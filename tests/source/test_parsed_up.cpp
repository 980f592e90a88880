// The statements of migration and query files come from the parse that splits them: the same
// statements, spans and diagnostics as parsing each statement alone (parse::parse_range), and
// each file's text parsed once when it parses (parse_up then reuses the file's statements).
#include <catch2/catch.hpp>
#include <sstream>

#include "parse/parse.hpp"
#include "parse/walk.hpp"
#include "source/migrations.hpp"
#include "source/parse_up.hpp"
#include "source/query_file.hpp"

using namespace sqlgen;

namespace {

/// Every statement and expression (nested ones included) with its kind and span.
std::string fingerprint(const std::vector<parse::StmtPtr>& stmts) {
  std::ostringstream out;
  for (const parse::StmtPtr& s : stmts) {
    parse::walk_stmt(
        *s,
        [&](const parse::Expr& e) {
          out << "  expr " << static_cast<int>(e.kind) << ' ' << e.span.offset << '+'
              << e.span.length << '\n';
        },
        [&](const parse::Stmt& n) {
          out << "stmt " << n.node << ' ' << n.span.offset << '+' << n.span.length << '\n';
        });
  }
  return out.str();
}

std::string rendered(const diag::DiagnosticEngine& diags) {
  std::string out;
  for (const diag::Diagnostic& d : diags.sorted()) out += diag::render_text(d);
  return out;
}

/// The migration of one file, as the loader makes it.
source::Migration migration(const std::string& path, const std::string& text,
                            diag::DiagnosticEngine& diags) {
  source::Migration m;
  m.source = diag::make_source(path, text);
  m.path = path;
  source::ParsedFile parsed = source::parse_migration_file(m.source, diags);
  m.up = parsed.up;
  m.parsed_up = parsed.parsed_up;
  return m;
}

/// parse_up's statements of `m` (as fingerprints) and its diagnostics.
std::pair<std::vector<std::string>, std::string> up_of(const source::Migration& m) {
  diag::DiagnosticEngine diags;
  std::vector<std::shared_ptr<const source::ParsedUp>> parsed = source::parse_up({m}, diags);
  std::vector<std::string> out;
  for (const auto& stmts : parsed.at(0)->stmts) out.push_back(fingerprint(stmts));
  return {out, rendered(diags)};
}

/// parse_up from the file's own parses is what parsing each Up statement alone gives.
void check_file(const std::string& path, const std::string& text, bool parsed_whole,
                size_t statements) {
  INFO(path << ":\n" << text);
  diag::DiagnosticEngine load;
  source::Migration m = migration(path, text, load);
  CHECK(m.up.size() == statements);
  CHECK((m.parsed_up != nullptr) == parsed_whole);
  source::Migration alone = m;
  alone.parsed_up = nullptr;  // each Up statement parsed by itself, as before
  auto [stmts, diags] = up_of(m);
  auto [stmts_alone, diags_alone] = up_of(alone);
  CHECK(stmts == stmts_alone);
  CHECK(diags == diags_alone);
  if (!parsed_whole) CHECK_FALSE(diags.empty());  // the syntax error, where it is
  if (parsed_whole) {
    // The file's statements are used as they are: not parsed again.
    diag::DiagnosticEngine none;
    CHECK(source::parse_up({m}, none).at(0) == m.parsed_up);
  }
}

}  // namespace

TEST_CASE("source: Up statements come from the parse that splits the file", "[source]") {
  check_file("m/1_goose.sql",
             "-- +goose Up\n"
             "CREATE TABLE a (id int PRIMARY KEY, b text DEFAULT 'x;y');\n"
             "-- a comment between statements\n"
             "CREATE INDEX ON a (b);\n"
             "-- +goose StatementBegin\n"
             "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
             "BEGIN RETURN NEW; END;\n"
             "$$;\n"
             "-- +goose StatementEnd\n"
             "CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x + 1; END;\n"
             "ALTER TABLE a ADD COLUMN c int\n"
             "-- +goose Down\n"
             "DROP TABLE a;\n",
             true, 5);
  // CRLF, text before a statement in multibyte characters, `;;`, a last statement without `;`.
  check_file("m/2_crlf.sql",
             "-- +goose Up\r\n-- ünïcödé 日本語\r\nCREATE TABLE \"tä\" (\"ö\" text);;\r\n"
             "COMMENT ON TABLE \"tä\" IS 'ä;ö';\r\nCREATE VIEW v AS SELECT \"ö\" FROM \"tä\"",
             true, 3);
  check_file("m/3_x.up.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (a int REFERENCES a);\n",
             true, 2);
  check_file("m/4_dbmate.sql",
             "-- migrate:up\nCREATE TYPE mood AS ENUM ('a', 'b');\nCREATE TABLE t (m mood);\n"
             "-- migrate:down\nDROP TABLE t;\n",
             true, 2);
  // A plain schema file (pg_dump's): psql meta-commands are skipped; a query of a query file
  // listed as schema is left out, and its statement with it.
  check_file("schema.sql",
             "\\restrict abc\nSET search_path = public;\nCREATE TABLE a (id int);\n"
             "-- name: GetA :one\nSELECT id FROM a;\nCREATE TABLE b (id int);\n\\unrestrict abc\n",
             true, 3);
}

TEST_CASE("source: a file with a syntax error is parsed statement by statement, as before",
          "[source]") {
  // The file's parse fails: its Up statements are parse_up's, each parsed alone, so the error
  // is reported where it is and the other statements are parsed.
  check_file("m/1_bad.sql",
             "-- +goose Up\nCREATE TABLE a (id int);\nCREATE TABEL b (id int);\n"
             "CREATE TABLE c (id int);\n",
             false, 3);
  // In a StatementBegin/End block.
  check_file("m/2_block.sql",
             "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose StatementBegin\nSELEC 1;\n"
             "-- +goose StatementEnd\nCREATE TABLE c (id int);\n",
             false, 3);
  // In the Down section only: the Up statements still come from their own parse.
  check_file("m/3_down.sql",
             "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABEL a;\n", true, 1);
  // A psql meta-command inside a statement of a plain file: the file's bytes do not parse.
  check_file("schema.sql", "CREATE TABLE a (\n\\x\nid int);\nCREATE TABLE b (id int);\n", false, 2);
}

TEST_CASE("source: a query file's statements come from the parse that splits it", "[source]") {
  const std::string good =
      "-- name: A :one\nSELECT 1 AS one;\n\n-- ünï\n-- name: B :many\r\n"
      "SELECT 'ä;' AS x, $1::int AS y\r\n;;\n-- name: C :exec\nDELETE FROM t WHERE id = @id";
  const std::string bad =
      "-- name: A :one\nSELECT 1 AS one;\n-- name: B :one\nSELECT 'ä' FRM t;\n"
      "-- name: C :one\nSELECT 3;\n";
  for (bool is_good : {true, false}) {
    const std::string& text = is_good ? good : bad;
    auto src = diag::make_source("q.sql", text);
    diag::DiagnosticEngine diags;
    std::vector<parse::ParsedRange> parsed;
    std::vector<source::Query> queries = source::read_query_file(src, diags, &parsed);
    CHECK(diags.sorted().empty());
    REQUIRE(queries.size() == 3);
    REQUIRE(parsed.size() == 3);
    for (size_t i = 0; i < queries.size(); ++i) {
      diag::DiagnosticEngine alone;
      std::vector<parse::StmtPtr> stmts =
          parse::parse_range(src, {queries[i].offset, queries[i].length}, alone);
      if (is_good) {
        REQUIRE(parsed[i]);
        CHECK(fingerprint(*parsed[i]) == fingerprint(stmts));
        CHECK(alone.sorted().empty());
      } else {
        // The file does not parse: each query is parse_range's, which reports its own error.
        CHECK_FALSE(parsed[i]);
        CHECK(alone.sorted().empty() == (i != 1));
      }
    }
  }
}
