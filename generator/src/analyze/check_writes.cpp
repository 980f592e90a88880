// What PostgreSQL rejects in INSERT, UPDATE and DELETE targets: transformInsertStmt's column
// and expression counts, checkInsertTargets' duplicate columns, ON CONFLICT's target
// (transformOnConflictArbiter); the rewriter's generated and GENERATED ALWAYS identity columns,
// columns assigned twice and writes through views that are not automatically updatable
// (rewriteHandler.c), which PREPARE reports too; and ON CONFLICT's arbiter, which the planner
// infers (infer_arbiter_indexes in plancat.c), so it fails at the first execution.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

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

/// Whether sqlgen knows every unique key of `rel` (ON CONFLICT can then be checked): a plain
/// table or partitioned table of its own, no indexes copied by LIKE, no unnamed constraint.
bool unique_keys_known(const catalog::Relation& rel) {
  if (rel.kind != catalog::RelKind::Table && rel.kind != catalog::RelKind::PartitionedTable) {
    return false;
  }
  if (rel.indexes_unknown || !rel.parents.empty()) return false;
  return std::none_of(rel.constraints.begin(), rel.constraints.end(),
                      [](const catalog::TableConstraint& k) {
                        return (k.type == 'p' || k.type == 'u' || k.type == 'x') &&
                               (k.columns.empty() || k.name.empty());
                      });
}

/// Whether the schema holds a statement sqlgen does not model of one of `kinds` ("do",
/// "create trigger", "rule"): what it changes is invisible.
bool schema_has(const catalog::Catalog& cat, std::initializer_list<std::string_view> kinds) {
  for (const catalog::NotModelled& n : cat.not_modelled()) {
    for (std::string_view k : kinds) {
      if (n.kind == k) return true;
    }
  }
  return false;
}

/// "(id), (a, b)": the unique keys of `rel` as columns.
std::string unique_keys_text(const catalog::Relation& rel) {
  std::string out;
  auto add = [&](const std::vector<std::string>& cols, bool expressions) {
    std::string key;
    for (const std::string& c : cols) key += (key.empty() ? "" : ", ") + c;
    if (expressions) key += key.empty() ? "expressions" : ", expressions";
    out += (out.empty() ? "(" : ", (") + key + ")";
  };
  for (const catalog::TableConstraint& k : rel.constraints) {
    if (k.type == 'p' || k.type == 'u') add(k.columns, false);
  }
  for (const catalog::UniqueIndex& i : rel.unique_indexes) add(i.columns, i.has_expressions);
  return out;
}

}  // namespace

std::string Analyzer::view_not_updatable(const Stmt& query, std::vector<catalog::Column>& cols,
                                         Oid& base) {
  for (catalog::Column& c : cols) c.view_updatable = false;
  const std::string single =
      "Views that do not select from a single table or view are not automatically updatable.";
  if (query.kind != StmtKind::Select) return single;
  const auto& s = query.as<SelectStmt>();
  auto containing = [](const char* what) {
    return std::string("Views containing ") + what + " are not automatically updatable.";
  };
  if (s.distinct || !s.distinct_on.empty()) return containing("DISTINCT");
  if (!s.group_by.empty()) return containing("GROUP BY");
  if (s.having) return containing("HAVING");
  if (s.set_op != SelectStmt::SetOp::None) return containing("UNION, INTERSECT, or EXCEPT");
  if (s.with) return containing("WITH");
  if (s.limit || s.offset) return containing("LIMIT or OFFSET");
  std::vector<const Expr*> exprs;
  for (const ResTarget& t : s.targets) exprs.push_back(t.value.get());
  for (const SortBy& o : s.order_by) exprs.push_back(o.expr.get());
  exprs.push_back(s.where.get());
  auto returning = [](const char* what) {
    return std::string("Views that return ") + what + " are not automatically updatable.";
  };
  if (any_call_of_this_level(exprs, [&](const Expr& x) { return is_aggregate_call(x); })) {
    return returning("aggregate functions");
  }
  if (any_call_of_this_level(exprs, [](const Expr& x) {
        return x.kind == ExprKind::FuncCall && x.as<FuncCallExpr>().has_over;
      })) {
    return returning("window functions");
  }
  std::vector<const Expr*> targets(exprs.begin(), exprs.begin() + s.targets.size());
  if (any_call_of_this_level(targets, [&](const Expr& x) {
        auto it = m_call_kinds.find(&x);
        return it != m_call_kinds.end() && it->second == 's';
      })) {
    return returning("set-returning functions");
  }
  if (s.from.size() != 1 || s.from[0]->kind != FromItem::Kind::Table) return single;
  const auto& ref = s.from[0]->as<TableRef>();
  const catalog::Relation* rel = m_cat.find_relation(ref.name.schema, ref.name.name, m_search_path);
  if (!rel ||
      (rel->kind != catalog::RelKind::Table && rel->kind != catalog::RelKind::PartitionedTable &&
       rel->kind != catalog::RelKind::ForeignTable && rel->kind != catalog::RelKind::View)) {
    return single;
  }
  base = rel->oid;
  // The view's columns in target order: `*` stands for every column of the base relation.
  size_t at = 0;
  for (const ResTarget& t : s.targets) {
    const Expr* v = t.value.get();
    if (v && v->kind == ExprKind::ColumnRef && v->as<ColumnRefExpr>().star) {
      for (size_t i = 0; i < rel->columns.size() && at < cols.size(); ++i) {
        cols[at++].view_updatable = true;
      }
      continue;
    }
    if (at >= cols.size()) break;
    if (v && v->kind == ExprKind::ColumnRef) {
      const auto& fields = v->as<ColumnRefExpr>().fields;
      cols[at].view_updatable = !fields.empty() && rel->column(fields.back()) != nullptr;
    }
    ++at;
  }
  return "";
}

void Analyzer::check_view_write(const catalog::Relation& rel, Write command, parse::Span at,
                                const std::vector<ResTarget>& written) {
  if (m_failed || rel.kind != catalog::RelKind::View || !rel.columns_known) return;
  // INSTEAD OF triggers and rules make any view writable; sqlgen does not model them (nor
  // what a DO block creates).
  if (schema_has(m_cat, {"create trigger", "rule", "do"})) return;
  const char* verb = command == Write::Insert   ? "insert into"
                     : command == Write::Update ? "update"
                                                : "delete from";
  std::string detail = rel.view_not_updatable;
  bool any_updatable = std::any_of(rel.columns.begin(), rel.columns.end(),
                                   [](const catalog::Column& c) { return c.view_updatable; });
  if (detail.empty() && command != Write::Delete && !any_updatable) {
    detail = "Views that have no updatable columns are not automatically updatable.";
  }
  if (!detail.empty()) {
    const char* upper = command == Write::Insert   ? "INSERT"
                        : command == Write::Update ? "UPDATE"
                                                   : "DELETE";
    reject(diag::DiagId::err_view_not_updatable, at, "55000", {verb, rel.name, detail, upper});
    return;
  }
  for (const ResTarget& t : written) {
    const catalog::Column* col = rel.column(t.name);
    if (col && !col->view_updatable) {
      reject(diag::DiagId::err_view_column_not_updatable, t.span, "0A000",
             {verb, t.name, rel.name});
      return;
    }
  }
  if (const catalog::Relation* base = m_cat.relation(rel.view_base)) {
    // The write goes on to the base relation, which may be a view itself.
    check_view_write(*base, command, at, {});
  }
}

bool Analyzer::check_conflict_target(const OnConflict& c, const RangeEntry& target,
                                     const catalog::Relation& rel) {
  if (c.update && c.columns.empty() && !c.has_expressions && c.constraint.empty()) {
    reject(diag::DiagId::err_on_conflict_update_needs_target, c.span, "42601");
    return false;
  }
  for (const std::string& name : c.columns) {
    bool found = std::any_of(target.cols.begin(), target.cols.end(),
                             [&](const Col& col) { return col.name == name; });
    if (!found) {
      std::vector<std::string> names;
      for (const Col& col : target.cols) names.push_back(col.name);
      std::string h = diag::did_you_mean(name, names);
      reject(diag::DiagId::err_column_unknown, c.infer_span, "42703",
             {name, h.empty() ? "" : ", " + h});
      return false;
    }
  }
  if (c.constraint.empty() || !unique_keys_known(rel) || schema_has(m_cat, {"do"})) return true;
  for (const catalog::TableConstraint& k : rel.constraints) {
    if (k.name == c.constraint) return true;
  }
  reject(diag::DiagId::err_on_conflict_constraint_missing, c.span, "42704",
         {c.constraint, rel.name});
  return false;
}

void Analyzer::check_conflict_arbiter(const OnConflict& c, const catalog::Relation& rel) {
  if (!unique_keys_known(rel) || schema_has(m_cat, {"do"})) return;  // a DO block may add keys
  if (!c.constraint.empty()) {
    for (const catalog::TableConstraint& k : rel.constraints) {
      if (k.name == c.constraint && (k.type == 'c' || k.type == 'f')) {
        reject(diag::DiagId::err_on_conflict_no_index, c.span, "42809");
      }
    }
    return;
  }
  // Columns only: expressions would have to match an expression index's.
  if (c.columns.empty() || c.has_expressions) return;
  const std::set<std::string> wanted(c.columns.begin(), c.columns.end());
  auto matches = [&](const std::vector<std::string>& key) {
    return std::set<std::string>(key.begin(), key.end()) == wanted;
  };
  for (const catalog::TableConstraint& k : rel.constraints) {
    if ((k.type == 'p' || k.type == 'u') && matches(k.columns)) return;
  }
  for (const catalog::UniqueIndex& i : rel.unique_indexes) {
    // A partial index is an arbiter only when the ON CONFLICT predicate implies its own:
    // with a predicate, sqlgen assumes it does.
    if (!i.has_expressions && (!i.partial || c.has_where) && matches(i.columns)) return;
  }
  std::string keys = unique_keys_text(rel);
  if (rel.plain_schema) {
    error(diag::DiagId::warn_on_conflict_no_match, c.span,
          {rel.name, keys.empty() ? "" : " (its unique keys: " + keys + ")"});
    return;
  }
  reject(diag::DiagId::err_on_conflict_no_match, c.span, "42P10",
         {keys.empty() ? "; table \"" + rel.name + "\" has no unique key"
                       : "; the unique keys of \"" + rel.name + "\" are " + keys});
}

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

parse::Span Analyzer::assigned_span(const ResTarget& t) const {
  if (t.multi_index <= 0 || !t.value || t.value->kind != ExprKind::SubLink) return {};
  const auto& link = t.value->as<SubLinkExpr>();
  if (!link.subselect || link.subselect->kind != StmtKind::Select) return {};
  const auto& sel = link.subselect->as<SelectStmt>();
  size_t i = static_cast<size_t>(t.multi_index) - 1;
  if (sel.set_op != SelectStmt::SetOp::None || i >= sel.targets.size() || !sel.targets[i].value) {
    return {};
  }
  return sel.targets[i].value->span;
}

void Analyzer::check_assignable(const Expr& value, const Col& col, const Typed& t, Span at) {
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
  reject(diag::DiagId::err_column_type_mismatch, at.length > 0 ? at : value.span, "42804",
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
