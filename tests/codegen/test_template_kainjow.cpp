// kainjow conformance: sqlgen renders its templates with its own strict renderer
// (codegen/template.cpp) instead of kainjow/mustache, which rendered them before (converting
// the view into kainjow's data made rendering most of `sqlgen generate`, and kainjow cannot
// report a missing variable). These tests render the same templates and views both ways and
// require byte-identical output: every template over every view of the example app and of
// the golden case (with several option sets), and the renderer's edge cases with small
// templates, where the expected text is also what the mustache spec prescribes.
//
// How kainjow (4.1, header-only, a test-only dependency) is driven here, as sqlgen drove it:
// - the view becomes kainjow data by kainjow's conventions: objects, lists, strings and
//   booleans as themselves, numbers as the text JSON writes for them, null as false (kainjow
//   has neither numbers nor null);
// - `{{x}}` is escaped with sqlgen's escape (set_custom_escape(cpp_string_escape));
// - every template is a kainjow partial, for `{{>name}}`;
// - standalone lines: kainjow decides them from the rendered line (a line that held a rendered
//   section tag and printed only whitespace is dropped), not from the template as the spec
//   says, so it keeps a blank line for a skipped section or a comment line and drops lines the
//   spec keeps (the "kainjow's own whitespace" case shows each). So, as sqlgen did when it
//   rendered with kainjow, standalone lines are cut from the template text first (by this
//   file's own tag scanner, written from the spec, not sqlgen's), and a marker after every
//   section tag stops kainjow's guessing; the marker is removed from its output.
// - render_template ends a file with exactly one newline; kainjow's output is trimmed alike.
//
// Differences found, and what was done (each has a check below):
// - `{{.}}` inside an inverted section: kainjow pushes the false/empty value, so `.` printed
//   nothing (and so did sqlgen). The spec has no case for it; mustache.js and the Ruby
//   reference implementation render an inverted section in the enclosing context, as the
//   spec's wording (a block rendered "if the value is falsey") implies. template.cpp now does
//   so; the templates never use `{{.}}` inside an inverted section.
// - A dotted name whose first part is found but not the rest (`{{#a}}{{b.c}}{{/a}}` with
//   `a.b` lacking `c`): kainjow retries the whole path in outer contexts and may print an
//   outer `b.c`; the spec prints nothing. sqlgen reports the name as undefined (strictness),
//   so no output can differ; its renderer now shares the checker's (spec) lookup.
// - Whitespace around the sigil (`{{ #a }}`) and newlines inside tags: kainjow ignores them,
//   sqlgen reported an undefined variable "#a"; template.cpp now ignores them too.
// - A missing name prints nothing in kainjow; in sqlgen it is an error (test_template.cpp).
// - Standalone partial tags: the spec indents the partial's lines and drops the tag's line
//   break; neither sqlgen nor kainjow does, and the templates rely on it (`{{>struct}}` on
//   its own line), so both keep the line break and indent only the first line. Unchanged.
// - A variable holding true/false, an object or a list prints nothing in both (the spec leaves
//   it to the language); an empty string or 0 as a section renders it once in both.
#include <catch2/catch.hpp>
#include <cctype>
#include <deque>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "cli/context.hpp"
#include "codegen/codegen_support.hpp"
#include "codegen/internal.hpp"
#include "config/config.hpp"
#include "driver/driver.hpp"
#include "source/migrations.hpp"

using namespace sqlgen;
using nlohmann::json;
namespace fs = std::filesystem;
namespace km = kainjow::mustache;

namespace {

/// Inserted after every section tag before kainjow parses a template, removed from its output.
const std::string k_keep_line = "\x01kainjow-keep-line\x01";

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

/// A tag of a template, as the mustache spec delimits it.
struct ScannedTag {
  size_t begin = 0;  ///< the opening delimiter
  size_t end = 0;    ///< just past the closing delimiter
  char kind = 'v';   ///< '#', '^', '/', '!', '=', '>', '&', '{' (triple) or 'v' (variable)
};

/// The tags of `text`, following set-delimiter tags.
std::vector<ScannedTag> scan_tags(const std::string& text) {
  std::vector<ScannedTag> tags;
  std::string open = "{{", close = "}}";
  for (size_t pos = text.find(open); pos != std::string::npos; pos = text.find(open, pos)) {
    ScannedTag t;
    t.begin = pos;
    size_t content = pos + open.size();
    bool triple = open == "{{" && close == "}}" && content < text.size() && text[content] == '{';
    size_t e = text.find(triple ? "}}}" : close, content);
    if (e == std::string::npos) break;  // unclosed: both renderers reject the template
    t.end = e + (triple ? 3 : close.size());
    std::string_view inner = trim_space(std::string_view(text).substr(content, e - content));
    if (triple) {
      t.kind = '{';
    } else if (!inner.empty() && std::string_view("#^/!=>&").find(inner[0]) != std::string::npos) {
      t.kind = inner[0];
    }
    if (t.kind == '=' && inner.size() >= 2 && inner.back() == '=') {
      std::string_view pair = trim_space(inner.substr(1, inner.size() - 2));
      size_t space = pair.find_first_of(" \t");
      if (space != std::string_view::npos) {
        open = std::string(pair.substr(0, space));
        close = std::string(trim_space(pair.substr(space)));
      }
    }
    tags.push_back(t);
    pos = t.end;
  }
  return tags;
}

/// `text` for kainjow: each standalone line (a section, inverted, close, comment or
/// set-delimiter tag alone on its line but for spaces and tabs) keeps only its tag, and
/// k_keep_line follows every section tag.
std::string prepare_for_kainjow(const std::string& text) {
  std::vector<ScannedTag> tags = scan_tags(text);
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const ScannedTag& t = tags[i];
    bool section = t.kind == '#' || t.kind == '^' || t.kind == '/';
    size_t line_begin = 0;
    if (t.begin > 0) {
      size_t nl = text.rfind('\n', t.begin - 1);
      line_begin = nl == std::string::npos ? 0 : nl + 1;
    }
    size_t nl = text.find('\n', t.end);
    size_t line_end = nl == std::string::npos ? text.size() : nl + 1;
    std::string_view after =
        std::string_view(text).substr(t.end, (nl == std::string::npos ? text.size() : nl) - t.end);
    if (!after.empty() && after.back() == '\r') after.remove_suffix(1);
    bool alone = (i == 0 || tags[i - 1].end <= line_begin) &&
                 (i + 1 == tags.size() || tags[i + 1].begin >= line_end);
    bool standalone = (section || t.kind == '!' || t.kind == '=') && alone &&
                      blank(std::string_view(text).substr(line_begin, t.begin - line_begin)) &&
                      blank(after);
    out.append(text, copied, (standalone ? line_begin : t.begin) - copied);
    out.append(text, t.begin, t.end - t.begin);
    if (section) out += k_keep_line;
    copied = standalone ? line_end : t.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

/// The view as kainjow data (see the file comment).
km::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      km::data d{km::data::type::object};
      for (const auto& item : j.items()) d.set(item.key(), to_data(item.value()));
      return d;
    }
    case json::value_t::array: {
      km::data d{km::data::type::list};
      for (const json& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string:
      return km::data(j.get<std::string>());
    case json::value_t::boolean:
      return km::data(j.get<bool>());
    case json::value_t::null:
      return km::data(false);
    default:
      return km::data(j.dump());
  }
}

km::data to_data(const codegen::View& v) {
  switch (v.kind()) {
    case codegen::View::Kind::Object: {
      km::data d{km::data::type::object};
      for (const codegen::View::Member& m : v.members()) d.set(m.key, to_data(m.value));
      return d;
    }
    case codegen::View::Kind::Array: {
      km::data d{km::data::type::list};
      for (const codegen::View& item : v) d.push_back(to_data(item));
      return d;
    }
    case codegen::View::Kind::String:
      return km::data(v.str());
    case codegen::View::Kind::Bool:
      return km::data(v.boolean());
    case codegen::View::Kind::Null:
      break;
  }
  return km::data(false);
}

/// What render_template does to the end of its output: exactly one final newline.
std::string finish(std::string out) {
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out + '\n';
}

/// What kainjow prints for template `name` of `templates` over `view` (every template is also
/// a partial), with sqlgen's escaping; with `prepare`, standalone lines are cut first (see the
/// file comment). Fails the test when kainjow reports an error.
template <class ViewT>
std::string kainjow_render(const std::map<std::string, std::string>& templates,
                           const std::string& name, const ViewT& view, bool prepare = true) {
  auto text_of = [&](const std::string& text) {
    return prepare ? prepare_for_kainjow(text) : text;
  };
  km::mustache tmpl(text_of(templates.at(name)));
  if (!tmpl.is_valid()) FAIL("kainjow: " << tmpl.error_message());
  tmpl.set_custom_escape([](const std::string& s) { return codegen::cpp_string_escape(s); });
  km::data data = to_data(view);
  for (const auto& [partial, text] : templates) {
    std::string prepared = text_of(text);
    data.set(partial, km::data(km::partial([prepared] { return prepared; })));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) FAIL("kainjow: " << tmpl.error_message());
  std::string cleaned;
  for (size_t pos = 0; pos < out.size();) {
    size_t at = out.find(k_keep_line, pos);
    if (at == std::string::npos) at = out.size();
    cleaned.append(out, pos, at - pos);
    pos = at + k_keep_line.size();
  }
  return finish(cleaned);
}

const std::string k_header = std::string(codegen::k_generated_marker);

/// A small template rendered by both (each output without the header line).
struct Both {
  std::optional<std::string> sqlgen;
  std::string diagnostics;
  std::string kainjow;
};

/// Renders `{{{header}}}\n` + `body` over `view` (plus `header`) with both renderers;
/// `partials` are the other templates.
Both render_both(const std::string& body, json view,
                 const std::map<std::string, std::string>& partials = {}) {
  std::map<std::string, std::string> templates = partials;
  templates["main"] = "{{{header}}}\n" + body;
  view["header"] = k_header;
  codegen::TemplateSet set;
  for (const auto& [name, text] : templates) {
    set.templates[name] = diag::make_source("templates/" + name + ".mustache", text);
  }
  diag::DiagnosticEngine diags;
  Both b;
  std::optional<std::string> out =
      codegen::render_template(set, "main", testing::to_view(view), diags);
  b.diagnostics = diag::render_all(diags, false);
  auto strip = [](const std::string& s) {
    REQUIRE(s.compare(0, k_header.size() + 1, k_header + "\n") == 0);
    return s.substr(k_header.size() + 1);
  };
  if (out) b.sqlgen = strip(*out);
  b.kainjow = strip(kainjow_render(templates, "main", view));
  return b;
}

/// Both renderers print `expected` (trimmed at the end as render_template trims).
void check_both(const std::string& body, const json& view, const std::string& expected,
                const std::map<std::string, std::string>& partials = {}) {
  INFO("template: " << body);
  INFO("view: " << view.dump());
  Both b = render_both(body, view, partials);
  INFO(b.diagnostics);
  std::string want = finish(k_header + "\n" + expected).substr(k_header.size() + 1);
  REQUIRE(b.sqlgen);
  CHECK(*b.sqlgen == want);
  CHECK(b.kainjow == want);
}

/// Renders every template over every view of the project of `config_path`, with `overrides`
/// replacing generator options, both ways: they must be byte-identical, and sqlgen's must be
/// what `sqlgen generate` writes (so these are its views). Returns the number of files.
size_t check_project(const fs::path& config_path,
                     const std::map<std::string, std::string>& overrides) {
  INFO(config_path.string());
  cli::Context ctx;
  std::optional<config::Config> config = config::load_config(config_path, ctx.diags);
  REQUIRE(config);
  for (const auto& [key, value] : overrides) config->options[key] = value;
  driver::Project project = driver::load(*config, ctx.diags);
  driver::build_catalog(project, ctx.diags);
  driver::analyze_queries(project, ctx.diags);
  const catalog::Catalog& cat = project.catalog;
  const std::vector<codegen::ModuleQueries>& queries = project.modules;
  codegen::Options options = codegen::parse_options(*config, ctx.diags);
  codegen::TemplateSet set = codegen::load_templates(*config, ctx.diags);
  INFO(diag::render_all(ctx.diags, false));
  REQUIRE(!ctx.diags.has_errors());
  std::map<std::string, std::string> templates;
  for (const auto& [name, src] : set.templates) templates[name] = src->text();
  REQUIRE(templates.count("struct"));

  // The views codegen::generate renders.
  std::vector<codegen::FileView> views =
      codegen::file_views(*config, cat, queries, options, ctx.diags);
  REQUIRE(!ctx.diags.has_errors());

  std::map<std::string, std::string> ours;
  for (const codegen::FileView& v : views) {
    INFO(v.path);
    diag::DiagnosticEngine diags;
    std::optional<std::string> text =
        codegen::render_template(set, v.template_name, *v.view, diags);
    INFO(diag::render_all(diags, false));
    REQUIRE(text);
    std::string theirs = kainjow_render(templates, v.template_name, *v.view);
    INFO(codegen::unified_diff("sqlgen", *text, "kainjow", theirs));
    CHECK((*text == theirs));  // not expanded: the diff says it
    ours[v.path] = std::move(*text);
  }

  // The same files as `sqlgen generate` writes: these are its views.
  diag::DiagnosticEngine gen_diags;
  std::map<std::string, std::string> generated;
  for (codegen::GeneratedFile& f : codegen::generate(*config, cat, queries, gen_diags)) {
    // sqlgen_queries.cpp (the includes of the generated .cpp files) comes from no template.
    if (fs::path(f.path).filename() == codegen::k_all_sources) continue;
    generated[f.path] = std::move(f.content);
  }
  INFO(diag::render_all(gen_diags, false));
  CHECK((generated == ours));
  return views.size();
}

}  // namespace

TEST_CASE("kainjow: every template over the example app's and the golden case's views",
          "[codegen][kainjow]") {
  const fs::path projects[] = {fs::path(SQLGEN_SOURCE_DIR) / "sqlgen.yaml",
                               fs::path(SQLGEN_TESTS_DIR) / "cases/codegen/types/sqlgen.yaml",
                               fs::path(SQLGEN_TESTS_DIR) / "cases/codegen/audit/sqlgen.yaml"};
  // As configured, then option sets that switch the templates' other branches (no JSON,
  // parameter structs everywhere, camelCase functions, nullable array elements, JSON everywhere).
  const std::vector<std::map<std::string, std::string>> option_sets = {
      {},
      {{"json", "false"}, {"max_params", "0"}},
      {{"function_naming", "camelCase"},
       {"max_params", "8"},
       {"nullable_array_elements", "true"},
       {"json", "true"}},
  };
  size_t files = 0;
  for (const fs::path& project : projects) {
    for (const auto& options : option_sets) files += check_project(project, options);
  }
  CHECK(files >= 3 * 14);
}

TEST_CASE("kainjow: sections over every kind of value", "[codegen][kainjow]") {
  json view = json::parse(R"({
    "objects": [{"n": 1}, {"n": "b"}], "strings": ["a", "b"], "nested": [[1, 2], [3]],
    "yes": true, "no": false, "nothing": null, "none": [], "object": {"k": "v"},
    "empty_object": {}, "string": "s", "empty_string": "", "zero": 0, "real": 1.5
  })");
  check_both("{{#objects}}{{n}},{{/objects}}|", view, "1,b,|");
  check_both("{{#strings}}[{{.}}]{{/strings}}|", view, "[a][b]|");
  check_both("{{#nested}}{{#.}}{{.}}{{/.}};{{/nested}}|", view, "12;3;|");
  check_both("<{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{#nothing}}n{{/nothing}}{{#none}}n{{/none}}>", view,
             "<y>");
  check_both("<{{#object}}{{k}}{{/object}}{{#empty_object}}e{{/empty_object}}>", view, "<ve>");
  // Scalars render once with the value as `.` (the spec leaves "" and 0 to the language).
  check_both("<{{#string}}{{.}}{{/string}}{{#empty_string}}[{{.}}]{{/empty_string}}>", view,
             "<s[]>");
  check_both("<{{#zero}}{{.}}{{/zero}} {{#real}}{{.}}{{/real}}>", view, "<0 1.5>");
  // Sections nest; the same list twice.
  check_both("{{#strings}}{{#strings}}{{.}}{{/strings}} {{/strings}}|", view, "ab ab |");
}

TEST_CASE("kainjow: inverted sections", "[codegen][kainjow]") {
  json view = json::parse(R"({"yes": true, "no": false, "nothing": null, "none": [],
    "some": [1], "object": {}, "string": "s", "n": "outer"})");
  check_both("<{{^no}}a{{/no}}{{^nothing}}b{{/nothing}}{{^none}}c{{/none}}>", view, "<abc>");
  check_both("<{{^yes}}a{{/yes}}{{^some}}b{{/some}}{{^object}}c{{/object}}{{^string}}d{{/string}}>",
             view, "<>");
  // Inside an inverted section names resolve in the enclosing context.
  check_both("{{^no}}{{n}}{{/no}}|", view, "outer|");
  // The `, ` between list items, as the templates write it.
  json args = json::parse(
      R"({"args": [{"decl": "int a", "last": false}, {"decl": "int b", "last": true}]})");
  check_both("f({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}})", args, "f(int a, int b)");
}

TEST_CASE("kainjow: variables, escaping and triple mustache", "[codegen][kainjow]") {
  json view = {{"s", "a \"b\" \\ c\n\t\x01 <&>"},
               {"int", -42},
               {"big", 18446744073709551615ull},
               {"real", 0.25},
               {"yes", true},
               {"no", false},
               {"nothing", nullptr},
               {"list", json::array({"x"})},
               {"object", {{"k", "v"}}}};
  // `{{x}}` and `{{ x }}` escape for a C++ string literal; `{{{x}}}` and `{{&x}}` do not.
  check_both("\"{{s}}\" \"{{ s }}\"", view,
             "\"a \\\"b\\\" \\\\ c\\n\\t\\001 <&>\" \"a \\\"b\\\" \\\\ c\\n\\t\\001 <&>\"");
  check_both("{{{s}}}|{{{ s }}}|{{&s}}|{{& s }}|", view,
             "a \"b\" \\ c\n\t\x01 <&>|a \"b\" \\ c\n\t\x01 <&>|a \"b\" \\ c\n\t\x01 <&>|"
             "a \"b\" \\ c\n\t\x01 <&>|");
  // Numbers as JSON writes them.
  check_both("{{int}} {{big}} {{real}} {{{real}}}", view, "-42 18446744073709551615 0.25 0.25");
  // Booleans, null, lists and objects print nothing.
  check_both("<{{yes}}{{no}}{{nothing}}{{list}}{{object}}{{{object}}}>", view, "<>");
  // Variables are never standalone: their line stays.
  check_both("  {{s}}\n  {{{nothing}}}\n|", {{"s", "x"}, {"nothing", nullptr}}, "  x\n  \n|");
  // Whitespace around the sigil and across lines inside a tag is ignored.
  check_both("<{{ #list }}{{\n.\n}}{{ / list }}{{ & int }}{{\tint\t}}>", view, "<x-42-42>");
}

TEST_CASE("kainjow: names, dotted names and the context stack", "[codegen][kainjow]") {
  json view = json::parse(R"({
    "n": "outer",
    "o": {"n": "inner", "deep": {"er": {"est": "bottom"}}},
    "nulled": {"n": null},
    "rows": [{"row": 1, "cells": [{"c": "a"}, {"c": "b"}]}, {"row": 2, "cells": [{"c": "c"}]}],
    "strings": ["x", "y"],
    "a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}},
    "b": {"c": {"d": {"e": {"name": "Wrong"}}}}
  })");
  // The innermost context holding a name wins; outer contexts are searched.
  check_both("{{#o}}{{n}}{{/o}} {{n}}", view, "inner outer");
  check_both("{{#rows}}{{#cells}}{{row}}.{{c}} {{/cells}}{{/rows}}|", view, "1.a 1.b 2.c |");
  check_both("{{#strings}}{{.}}{{n}} {{/strings}}|", view, "xouter youter |");
  // A null in an inner context hides the outer value.
  check_both("[{{#nulled}}{{n}}{{/nulled}}]", view, "[]");
  // Dotted names, as variables and as sections, from inside sections.
  check_both("{{o.n}} {{o.deep.er.est}} {{#o.deep}}{{er.est}}{{/o.deep}}", view,
             "inner bottom bottom");
  check_both("{{#strings}}{{o.n}}{{/strings}}|", view, "innerinner|");
  check_both("{{#a}}{{b.c.d.e.name}}{{/a}}", view, "Phil");  // spec: Initial Resolution
  check_both("{{#o}}{{#deep}}{{o.n}}/{{n}}{{/deep}}{{/o}}", view, "inner/inner");
}

TEST_CASE("kainjow: standalone lines (mustache spec)", "[codegen][kainjow]") {
  json view = {{"boolean", true}, {"no", false}, {"list", json::array({"a", "b"})}};
  // The spec's sections.yml, inverted.yml and comments.yml whitespace cases.
  check_both("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n|", view,
             "| This Is\n|\n| A Line\n|");
  check_both("| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n|", view,
             "| This Is\n|\n| A Line\n|");
  check_both("| This Is\n{{^no}}\n|\n{{/no}}\n| A Line\n|", view, "| This Is\n|\n| A Line\n|");
  check_both("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", view, "|\r\n|");
  check_both("  {{#boolean}}\n#{{/boolean}}\n/", view, "#\n/");
  check_both("#{{#boolean}}\n/\n  {{/boolean}}", view, "#\n/\n");
  check_both(" | {{#boolean}}\t|\t{{/boolean}} | \n|", view, " | \t|\t | \n|");
  check_both(" | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n|", view,
             " |  \n  | \n|");
  check_both(" {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n|", view,
             " YES\n GOOD\n|");
  check_both("|{{# boolean }}={{/ boolean }}|", view, "|=|");
  check_both("Begin.\n{{! Comment Block! }}\nEnd.\n", view, "Begin.\nEnd.\n");
  check_both("Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", view, "Begin.\nEnd.\n");
  check_both("|\r\n{{! Standalone Comment }}\r\n|", view, "|\r\n|");
  check_both("Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", view, "Begin.\nEnd.\n");
  check_both("  12 {{! 34 }}\n|", view, "  12 \n|");
  check_both("12345 {{! Comment Block! }} 67890", view, "12345  67890");
  // Skipped sections leave nothing; lines inside repeat; blank lines after a section tag and
  // lines of inline sections that print only whitespace stay.
  check_both("a\n{{#no}}\nx\n{{/no}}\nb\n  {{#no}}\n  {{/no}}\nc\n", view, "a\nb\nc\n");
  check_both("{{#list}}\n\n- {{.}}\n{{/list}}\n|", view, "\n- a\n\n- b\n|");
  check_both("<\n{{#boolean}} {{/boolean}}\n{{#no}}x{{/no}}\n{{#boolean}}{{/boolean}}\n>", view,
             "<\n \n\n\n>");
}

TEST_CASE("kainjow: set delimiters (mustache spec)", "[codegen][kainjow]") {
  json view = {{"text", "Hey!"}, {"section", true}, {"data", "I got interpolated."}};
  check_both("{{=<% %>=}}(<%text%>)", view, "(Hey!)");
  check_both("({{=[ ]=}}[text])", view, "(Hey!)");
  check_both(
      "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n\n{{= | | =}}\n|#section|\n"
      "  {{data}}\n  |data|\n|/section|\n]\n",
      view, "[\n  I got interpolated.\n  |data|\n\n  {{data}}\n  I got interpolated.\n]\n");
  check_both("Begin.\n{{=@ @=}}\nEnd.\n", view, "Begin.\nEnd.\n");
  check_both("Begin.\n  {{=@ @=}}\nEnd.\n", view, "Begin.\nEnd.\n");
  check_both("|{{= @   @ =}}|", view, "||");
  // Raw output with other delimiters, and back to the default ones.
  check_both("{{=<% %>=}}<%&text%> <%={{ }}=%>{{{text}}}", view, "Hey! Hey!");
  // A partial starts with the default delimiters and its own do not leak out.
  check_both("[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", view, "[ .Hey!. ]\n[ .Hey!. ]\n",
             {{"include", ".{{text}}."}});
  check_both("[ {{>include}} ]\n[ .{{text}}.  .|text|. ]\n", view,
             "[ .Hey!.  .Hey!. ]\n[ .Hey!.  .|text|. ]\n",
             {{"include", ".{{text}}. {{= | | =}} .|text|."}});
}

TEST_CASE("kainjow: partials", "[codegen][kainjow]") {
  json view = json::parse(R"({
    "text": "content",
    "list": [{"n": "a"}, {"n": "b"}],
    "content": "X",
    "nodes": [{"content": "Y", "nodes": []}]
  })");
  check_both("\"{{>partial}}\"", view, "\"*content*\"", {{"partial", "*{{text}}*"}});
  check_both("{{#list}}{{>item}}{{/list}}|", view, "<a>\n<b>\n|",
             {{"item", "<{{n}}>\n{{#list}}{{/list}}"}});
  check_both("{{>node}}", view, "X<Y<>>", {{"node", "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"}});
  check_both("|{{> partial }}|", view, "|[]|", {{"partial", "[]"}});
  check_both("  {{text}}  {{> partial}}\n|", view, "  content  >\n>\n|", {{"partial", ">\n>"}});
  // Standalone lines inside a partial are the partial's own.
  check_both("{{#list}}\n{{>item}}\n{{/list}}|", view, "a\n\nb\n\n|",
             {{"item", "{{#n}}\n{{.}}\n{{/n}}"}});
}

TEST_CASE("kainjow: where sqlgen differs from kainjow or from the spec", "[codegen][kainjow]") {
  // `{{.}}` inside an inverted section: the enclosing context (as mustache.js and Ruby
  // mustache), not the false value kainjow pushes.
  {
    Both b = render_both("{{#strings}}<{{^no}}{{.}}{{/no}}>{{/strings}}|",
                         {{"strings", json::array({"a"})}, {"no", false}});
    REQUIRE(b.sqlgen);
    CHECK(*b.sqlgen == "<a>|\n");
    CHECK(b.kainjow == "<>|\n");
  }
  // A dotted name is resolved from its first part (spec: "Dotted Names - Context Precedence"
  // prints nothing); kainjow tries the whole path in each context and prints the outer one.
  // sqlgen's strict check rejects the name.
  {
    Both b = render_both("{{#a}}{{b.c}}{{/a}}|",
                         json::parse(R"({"a": {"b": {}}, "b": {"c": "ERROR"}})"));
    CHECK(!b.sqlgen);
    CHECK(b.diagnostics.find("variable \"b.c\" is not defined") != std::string::npos);
    CHECK(b.kainjow == "ERROR|\n");
  }
  // Missing names print nothing in kainjow and are errors in sqlgen, also through a broken
  // chain (spec: "Dotted Names - Broken Chains" prints nothing).
  {
    Both b = render_both("<{{missing}}{{a.b.c}}>", {{"a", json::object()}});
    CHECK(!b.sqlgen);
    CHECK(b.diagnostics.find("variable \"missing\" is not defined") != std::string::npos);
    CHECK(b.diagnostics.find("variable \"a.b.c\" is not defined") != std::string::npos);
    CHECK(b.kainjow == "<>\n");
  }
  // Standalone partial tags: the spec indents every line of the partial and drops the tag's
  // line break ("\\\n |\n <\n->\n |\n/\n", "|\r\n>|"); sqlgen and kainjow do neither, and the
  // templates' `{{>struct}}` lines rely on the kept line break.
  check_both("\\\n {{>partial}}\n/\n", {{"content", "<\n->"}}, "\\\n |\n<\n->\n|\n\n/\n",
             {{"partial", "|\n{{{content}}}\n|\n"}});
  check_both("|\r\n{{>partial}}\r\n|", json::object(), "|\r\n>\r\n|", {{"partial", ">"}});
}

TEST_CASE("kainjow: kainjow's own whitespace, why standalone lines are cut for it",
          "[codegen][kainjow]") {
  // kainjow 4.1 on the templates as written decides standalone lines from what a line printed:
  // it keeps the line of a skipped section and of a comment, and drops a line that held a
  // rendered section and printed only whitespace. sqlgen follows the spec.
  json view = {{"header", k_header}, {"yes", true}, {"no", false}};
  auto raw = [&](const std::string& body) {
    return kainjow_render({{"main", "{{{header}}}\n" + body}}, "main", view, false)
        .substr(k_header.size() + 1);
  };
  CHECK(raw("a\n{{#no}}\nx\n{{/no}}\nb") == "a\n\nb\n");
  CHECK(raw("a\n{{! comment }}\nb") == "a\n\nb\n");
  CHECK(raw("a\n{{=<% %>=}}\nb") == "a\n\nb\n");
  CHECK(raw("a\n{{#yes}} {{/yes}}\nb") == "a\nb\n");
  check_both("a\n{{#no}}\nx\n{{/no}}\nb", view, "a\nb");
  check_both("a\n{{! comment }}\nb", view, "a\nb");
  check_both("a\n{{=<% %>=}}\nb", view, "a\nb");
  check_both("a\n{{#yes}} {{/yes}}\nb", view, "a\n \nb");
}
