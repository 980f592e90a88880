// INSERT, UPDATE and DELETE: target columns type the parameters and values
// written to them; RETURNING lists are result columns.
#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;

}  // namespace

bool Analyzer::dml_target(const QualName& table, const std::string& alias,
                          const std::optional<WithClause>& with, Scope& scope, const Scope* parent,
                          RangeEntry& target, const catalog::Relation** rel) {
  scope.parent = parent;
  add_ctes(with, scope, parent);
  *rel = find_relation(table);
  if (!*rel) return false;  // reported by find_relation
  target.name = alias.empty() ? (*rel)->name : alias;
  target.schema = (*rel)->schema;
  target.cols = relation_columns(**rel);
  target.row_type = (*rel)->row_type;
  target.relation = (*rel)->oid;
  return true;
}

const Col* Analyzer::target_column(const RangeEntry& target, const ResTarget& t,
                                   const std::string& table) {
  for (const Col& c : target.cols) {
    if (c.name != t.name) continue;
    record_read(c, t.span);
    return &c;
  }
  std::vector<std::string> names;
  for (const Col& c : target.cols) names.push_back(c.name);
  std::string h = diag::did_you_mean(t.name, names);
  error(diag::DiagId::err_column_not_found, t.span, {t.name, table, h.empty() ? "" : ", " + h});
  return nullptr;
}

std::vector<Col> Analyzer::insert(const InsertStmt& s, const Scope* parent,
                                  std::vector<ResultColumn>* out) {
  Scope scope;
  RangeEntry target;
  const catalog::Relation* rel = nullptr;
  if (!dml_target(s.table, s.alias, s.with, scope, parent, target, &rel)) return {};

  // The columns written, in order.
  std::vector<const Col*> cols;
  if (s.columns.empty()) {
    for (const Col& c : target.cols) {
      if (!c.system) cols.push_back(&c);  // xmin, ctid, ...: never INSERT targets
    }
  } else {
    for (const ResTarget& t : s.columns) {
      const Col* found = target_column(target, t, rel->name);
      if (!found) return {};
      cols.push_back(found);
    }
  }
  if (!check_insert(s, cols)) return {};

  if (s.source && !insert_source(*s.source, cols, scope)) return {};
  scope.entries.push_back(target);
  if (s.on_conflict && !check_conflict_target(*s.on_conflict, target, *rel)) return {};
  if (s.on_conflict && s.on_conflict->update &&
      !on_conflict_update(*s.on_conflict, target, *rel, scope)) {
    return {};
  }
  std::vector<Col> returned = returning(s.returning, scope, out);
  if (s.on_conflict && s.on_conflict->update) check_set(s.on_conflict->set, *rel);
  check_insert_defaults(s, cols, *rel);
  check_view_write(*rel, Write::Insert, s.table.span, s.columns);
  if (s.on_conflict && !m_failed) check_conflict_arbiter(*s.on_conflict, *rel);
  return returned;
}

bool Analyzer::insert_source(const SelectStmt& source, const std::vector<const Col*>& cols,
                             Scope& scope) {
  if (!source.values.empty() && source.set_op == SelectStmt::SetOp::None && source.from.empty()) {
    // VALUES rows: every value takes its column's type.
    for (const auto& row : source.values) {
      if (row.size() > cols.size()) {
        error(diag::DiagId::err_column_count, row[cols.size()]->span, {"INSERT"});
        return false;
      }
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i]->kind == ExprKind::SetToDefault) continue;
        hint_param_name(*row[i], cols[i]->name);
        Typed t = infer_as(*row[i], scope, cols[i]->type, cols[i]->nullable);
        check_calls(row[i].get(), Clause::Values, scope);
        check_assignable(*row[i], *cols[i], t);
      }
    }
    return true;
  }
  // INSERT ... SELECT: parameters in the select list take the column types.
  std::vector<Col> out_cols = select(source, &scope);
  const SelectStmt* leaf = &source;
  while (leaf && leaf->set_op != SelectStmt::SetOp::None) leaf = leaf->left.get();
  if (!leaf) return true;
  for (size_t i = 0; i < leaf->targets.size() && i < cols.size(); ++i) {
    if (!leaf->targets[i].value) continue;
    hint_param_name(*leaf->targets[i].value, cols[i]->name);
    bind(*leaf->targets[i].value, cols[i]->type);
    if (cols[i]->nullable) bind_nullable(*leaf->targets[i].value);
  }
  bool plain = leaf == &source && leaf->values.empty();
  for (size_t i = 0; plain && i < leaf->targets.size() && i < cols.size() && i < out_cols.size();
       ++i) {
    if (!leaf->targets[i].value) continue;
    Typed t{out_cols[i].type, true, nullptr, param_number(*leaf->targets[i].value) != 0};
    check_assignable(*leaf->targets[i].value, *cols[i], t);
  }
  return true;
}

void Analyzer::infer_assigned(const ResTarget& t, Scope& scope, ExprType target, const Col& col) {
  if (t.multi_index > 0) m_multi_source = {t.value.get(), t.multi_index, t.multi_count};
  Typed ty = infer_as(*t.value, scope, target, col.nullable);
  m_multi_source = {};
  if (t.indirection.empty()) check_assignable(*t.value, col, ty, assigned_span(t));
}

bool Analyzer::on_conflict_update(const OnConflict& c, const RangeEntry& target,
                                  const catalog::Relation& rel, Scope& scope) {
  RangeEntry excluded = target;
  excluded.name = "excluded";
  excluded.schema.clear();
  scope.entries.push_back(excluded);
  for (const ResTarget& t : c.set) {
    if (t.multi_index == 1 && !check_multi_assign(t)) return false;
    const Col* col = target_column(target, t, rel.name);
    if (!col) continue;
    if (t.value && t.value->kind != ExprKind::SetToDefault) {
      hint_param_name(*t.value, col->name);
      infer_assigned(t, scope, col->type, *col);
    }
  }
  if (c.where) infer_as(*c.where, scope, {catalog::builtins::type_oid::k_bool, -1}, false);
  scope.entries.pop_back();
  return true;
}

std::vector<Col> Analyzer::update(const UpdateStmt& s, const Scope* parent,
                                  std::vector<ResultColumn>* out) {
  Scope scope;
  RangeEntry target;
  const catalog::Relation* rel = nullptr;
  if (!dml_target(s.table, s.alias, s.with, scope, parent, target, &rel)) return {};
  scope.entries.push_back(target);
  for (const FromItemPtr& f : s.from) {
    if (f) add_from(*f, scope, parent);
  }
  // PostgreSQL's transformUpdateStmt: FROM, WHERE, RETURNING, then the SET list. The order
  // types the parameters: `SET name = @n WHERE name = @n` over a varchar column makes @n text
  // (from the WHERE's comparison), not varchar. Narrowing by the WHERE waits for the SET list.
  if (s.where) {
    infer_as(*s.where, scope, {catalog::builtins::type_oid::k_bool, -1}, false);
    check_calls(s.where.get(), Clause::Where, scope);
  }
  for (const ResTarget& t : s.set) {
    if (t.multi_index == 1 && !check_multi_assign(t)) return {};
    const Col* col = target_column(scope.entries[0], t, rel->name);
    if (!col) continue;
    if (!t.value || t.value->kind == ExprKind::SetToDefault) continue;
    ExprType target_type = col->type;
    // `SET arr[1] = x` writes an element.
    for (const IndirectionExpr::Step& step : t.indirection) {
      if (step.kind == IndirectionExpr::Step::Kind::Subscript) {
        if (catalog::Oid elem = element_of(m_cat, target_type.oid)) target_type = {elem, -1};
      }
    }
    hint_param_name(*t.value, col->name);
    infer_assigned(t, scope, target_type, *col);
    check_calls(t.value.get(), Clause::Update, scope);
  }
  if (s.where) narrow(s.where.get(), scope);
  std::vector<Col> returned = returning(s.returning, scope, out);
  check_set(s.set, *rel);
  check_view_write(*rel, Write::Update, s.table.span, s.set);
  return returned;
}

std::vector<Col> Analyzer::delete_(const DeleteStmt& s, const Scope* parent,
                                   std::vector<ResultColumn>* out) {
  Scope scope;
  RangeEntry target;
  const catalog::Relation* rel = nullptr;
  if (!dml_target(s.table, s.alias, s.with, scope, parent, target, &rel)) return {};
  scope.entries.push_back(target);
  for (const FromItemPtr& f : s.using_items) {
    if (f) add_from(*f, scope, parent);
  }
  if (s.where) {
    infer_as(*s.where, scope, {catalog::builtins::type_oid::k_bool, -1}, false);
    check_calls(s.where.get(), Clause::Where, scope);
    narrow(s.where.get(), scope);
  }
  std::vector<Col> returned = returning(s.returning, scope, out);
  check_view_write(*rel, Write::Delete, s.table.span, {});
  return returned;
}

std::vector<Col> Analyzer::returning(const std::vector<ResTarget>& targets, Scope& scope,
                                     std::vector<ResultColumn>* out) {
  std::vector<Col> cols = target_list(targets, scope, out);
  for (const ResTarget& t : targets) check_calls(t.value.get(), Clause::Returning, scope);
  return cols;
}

}  // namespace sqlgen::analyze
