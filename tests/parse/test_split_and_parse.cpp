// parse::split_and_parse against what it replaces: split_statements, then parse_range of each
// statement. The ranges, the statements (kinds, node names, spans of every statement and
// expression) and the diagnostics must be the same, for texts that parse and for texts that do
// not (then each statement is parse_range's, which reports its own errors).
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parse/parse.hpp"
#include "parse/split.hpp"
#include "parse/walk.hpp"
#include "util/stack.hpp"

using namespace sqlgen;
using namespace sqlgen::parse;

namespace {

/// What a test can see of parsed statements: every statement and expression, nested ones
/// included, with its kind and span, and the literals' values.
std::string fingerprint(const std::vector<StmtPtr>& stmts) {
  std::ostringstream out;
  for (const StmtPtr& s : stmts) {
    walk_stmt(
        *s,
        [&](const Expr& e) {
          out << "  expr " << static_cast<int>(e.kind) << ' ' << e.span.offset << '+'
              << e.span.length;
          if (e.kind == ExprKind::Const) out << " '" << e.as<ConstExpr>().text << "'";
          out << '\n';
        },
        [&](const Stmt& n) {
          out << "stmt " << describe(n) << " [" << n.node << "] " << n.span.offset << '+'
              << n.span.length;
          if (n.kind == StmtKind::CreateFunction) {
            const auto& f = n.as<CreateFunctionStmt>();
            if (f.string_body)
              out << " body " << f.string_body->offset << '+' << f.string_body->length;
          }
          out << '\n';
        });
  }
  return out.str();
}

/// One way of reading a file: its ranges, statements (as fingerprints) and diagnostics.
struct Reading {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  std::vector<std::string> stmts;  ///< one per range
  std::string diagnostics;
  bool consistent = true;  ///< split_and_parse's statements: none, or one entry per range
};

std::string rendered(const diag::DiagnosticEngine& diags) {
  std::string out;
  for (const diag::Diagnostic& d : diags.sorted()) out += diag::render_text(d);
  return out;
}

/// Today's way: split_statements, then parse_range of each range.
Reading split_then_parse(const diag::SourcePtr& src) {
  Reading r;
  diag::DiagnosticEngine diags;
  for (const StatementRange& range : split_statements(src->text())) {
    r.ranges.emplace_back(range.offset, range.length);
    r.stmts.push_back(fingerprint(parse_range(src, range, diags)));
  }
  r.diagnostics = rendered(diags);
  return r;
}

/// split_and_parse, parse_range where it leaves a statement to it. `*taken` counts the
/// statements split_and_parse gave.
Reading one_parse(const diag::SourcePtr& src, size_t* taken = nullptr) {
  Reading r;
  diag::DiagnosticEngine diags;
  SplitParse split = split_and_parse(src, 0, src->text());
  r.consistent = split.stmts.size() == (split.parsed ? split.ranges.size() : 0);
  for (size_t i = 0; i < split.ranges.size(); ++i) {
    r.ranges.emplace_back(split.ranges[i].offset, split.ranges[i].length);
    if (i < split.stmts.size() && split.stmts[i]) {
      if (taken) ++*taken;
      r.stmts.push_back(fingerprint(*split.stmts[i]));
    } else {
      r.stmts.push_back(fingerprint(parse_range(src, split.ranges[i], diags)));
    }
  }
  r.diagnostics = rendered(diags);
  return r;
}

void check_same(const std::string& text, size_t expect_taken) {
  auto src = diag::make_source("f.sql", text);
  Reading before, after;
  size_t taken = 0;
  util::run_with_stack(util::k_worker_stack_bytes, [&] {
    before = split_then_parse(src);
    after = one_parse(src, &taken);
    return 0;
  });
  INFO(text.substr(0, 400));
  CHECK(after.consistent);
  CHECK(after.ranges == before.ranges);
  CHECK(after.stmts == before.stmts);
  CHECK(after.diagnostics == before.diagnostics);
  CHECK(taken == expect_taken);
}

}  // namespace

TEST_CASE("split_and_parse: one parse gives what splitting and parsing each statement gives",
          "[parse]") {
  // Each text parses whole: every statement comes from the one parse.
  const std::pair<const char*, size_t> texts[] = {
      {"", 0},
      {"  -- nothing\n/* here */\n", 0},
      {"SELECT 1", 1},
      {"SELECT 1;", 1},
      {"SELECT 1 ;  \n", 1},
      {"SELECT 1;;", 1},
      {";;SELECT 1;; ;SELECT 2 ; ; ;", 2},
      {"-- header\nCREATE TABLE a (id int, b text DEFAULT 'x;y');\n\n/* block /* nested */ */ "
       "SELECT a.id, $1::int FROM a WHERE b = 'q' -- trailing\n;\n-- after\n/* after */",
       2},
      // The last statement without `;`, a comment after it (kept in its range).
      {"SELECT 1;\nSELECT 2 -- no semicolon", 2},
      {"SELECT 1;\nSELECT 2 /* c */", 2},
      // Function bodies: $$ and tagged dollar quotes with `;` inside, BEGIN ATOMIC.
      {"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;\n"
       "CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 1; -- x\n$body$;\n"
       "CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + 1; "
       "SELECT a * 2; END;\n"
       "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END\n",
       4},
      // CRLF line ends, tabs.
      {"CREATE TABLE t (\r\n\tid int\r\n);\r\n\r\nSELECT id\r\nFROM t;\r\n", 2},
      // Text before a statement with multibyte characters: offsets are bytes.
      {"-- ünïcödé 日本語\nSELECT 'ä' AS \"ö\", id FROM \"tä\";\n/* ü */ SELECT 2;", 2},
      {"SELECT 'ääää';SELECT 'ö' || x FROM t", 2},
      // DDL and DML of many kinds.
      {"CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
       "ALTER TABLE t ALTER COLUMN c TYPE new_mood USING c::text::new_mood;\n"
       "CREATE VIEW v AS SELECT * FROM t WHERE c IS NOT NULL;\n"
       "WITH x AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM x ON CONFLICT (a) DO NOTHING "
       "RETURNING *;\n"
       "COMMENT ON TABLE t IS 'the ; table';\n"
       "DO $$ BEGIN RAISE NOTICE 'x;'; END $$;\n",
       6},
  };
  for (const auto& [text, taken] : texts) check_same(text, taken);
}

TEST_CASE("split_and_parse: a syntax error leaves every statement to parse_range", "[parse]") {
  // The scanner splits the text as before; each statement's own parse reports its error, at
  // the same place, and the good statements around it are parsed.
  const char* texts[] = {
      "SELECT 1;\nSELEC oops;\nSELECT 3;",
      "CREATE TABLE a (id int);\nCREATE TABLE b (\n  ünï text,\n  x integer FRM\n);\n"
      "SELECT 1 2;\nSELECT 4",
      "SELECT 1;\r\nSELECT 'ä' FRM t;\r\nSELECT 3;\r\n",
      "SELECT 1; SELECT 'unterminated",
      "SELECT 1; /* open comment",
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\nSELECT (;",
  };
  for (const char* text : texts) check_same(text, 0);
}

TEST_CASE("split_and_parse: long statements keep their own depth checks", "[parse]") {
  // A file whose parse tree is too large for the cheap bound: each statement over 4 KB is
  // parsed alone as parse_range parses it, so one nesting too deep is reported as before
  // (and left to parse_range), while the others come from the one parse.
  std::string deep = "SELECT 1";
  for (int i = 0; i < 9996; ++i) deep += " + 1";
  std::string fine = "SELECT 1";
  for (int i = 0; i < 2000; ++i) fine += " + 1";
  std::string text = "SELECT 0;\n" + fine + ";\n" + deep + ";\nSELECT 2;\n";
  check_same(text, 3);
  // Only statements that parse: the long one that stays within the limit comes from its own
  // parse, the others from the file's.
  check_same("SELECT 0;\n" + fine + ";\n" + fine + ";\n", 3);
}

TEST_CASE("split_and_parse: a copy with blanked lines leaves the statements it changes",
          "[parse]") {
  // Plain schema files are split with psql meta-commands blanked: a statement whose bytes the
  // blanking changed is not the file's statement, so it is parse_range's.
  std::string file = "\\connect db\nCREATE TABLE a (id int);\nCREATE TABLE b (\n\\x\nid int);\n";
  std::string blanked = "           \nCREATE TABLE a (id int);\nCREATE TABLE b (\n  \nid int);\n";
  auto src = diag::make_source("p.sql", file);
  SplitParse split = split_and_parse(src, 0, blanked);
  REQUIRE(split.parsed);
  REQUIRE(split.ranges.size() == 2);
  REQUIRE(split.stmts.size() == 2);
  REQUIRE(split.stmts[0]);
  diag::DiagnosticEngine diags;
  CHECK(fingerprint(*split.stmts[0]) == fingerprint(parse_range(src, split.ranges[0], diags)));
  CHECK_FALSE(split.stmts[1]);
  // Offsets are the file's when the text is a part of it.
  std::string two = "-- +goose Up\nSELECT 1;\nSELECT 2;\n";
  auto goose = diag::make_source("g.sql", two);
  SplitParse part = split_and_parse(goose, 13, std::string_view(two).substr(13));
  REQUIRE(part.ranges.size() == 2);
  CHECK(part.ranges[1].offset == 23);
  REQUIRE(part.stmts[1]);
  CHECK((*part.stmts[1])[0]->span.offset == 23);
}
