#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diag/diag.hpp"

using namespace sqlgen::diag;

namespace {

/// Offset of the first occurrence of `needle` in the buffer's text.
uint32_t at(const SourcePtr& src, const std::string& needle) {
  size_t p = src->text().find(needle);
  REQUIRE(p != std::string::npos);
  return static_cast<uint32_t>(p);
}

}  // namespace

TEST_CASE("diagnostics render like clang on multi-line files", "[diag]") {
  auto src = make_source("m/001_init.sql", "CREATE TABLE a (\n  id int,\n  nme text\n);\n");
  Diagnostic d = make(DiagId::err_syntax, Location::at(src, at(src, "nme"), 3), {"bad thing"});
  d.note(DiagId::note_declared_here, Location::at(src, at(src, "a ("), 1), {"table", "a"});
  CHECK(render_text(d) ==
        "m/001_init.sql:3:3: error: bad thing\n"
        "  nme text\n"
        "  ^~~\n"
        "m/001_init.sql:1:14: note: table \"a\" declared here\n"
        "CREATE TABLE a (\n"
        "             ^\n");
}

TEST_CASE("columns count UTF-8 characters, the caret follows display width", "[diag]") {
  auto src = make_source("u.sql", "SELECT 'ünï', \"größe\" FROM t;\n");
  uint32_t off = at(src, "\"größe\"");
  LineCol lc = src->line_col(off);
  CHECK(lc.line == 1);
  CHECK(lc.column == 15);  // bytes would say 17
  std::string text = render_text(make(DiagId::err_syntax, Location::at(src, off, 9), {"x"}));
  CHECK(text ==
        "u.sql:1:15: error: x\n"
        "SELECT 'ünï', \"größe\" FROM t;\n"
        "              ^~~~~~~\n");
}

TEST_CASE("tabs count as one column but are expanded for the caret", "[diag]") {
  auto src = make_source("t.sql", "SELECT\n\tfoo,\tbar\n");
  uint32_t off = at(src, "bar");
  CHECK(src->line_col(off).column == 7);
  std::string text = render_text(make(DiagId::err_syntax, Location::at(src, off, 3), {"x"}));
  CHECK(text ==
        "t.sql:2:7: error: x\n"
        "        foo,    bar\n"
        "                ^~~\n");
}

TEST_CASE("positions at line ends, file ends and CRLF files", "[diag]") {
  auto src = make_source("c.sql", "a\r\nbc\r\n");
  CHECK(src->line_text(1) == "a");
  CHECK(src->line_text(2) == "bc");
  LineCol end = src->line_col(static_cast<uint32_t>(src->text().size()));
  CHECK(end.line == 3);
  CHECK(end.column == 1);
  // An offset past the end is clamped, never out of bounds.
  CHECK(src->line_col(10'000).line == 3);
}

TEST_CASE("invalid UTF-8 bytes count as one character each", "[diag]") {
  CHECK(count_chars("a\xff\xfe b") == 5);
  CHECK(count_chars("é") == 1);
  CHECK(char_to_byte("éa", 1) == 2);
}

TEST_CASE("whole-file and location-less diagnostics", "[diag]") {
  auto src = make_source("empty.sql", "");
  CHECK(render_text(make(DiagId::warn_file_empty, Location::file(src))) ==
        "empty.sql: warning: file is empty\n");
  CHECK(render_text(make(DiagId::err_pg_start, Location{}, {"boom"})) ==
        "sqlgen: error: cannot start PostgreSQL: boom\n");
}

TEST_CASE("color only when asked", "[diag]") {
  auto src = make_source("x.sql", "select\n");
  Diagnostic d = make(DiagId::err_syntax, Location::at(src, 0, 6), {"m"});
  CHECK(render_text(d).find('\033') == std::string::npos);
  RenderOptions opts;
  opts.color = true;
  CHECK(render_text(d, opts).find("\033[1;31merror") != std::string::npos);
}

TEST_CASE("JSON diagnostics carry file, line, column, severity, message and notes", "[diag]") {
  auto src = make_source("q.sql", "SELECT nme FROM t;\n");
  DiagnosticEngine engine;
  Diagnostic d =
      make(DiagId::err_syntax, Location::at(src, 7, 3), {"column \"nme\" does not exist"});
  d.note(DiagId::note_generic, Location::at(src, 16, 1), {"here"});
  engine.report(std::move(d));
  engine.report(make(DiagId::warn_file_empty, Location::file(make_source("e.sql", ""))));
  auto j = nlohmann::json::parse(render_all(engine, true));
  REQUIRE(j["diagnostics"].size() == 2);
  const auto& first = j["diagnostics"][0];  // sorted by path: e.sql first
  CHECK(first["file"] == "e.sql");
  CHECK(first["line"].is_null());
  CHECK(first["severity"] == "warning");
  const auto& second = j["diagnostics"][1];
  CHECK(second["file"] == "q.sql");
  CHECK(second["line"] == 1);
  CHECK(second["column"] == 8);
  CHECK(second["severity"] == "error");
  CHECK(second["message"] == "column \"nme\" does not exist");
  CHECK(second["id"] == "err_syntax");
  CHECK(second["notes"][0]["column"] == 17);
  CHECK(second["notes"][0]["severity"] == "note");
}

TEST_CASE("the engine collects errors from many threads and counts them", "[diag]") {
  DiagnosticEngine engine;
  auto src = make_source("p.sql", "x");
  for (int i = 0; i < 3; ++i) engine.report(make(DiagId::err_syntax, Location::at(src, 0), {"e"}));
  engine.report(make(DiagId::warn_file_empty, Location::file(src)));
  CHECK(engine.error_count() == 3);
  CHECK(engine.warning_count() == 1);
  CHECK(engine.has_errors());
}

TEST_CASE("message templates and did-you-mean", "[diag]") {
  CHECK(format_message("a {0} b {1} {2}", {"x", "y"}) == "a x b y {2}");
  CHECK(did_you_mean("modles", {"modules", "output", "overrides"}) == "did you mean \"modules\"?");
  CHECK(did_you_mean("zzzzzz", {"modules", "output"}).empty());
}
