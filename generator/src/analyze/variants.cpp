// Optional parameters and sorts: which AND terms each optional parameter's emptiness leaves
// out, found on PostgreSQL's tokens (the syntax tree has no end offsets) guided by the tree, and
// the text of each variant.
#include "analyze/variants.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>
#include <set>
#include <string_view>

#include "parse/tokens.hpp"
#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using diag::DiagId;
using parse::Token;

constexpr size_t k_max_optionals = 4;
constexpr size_t k_max_variants = 256;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A token that names something: an identifier, a keyword or a quoted identifier.
bool is_name(const Token& t) {
  if (t.text.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t.text[0]);
  return std::isalpha(c) || c == '_' || c == '"' || c >= 0x80;
}

/// An identifier as PostgreSQL reads it: quoted ones as written, others in lower case.
std::string identifier(const std::string& text) {
  if (text.size() >= 2 && text.front() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      out += text[i];
      if (text[i] == '"') ++i;  // a doubled quote
    }
    return out;
  }
  return lower(text);
}

/// Keywords that end a WHERE, HAVING or JOIN ON condition at its own parenthesis depth.
bool ends_condition(const std::vector<Token>& toks, size_t i) {
  static const std::set<std::string> k_end = {
      "where", "group",     "having", "window",    "order",  "limit", "offset", "fetch",
      "for",   "returning", "union",  "intersect", "except", "join",  "inner",  "left",
      "right", "full",      "cross",  "natural",   "on",     "into"};
  const Token& t = toks[i];
  if (t.text == "," || t.text == ";") return true;
  if (!t.keyword || !k_end.count(t.text)) return false;
  // `left(s, 2)`, `right(...)`: functions.
  return !((t.text == "left" || t.text == "right") && i + 1 < toks.size() &&
           toks[i + 1].text == "(");
}

bool opens(const Token& t) {
  return t.text == "(" || t.text == "[" || (t.keyword && t.text == "case");
}
bool closes(const Token& t) {
  return t.text == ")" || t.text == "]" || (t.keyword && t.text == "end");
}

/// Plans the variants of one query: its conditions' AND terms and where each optional
/// parameter is used.
class VariantPlanner {
 public:
  VariantPlanner(const source::Query& query, ParamPlan& params, diag::DiagnosticEngine& diags,
                 VariantPlan& plan)
      : m_query(query), m_params(params), m_diags(diags), m_plan(plan) {}

  void run(const parse::Stmt& stmt);

 private:
  void report(DiagId id, uint32_t offset, uint32_t length, std::vector<std::string> args) {
    m_diags.report(
        diag::make(id, diag::Location::at(m_query.source, offset, length), std::move(args)));
    m_plan.failed = true;
  }
  /// The length of the token at `offset`; `@name` (two tokens) whole.
  uint32_t token_length(uint32_t offset) const {
    for (size_t i = 0; i < m_tokens.size(); ++i) {
      const Token& t = m_tokens[i];
      if (t.offset != offset) continue;
      if (t.text == "@" && i + 1 < m_tokens.size() && m_tokens[i + 1].offset == offset + 1) {
        return 1 + m_tokens[i + 1].length;
      }
      return t.length;
    }
    return 0;
  }
  void report_at(DiagId id, const parse::Expr& e, std::vector<std::string> args) {
    report(id, e.span.offset, std::max(e.span.length, token_length(e.span.offset)),
           std::move(args));
  }
  /// The index of the token starting at or after `offset`.
  size_t token_at(uint32_t offset) const {
    auto it = std::lower_bound(m_tokens.begin(), m_tokens.end(), offset,
                               [](const Token& t, uint32_t off) { return t.offset < off; });
    return static_cast<size_t>(it - m_tokens.begin());
  }
  void conditions_of(const parse::Stmt& s);
  void from_item(const parse::FromItem& item);
  void add_condition(const parse::Expr* expr, const char* keyword, bool join_on);
  /// The tokens [b, e) split at the ANDs of their own depth (not BETWEEN's).
  std::vector<std::pair<size_t, size_t>> split_and(size_t b, size_t e) const;
  int build_group(size_t b, size_t e, int clause);
  /// The innermost AND term holding `offset`, or null.
  AndTerm* term_at(uint32_t offset);
  void place_optionals(const parse::Stmt& stmt);
  void check_sorts(const parse::Stmt& stmt);

  const source::Query& m_query;
  ParamPlan& m_params;
  diag::DiagnosticEngine& m_diags;
  VariantPlan& m_plan;
  std::vector<Token> m_tokens;
};

std::vector<std::pair<size_t, size_t>> VariantPlanner::split_and(size_t b, size_t e) const {
  std::vector<std::pair<size_t, size_t>> out;
  int depth = 0;
  int between = 0;  // BETWEENs at depth 0 whose AND is still ahead
  size_t start = b;
  for (size_t i = b; i < e; ++i) {
    const Token& t = m_tokens[i];
    if (opens(t)) {
      ++depth;
    } else if (closes(t)) {
      --depth;
    } else if (depth == 0 && t.keyword && t.text == "between") {
      ++between;
    } else if (depth == 0 && t.keyword && t.text == "and") {
      if (between > 0) {
        --between;
      } else {
        out.emplace_back(start, i);
        start = i + 1;
      }
    }
  }
  out.emplace_back(start, e);
  return out;
}

int VariantPlanner::build_group(size_t b, size_t e, int clause) {
  int gi = static_cast<int>(m_plan.groups.size());
  m_plan.groups.emplace_back();
  m_plan.groups[gi].clause = clause;
  for (const auto& [sb, se] : split_and(b, e)) {
    if (sb >= se) continue;
    AndTerm term;
    term.begin = m_tokens[sb].offset;
    term.end = m_tokens[se - 1].offset + m_tokens[se - 1].length;
    if (m_tokens[sb].text == "(" && m_tokens[se - 1].text == ")") {
      // `(a AND b)`: its own terms, when the parentheses are one pair.
      int depth = 0;
      size_t close = sb;
      for (size_t i = sb; i < se; ++i) {
        if (m_tokens[i].text == "(" || m_tokens[i].text == "[") ++depth;
        if ((m_tokens[i].text == ")" || m_tokens[i].text == "]") && --depth == 0) {
          close = i;
          break;
        }
      }
      if (close == se - 1 && split_and(sb + 1, se - 1).size() > 1) {
        term.sub = build_group(sb + 1, se - 1, -1);
      }
    }
    m_plan.groups[gi].terms.push_back(term);
  }
  return gi;
}

void VariantPlanner::add_condition(const parse::Expr* expr, const char* keyword, bool join_on) {
  if (!expr) return;
  // Where the condition starts: its smallest location (a node without one has the statement's).
  uint32_t first = std::numeric_limits<uint32_t>::max();
  parse::walk_expr(expr, [&](const parse::Expr& e) {
    if (e.span.offset > m_query.offset) first = std::min(first, e.span.offset);
  });
  if (first == std::numeric_limits<uint32_t>::max()) return;
  size_t at = token_at(first);
  size_t kw = at;
  while (kw > 0) {
    --kw;
    if (m_tokens[kw].keyword && m_tokens[kw].text == keyword) break;
  }
  if (at == 0 || !m_tokens[kw].keyword || m_tokens[kw].text != keyword) {
    return;
  }
  size_t end = kw + 1;
  for (int depth = 0; end < m_tokens.size(); ++end) {
    const Token& t = m_tokens[end];
    if (depth == 0 && (ends_condition(m_tokens, end) || closes(t))) break;
    if (opens(t)) ++depth;
    if (closes(t)) --depth;
  }
  if (end <= kw + 1) return;
  Condition c;
  c.join_on = join_on;
  c.keyword = m_tokens[kw].offset;
  c.begin = m_tokens[kw + 1].offset;
  c.end = m_tokens[end - 1].offset + m_tokens[end - 1].length;
  int ci = static_cast<int>(m_plan.conditions.size());
  m_plan.conditions.push_back(c);
  m_plan.conditions[ci].group = build_group(kw + 1, end, ci);
}

void VariantPlanner::from_item(const parse::FromItem& item) {
  if (item.kind != parse::FromItem::Kind::Join) return;
  const auto& j = item.as<parse::JoinRef>();
  if (j.left) from_item(*j.left);
  if (j.right) from_item(*j.right);
  add_condition(j.on.get(), "on", true);
}

void VariantPlanner::conditions_of(const parse::Stmt& s) {
  switch (s.kind) {
    case parse::StmtKind::Select: {
      const auto& sel = s.as<parse::SelectStmt>();
      for (const parse::FromItemPtr& f : sel.from) from_item(*f);
      add_condition(sel.where.get(), "where", false);
      add_condition(sel.having.get(), "having", false);
      break;
    }
    case parse::StmtKind::Update: {
      const auto& up = s.as<parse::UpdateStmt>();
      for (const parse::FromItemPtr& f : up.from) from_item(*f);
      add_condition(up.where.get(), "where", false);
      break;
    }
    case parse::StmtKind::Delete: {
      const auto& del = s.as<parse::DeleteStmt>();
      for (const parse::FromItemPtr& f : del.using_items) from_item(*f);
      add_condition(del.where.get(), "where", false);
      break;
    }
    default:
      break;
  }
}

AndTerm* VariantPlanner::term_at(uint32_t offset) {
  AndTerm* best = nullptr;
  for (AndGroup& g : m_plan.groups) {
    for (AndTerm& t : g.terms) {
      if (t.begin <= offset && offset < t.end &&
          (!best || t.end - t.begin < best->end - best->begin)) {
        best = &t;
      }
    }
  }
  return best;
}

void VariantPlanner::place_optionals(const parse::Stmt& stmt) {
  // Uses under an OR (at their own query level: a subquery's condition is its own).
  std::set<const parse::Expr*> under_or;
  std::function<void(const parse::Expr&)> mark = [&](const parse::Expr& e) {
    under_or.insert(&e);
    parse::for_each_child(e, mark);
  };
  parse::walk_stmt(stmt, [&](const parse::Expr& e) {
    if (e.kind == parse::ExprKind::BoolExpr &&
        e.as<parse::BoolExpr>().op == parse::BoolExpr::Op::Or) {
      parse::for_each_child(e, mark);
    }
  });
  std::vector<AndTerm*> used;
  for (size_t i = 0; i < m_plan.optionals.size(); ++i) {
    const ParamSlot* slot = nullptr;
    for (const ParamSlot& p : m_params.params) {
      if (p.name == m_plan.optionals[i]) slot = &p;
    }
    for (const parse::Expr* use : slot->uses) {
      if (under_or.count(use)) {
        report_at(DiagId::err_optional_use, *use, {slot->name, "inside an OR"});
        continue;
      }
      AndTerm* term = term_at(use->span.offset);
      if (!term) {
        report_at(DiagId::err_optional_use, *use,
                  {slot->name, "outside a WHERE, HAVING or JOIN ON condition"});
        continue;
      }
      if (std::find(term->optionals.begin(), term->optionals.end(), static_cast<int>(i)) ==
          term->optionals.end()) {
        term->optionals.push_back(static_cast<int>(i));
      }
      if (std::find(used.begin(), used.end(), term) == used.end()) used.push_back(term);
    }
  }
  // A term left out takes with it every parameter in it: those of other optional parameters
  // (then the numbering of one variant depends on two) and required ones are refused.
  for (const AndTerm* term : used) {
    const std::string& owner = m_plan.optionals[term->optionals.front()];
    for (const ParamSlot& p : m_params.params) {
      if (p.name == owner) continue;
      for (const parse::Expr* use : p.uses) {
        if (term->begin <= use->span.offset && use->span.offset < term->end) {
          report_at(DiagId::err_optional_shared_term, *use,
                    {p.name.empty() ? "$" + std::to_string(p.number) : p.name, owner});
          break;
        }
      }
    }
  }
  // A JOIN ON left empty becomes TRUE, written in place of the condition (a variant keeps the
  // file's offsets): "1=1" where "TRUE" does not fit; nothing shorter is true.
  for (const Condition& c : m_plan.conditions) {
    if (c.join_on && c.end - c.begin < 3) {
      for (const AndTerm& t : m_plan.groups[c.group].terms) {
        if (!t.optionals.empty()) {
          report(DiagId::err_optional_use, c.begin, c.end - c.begin,
                 {m_plan.optionals[t.optionals.front()],
                  "as a whole JOIN ON condition two characters long (too short to be replaced "
                  "by a true condition when it is empty: give it a longer name)"});
          break;
        }
      }
    }
  }
}

void VariantPlanner::check_sorts(const parse::Stmt& stmt) {
  // sqlgen.sort() is a whole ORDER BY item: each call the tokens found must be one.
  std::set<uint32_t> in_order_by;
  std::vector<const parse::Expr*> calls;
  parse::walk_stmt(
      stmt,
      [&](const parse::Expr& e) {
        if (e.kind == parse::ExprKind::FuncCall &&
            macro_name(e.as<parse::FuncCallExpr>()) == "sort") {
          calls.push_back(&e);
        }
      },
      [&](const parse::Stmt& s) {
        if (s.kind != parse::StmtKind::Select) return;
        for (const parse::SortBy& item : s.as<parse::SelectStmt>().order_by) {
          if (item.expr && item.expr->kind == parse::ExprKind::FuncCall &&
              macro_name(item.expr->as<parse::FuncCallExpr>()) == "sort") {
            in_order_by.insert(item.expr->span.offset);
          }
        }
      });
  for (const parse::Expr* call : calls) {
    if (!in_order_by.count(call->span.offset)) {
      report_at(DiagId::err_sort_bad_call, *call, {"sqlgen.sort() outside ORDER BY"});
    }
  }
  std::set<std::string> names;
  for (const SortSlot& s : m_plan.sorts) {
    if (!names.insert(s.name).second) {
      report(DiagId::err_sort_bad_call, s.head.offset, s.head.length,
             {"a second sort named \"" + s.name + "\""});
    }
    for (const ParamSlot& p : m_params.params) {
      if (p.name == s.name) {
        report(DiagId::err_sort_bad_call, s.head.offset, s.head.length,
               {"\"" + s.name + "\" is also the name of a parameter"});
      }
    }
  }
}

void VariantPlanner::run(const parse::Stmt& stmt) {
  for (const SortSlot& s : m_plan.sorts) {
    if (s.bad) m_plan.failed = true;  // reported by find_sorts
  }
  if (m_plan.failed) return;
  const uint32_t name_at = m_query.name_offset, name_len = m_query.name_length;
  for (const source::QueryAnnotation& a : m_query.annotations) {
    if (a.kind != "optional") continue;
    for (std::string name : a.args) {
      if (!name.empty() && name[0] == '@') name.erase(0, 1);
      bool found = false;
      for (ParamSlot& p : m_params.params) {
        if (!p.name.empty() && p.name == name) {
          p.optional = true;
          found = true;
        }
      }
      if (!found) report(DiagId::err_optional_unknown, a.offset, a.length, {name, m_query.name});
    }
  }
  for (const ParamSlot& p : m_params.params) {
    if (p.optional) m_plan.optionals.push_back(p.name);
  }
  if (!m_plan.needed()) return;
  // Only now: most queries have neither optional parameters nor sorts.
  m_tokens = parse::scan_tokens(m_query.source->text(), m_query.offset, m_query.length);
  const size_t k = m_plan.optionals.size();
  if (k > k_max_optionals) {
    report(DiagId::err_optional_too_many, name_at, name_len,
           {m_query.name, std::to_string(k), m_plan.optionals[k_max_optionals]});
    return;
  }
  using source::QueryCommand;
  const QueryCommand cmd = m_query.command;
  if (cmd != QueryCommand::One && cmd != QueryCommand::Many && cmd != QueryCommand::Exec &&
      cmd != QueryCommand::ExecRows && cmd != QueryCommand::ExecResult) {
    std::string why = std::string("query \"") + m_query.name +
                      "\" is :" + source::command_name(cmd) +
                      ", which runs one statement for many values";
    if (k > 0) {
      report(DiagId::err_optional_conflict, name_at, name_len,
             {m_plan.optionals[0], "needs a query run once per call: " + why});
    } else {
      report(DiagId::err_sort_bad_call, m_plan.sorts[0].call.offset, m_plan.sorts[0].call.length,
             {why});
    }
    return;
  }
  for (const ParamSlot& p : m_params.params) {
    if (k > 0 && p.name.empty() && !p.uses.empty()) {
      report_at(DiagId::err_optional_conflict, *p.uses.front(),
                {m_plan.optionals[0], "cannot share a query with positional parameters such as $" +
                                          std::to_string(p.number) + ": name them (@name)"});
    }
    if (p.optional && p.narg && !p.uses.empty()) {
      report_at(DiagId::err_optional_conflict, *p.uses.front(),
                {p.name, "cannot also be sqlgen.narg: when empty, its condition is left out"});
    }
  }
  check_sorts(stmt);
  if (m_plan.failed) return;
  parse::walk_stmt(
      stmt, [](const parse::Expr&) {}, [&](const parse::Stmt& s) { conditions_of(s); });
  place_optionals(stmt);
  if (!m_plan.failed && m_plan.count() > k_max_variants) {
    report(DiagId::err_too_many_variants, name_at, name_len,
           {m_query.name, std::to_string(m_plan.count()), std::to_string(k_max_variants)});
  }
}

}  // namespace

std::vector<SortSlot> find_sorts(const source::Query& query, diag::DiagnosticEngine& diags) {
  std::vector<SortSlot> out;
  const std::string& text = query.source->text();
  // Most queries have no sqlgen.sort(): a search without a copy of the text decides.
  const std::string_view sql(text.data() + query.offset, query.length);
  constexpr std::string_view k_sqlgen = "sqlgen";
  if (std::search(sql.begin(), sql.end(), k_sqlgen.begin(), k_sqlgen.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      }) == sql.end()) {
    return out;
  }
  std::vector<Token> toks = parse::scan_tokens(text, query.offset, query.length);
  auto at = [&](size_t i) -> const Token& {
    static const Token k_none;
    return i < toks.size() ? toks[i] : k_none;
  };
  for (size_t i = 0; i + 3 < toks.size(); ++i) {
    if (lower(toks[i].text) != "sqlgen" || toks[i + 1].text != "." ||
        lower(toks[i + 2].text) != "sort" || toks[i + 3].text != "(") {
      continue;
    }
    auto fail = [&](size_t j, const std::string& why) {
      // Past the text's end (`sqlgen.sort(` last): up to the last token.
      const Token& before = toks[std::min(j - 1, toks.size() - 1)];
      uint32_t end = at(j).length ? at(j).offset + at(j).length : before.offset + 1;
      diags.report(diag::make(
          DiagId::err_sort_bad_call,
          diag::Location::at(query.source, toks[i].offset, end - toks[i].offset), {why}));
    };
    SortSlot s;
    size_t j = i + 4;
    if (!is_name(at(j)) || (at(j + 1).text != ":" && at(j + 1).text != ",")) {
      fail(j + 1, "sqlgen.sort() needs a name first");
      continue;
    }
    s.name = identifier(at(j).text);
    s.head = parse::Span{at(j).offset, at(j + 1).offset + 1 - at(j).offset};
    j += 2;
    bool ok = true;
    while (true) {
      if (!is_name(at(j))) {
        fail(j, "a column name was expected");
        ok = false;
        break;
      }
      uint32_t begin = at(j).offset;
      std::string label = identifier(at(j).text);
      while (at(j + 1).text == "." && is_name(at(j + 2))) {
        label = identifier(at(j + 2).text);
        j += 2;
      }
      uint32_t end = at(j).offset + at(j).length;
      if (std::find(s.labels.begin(), s.labels.end(), label) != s.labels.end()) {
        fail(j, "column \"" + label + "\" is listed twice");
        ok = false;
        break;
      }
      s.columns.push_back(text.substr(begin, end - begin));
      s.labels.push_back(label);
      s.column_spans.push_back(parse::Span{begin, end - begin});
      ++j;
      if (at(j).text == ")") break;
      if (at(j).text != ",") {
        fail(j, "\",\" or \")\" was expected after a column");
        ok = false;
        break;
      }
      ++j;
    }
    if (ok) {
      s.call = parse::Span{toks[i].offset, at(j).offset + 1 - toks[i].offset};
      const Token& next = at(j + 1);
      if (next.keyword && (next.text == "asc" || next.text == "desc" || next.text == "nulls" ||
                           next.text == "using")) {
        fail(j + 1, "the direction is a parameter of the generated function, not SQL");
        ok = false;
      }
    }
    s.bad = !ok;
    out.push_back(std::move(s));
  }
  return out;
}

std::string sort_placeholder_text(const std::string& text, const std::vector<SortSlot>& sorts) {
  std::string out = text;
  for (const SortSlot& s : sorts) {
    for (uint32_t k = s.head.offset; k < s.head.offset + s.head.length; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  }
  return out;
}

size_t VariantPlan::count() const {
  size_t n = size_t{1} << optionals.size();
  for (const SortSlot& s : sorts) n *= 2 * s.columns.size();
  return n;
}

VariantPlan plan_variants(const parse::Stmt& stmt, const source::Query& query, ParamPlan& params,
                          std::vector<SortSlot> sorts, diag::DiagnosticEngine& diags) {
  VariantPlan plan;
  plan.sorts = std::move(sorts);
  VariantPlanner(query, params, diags, plan).run(stmt);
  return plan;
}

std::string Variant::describe(const VariantPlan& plan) const {
  std::string out;
  for (size_t i = 0; i < plan.optionals.size(); ++i) {
    out +=
        (out.empty() ? "with \"" : ", \"") + plan.optionals[i] + "\" " + (set[i] ? "set" : "empty");
  }
  for (size_t i = 0; i < plan.sorts.size(); ++i) {
    out += (out.empty() ? "" : ", ") + std::string("sorted by \"") +
           plan.sorts[i].labels[sort_column[i]] + "\" " +
           (sort_desc[i] ? "descending" : "ascending");
  }
  return out;
}

Variant make_variant(const VariantPlan& plan, const std::string& file_text, size_t index) {
  Variant v;
  const size_t k = plan.optionals.size();
  for (size_t i = 0; i < k; ++i) v.set.push_back((index >> i) & 1);
  size_t rest = index >> k;
  for (const SortSlot& s : plan.sorts) {
    size_t choice = rest % (2 * s.columns.size());
    rest /= 2 * s.columns.size();
    v.sort_column.push_back(choice / 2);
    v.sort_desc.push_back(choice % 2 == 1);
  }
  // Which terms are left out: those of an empty optional parameter, and a parenthesized AND
  // whose terms all are.
  std::function<bool(const AndTerm&)> removed = [&](const AndTerm& t) {
    for (int o : t.optionals) {
      if (!v.set[static_cast<size_t>(o)]) return true;
    }
    if (t.sub < 0) return false;
    for (const AndTerm& inner : plan.groups[static_cast<size_t>(t.sub)].terms) {
      if (!removed(inner)) return false;
    }
    return true;
  };
  std::vector<Edit> edits;
  std::function<void(int)> group_edits = [&](int gi) {
    const std::vector<AndTerm>& terms = plan.groups[static_cast<size_t>(gi)].terms;
    std::vector<bool> gone;
    for (const AndTerm& t : terms) gone.push_back(removed(t));
    if (std::all_of(gone.begin(), gone.end(), [](bool b) { return b; })) {
      const int ci = plan.groups[static_cast<size_t>(gi)].clause;
      if (ci < 0) return;  // the enclosing term is left out
      const Condition& c = plan.conditions[static_cast<size_t>(ci)];
      if (c.join_on) {
        edits.push_back(Edit{c.begin, c.end - c.begin, c.end - c.begin >= 4 ? "TRUE" : "1=1"});
      } else {
        edits.push_back(Edit{c.keyword, c.end - c.keyword, ""});
      }
      return;
    }
    bool kept_before = false;
    for (size_t i = 0; i < terms.size(); ++i) {
      if (!gone[i]) {
        kept_before = true;
        if (terms[i].sub >= 0) group_edits(terms[i].sub);
      } else if (kept_before) {  // ` AND term`
        edits.push_back(Edit{terms[i - 1].end, terms[i].end - terms[i - 1].end, ""});
      } else {  // `term AND `: a later term is kept
        edits.push_back(Edit{terms[i].begin, terms[i + 1].begin - terms[i].begin, ""});
      }
    }
  };
  for (const Condition& c : plan.conditions) group_edits(c.group);
  for (size_t i = 0; i < plan.sorts.size(); ++i) {
    const SortSlot& s = plan.sorts[i];
    edits.push_back(Edit{s.call.offset, s.call.length,
                         s.columns[v.sort_column[i]] + (v.sort_desc[i] ? " DESC" : " ASC")});
  }
  // Edits inside another (a subquery's condition in a term left out) go with it.
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
  });
  uint32_t covered = 0;
  for (Edit& e : edits) {
    if (e.offset < covered && e.offset + e.length <= covered) continue;
    covered = std::max(covered, e.offset + e.length);
    v.edits.push_back(std::move(e));
  }
  v.text = file_text;
  for (const Edit& e : v.edits) {
    for (uint32_t p = e.offset; p < e.offset + e.length; ++p) {
      if (v.text[p] != '\n') v.text[p] = ' ';
    }
    v.text.replace(e.offset, std::min<size_t>(e.text.size(), e.length), e.text, 0,
                   std::min<size_t>(e.text.size(), e.length));
  }
  return v;
}

}  // namespace sqlgen::analyze
