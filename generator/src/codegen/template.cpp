// Strict mustache: templates are scanned into a tag tree first and every variable, section
// and partial they use is looked up in the view model (as mustache would, walking the context
// stack), so a name the model lacks is an error at the tag instead of an empty string. Then
// the same tree is rendered straight from the JSON view, with `{{x}}` escaped for a C++ string
// literal. Standalone section, comment and set-delimiter lines leave no trace (mustache spec);
// a partial tag is never standalone (its line break stays, as kainjow keeps it).
//
// sqlgen rendered with kainjow/mustache before, and this renderer prints byte for byte what
// kainjow prints for the same templates and data (the view converted by kainjow's conventions,
// sqlgen's escape as kainjow's escape function, standalone lines cut as the spec says): a
// section over a non-empty list repeats, over false, null or an empty list is skipped, over
// anything else (true, a string, a number, an object, even an empty one) renders once with the
// value pushed; an inverted section renders in the enclosing context; a variable prints
// strings and numbers (as JSON writes them) and nothing for other values; names resolve from
// the innermost context outwards (`a.b`: `a` so, then `b` in it; `.` the innermost).
// tests/codegen/test_template_kainjow.cpp (`sqlgen_tests "[kainjow]"`) renders every template
// over the views of the example app and the golden case both ways and requires identical
// output, checks each rule above against kainjow and the spec, and lists where the two differ
// (cases the templates never use, or names the strict check rejects).
//
// Why not kainjow itself: converting the view into kainjow's data (deep copies at every level)
// and re-parsing a partial at every use made rendering most of `sqlgen generate` (a cold run
// took 4x the time of parsing its inputs; 1.8x rendering directly), and kainjow cannot report
// a missing variable. kainjow is now only a test dependency.
#include <filesystem>
#include <set>
#include <stdexcept>

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
  bool raw = false;  ///< `{{{x}}}` or `{{&x}}`: inserted without escaping
  std::string name;
  size_t begin = 0;  ///< offset of the opening delimiter
  size_t end = 0;    ///< offset just past the closing delimiter
};

/// A section and what it encloses.
struct Node {
  Tag tag;
  std::vector<Node> children;
};

/// What the renderer walks: text (standalone lines already removed), variables, sections,
/// inverted sections and partials.
struct RenderNode {
  enum class Kind { Text, Variable, Section, Inverted, Partial };
  Kind kind = Kind::Text;
  bool raw = false;
  std::string text;  ///< Text: the text; otherwise the tag's name
  std::vector<RenderNode> children;
};

/// A template split into tags, its tag tree (checked against views), and its render tree.
struct Parsed {
  std::vector<Node> roots;
  std::vector<RenderNode> render;
  std::string error;
  size_t error_offset = 0;
};

/// `s` without leading and trailing characters of `chars` (spaces and tabs: what may surround a
/// standalone tag on its line).
std::string trim(std::string_view s, const char* chars = " \t") {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}

/// Whitespace inside a tag (`{{ name }}`, `{{# name }}`, even around the sigil) is ignored, as
/// kainjow (std::isspace) does.
constexpr const char* k_tag_space = " \t\n\r\f\v";

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
    if (!triple) inner = trim(inner, k_tag_space);
    tag.end = e + end_delim.size();
    char sigil = inner.empty() ? '\0' : inner[0];
    if (triple) {
      tag.kind = Tag::Kind::Variable;
      tag.raw = true;
      tag.name = trim(inner.substr(1), k_tag_space);
    } else if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '&' ||
               sigil == '!') {
      static const std::map<char, Tag::Kind> k_kinds = {
          {'#', Tag::Kind::Section}, {'^', Tag::Kind::Inverted}, {'/', Tag::Kind::Close},
          {'>', Tag::Kind::Partial}, {'&', Tag::Kind::Variable}, {'!', Tag::Kind::Comment}};
      tag.kind = k_kinds.at(sigil);
      tag.raw = sigil == '&';
      tag.name = trim(inner.substr(1), k_tag_space);
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
      tag.name = inner;
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
  // whitespace) leaves no trace, as the mustache spec says. The render tree gets the text
  // between tags with those lines cut out.
  std::vector<RenderNode> render_root;
  std::vector<std::vector<RenderNode>*> render_stack = {&render_root};
  auto add_text = [&](size_t from, size_t to) {
    if (to <= from) return;
    std::vector<RenderNode>& nodes = *render_stack.back();
    if (!nodes.empty() && nodes.back().kind == RenderNode::Kind::Text) {
      nodes.back().text.append(text, from, to - from);
    } else {
      nodes.push_back(RenderNode{RenderNode::Kind::Text, false, text.substr(from, to - from), {}});
    }
  };
  size_t copied = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const Tag& t = tags[i];
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
      add_text(copied, line_begin);
      copied = after;
    } else {
      add_text(copied, t.begin);
      copied = t.end;
    }
    switch (t.kind) {
      case Tag::Kind::Variable:
        render_stack.back()->push_back(RenderNode{RenderNode::Kind::Variable, t.raw, t.name, {}});
        break;
      case Tag::Kind::Partial:
        render_stack.back()->push_back(RenderNode{RenderNode::Kind::Partial, false, t.name, {}});
        break;
      case Tag::Kind::Section:
      case Tag::Kind::Inverted:
        render_stack.back()->push_back(RenderNode{
            t.kind == Tag::Kind::Section ? RenderNode::Kind::Section : RenderNode::Kind::Inverted,
            false,
            t.name,
            {}});
        render_stack.push_back(&render_stack.back()->back().children);
        break;
      case Tag::Kind::Close:
        if (render_stack.size() > 1) render_stack.pop_back();  // mismatches: reported below
        break;
      case Tag::Kind::Comment:
      case Tag::Kind::Delimiters:
        break;
    }
  }
  add_text(copied, text.size());
  out.render = std::move(render_root);

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

/// Looks `name` up the context stack (innermost last) as the mustache spec says: `.` is the
/// innermost context; a name is taken from the innermost context that is an object holding it;
/// in `a.b.c` only `a` is looked up that way, then `b` in what it found and `c` in that (no
/// falling back to outer contexts when `b` is missing there, which kainjow does: the checker
/// reports such a name as undefined). Shared by the checker and the renderer, so a name that
/// passed the check renders the value it was checked against.
const json* lookup(const std::vector<const json*>& stack, const std::string& name) {
  if (name == ".") return stack.back();
  size_t dot = name.find('.');
  if (dot == std::string::npos) {
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      if (!(*it)->is_object()) continue;
      if (auto found = (*it)->find(name); found != (*it)->end()) return &*found;
    }
    return nullptr;
  }
  std::string part = name.substr(0, dot);
  const json* found = lookup(stack, part);
  while (found && dot != std::string::npos) {
    size_t start = dot + 1;
    dot = name.find('.', start);
    part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!found->is_object()) return nullptr;
    auto next = found->find(part);
    found = next == found->end() ? nullptr : &*next;
  }
  return found;
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

  /// Template `name` parsed (once; a syntax error is reported then), or null.
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

  bool exists(const std::string& name) const { return m_set.templates.count(name) > 0; }

 private:
  bool check_template(const std::string& name, std::vector<const json*>& stack, int depth) {
    const Parsed* p = parsed(name);
    if (!p) return false;
    const diag::SourcePtr& src = m_set.templates.at(name);
    bool ok = true;
    check_nodes(p->roots, src, stack, depth, ok);
    return ok;
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

/// Renders a template's render tree over a view (see the file comment for the rules) and, in
/// the same pass, verifies what the Checker checks: every name a tag uses resolves, also in
/// the parts that are not rendered (a false section, an inverted section over a true value,
/// with the context the Checker uses there), every partial exists and parses, nesting stays
/// within 16 partials. ok() false means the Checker has an error to report. One pass instead
/// of a check and a render halves the lookups of `sqlgen generate`'s rendering.
class Renderer {
 public:
  Renderer(Checker& checker, std::string& out) : m_checker(checker), m_out(out) {}

  void render(const Parsed& root, const json& view) {
    m_stack.assign(1, &view);
    render_nodes(root.render, 0);
  }

  bool ok() const { return m_ok; }

 private:
  const Parsed* partial(const std::string& name, int depth) {
    if (depth > 16 || !m_checker.exists(name)) return nullptr;
    return m_checker.parsed(name);
  }

  /// The Checker's walk over nodes that are not rendered: lookups only.
  void verify_nodes(const std::vector<RenderNode>& nodes, int depth) {
    for (const RenderNode& n : nodes) {
      if (!m_ok) return;
      switch (n.kind) {
        case RenderNode::Kind::Text:
          break;
        case RenderNode::Kind::Variable:
          if (!lookup(m_stack, n.text)) m_ok = false;
          break;
        case RenderNode::Kind::Section: {
          const json* v = lookup(m_stack, n.text);
          if (!v) {
            m_ok = false;
          } else if (v->is_array()) {
            for (const json& item : *v) {
              m_stack.push_back(&item);
              verify_nodes(n.children, depth);
              m_stack.pop_back();
            }
          } else if (v->is_object()) {
            m_stack.push_back(v);
            verify_nodes(n.children, depth);
            m_stack.pop_back();
          } else {
            verify_nodes(n.children, depth);
          }
          break;
        }
        case RenderNode::Kind::Inverted:
          if (!lookup(m_stack, n.text)) m_ok = false;
          verify_nodes(n.children, depth);
          break;
        case RenderNode::Kind::Partial:
          if (const Parsed* p = partial(n.text, depth + 1))
            verify_nodes(p->render, depth + 1);
          else
            m_ok = false;
          break;
      }
    }
  }

  static bool is_falsy(const json& v) {
    return v.is_null() || (v.is_boolean() && !v.get<bool>()) || (v.is_array() && v.empty());
  }

  void render_nodes(const std::vector<RenderNode>& nodes, int depth) {
    for (const RenderNode& n : nodes) {
      if (!m_ok) return;
      switch (n.kind) {
        case RenderNode::Kind::Text:
          m_out += n.text;
          break;
        case RenderNode::Kind::Variable:
          if (const json* v = lookup(m_stack, n.text)) {
            if (v->is_string()) {
              const std::string& s = v->get_ref<const std::string&>();
              m_out += n.raw ? s : cpp_string_escape(s);
            } else if (v->is_number()) {
              std::string s = v->dump();
              m_out += n.raw ? s : cpp_string_escape(s);
            }
          } else {
            m_ok = false;
          }
          break;
        case RenderNode::Kind::Section: {
          const json* v = lookup(m_stack, n.text);
          if (!v) {
            m_ok = false;
          } else if (is_falsy(*v)) {
            // Not rendered; the Checker looks inside false and null (not inside empty lists).
            if (!v->is_array()) verify_nodes(n.children, depth);
          } else if (v->is_array()) {
            for (const json& item : *v) {
              m_stack.push_back(&item);
              render_nodes(n.children, depth);
              m_stack.pop_back();
            }
          } else {
            m_stack.push_back(v);
            render_nodes(n.children, depth);
            m_stack.pop_back();
          }
          break;
        }
        case RenderNode::Kind::Inverted: {
          // Renders in the enclosing context: the false, null or empty value is not pushed
          // (kainjow pushes it, so its `{{.}}` there prints nothing; the templates never use
          // `{{.}}` inside an inverted section).
          const json* v = lookup(m_stack, n.text);
          if (!v)
            m_ok = false;
          else if (!is_falsy(*v))
            verify_nodes(n.children, depth);
          else
            render_nodes(n.children, depth);
          break;
        }
        case RenderNode::Kind::Partial:
          if (const Parsed* p = partial(n.text, depth + 1))
            render_nodes(p->render, depth + 1);
          else
            m_ok = false;
          break;
      }
    }
  }

  Checker& m_checker;
  std::string& m_out;
  std::vector<const json*> m_stack;
  bool m_ok = true;
};

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
  const Parsed* root = checker.parsed(name);
  if (!root) return std::nullopt;
  std::string out;
  Renderer renderer(checker, out);
  renderer.render(*root, view);
  if (!renderer.ok()) {
    // Something is undefined: the Checker walks again to report it at its tags.
    if (checker.check(name, view)) {
      throw std::logic_error("template " + name +
                             ": the renderer found an error the checker "
                             "does not report");
    }
    return std::nullopt;
  }

  const diag::SourcePtr& src = set.templates.at(name);
  std::string shown = fs::path(src->path()).filename().string();
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
