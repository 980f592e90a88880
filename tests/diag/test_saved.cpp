// diag/saved: diagnostics saved as one line of text and read back render exactly as before, in
// text and JSON, with notes, multi-line and whole-file locations and no location at all.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diag/saved.hpp"

using namespace sqlgen;
using namespace sqlgen::diag;

TEST_CASE("saved diagnostics render as the originals did", "[diag]") {
  std::string text;
  for (int i = 1; i <= 300; ++i) text += "SELECT " + std::to_string(i) + ";\n";
  text += "SELECT 'two\nlines', é;\n";
  SourcePtr big = make_source("queries/big.sql", text);
  SourcePtr other = make_source("migrations/001.sql", "CREATE TABLE t (id int);\n");

  std::vector<Diagnostic> diags;
  Diagnostic w = make(DiagId::warn_query_misspelled_annotation,
                      Location::at(big, static_cast<uint32_t>(text.find("SELECT 150")), 6),
                      {"nulable", ", did you mean \"@nullable\"?"});
  w.note(DiagId::note_declared_here, Location::at(other, 13, 1), {"table", "t"});
  w.note(DiagId::note_generic, Location::file(other), {"the whole file"});
  w.note(DiagId::note_generic, {}, {"nowhere"});
  w.rule = "some-rule";
  w.sqlstate = "42P01";
  diags.push_back(std::move(w));
  // A location across a line break, ending on a line with a two-byte character.
  diags.push_back(make(DiagId::note_generic,
                       Location::at(big, static_cast<uint32_t>(text.find("'two")), 12), {"x"}));
  diags.push_back(make(DiagId::note_generic,
                       Location::at(big, static_cast<uint32_t>(text.find("é")), 2), {"accent"}));

  std::optional<std::string> saved = save_diagnostics(diags);
  REQUIRE(saved);
  CHECK(saved->find('\n') == std::string::npos);  // one line
  CHECK(saved->size() < text.size());             // the source is not kept whole
  std::optional<std::vector<Diagnostic>> loaded = load_diagnostics(*saved);
  REQUIRE(loaded);
  REQUIRE(loaded->size() == diags.size());
  for (size_t i = 0; i < diags.size(); ++i) {
    CHECK(render_text((*loaded)[i]) == render_text(diags[i]));
    CHECK(render_json((*loaded)[i]).dump() == render_json(diags[i]).dump());
    CHECK((*loaded)[i].id == diags[i].id);
    CHECK((*loaded)[i].rule == diags[i].rule);
    CHECK((*loaded)[i].sqlstate == diags[i].sqlstate);
  }
  CHECK(render_text((*loaded)[0]).find("queries/big.sql:150:1: warning:") == 0);
}

TEST_CASE("saved diagnostics that do not read back are refused", "[diag]") {
  CHECK_FALSE(load_diagnostics(""));
  CHECK_FALSE(load_diagnostics("{oops"));
  CHECK_FALSE(load_diagnostics(R"({"sources": [], "diagnostics": [{"id": 65535}]})"));
  CHECK_FALSE(load_diagnostics(
      R"({"sources": [], "diagnostics": [{"id": 0, "severity": 1, "message": "m", "sqlstate": "",
          "rule": "", "source": 3, "offset": 0, "length": 0, "notes": []}]})"));
  std::optional<std::vector<Diagnostic>> none = load_diagnostics(*save_diagnostics({}));
  REQUIRE(none);
  CHECK(none->empty());
}
