// Strict mustache: templates are scanned into a tag tree first and every variable, section
// and partial they use is looked up in the view model (as mustache would, walking the context
// stack), so a name the model lacks is an error at the tag instead of an empty string. Then
// kainjow renders the template, with `{{x}}` escaped for a C++ string literal. Standalone
// section and comment lines are removed before kainjow sees the text (kainjow keeps their
// line breaks when a section is skipped).
#include <filesystem>
#include <kainjow/mustache.hpp>
#include <set>

#include "codegen/internal.hpp"
#include "util/fs.hpp"

namespace sqlgen::codegen {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// One `{{...}}` tag.
struct Tag {
  enum class Kind { Variable, Section, Inverted, Close, Partial, Comment, Delimiters };
  Kind kind = Kind::Variable;
  std::string name;
  size_t begin = 0;  ///< offset of the opening delimiter
  size_t end = 0;    ///< offset just past the closing delimiter
};

/// A section and what it encloses.
struct Node {
  Tag tag;
  std::vector<Node> children;
};

/// A template split into tags, its tag tree, and the text kainjow renders.
struct Parsed {
  std::vector<Node> roots;
  std::string render_text;
  std::string error;
  size_t error_offset = 0;
};

/// Inserted after section tags for kainjow, removed from its output.
constexpr std::string_view k_line_keeper = "\x01sqlgen-line\x01";

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

Parsed parse_template(const std::string& text) {
  Parsed out;
  std::vector<Tag> tags;
  std::string open = "{{", close = "}}";
  size_t pos = 0;
  while (true) {
    size_t b = text.find(open, pos);
    if (b == std::string::npos) break;
    Tag tag;
    tag.begin = b;
    size_t content = b + open.size();
    std::string end_delim = close;
    bool triple = open == "{{" && content < text.size() && text[content] == '{';
    if (triple) end_delim = "}" + close;
    size_t e = text.find(end_delim, content);
    if (e == std::string::npos) {
      out.error = "unclosed tag";
      out.error_offset = b;
      return out;
    }
    std::string inner = text.substr(content, e - content);
    tag.end = e + end_delim.size();
    char sigil = inner.empty() ? '\0' : inner[0];
    if (triple) {
      tag.kind = Tag::Kind::Variable;
      tag.name = trim(inner.substr(1));
    } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '&' ||
               sigil == '!') {
      static const std::map<char, Tag::Kind> k_kinds = {
          {'#', Tag::Kind::Section}, {'^', Tag::Kind::Inverted}, {'/', Tag::Kind::Close},
          {'>', Tag::Kind::Partial}, {'&', Tag::Kind::Variable}, {'!', Tag::Kind::Comment}};
      tag.kind = k_kinds.at(sigil);
      tag.name = trim(inner.substr(1));
    } else if (sigil == '=') {
      tag.kind = Tag::Kind::Delimiters;
      std::string spec = trim(inner.substr(1, inner.size() >= 2 ? inner.size() - 2 : 0));
      size_t space = spec.find_first_of(" \t");
      if (inner.size() < 2 || inner.back() != '=' || space == std::string::npos) {
        out.error = "invalid set-delimiters tag";
        out.error_offset = b;
        return out;
      }
      open = spec.substr(0, space);
      close = trim(spec.substr(space));
    } else {
      tag.kind = Tag::Kind::Variable;
      tag.name = trim(inner);
    }
    if (tag.name.empty() && tag.kind != Tag::Kind::Comment && tag.kind != Tag::Kind::Delimiters) {
      out.error = "empty tag";
      out.error_offset = b;
      return out;
    }
    tags.push_back(std::move(tag));
    pos = tags.back().end;
  }

  // Standalone lines: a section, close, comment or delimiter tag alone on its line (with
  // whitespace) leaves no trace, as the mustache spec says. kainjow guesses standalone lines
  // from the output instead (dropping blank lines that follow a section tag, keeping the
  // line of a skipped one), so a marker after each section tag stops its guessing and is
  // removed from the output.
  size_t copied = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const Tag& t = tags[i];
    bool sectionish =
        t.kind == Tag::Kind::Section || t.kind == Tag::Kind::Inverted || t.kind == Tag::Kind::Close;
    bool standalone = false;
    size_t line_begin = 0, after = 0;
    if (t.kind != Tag::Kind::Variable && t.kind != Tag::Kind::Partial) {
      size_t newline = t.begin == 0 ? std::string::npos : text.rfind('\n', t.begin - 1);
      line_begin = newline == std::string::npos ? 0 : newline + 1;
      size_t line_end = text.find('\n', t.end);
      after = line_end == std::string::npos ? text.size() : line_end + 1;
      size_t rest_end = line_end == std::string::npos ? text.size() : line_end;
      bool other_tag = (i > 0 && tags[i - 1].end > line_begin) ||
                       (i + 1 < tags.size() && tags[i + 1].begin < after);
      std::string rest = trim(std::string_view(text).substr(t.end, rest_end - t.end));
      standalone = !other_tag &&
                   trim(std::string_view(text).substr(line_begin, t.begin - line_begin)).empty() &&
                   (rest.empty() || rest == "\r");
    }
    if (standalone) {
      out.render_text.append(text, copied, line_begin - copied);
      out.render_text.append(text, t.begin, t.end - t.begin);
      copied = after;
    } else {
      out.render_text.append(text, copied, t.end - copied);
      copied = t.end;
    }
    if (sectionish) out.render_text += k_line_keeper;
  }
  out.render_text.append(text, copied, std::string::npos);

  // The tag tree.
  std::vector<std::vector<Node>*> stack = {&out.roots};
  std::vector<const Tag*> open_sections;
  for (const Tag& t : tags) {
    if (t.kind == Tag::Kind::Close) {
      if (open_sections.empty() || open_sections.back()->name != t.name) {
        out.error = open_sections.empty() ? "\"" + t.name + "\" closes no section"
                                          : "\"" + t.name + "\" closes section \"" +
                                                open_sections.back()->name + "\"";
        out.error_offset = t.begin;
        return out;
      }
      open_sections.pop_back();
      stack.pop_back();
      continue;
    }
    stack.back()->push_back(Node{t, {}});
    if (t.kind == Tag::Kind::Section || t.kind == Tag::Kind::Inverted) {
      open_sections.push_back(&t);
      stack.push_back(&stack.back()->back().children);
    }
  }
  if (!open_sections.empty()) {
    out.error = "section \"" + open_sections.back()->name + "\" is not closed";
    out.error_offset = open_sections.back()->begin;
  }
  return out;
}

/// Checks a tag tree against the view model.
class Checker {
 public:
  Checker(const TemplateSet& set, std::map<std::string, Parsed>& parsed,
          diag::DiagnosticEngine& diags)
      : m_set(set), m_parsed(parsed), m_diags(diags) {}

  bool check(const std::string& name, const json& view) {
    std::vector<const json*> stack = {&view};
    return check_template(name, stack, 0);
  }

 private:
  bool check_template(const std::string& name, std::vector<const json*>& stack, int depth) {
    const Parsed* p = parsed(name);
    if (!p) return false;
    const diag::SourcePtr& src = m_set.templates.at(name);
    bool ok = true;
    check_nodes(p->roots, src, stack, depth, ok);
    return ok;
  }

  const Parsed* parsed(const std::string& name) {
    auto it = m_parsed.find(name);
    if (it != m_parsed.end()) return it->second.error.empty() ? &it->second : nullptr;
    const diag::SourcePtr& src = m_set.templates.at(name);
    Parsed p = parse_template(src->text());
    if (!p.error.empty()) {
      m_diags.report(diag::make(diag::DiagId::err_codegen_template_syntax,
                                diag::Location::at(src, static_cast<uint32_t>(p.error_offset)),
                                {fs::path(src->path()).filename().string(), p.error}));
    }
    auto [ins, _] = m_parsed.emplace(name, std::move(p));
    return ins->second.error.empty() ? &ins->second : nullptr;
  }

  static const json* lookup(const std::vector<const json*>& stack, const std::string& name) {
    if (name == ".") return stack.back();
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      parts.push_back(
          name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    const json* found = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it) {
      if ((*it)->is_object() && (*it)->contains(parts[0])) found = &(**it)[parts[0]];
    }
    for (size_t i = 1; found && i < parts.size(); ++i) {
      found = found->is_object() && found->contains(parts[i]) ? &(*found)[parts[i]] : nullptr;
    }
    return found;
  }

  void undefined(const diag::SourcePtr& src, const Tag& t, bool& ok) {
    ok = false;
    if (!m_reported.insert({src->path(), t.begin}).second) return;
    m_diags.report(diag::make(diag::DiagId::err_codegen_template_variable,
                              diag::Location::at(src, static_cast<uint32_t>(t.begin),
                                                 static_cast<uint32_t>(t.end - t.begin)),
                              {fs::path(src->path()).filename().string(), t.name}));
  }

  void check_nodes(const std::vector<Node>& nodes, const diag::SourcePtr& src,
                   std::vector<const json*>& stack, int depth, bool& ok) {
    for (const Node& n : nodes) {
      const Tag& t = n.tag;
      switch (t.kind) {
        case Tag::Kind::Variable:
          if (!lookup(stack, t.name)) undefined(src, t, ok);
          break;
        case Tag::Kind::Section: {
          const json* v = lookup(stack, t.name);
          if (!v) {
            undefined(src, t, ok);
          } else if (v->is_array()) {
            for (const json& item : *v) {
              stack.push_back(&item);
              check_nodes(n.children, src, stack, depth, ok);
              stack.pop_back();
            }
          } else if (v->is_object()) {
            stack.push_back(v);
            check_nodes(n.children, src, stack, depth, ok);
            stack.pop_back();
          } else {
            // A false section is checked too: a typo must not hide behind a flag.
            check_nodes(n.children, src, stack, depth, ok);
          }
          break;
        }
        case Tag::Kind::Inverted:
          if (!lookup(stack, t.name)) undefined(src, t, ok);
          check_nodes(n.children, src, stack, depth, ok);
          break;
        case Tag::Kind::Partial:
          if (!m_set.templates.count(t.name) || depth > 16) {
            ok = false;
            m_diags.report(diag::make(
                diag::DiagId::err_codegen_template_syntax,
                diag::Location::at(src, static_cast<uint32_t>(t.begin),
                                   static_cast<uint32_t>(t.end - t.begin)),
                {fs::path(src->path()).filename().string(),
                 depth > 16
                     ? "partials nest too deeply"
                     : "partial \"" + t.name + "\" does not exist (no " + t.name + ".mustache)"}));
          } else if (!check_template(t.name, stack, depth + 1)) {
            ok = false;
          }
          break;
        case Tag::Kind::Close:
        case Tag::Kind::Comment:
        case Tag::Kind::Delimiters:
          break;
      }
    }
  }

  const TemplateSet& m_set;
  std::map<std::string, Parsed>& m_parsed;
  diag::DiagnosticEngine& m_diags;
  std::set<std::pair<std::string, size_t>> m_reported;
};

kainjow::mustache::data to_data(const json& j) {
  using kainjow::mustache::data;
  switch (j.type()) {
    case json::value_t::object: {
      data d{data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case json::value_t::array: {
      data d{data::type::list};
      for (const json& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string:
      return data(j.get<std::string>());
    case json::value_t::boolean:
      return data(j.get<bool>());
    case json::value_t::null:
      return data(false);
    default:
      return data(j.dump());
  }
}

}  // namespace

TemplateSet load_templates(const config::Config& config, diag::DiagnosticEngine& diags) {
  TemplateSet set;
  fs::path dir = config.resolve(config.templates);
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".mustache") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      util::ReadResult r = util::read_file(f);
      std::string shown = (fs::path(config.templates) / f.filename()).generic_string();
      if (!r.text) {
        diags.report(diag::make(diag::DiagId::err_file_unreadable, {}, {shown, r.error}));
        continue;
      }
      set.templates[f.stem().string()] = diag::make_source(shown, *r.text);
    }
    for (const char* required : {"models.hpp", "queries.hpp"}) {
      if (!set.templates.count(required)) {
        diags.report(diag::make(diag::DiagId::err_codegen_template_not_found, {},
                                {std::string(required) + ".mustache", config.templates}));
      }
    }
    return set;
  }
  for (const auto& [name, text] : builtin_templates()) {
    set.templates[name] = diag::make_source("<builtin>/" + name + ".mustache", text);
  }
  return set;
}

std::optional<std::string> render_template(const TemplateSet& set, const std::string& name,
                                           const json& view, diag::DiagnosticEngine& diags) {
  if (!set.templates.count(name)) return std::nullopt;  // reported by load_templates
  std::map<std::string, Parsed> parsed;
  Checker checker(set, parsed, diags);
  if (!checker.check(name, view)) return std::nullopt;

  kainjow::mustache::mustache tmpl(parsed.at(name).render_text);
  const diag::SourcePtr& src = set.templates.at(name);
  std::string shown = fs::path(src->path()).filename().string();
  if (!tmpl.is_valid()) {
    diags.report(diag::make(diag::DiagId::err_codegen_template_syntax, diag::Location::file(src),
                            {shown, tmpl.error_message()}));
    return std::nullopt;
  }
  tmpl.set_custom_escape([](const std::string& s) { return cpp_string_escape(s); });
  kainjow::mustache::data data = to_data(view);
  for (const auto& [partial, p] : parsed) {
    if (partial == name) continue;
    std::string text = p.render_text;
    data.set(partial, kainjow::mustache::partial([text] { return text; }));
  }
  std::string out = tmpl.render(data);
  std::string cleaned;
  cleaned.reserve(out.size());
  for (size_t pos = 0; pos < out.size();) {
    size_t at = out.find(k_line_keeper, pos);
    if (at == std::string::npos) at = out.size();
    cleaned.append(out, pos, at - pos);
    pos = at + k_line_keeper.size();
  }
  out = std::move(cleaned);
  if (!tmpl.is_valid()) {
    diags.report(diag::make(diag::DiagId::err_codegen_template_syntax, diag::Location::file(src),
                            {shown, tmpl.error_message()}));
    return std::nullopt;
  }
  if (out.compare(0, k_generated_marker.size(), k_generated_marker) != 0) {
    diags.report(diag::make(diag::DiagId::err_codegen_template_header, diag::Location::file(src),
                            {shown, std::string(k_generated_marker)}));
    return std::nullopt;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  out += '\n';
  return out;
}

}  // namespace sqlgen::codegen
