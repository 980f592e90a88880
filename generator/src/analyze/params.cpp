#include "analyze/params.hpp"

#include <algorithm>
#include <map>

#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;

/// Offset just past the `)` closing the call that starts at `offset`.
uint32_t call_end(const std::string& text, uint32_t offset) {
  size_t i = text.find('(', offset);
  if (i == std::string::npos) return offset;
  int depth = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      for (++i; i < text.size() && text[i] != c; ++i) {
      }
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return static_cast<uint32_t>(i + 1);
    }
  }
  return static_cast<uint32_t>(text.size());
}

/// The parameter name inside `sqlgen.arg(name)`: an identifier or a string.
std::string macro_arg(const FuncCallExpr& call) {
  if (call.args.size() != 1 || !call.args[0]) return {};
  const Expr& a = *call.args[0];
  if (a.kind == ExprKind::ColumnRef && a.as<ColumnRefExpr>().fields.size() == 1 &&
      !a.as<ColumnRefExpr>().star) {
    return a.as<ColumnRefExpr>().fields[0];
  }
  if (a.kind == ExprKind::Const && a.as<ConstExpr>().type == ConstExpr::Type::String) {
    return a.as<ConstExpr>().text;
  }
  return {};
}

/// `@name`: the prefix operator "@" applied to a bare column name.
bool is_at_param(const Expr& e, std::string* name) {
  if (e.kind != ExprKind::AExpr) return false;
  const auto& a = e.as<AExpr>();
  if (a.op != AExpr::Op::Op || a.lhs || !a.rhs || a.name.size() != 1 || a.name[0] != "@") {
    return false;
  }
  // `@name::type` parses as `@ (name::type)`: the cast binds tighter.
  const Expr* operand = a.rhs.get();
  while (operand->kind == ExprKind::TypeCast && operand->as<TypeCastExpr>().arg) {
    operand = operand->as<TypeCastExpr>().arg.get();
  }
  if (operand->kind != ExprKind::ColumnRef) return false;
  const auto& c = operand->as<ColumnRefExpr>();
  if (c.fields.size() != 1 || c.star) return false;
  *name = c.fields[0];
  return true;
}

/// plan_params' state while it walks the statement: the slots found so far, by name and by
/// number, and the edits that become `$n` once named parameters are numbered.
class ParamPlanner {
 public:
  ParamPlanner(const diag::SourcePtr& source, diag::DiagnosticEngine& diags)
      : m_source(source), m_text(source->text()), m_diags(diags) {}

  /// One expression of the walk.
  void visit(const Expr& e) {
    if (e.kind == ExprKind::AExpr && e.as<AExpr>().op == AExpr::Op::In) slice_list(e);
    std::string name;
    if (e.kind == ExprKind::ParamRef) {
      positional(e);
    } else if (is_at_param(e, &name)) {
      const Expr* id = e.as<AExpr>().rhs.get();
      while (id->kind == ExprKind::TypeCast) id = id->as<TypeCastExpr>().arg.get();
      uint32_t end = id->span.offset + id->span.length;
      named_slot(name, e, e.span.offset, end - e.span.offset);
    } else if (e.kind == ExprKind::FuncCall) {
      macro_call(e);
    }
  }

  /// The plan, once every expression was visited: named parameters numbered.
  ParamPlan finish();

 private:
  /// The slot of named parameter `name`, used at `node` (spelled at [off, off+len)).
  size_t named_slot(const std::string& name, const Expr& node, uint32_t off, uint32_t len);
  /// `$n`.
  void positional(const Expr& e);
  /// `x IN (sqlc.slice(ids))`: sqlc expands the list at run time; here the slice is one array
  /// and the SQL sent says so (`IN (` becomes `= ANY(`, `NOT IN (` `<> ALL(`).
  void slice_list(const Expr& e);
  /// `sqlgen.arg/narg/slice/opt(name)`, `sqlgen.embed(t)` and their `sqlc.` spellings
  /// (`sqlgen.opt` and `sqlgen.sort`, variants.cpp's, have none).
  void macro_call(const Expr& e);
  void report(diag::DiagId id, const Expr& at, std::vector<std::string> args) {
    m_diags.report(
        diag::make(id, diag::Location::at(m_source, at.span.offset, at.span.length), args));
  }

  const diag::SourcePtr& m_source;
  const std::string& m_text;
  diag::DiagnosticEngine& m_diags;
  ParamPlan m_plan;
  std::map<std::string, size_t> m_by_name;
  std::map<int, size_t> m_by_number;
  std::vector<std::pair<size_t, size_t>> m_edit_slot;  ///< edit index → slot index
};

size_t ParamPlanner::named_slot(const std::string& name, const Expr& node, uint32_t off,
                                uint32_t len) {
  auto it = m_by_name.find(name);
  size_t idx;
  if (it == m_by_name.end()) {
    idx = m_plan.params.size();
    ParamSlot slot;
    slot.name = name;
    m_plan.params.push_back(slot);
    m_by_name[name] = idx;
  } else {
    idx = it->second;
  }
  m_plan.params[idx].uses.push_back(&node);
  m_plan.edits.push_back(Edit{off, len, ""});  // number filled in by finish()
  m_edit_slot.emplace_back(m_plan.edits.size() - 1, idx);
  return idx;
}

void ParamPlanner::positional(const Expr& e) {
  int n = e.as<ParamRefExpr>().number;
  auto it = m_by_number.find(n);
  size_t idx;
  if (it == m_by_number.end()) {
    idx = m_plan.params.size();
    ParamSlot slot;
    slot.number = n;
    m_plan.params.push_back(slot);
    m_by_number[n] = idx;
  } else {
    idx = it->second;
  }
  m_plan.params[idx].uses.push_back(&e);
}

void ParamPlanner::slice_list(const Expr& e) {
  const auto& a = e.as<AExpr>();
  if (a.list.size() != 1 || !a.list[0] || a.list[0]->kind != ExprKind::FuncCall ||
      macro_name(a.list[0]->as<FuncCallExpr>()) != "slice") {
    return;
  }
  // Only `IN (` / `NOT IN (` with white space between: a comment there is left alone (the
  // slice then stays an error).
  size_t paren = m_text.find_first_not_of("INOTinot \t\r\n", e.span.offset);
  if (paren != std::string::npos && m_text[paren] == '(' && paren < a.list[0]->span.offset) {
    bool negated = !a.name.empty() && a.name.back() == "<>";
    m_plan.edits.push_back(Edit{e.span.offset, static_cast<uint32_t>(paren + 1 - e.span.offset),
                                negated ? "<> ALL(" : "= ANY("});
    m_plan.slice_lists.insert(&e);
  }
}

void ParamPlanner::macro_call(const Expr& e) {
  const auto& call = e.as<FuncCallExpr>();
  std::string macro = macro_name(call);
  if (macro.empty()) return;
  uint32_t end = call_end(m_text, e.span.offset);
  if (macro == "embed") {
    std::string table = macro_arg(call);
    if (table.empty()) {
      report(diag::DiagId::err_param_bad_arg, e, {call.name[0] + ".embed"});
      return;
    }
    m_plan.embeds.push_back(EmbedUse{table, &e, e.span.offset, end - e.span.offset});
    return;
  }
  if (macro == "sort" && call.name[0] == "sqlgen") return;  // variants.cpp's
  if (macro != "arg" && macro != "narg" && macro != "slice" &&
      !(macro == "opt" && call.name[0] == "sqlgen")) {
    std::vector<std::string> known = {"arg", "narg", "slice", "embed"};
    if (call.name[0] == "sqlgen") known.insert(known.end(), {"opt", "sort"});
    std::string hint = diag::did_you_mean(macro, known);
    report(diag::DiagId::err_param_unknown_macro, e,
           {call.name[0] + "." + macro, hint.empty() ? "" : ", " + hint});
    return;
  }
  std::string pname = macro_arg(call);
  if (pname.empty()) {
    report(diag::DiagId::err_param_bad_arg, e, {call.name[0] + "." + macro});
    return;
  }
  size_t slot = named_slot(pname, e, e.span.offset, end - e.span.offset);
  m_plan.params[slot].narg = m_plan.params[slot].narg || macro == "narg";
  m_plan.params[slot].slice = m_plan.params[slot].slice || macro == "slice";
  m_plan.params[slot].optional = m_plan.params[slot].optional || macro == "opt";
}

ParamPlan ParamPlanner::finish() {
  // Named parameters take, in the order they were first met, the lowest numbers no positional
  // parameter uses (sqlc's rule), so `$1` and `@x` mix: `WHERE id = $1 AND team = @team` sends
  // `$1` and `$2`. walk_stmt meets them in sqlc's clause order (a WITH clause after the
  // statement, OFFSET before LIMIT): `LIMIT @lim OFFSET @off` sends `LIMIT $2 OFFSET $1`.
  int next = 1;
  for (size_t idx = 0; idx < m_plan.params.size(); ++idx) {
    if (m_plan.params[idx].name.empty()) continue;
    while (m_by_number.count(next)) ++next;
    m_plan.params[idx].number = next++;
  }
  for (const auto& [edit, slot] : m_edit_slot) {
    m_plan.edits[edit].text = "$" + std::to_string(m_plan.params[slot].number);
  }
  for (const ParamSlot& p : m_plan.params) {
    for (const Expr* use : p.uses) m_plan.number_of[use] = p.number;
  }
  std::sort(m_plan.params.begin(), m_plan.params.end(),
            [](const ParamSlot& a, const ParamSlot& b) { return a.number < b.number; });
  return std::move(m_plan);
}

}  // namespace

bool param_under_cast(const Expr& param) {
  return param.kind == ExprKind::AExpr && param.as<AExpr>().rhs &&
         param.as<AExpr>().rhs->kind == ExprKind::TypeCast;
}

std::string macro_name(const FuncCallExpr& call) {
  if (call.name.size() != 2 || (call.name[0] != "sqlgen" && call.name[0] != "sqlc")) return {};
  return call.name[1];
}

ParamPlan plan_params(const Stmt& stmt, const diag::SourcePtr& source,
                      diag::DiagnosticEngine& diags) {
  ParamPlanner planner(source, diags);
  walk_stmt(stmt, [&](const Expr& e) { planner.visit(e); });
  return planner.finish();
}

std::string apply_edits(const std::string& text, uint32_t offset, uint32_t length,
                        std::vector<Edit> edits) {
  // Insertions (length 0) at an offset go before a replacement starting there.
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length < b.length;
  });
  std::string out;
  uint32_t pos = offset;
  uint32_t end = offset + length;
  for (const Edit& e : edits) {
    if (e.offset < pos || e.offset + e.length > end) continue;  // overlapping: skip
    out.append(text, pos, e.offset - pos);
    out += e.text;
    pos = e.offset + e.length;
  }
  out.append(text, pos, end - pos);
  return out;
}

}  // namespace sqlgen::analyze
