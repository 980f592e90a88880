// codegen/template.cpp: strict mustache. Every variable a template uses must exist in the
// view model; `{{x}}` escapes for a C++ string literal; standalone lines leave no trace.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "codegen/codegen_support.hpp"
#include "codegen/internal.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using nlohmann::json;

namespace {

struct Rendered {
  std::optional<std::string> text;
  std::string diagnostics;
};

Rendered render(const std::map<std::string, std::string>& templates, const json& view) {
  codegen::TemplateSet set;
  for (const auto& [name, text] : templates) {
    set.templates[name] = diag::make_source("templates/" + name + ".mustache", text);
  }
  diag::DiagnosticEngine diags;
  Rendered r;
  r.text = codegen::render_template(set, "main", testing::to_view(view), diags);
  r.diagnostics = diag::render_all(diags, false);
  UNSCOPED_INFO(r.diagnostics);
  return r;
}

const std::string k_header = "{{{header}}}\n";
const json k_base = {{"header", std::string(codegen::k_generated_marker)}};

}  // namespace

TEST_CASE("template: a variable the view lacks is an error at the tag", "[codegen]") {
  json view = k_base;
  view["items"] = json::array({json{{"name", "a"}}});
  view["flag"] = false;
  Rendered r = render({{"main", k_header + "{{#items}}\n  {{name}} {{nmae}}\n{{/items}}\n"}}, view);
  CHECK(!r.text);
  CHECK(r.diagnostics.find("templates/main.mustache:3:12: error: template \"main.mustache\": "
                           "variable \"nmae\" is not defined") == 0);
  // A section that is not rendered is checked too, so is an inverted one.
  r = render({{"main", k_header + "{{#flag}}{{missing}}{{/flag}}{{^nope}}x{{/nope}}\n"}}, view);
  CHECK(!r.text);
  CHECK(r.diagnostics.find("variable \"missing\" is not defined") != std::string::npos);
  CHECK(r.diagnostics.find("variable \"nope\" is not defined") != std::string::npos);
  // Not rendered either: an inverted section over a true value, a partial under a false flag.
  view["on"] = true;
  r = render({{"main", k_header + "{{^on}}{{gone}}{{/on}}\n"}}, view);
  CHECK(!r.text);
  CHECK(r.diagnostics.find("templates/main.mustache:2:8: error: template \"main.mustache\": "
                           "variable \"gone\" is not defined") == 0);
  r = render({{"main", k_header + "{{#flag}}{{>part}}{{/flag}}\n"}, {"part", "{{gone}}"}}, view);
  CHECK(!r.text);
  CHECK(r.diagnostics.find("templates/part.mustache:1:1: error: template \"part.mustache\": "
                           "variable \"gone\" is not defined") == 0);
  // A partial that includes itself stops with an error, rendered or not.
  r = render({{"main", k_header + "{{>part}}\n"}, {"part", "{{#items}}{{>part}}{{/items}}"}}, view);
  CHECK(!r.text);
  CHECK(r.diagnostics.find("partials nest too deeply") != std::string::npos);
  // Names resolve up the context stack, and dotted names through objects.
  view["outer"] = json{{"inner", "v"}};
  r = render({{"main", k_header + "{{#items}}{{name}}{{header}}{{outer.inner}}{{/items}}\n"}},
             view);
  CHECK(r.text);
  r = render({{"main", k_header + "{{outer.nope}}\n"}}, view);
  CHECK(r.diagnostics.find("variable \"outer.nope\" is not defined") != std::string::npos);
}

TEST_CASE("template: syntax errors, partials and the header line", "[codegen]") {
  Rendered r = render({{"main", k_header + "{{#a}}\n"}}, k_base);
  CHECK(r.diagnostics.find("error: template \"main.mustache\": section \"a\" is not closed") !=
        std::string::npos);
  r = render({{"main", k_header + "{{#a}}{{/b}}\n"}}, k_base);
  CHECK(r.diagnostics.find("\"b\" closes section \"a\"") != std::string::npos);
  r = render({{"main", k_header + "{{>part}}\n"}}, k_base);
  CHECK(r.diagnostics.find("partial \"part\" does not exist") != std::string::npos);
  json view = k_base;
  view["x"] = "1";
  r = render({{"main", k_header + "{{>part}}\n"}, {"part", "x={{x}} {{y}}\n"}}, view);
  CHECK(r.diagnostics.find("templates/part.mustache:1:9: error: template \"part.mustache\": "
                           "variable \"y\" is not defined") == 0);
  view["y"] = "2";
  r = render({{"main", k_header + "{{>part}}\n"}, {"part", "x={{x}} {{y}}\n"}}, view);
  REQUIRE(r.text);
  CHECK(*r.text == std::string(codegen::k_generated_marker) + "\nx=1 2\n");
  r = render({{"main", "// no header\n"}}, k_base);
  CHECK(r.diagnostics.find("must start its output with \"{{{header}}}\"") != std::string::npos);
}

TEST_CASE("template: escaping and standalone lines", "[codegen]") {
  json view = k_base;
  view["s"] = "a \"b\"\\\n\t\x01";
  view["list"] = json::array({"x", "y"});
  view["on"] = true;
  view["off"] = false;
  std::string tmpl = k_header +
                     "\"{{s}}\" {{{s}}}\n"
                     "{{! a comment line }}\n"
                     "begin\n"
                     "{{#list}}\n"
                     "\n"
                     "  - {{.}}\n"
                     "{{/list}}\n"
                     "  {{#off}}\n"
                     "never\n"
                     "  {{/off}}\n"
                     "{{#on}}\n"
                     "on\n"
                     "{{/on}}\n"
                     "{{^off}}\n"
                     "\n"
                     "{{/off}}\n"
                     "end {{#list}}{{.}},{{/list}}\n";
  Rendered r = render({{"main", tmpl}}, view);
  REQUIRE(r.text);
  CHECK(*r.text == std::string(codegen::k_generated_marker) +
                       "\n\"a \\\"b\\\"\\\\\\n\\t\\001\" a \"b\"\\\n\t\x01\n"
                       "begin\n\n  - x\n\n  - y\non\n\nend x,y,\n");
}

TEST_CASE("cpp_raw_string picks a delimiter the text does not contain", "[codegen]") {
  CHECK(codegen::cpp_raw_string("SELECT 1") == "R\"sql(SELECT 1)sql\"");
  CHECK(codegen::cpp_raw_string("SELECT ')sql\"'") == "R\"sql1(SELECT ')sql\"')sql1\"");
  CHECK(codegen::comment_line("ends with \\\\  ") == "ends with");
  CHECK(codegen::comment_line("  tab\there") == "tab here");
}

TEST_CASE("template: one walk reports every error in order, each undefined name once",
          "[codegen]") {
  json view = k_base;
  view["items"] = json::array({json{{"name", "a"}}, json{{"name", "b"}}});
  // After the first error the walk goes on checking: both names, in template order, and the
  // one inside the list once although it is walked twice.
  Rendered r = render(
      {{"main", k_header + "{{first}}\n{{#items}}{{second}}{{/items}}\n{{>missing}}\n"}}, view);
  CHECK(!r.text);
  size_t first = r.diagnostics.find("variable \"first\" is not defined");
  size_t second = r.diagnostics.find("variable \"second\" is not defined");
  size_t partial = r.diagnostics.find("partial \"missing\" does not exist");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(partial != std::string::npos);
  CHECK(first < second);
  CHECK(second < partial);
  CHECK(r.diagnostics.find("variable \"second\"", second + 1) == std::string::npos);
}

TEST_CASE("template: a long list renders in parallel, with the one walk's output and errors",
          "[codegen]") {
  // From 8 items a list's items are rendered in parallel: the same text, and the same
  // diagnostics in the same order, each undefined name once (the items' reports are replayed in
  // order), a missing partial at each use, a partial's syntax error once.
  json view = k_base;
  view["items"] = json::array();
  for (int i = 0; i < 40; ++i) {
    view["items"].push_back(json{{"name", "n" + std::to_string(i)}, {"flag", i % 3 == 0}});
  }
  std::string body = "{{#items}}{{name}}{{#flag}}!{{/flag}},{{/items}}\n";
  Rendered ok = render({{"main", k_header + body}}, view);
  REQUIRE(ok.text);
  std::string expected = std::string(codegen::k_generated_marker) + "\n";
  for (int i = 0; i < 40; ++i) expected += "n" + std::to_string(i) + (i % 3 == 0 ? "!," : ",");
  CHECK(*ok.text == expected + "\n");

  Rendered bad = render({{"main", k_header + "{{#items}}{{name}}{{nope}}{{>gone}}{{>broken}}"
                                             "{{#flag}}{{also}}{{/flag}}{{/items}}\n{{after}}\n"},
                         {"broken", "{{#open}}"}},
                        view);
  CHECK(!bad.text);
  const std::string& d = bad.diagnostics;
  size_t nope = d.find("variable \"nope\" is not defined");
  size_t gone = d.find("partial \"gone\" does not exist");
  size_t broken = d.find("templates/broken.mustache:1:1: error");
  size_t also = d.find("variable \"also\" is not defined");
  size_t after = d.find("variable \"after\" is not defined");
  REQUIRE(nope != std::string::npos);
  REQUIRE(gone != std::string::npos);
  REQUIRE(broken != std::string::npos);
  REQUIRE(also != std::string::npos);
  REQUIRE(after != std::string::npos);
  // Sorted by file and position: broken.mustache's error first, then main's in template order.
  CHECK(broken < nope);
  CHECK(nope < gone);
  CHECK(gone < also);
  CHECK(also < after);
  CHECK(d.find("variable \"nope\"", nope + 1) == std::string::npos);
  CHECK(d.find("variable \"also\"", also + 1) == std::string::npos);
  CHECK(d.find("templates/broken.mustache:1:1: error", broken + 1) == std::string::npos);
  size_t uses = 0;
  for (size_t at = d.find("partial \"gone\""); at != std::string::npos;
       at = d.find("partial \"gone\"", at + 1)) {
    ++uses;
  }
  CHECK(uses == 40);
}

// Found by the fuzz target template (fuzz/), with AddressSanitizer: in a set load_templates did
// not parse, the replayed reports of a long list's items pointed into partials the item walkers
// had parsed and freed (heap-use-after-free; `make sanitize` runs this under ASan).
TEST_CASE("template: a long list's items report undefined names inside partials", "[codegen]") {
  json view = k_base;
  view["items"] = json::array();
  for (int i = 0; i < 10; ++i) view["items"].push_back(json{{"name", "n" + std::to_string(i)}});
  Rendered r = render({{"main", k_header + "{{#items}}{{>part}}{{/items}}\n"},
                       {"part", "{{name}}{{nope}}{{>gone}}"}},
                      view);
  CHECK(!r.text);
  const std::string& d = r.diagnostics;
  // The undefined name once, at its tag in the partial; the missing partial at each use.
  CHECK(d.find("templates/part.mustache:1:9: error: template \"part.mustache\": variable "
               "\"nope\" is not defined") == 0);
  size_t nope = d.find("variable \"nope\"");
  CHECK(d.find("variable \"nope\"", nope + 1) == std::string::npos);
  CHECK(d.find("templates/part.mustache:1:17: error: template \"part.mustache\": partial "
               "\"gone\" does not exist") != std::string::npos);
  size_t uses = 0;
  for (size_t at = d.find("partial \"gone\""); at != std::string::npos;
       at = d.find("partial \"gone\"", at + 1)) {
    ++uses;
  }
  CHECK(uses == 10);
}

TEST_CASE("template: partials nest 17 deep, and a template set is parsed once and reused",
          "[codegen]") {
  // main includes p1, p1 includes p2, ... p16 includes p17: rendered (the 18th level is the
  // error "partials nest too deeply", as a self-including partial shows above).
  std::map<std::string, std::string> templates = {{"main", k_header + "{{>p1}}\n"}};
  for (int i = 1; i <= 17; ++i) {
    templates["p" + std::to_string(i)] =
        i < 17 ? "{{>p" + std::to_string(i + 1) + "}}" : std::string("deep");
  }
  Rendered r = render(templates, k_base);
  REQUIRE(r.text);
  CHECK(r.text->find("deep") != std::string::npos);

  // load_templates parses every template once; each render reuses the parse.
  util::TempDir dir("sqlgen-templates");
  REQUIRE(util::write_file_atomic(dir.path() / "models.hpp.mustache",
                                  k_header + "{{#items}}{{name}};{{/items}}\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir.path() / "queries.hpp.mustache", k_header).empty());
  config::Config config;
  config.dir = dir.path().string();
  config.templates = ".";
  diag::DiagnosticEngine diags;
  codegen::TemplateSet set = codegen::load_templates(config, diags);
  REQUIRE(set.parsed.size() == 2);
  const std::shared_ptr<const codegen::ParsedTemplate> models = set.parsed.at("models.hpp");
  json view = k_base;
  view["items"] = json::array({json{{"name", "a"}}, json{{"name", "b"}}});
  for (int i = 0; i < 2; ++i) {
    std::optional<std::string> text =
        codegen::render_template(set, "models.hpp", testing::to_view(view), diags);
    REQUIRE(text);
    CHECK(text->ends_with("a;b;\n"));
  }
  // Rendering used the parse load_templates made, and left it in place.
  CHECK(set.parsed.at("models.hpp") == models);
  CHECK(models.use_count() == 2);
  CHECK(!diags.has_errors());
}
