// Strict mustache: templates are parsed once per run into a render tree, which one walk renders
// straight from the JSON view (`{{x}}` escaped for a C++ string literal) while it looks up every
// variable, section and partial in the view model (as mustache would, walking the context
// stack), also in the parts it does not render, so a name the model lacks is an error at the
// tag instead of an empty string. Standalone section, comment and set-delimiter lines leave no
// trace (mustache spec); a partial tag is never standalone (its line break stays, as kainjow keeps
// it).
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
#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#include "codegen/internal.hpp"
#include "util/fs.hpp"
#include "util/parallel.hpp"

namespace sqlgen::codegen {

namespace {

namespace fs = std::filesystem;
using json = View;

/// One `{{...}}` tag.
struct Tag {
  enum class Kind { Variable, Section, Inverted, Close, Partial, Comment, Delimiters };
  Kind kind = Kind::Variable;
  bool raw = false;  ///< `{{{x}}}` or `{{&x}}`: inserted without escaping
  std::string name;
  size_t begin = 0;  ///< offset of the opening delimiter
  size_t end = 0;    ///< offset just past the closing delimiter
};

/// What the walker renders and checks: text (standalone lines already removed), variables,
/// sections, inverted sections and partials, with the place of their tag for diagnostics.
struct RenderNode {
  enum class Kind { Text, Variable, Section, Inverted, Partial };
  Kind kind = Kind::Text;
  bool raw = false;
  std::string text;  ///< Text: the text; otherwise the tag's name
  size_t begin = 0;  ///< the tag's offsets (not for Text)
  size_t end = 0;
  std::vector<RenderNode> children;
};

/// A syntax error of a template, at a byte offset.
struct SyntaxError {
  std::string message;
  size_t offset = 0;
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

/// Reads the tag whose opening delimiter `open` starts at `b` into `tag`; a set-delimiters tag
/// changes `open` and `close`. Returns an error message or "".
std::string read_tag(const std::string& text, size_t b, std::string& open, std::string& close,
                     Tag& tag) {
  tag.begin = b;
  size_t content = b + open.size();
  std::string end_delim = close;
  bool triple = open == "{{" && content < text.size() && text[content] == '{';
  if (triple) end_delim = "}" + close;
  size_t e = text.find(end_delim, content);
  if (e == std::string::npos) return "unclosed tag";
  std::string inner = text.substr(content, e - content);
  if (!triple) inner = trim(inner, k_tag_space);
  tag.end = e + end_delim.size();
  char sigil = inner.empty() ? '\0' : inner[0];
  static const std::map<char, Tag::Kind> k_kinds = {
      {'#', Tag::Kind::Section}, {'^', Tag::Kind::Inverted}, {'/', Tag::Kind::Close},
      {'>', Tag::Kind::Partial}, {'&', Tag::Kind::Variable}, {'!', Tag::Kind::Comment}};
  if (triple) {
    tag.kind = Tag::Kind::Variable;
    tag.raw = true;
    tag.name = trim(inner.substr(1), k_tag_space);
  } else if (auto kind = k_kinds.find(sigil); kind != k_kinds.end()) {
    tag.kind = kind->second;
    tag.raw = sigil == '&';
    tag.name = trim(inner.substr(1), k_tag_space);
  } else if (sigil == '=') {
    tag.kind = Tag::Kind::Delimiters;
    std::string spec = trim(inner.substr(1, inner.size() >= 2 ? inner.size() - 2 : 0));
    size_t space = spec.find_first_of(" \t");
    if (inner.size() < 2 || inner.back() != '=' || space == std::string::npos) {
      return "invalid set-delimiters tag";
    }
    open = spec.substr(0, space);
    close = trim(spec.substr(space));
  } else {
    tag.kind = Tag::Kind::Variable;
    tag.name = inner;
  }
  if (tag.name.empty() && tag.kind != Tag::Kind::Comment && tag.kind != Tag::Kind::Delimiters) {
    return "empty tag";
  }
  return {};
}

/// Every tag of `text`, in order; stops at the first malformed one.
std::optional<SyntaxError> scan_tags(const std::string& text, std::vector<Tag>& tags) {
  std::string open = "{{", close = "}}";
  for (size_t b = text.find(open); b != std::string::npos; b = text.find(open, b)) {
    Tag tag;
    if (std::string error = read_tag(text, b, open, close, tag); !error.empty()) {
      return SyntaxError{std::move(error), b};
    }
    b = tag.end;
    tags.push_back(std::move(tag));
  }
  return std::nullopt;
}

/// The part of the text around tag `i` a standalone tag takes with it: a section, close,
/// comment or delimiter tag alone on its line (with whitespace) leaves no trace, as the
/// mustache spec says. Its line's [begin, end) when standalone.
std::optional<std::pair<size_t, size_t>> standalone_line(const std::string& text,
                                                         const std::vector<Tag>& tags, size_t i) {
  const Tag& t = tags[i];
  if (t.kind == Tag::Kind::Variable || t.kind == Tag::Kind::Partial) return std::nullopt;
  size_t newline = t.begin == 0 ? std::string::npos : text.rfind('\n', t.begin - 1);
  size_t line_begin = newline == std::string::npos ? 0 : newline + 1;
  size_t line_end = text.find('\n', t.end);
  size_t after = line_end == std::string::npos ? text.size() : line_end + 1;
  size_t rest_end = line_end == std::string::npos ? text.size() : line_end;
  bool other_tag =
      (i > 0 && tags[i - 1].end > line_begin) || (i + 1 < tags.size() && tags[i + 1].begin < after);
  std::string rest = trim(std::string_view(text).substr(t.end, rest_end - t.end));
  bool alone = !other_tag &&
               trim(std::string_view(text).substr(line_begin, t.begin - line_begin)).empty() &&
               (rest.empty() || rest == "\r");
  if (!alone) return std::nullopt;
  return std::make_pair(line_begin, after);
}

}  // namespace

/// A template parsed into its render tree (TemplateSet::parsed), or its syntax error.
struct ParsedTemplate {
  std::vector<RenderNode> nodes;
  std::optional<SyntaxError> error;
};

namespace {

/// Builds the render tree of `tags` (the text between them, standalone lines cut out) and checks
/// that sections nest.
ParsedTemplate build_tree(const std::string& text, const std::vector<Tag>& tags) {
  ParsedTemplate out;
  std::vector<std::vector<RenderNode>*> stack = {&out.nodes};
  std::vector<const Tag*> open_sections;
  auto add_text = [&](size_t from, size_t to) {
    if (to <= from) return;
    std::vector<RenderNode>& nodes = *stack.back();
    if (!nodes.empty() && nodes.back().kind == RenderNode::Kind::Text) {
      nodes.back().text.append(text, from, to - from);
    } else {
      nodes.push_back(
          RenderNode{RenderNode::Kind::Text, false, text.substr(from, to - from), 0, 0, {}});
    }
  };
  auto add_tag = [&](RenderNode::Kind kind, const Tag& t) {
    stack.back()->push_back(RenderNode{kind, t.raw, t.name, t.begin, t.end, {}});
  };
  size_t copied = 0;
  for (size_t i = 0; i < tags.size(); ++i) {
    const Tag& t = tags[i];
    std::optional<std::pair<size_t, size_t>> line = standalone_line(text, tags, i);
    add_text(copied, line ? line->first : t.begin);
    copied = line ? line->second : t.end;
    switch (t.kind) {
      case Tag::Kind::Variable:
        add_tag(RenderNode::Kind::Variable, t);
        break;
      case Tag::Kind::Partial:
        add_tag(RenderNode::Kind::Partial, t);
        break;
      case Tag::Kind::Section:
      case Tag::Kind::Inverted:
        add_tag(
            t.kind == Tag::Kind::Section ? RenderNode::Kind::Section : RenderNode::Kind::Inverted,
            t);
        stack.push_back(&stack.back()->back().children);
        open_sections.push_back(&t);
        break;
      case Tag::Kind::Close:
        if (open_sections.empty() || open_sections.back()->name != t.name) {
          out.error = SyntaxError{open_sections.empty() ? "\"" + t.name + "\" closes no section"
                                                        : "\"" + t.name + "\" closes section \"" +
                                                              open_sections.back()->name + "\"",
                                  t.begin};
          return out;
        }
        open_sections.pop_back();
        stack.pop_back();
        break;
      case Tag::Kind::Comment:
      case Tag::Kind::Delimiters:
        break;
    }
  }
  add_text(copied, text.size());
  if (!open_sections.empty()) {
    out.error = SyntaxError{"section \"" + open_sections.back()->name + "\" is not closed",
                            open_sections.back()->begin};
  }
  return out;
}

std::shared_ptr<const ParsedTemplate> parse_template(const std::string& text) {
  std::vector<Tag> tags;
  if (std::optional<SyntaxError> error = scan_tags(text, tags)) {
    return std::make_shared<ParsedTemplate>(ParsedTemplate{{}, std::move(error)});
  }
  return std::make_shared<ParsedTemplate>(build_tree(text, tags));
}

/// Looks `name` up the context stack (innermost last) as the mustache spec says: `.` is the
/// innermost context; a name is taken from the innermost context that is an object holding it;
/// in `a.b.c` only `a` is looked up that way, then `b` in what it found and `c` in that (no
/// falling back to outer contexts when `b` is missing there, which kainjow does: the walker
/// reports such a name as undefined).
const json* lookup(const std::vector<const json*>& stack, std::string_view name) {
  if (name == ".") return stack.back();
  size_t dot = name.find('.');
  std::string_view part = name.substr(0, dot);
  const json* found = nullptr;
  for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it) {
    if ((*it)->is_object()) found = (*it)->find(part);
  }
  while (found && dot != std::string_view::npos) {
    size_t start = dot + 1;
    dot = name.find('.', start);
    part = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!found->is_object()) return nullptr;
    found = found->find(part);
  }
  return found;
}

bool is_falsy(const json& v) {
  return v.is_null() || (v.is_bool() && !v.boolean()) || (v.is_array() && v.empty());
}

/// Parsed templates by name, for a set load_templates did not make (tests): parsed per use.
using LocalParses = std::map<std::string, std::shared_ptr<const ParsedTemplate>>;

/// Template `name` of `set` as parsed: load_templates's parse, else parsed now into `local`.
const ParsedTemplate* parsed_template(const TemplateSet& set, const std::string& name,
                                      LocalParses& local) {
  if (auto it = set.parsed.find(name); it != set.parsed.end()) return it->second.get();
  auto [it, _] = local.emplace(name, parse_template(set.templates.at(name)->text()));
  return it->second.get();
}

/// The one walk over a template's render tree: renders it over a view (see the file comment for
/// the rules) and checks every name a tag uses, also in the parts that are not rendered (a
/// false section, an inverted section over a true value), so a typo cannot hide behind a flag.
/// Each undefined name is reported once at its tag, a missing partial or one nested more than
/// 16 deep at each use, a partial's syntax error once; after the first error the walk goes on
/// checking (nothing it renders is used).
class Walker {
 public:
  Walker(const TemplateSet& set, diag::DiagnosticEngine& diags, std::string& out)
      : m_set(set), m_diags(diags), m_out(out) {}

  /// Renders template `name` over `view`; false when something was reported.
  bool run(const std::string& name, const json& view) {
    const ParsedTemplate* p = parsed(name);
    if (!p) return false;
    m_stack.assign(1, &view);
    walk(p->nodes, m_set.templates.at(name), 0, true);
    return m_ok;
  }

 private:
  /// Template `name` as parsed, or null after reporting its syntax error (once per walk).
  const ParsedTemplate* parsed(const std::string& name) {
    const ParsedTemplate* p = parsed_template(m_set, name, m_local);
    if (!p->error) return p;
    if (m_deferred) {
      m_deferred->push_back(Deferred{Deferred::Syntax, nullptr, nullptr, name, 0});
    } else if (m_syntax_reported.insert(name).second) {
      const diag::SourcePtr& src = m_set.templates.at(name);
      m_diags.report(diag::make(diag::DiagId::err_codegen_template_syntax,
                                diag::Location::at(src, static_cast<uint32_t>(p->error->offset)),
                                {fs::path(src->path()).filename().string(), p->error->message}));
    }
    return nullptr;
  }

  /// Walks `nodes` of template `src`; `render` false for parts that are only checked.
  void walk(const std::vector<RenderNode>& nodes, const diag::SourcePtr& src, int depth,
            bool render) {
    for (const RenderNode& n : nodes) {
      switch (n.kind) {
        case RenderNode::Kind::Text:
          if (render) m_out += n.text;
          break;
        case RenderNode::Kind::Variable:
          variable(n, src, render);
          break;
        case RenderNode::Kind::Section:
          section(n, src, depth, render);
          break;
        case RenderNode::Kind::Inverted:
          inverted(n, src, depth, render);
          break;
        case RenderNode::Kind::Partial:
          partial(n, src, depth, render);
          break;
      }
    }
  }

  /// `{{x}}` prints strings (escaped unless raw), nothing for other values.
  void variable(const RenderNode& n, const diag::SourcePtr& src, bool render) {
    const json* v = lookup(m_stack, n.text);
    if (!v) return undefined(n, src);
    if (!render || !v->is_string()) return;
    if (n.raw) {
      m_out += v->str();
    } else {
      m_out += cpp_string_escape(v->str());
    }
  }

  /// A section repeats over a list, renders once with any other true value pushed, and is
  /// checked (not rendered) over false and null; an empty list has nothing to check.
  void section(const RenderNode& n, const diag::SourcePtr& src, int depth, bool render) {
    const json* v = lookup(m_stack, n.text);
    if (!v) return undefined(n, src);
    if (v->is_array()) {
      if (render && !m_deferred && v->size() >= k_parallel_items) {
        return section_in_parallel(n, src, depth, *v);
      }
      for (const json& item : v->items()) {
        m_stack.push_back(&item);
        walk(n.children, src, depth, render);
        m_stack.pop_back();
      }
    } else if (is_falsy(*v)) {
      walk(n.children, src, depth, false);
    } else {
      m_stack.push_back(v);
      walk(n.children, src, depth, render);
      m_stack.pop_back();
    }
  }

  /// An inverted section renders in the enclosing context when its value is false, null or an
  /// empty list (the value is not pushed: kainjow pushes it, so its `{{.}}` there prints
  /// nothing; the templates never use `{{.}}` inside an inverted section); else it is checked.
  void inverted(const RenderNode& n, const diag::SourcePtr& src, int depth, bool render) {
    const json* v = lookup(m_stack, n.text);
    if (!v) undefined(n, src);
    walk(n.children, src, depth, render && v && is_falsy(*v));
  }

  /// A section over a long list, its items rendered in parallel (each by a walker of its own
  /// that reports nothing: what it would report is replayed here, in item order, so each name
  /// is still reported once, where the one walk would have) and joined in order.
  void section_in_parallel(const RenderNode& n, const diag::SourcePtr& src, int depth,
                           const json& items) {
    std::vector<std::string> outs(items.size());
    std::vector<std::vector<Deferred>> deferred(items.size());
    std::vector<char> ok(items.size(), 1);
    // A set load_templates did not parse: the partials an item walker parsed hold the tags its
    // deferred reports point to, so they live until the replay below.
    std::vector<std::map<std::string, std::shared_ptr<const ParsedTemplate>>> parsed_by_item(
        items.size());
    util::parallel_for_rethrow(items.size(), [&](size_t i) {
      Walker item(m_set, m_diags, outs[i]);
      item.m_deferred = &deferred[i];
      item.m_stack = m_stack;
      item.m_stack.push_back(&items[i]);
      item.walk(n.children, src, depth, true);
      ok[i] = item.m_ok;
      parsed_by_item[i] = std::move(item.m_local);
    });
    size_t total = m_out.size();
    for (const std::string& o : outs) total += o.size();
    m_out.reserve(total);
    for (size_t i = 0; i < items.size(); ++i) {
      m_out += outs[i];
      if (!ok[i]) m_ok = false;
      for (const Deferred& d : deferred[i]) {
        switch (d.kind) {
          case Deferred::Undefined:
            undefined(*d.node, d.src);
            break;
          case Deferred::Syntax:
            (void)parsed(d.name);
            break;
          case Deferred::Partial:
            partial_error(*d.node, d.src, d.depth);
            break;
        }
      }
    }
  }

  void partial(const RenderNode& n, const diag::SourcePtr& src, int depth, bool render) {
    if (!m_set.templates.count(n.text) || depth > 16) {
      partial_error(n, src, depth);
      return;
    }
    const ParsedTemplate* p = parsed(n.text);
    if (!p) {
      m_ok = false;
      return;
    }
    walk(p->nodes, m_set.templates.at(n.text), depth + 1, render);
  }

  /// A partial that does not exist or nests too deeply, reported at each use.
  void partial_error(const RenderNode& n, const diag::SourcePtr& src, int depth) {
    m_ok = false;
    if (m_deferred) {
      m_deferred->push_back(Deferred{Deferred::Partial, &n, src, {}, depth});
      return;
    }
    m_diags.report(diag::make(
        diag::DiagId::err_codegen_template_syntax, at_tag(n, src),
        {fs::path(src->path()).filename().string(),
         depth > 16 ? "partials nest too deeply"
                    : "partial \"" + n.text + "\" does not exist (no " + n.text + ".mustache)"}));
  }

  static diag::Location at_tag(const RenderNode& n, const diag::SourcePtr& src) {
    return diag::Location::at(src, static_cast<uint32_t>(n.begin),
                              static_cast<uint32_t>(n.end - n.begin));
  }

  void undefined(const RenderNode& n, const diag::SourcePtr& src) {
    m_ok = false;
    if (m_deferred) {
      m_deferred->push_back(Deferred{Deferred::Undefined, &n, src, {}, 0});
      return;
    }
    if (!m_reported.insert({src->path(), n.begin}).second) return;
    m_diags.report(diag::make(diag::DiagId::err_codegen_template_variable, at_tag(n, src),
                              {fs::path(src->path()).filename().string(), n.text}));
  }

  /// What an item walker of section_in_parallel would have reported.
  struct Deferred {
    enum Kind { Undefined, Syntax, Partial } kind;
    const RenderNode* node;  ///< Undefined, Partial: the tag
    diag::SourcePtr src;     ///< Undefined, Partial: its template
    std::string name;        ///< Syntax: the template
    int depth;               ///< Partial
  };
  /// Lists with at least this many items are rendered in parallel (at the top level only).
  static constexpr size_t k_parallel_items = 8;

  const TemplateSet& m_set;
  diag::DiagnosticEngine& m_diags;
  std::string& m_out;
  std::vector<Deferred>* m_deferred = nullptr;  ///< set in the item walkers of a parallel section
  LocalParses m_local;
  std::vector<const json*> m_stack;
  std::set<std::pair<std::string, size_t>> m_reported;
  std::set<std::string> m_syntax_reported;
  bool m_ok = true;
};

}  // namespace

namespace {

/// Parses every template of `set` once for the run (a syntax error is reported where the
/// template is used).
void parse_all(TemplateSet& set) {
  for (const auto& [name, src] : set.templates) set.parsed[name] = parse_template(src->text());
}

}  // namespace

std::optional<std::vector<fs::path>> template_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".mustache") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TemplateSet load_templates(const config::Config& config, diag::DiagnosticEngine& diags) {
  TemplateSet set;
  if (std::optional<std::vector<fs::path>> files =
          template_files(config.resolve(config.templates))) {
    for (const fs::path& f : *files) {
      util::ReadResult r = util::read_file(f);
      std::string shown = (fs::path(config.templates) / f.filename()).generic_string();
      if (!r.text) {
        diags.report(diag::make(diag::DiagId::err_file_unreadable, {}, {shown, r.error}));
        continue;
      }
      diag::SourcePtr source = diag::make_source(shown, std::move(*r.text));
      if (diag::check_encoding(source, diags)) set.templates[f.stem().string()] = source;
    }
    parse_all(set);
    for (const char* required : {"models.hpp", "queries.hpp"}) {
      if (!set.templates.count(required)) {
        diags.report(diag::make(diag::DiagId::err_codegen_template_not_found, {},
                                {std::string(required) + ".mustache", config.templates}));
      }
    }
    return set;
  }
  if (config.templates_loc.source) {
    // Named in sqlgen.yaml: a typo must not silently give the built-in templates.
    std::error_code ec;
    const fs::path dir = config.resolve(config.templates);
    if (fs::exists(dir, ec)) {
      diags.report(diag::make(diag::DiagId::err_file_unreadable, config.templates_loc,
                              {config.templates, "not a directory"}));
    } else {
      diags.report(
          diag::make(diag::DiagId::err_file_not_found, config.templates_loc, {config.templates}));
    }
    return set;
  }
  for (const auto& [name, text] : builtin_templates()) {
    set.templates[name] = diag::make_source("<builtin>/" + name + ".mustache", text);
  }
  parse_all(set);
  return set;
}

namespace {

/// Whether `nodes` (of a template of `set`) or a partial they use has section `section`.
bool has_section(const TemplateSet& set, const std::vector<RenderNode>& nodes,
                 std::string_view section, int depth, LocalParses& local) {
  for (const RenderNode& n : nodes) {
    if (n.kind == RenderNode::Kind::Section && n.text == section) return true;
    if (n.kind == RenderNode::Kind::Partial && depth < 16 && set.templates.count(n.text)) {
      const ParsedTemplate* partial = parsed_template(set, n.text, local);
      if (!partial->error && has_section(set, partial->nodes, section, depth + 1, local)) {
        return true;
      }
    }
    if (has_section(set, n.children, section, depth, local)) return true;
  }
  return false;
}

}  // namespace

bool template_has_section(const TemplateSet& set, const std::string& name,
                          std::string_view section) {
  if (!set.templates.count(name)) return false;
  LocalParses local;
  const ParsedTemplate* p = parsed_template(set, name, local);
  return !p->error && has_section(set, p->nodes, section, 0, local);
}

std::optional<std::string> render_template(const TemplateSet& set, const std::string& name,
                                           const json& view, diag::DiagnosticEngine& diags) {
  if (!set.templates.count(name)) return std::nullopt;  // reported by load_templates
  std::string out;
  if (!Walker(set, diags, out).run(name, view)) return std::nullopt;

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
