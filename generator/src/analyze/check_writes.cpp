// What PostgreSQL rejects in INSERT and UPDATE targets: transformInsertStmt's column and
// expression counts, checkInsertTargets' duplicate columns, and the rewriter's generated and
// GENERATED ALWAYS identity columns and columns assigned twice (rewriteHandler.c), which
// PREPARE reports too.
#include <algorithm>
#include <map>

#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;
using catalog::Oid;

/// The leftmost plain SELECT of a set operation tree.
const SelectStmt* leftmost(const SelectStmt* s) {
  while (s && s->set_op != SelectStmt::SetOp::None) s = s->left.get();
  return s;
}

}  // namespace

bool Analyzer::check_insert(const InsertStmt& s, const std::vector<const Col*>& cols) {
  // A column named twice (a subscripted or field assignment may name it again).
  std::map<std::string, bool> seen;  // name -> assigned whole
  for (const ResTarget& t : s.columns) {
    auto it = seen.find(t.name);
    bool whole = t.indirection.empty();
    if (it != seen.end() && (whole || it->second)) {
      reject(diag::DiagId::err_column_duplicate, t.span, "42701", {t.name});
      return false;
    }
    seen[t.name] = (it != seen.end() && it->second) || whole;
  }
  if (!s.source) return true;
  const SelectStmt& src = *s.source;
  bool values = !src.values.empty() && src.set_op == SelectStmt::SetOp::None;
  size_t exprs = 0;
  const Expr* first_extra = nullptr;
  if (values) {
    for (const auto& row : src.values) {
      if (row.size() != src.values[0].size()) {
        reject(diag::DiagId::err_values_length, row.empty() ? src.span : row[0]->span, "42601");
        return false;
      }
    }
    exprs = src.values[0].size();
    if (exprs > cols.size()) first_extra = src.values[0][cols.size()].get();
  } else {
    const SelectStmt* leaf = leftmost(&src);
    if (!leaf) return true;
    for (const ResTarget& t : leaf->targets) {
      const Expr* v = t.value.get();
      bool star = v && ((v->kind == ExprKind::ColumnRef && v->as<ColumnRefExpr>().star) ||
                        (v->kind == ExprKind::Indirection));
      if (star) return true;  // counted after expansion by the analysis of the SELECT
    }
    exprs = leaf->targets.size();
    if (exprs > cols.size()) first_extra = leaf->targets[cols.size()].value.get();
  }
  if (first_extra) {
    reject(diag::DiagId::err_column_count, first_extra->span, "42601", {"INSERT"});
    return false;
  }
  if (exprs < cols.size() && !s.columns.empty()) {
    reject(diag::DiagId::err_column_count_few, s.columns[exprs].span, "42601", {"INSERT"});
    return false;
  }
  return true;
}

void Analyzer::check_insert_defaults(const InsertStmt& s, const std::vector<const Col*>& cols,
                                     const catalog::Relation& rel) {
  if (m_failed || !s.source) return;
  const SelectStmt& src = *s.source;
  bool values = !src.values.empty() && src.set_op == SelectStmt::SetOp::None;
  size_t written = cols.size();
  if (!values) {
    const SelectStmt* leaf = leftmost(&src);
    if (!leaf) return;
    for (const ResTarget& t : leaf->targets) {
      if (!t.value || t.value->kind == ExprKind::ColumnRef ||
          t.value->kind == ExprKind::Indirection) {
        if (t.value && t.value->kind == ExprKind::ColumnRef && !t.value->as<ColumnRefExpr>().star) {
          continue;
        }
        if (t.value && t.value->kind == ExprKind::Indirection) return;
        if (t.value) return;  // a `*`: counted after expansion, not followed here
      }
    }
    written = std::min(written, leaf->targets.size());
  }
  for (size_t i = 0; i < written; ++i) {
    const catalog::Column* c = nullptr;
    for (const catalog::Column& rc : rel.columns) {
      if (rc.name == cols[i]->name) c = &rc;
    }
    if (!c) continue;
    bool generated = c->generated != 0;
    bool always = c->identity == 'a' && s.overriding == 0;
    if (!generated && !always) continue;
    // Only DEFAULT may be written to it (a VALUES list of DEFAULTs only).
    bool all_default = values;
    if (values) {
      for (const auto& row : src.values) {
        if (i < row.size() && row[i]->kind != ExprKind::SetToDefault) all_default = false;
      }
    }
    if (all_default) continue;
    diag::Diagnostic d =
        diag::make(diag::DiagId::err_generated_insert,
                   diag::Location::at(
                       source(), s.columns.empty() ? s.table.span.offset : s.columns[i].span.offset,
                       s.columns.empty() ? s.table.span.length : s.columns[i].span.length),
                   {c->name});
    d.sqlstate = "428C9";
    d.note(diag::DiagId::note_generic, d.loc,
           {generated ? "column \"" + c->name + "\" is a generated column"
                      : "column \"" + c->name +
                            "\" is an identity column defined as GENERATED ALWAYS: use "
                            "OVERRIDING SYSTEM VALUE to override it"});
    if (m_quiet > 0) return;
    m_diags.report(std::move(d));
    m_failed = true;
    return;
  }
}

void Analyzer::check_assignable(const Expr& value, const Col& col, const Typed& t) {
  if (m_failed || t.is_param || param_number(value)) return;
  // Untyped literals and NULL are read by the column type's input (check_literal).
  if (value.kind == ExprKind::Const && (value.as<ConstExpr>().type == ConstExpr::Type::String ||
                                        value.as<ConstExpr>().type == ConstExpr::Type::Null)) {
    return;
  }
  Oid from = t.type.oid;
  Oid to = col.type.oid;
  if (from == 0 || to == 0 || from == to || from == pseudo_oid::k_unknown_oid) return;
  // Records, pseudo-types and composites: not followed.
  if (from == pseudo_oid::k_record || is_polymorphic(from) || from == pseudo_oid::k_any ||
      type_category(m_cat, from) == 'P' || type_category(m_cat, to) == 'P' ||
      is_complex(m_cat, from) || is_complex(m_cat, to)) {
    return;
  }
  if (can_coerce(m_cat, from, to, CoercionContext::Assignment)) return;
  reject(diag::DiagId::err_column_type_mismatch, value.span, "42804",
         {col.name, format(m_cat, col.type), format(m_cat, t.type)});
}

bool Analyzer::check_multi_assign(const ResTarget& t) {
  if (t.multi_source_fields == -1) {
    reject(diag::DiagId::err_multi_assign_source, t.multi_source_span, "0A000");
    return false;
  }
  if (t.multi_source_fields >= 0 && t.multi_source_fields != t.multi_count) {
    reject(diag::DiagId::err_multi_assign_count, t.multi_source_span, "42601");
    return false;
  }
  return true;
}

void Analyzer::check_set(const std::vector<ResTarget>& set, const catalog::Relation& rel) {
  if (m_failed) return;
  std::map<std::string, bool> seen;
  for (const ResTarget& t : set) {
    const catalog::Column* c = nullptr;
    for (const catalog::Column& rc : rel.columns) {
      if (rc.name == t.name) c = &rc;
    }
    if (!c) continue;
    bool is_default = t.value && t.value->kind == ExprKind::SetToDefault;
    if ((c->generated || c->identity == 'a') && !is_default) {
      diag::Diagnostic d =
          diag::make(diag::DiagId::err_generated_update,
                     diag::Location::at(source(), t.span.offset, t.span.length), {c->name});
      d.sqlstate = "428C9";
      d.note(diag::DiagId::note_generic, d.loc,
             {c->generated ? "column \"" + c->name + "\" is a generated column"
                           : "column \"" + c->name +
                                 "\" is an identity column defined as GENERATED ALWAYS"});
      if (m_quiet > 0) return;
      m_diags.report(std::move(d));
      m_failed = true;
      return;
    }
    auto it = seen.find(t.name);
    bool whole = t.indirection.empty();
    if (it != seen.end() && (whole || it->second)) {
      reject(diag::DiagId::err_multiple_assignments, t.span, "42601", {t.name});
      return;
    }
    seen[t.name] = (it != seen.end() && it->second) || whole;
  }
}

}  // namespace sqlgen::analyze
