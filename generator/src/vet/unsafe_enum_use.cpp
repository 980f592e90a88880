// Rule "unsafe enum use", statements: which expressions a statement evaluates,
// with which columns in scope, and which column type each assigned value
// (INSERT rows, UPDATE SET, defaults, USING) is coerced to.
#include "parse/parse.hpp"
#include "vet/enum_use_walker.hpp"

namespace sqlgen::vet::detail {

namespace {

using parse::StmtKind;

/// The type of `name` in `rel`, through a subscript (`SET a[1] = ...`) to the element type.
std::optional<catalog::TypeRef> assigned_type(const catalog::Catalog& cat, const RangeEntry& rel,
                                              const parse::ResTarget& target) {
  for (const Col& c : rel.cols) {
    if (c.name != target.name) continue;
    if (target.indirection.empty()) return type_ref(c);
    for (const auto& step : target.indirection) {
      if (step.kind != parse::IndirectionExpr::Step::Kind::Subscript) return std::nullopt;
    }
    catalog::Oid elem = cat.element_type(c.type.oid);
    if (!elem) return std::nullopt;
    return catalog::TypeRef{elem, -1, 0};
  }
  return std::nullopt;
}

}  // namespace

void check_enum_uses(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& state) {
  if (state.pending.empty()) return;  // nothing added in the open transaction
  EnumUseWalker(state, source).statement(stmt, nullptr);
}

void EnumUseWalker::statement(const parse::Stmt& s, const Scope* outer) {
  switch (s.kind) {
    case StmtKind::Select:
      select(s.as<parse::SelectStmt>(), outer);
      return;
    case StmtKind::Insert:
      insert(s.as<parse::InsertStmt>(), outer);
      return;
    case StmtKind::Update:
      update(s.as<parse::UpdateStmt>(), outer);
      return;
    case StmtKind::Delete:
      delete_from(s.as<parse::DeleteStmt>(), outer);
      return;
    case StmtKind::CreateTable:
      create_table(s.as<parse::CreateTableStmt>());
      return;
    case StmtKind::AlterTable:
      alter_table(s.as<parse::AlterTableStmt>());
      return;
    case StmtKind::CreateDomain:
      create_domain(s.as<parse::CreateDomainStmt>());
      return;
    case StmtKind::CreateFunction:
      create_function(s.as<parse::CreateFunctionStmt>());
      return;
    case StmtKind::CreateView:
      if (const auto& q = s.as<parse::CreateViewStmt>().query) statement(*q, nullptr);
      return;
    case StmtKind::CreateTableAs:
      if (const auto& q = s.as<parse::CreateTableAsStmt>().query) statement(*q, nullptr);
      return;
    case StmtKind::CreateSchema:
      for (const parse::StmtPtr& e : s.as<parse::CreateSchemaStmt>().elements) {
        if (e) statement(*e, nullptr);
      }
      return;
    default:
      return;  // no expressions that could read an enum value
  }
}

void EnumUseWalker::with_clause(const std::optional<parse::WithClause>& with, Scope& scope) {
  if (!with) return;
  for (const parse::CommonTableExpr& cte : with->ctes) {
    scope.ctes.push_back(analyze::CteDef{cte.name, {}});
    if (cte.query) statement(*cte.query, &scope);
  }
}

void EnumUseWalker::from_item(const parse::FromItem& item, Scope& scope,
                              std::vector<const parse::Expr*>& join_quals) {
  switch (item.kind) {
    case parse::FromItem::Kind::Table: {
      const auto& t = item.as<parse::TableRef>();
      const catalog::Relation* rel =
          t.name.schema.empty() && scope.find_cte(t.name.name)
              ? nullptr
              : m_state.cat.find_relation(t.name.schema, t.name.name, m_state.cat.search_path());
      scope.entries.push_back(rel ? relation_entry(*rel, item.alias.name)
                                  : named_entry(t.name.schema, t.name.name, item.alias.name));
      return;
    }
    case parse::FromItem::Kind::Subquery: {
      const auto& q = item.as<parse::SubqueryRef>();
      if (q.query) statement(*q.query, item.lateral ? &scope : scope.parent);
      scope.entries.push_back(named_entry("", item.alias.name, ""));
      return;
    }
    case parse::FromItem::Kind::Function:
      for (const parse::ExprPtr& call : item.as<parse::FunctionRef>().calls) {
        expr(call.get(), Ctx{&scope, false});
      }
      scope.entries.push_back(named_entry("", item.alias.name, ""));
      return;
    case parse::FromItem::Kind::Join: {
      const auto& j = item.as<parse::JoinRef>();
      if (j.left) from_item(*j.left, scope, join_quals);
      if (j.right) from_item(*j.right, scope, join_quals);
      if (j.on) join_quals.push_back(j.on.get());
      return;
    }
  }
}

void EnumUseWalker::select(const parse::SelectStmt& s, const Scope* outer, const Types* targets) {
  Scope scope;
  scope.parent = outer;
  with_clause(s.with, scope);
  if (s.set_op != parse::SelectStmt::SetOp::None) {
    if (s.left) select(*s.left, &scope);
    if (s.right) select(*s.right, &scope);
    return;
  }
  std::vector<const parse::Expr*> join_quals;
  for (const parse::FromItemPtr& item : s.from) {
    if (item) from_item(*item, scope, join_quals);
  }
  Ctx quals{&scope, false};
  Ctx rows{&scope, !s.from.empty()};
  // VALUES rows and target lists of INSERT are coerced to the columns they fill.
  auto value = [&](const parse::Expr* e, size_t i, Ctx ctx) {
    if (targets && i < targets->size() && (*targets)[i]) {
      coerce(e, *(*targets)[i], ctx);
    } else {
      expr(e, ctx);
    }
  };
  for (const std::vector<parse::ExprPtr>& row : s.values) {
    for (size_t i = 0; i < row.size(); ++i) value(row[i].get(), i, quals);
  }
  for (size_t i = 0; i < s.targets.size(); ++i) value(s.targets[i].value.get(), i, rows);
  for (const parse::Expr* q : join_quals) expr(q, quals);
  expr(s.where.get(), quals);
  expr(s.having.get(), quals);
  for (const parse::ExprPtr& g : s.group_by) expr(g.get(), quals);
  for (const parse::ExprPtr& d : s.distinct_on) expr(d.get(), quals);
  for (const parse::SortBy& o : s.order_by) expr(o.expr.get(), quals);
}

RangeEntry EnumUseWalker::target_relation(const parse::QualName& name,
                                          const std::string& alias) const {
  const catalog::Relation* rel =
      m_state.cat.find_relation(name.schema, name.name, m_state.cat.search_path());
  return rel ? relation_entry(*rel, alias) : named_entry(name.schema, name.name, alias);
}

void EnumUseWalker::assign(const parse::ResTarget& target, const RangeEntry& rel, Ctx ctx) {
  if (!target.value) return;
  std::optional<catalog::TypeRef> type =
      target.multi_index > 0 ? std::nullopt : assigned_type(m_state.cat, rel, target);
  if (type) {
    coerce(target.value.get(), *type, ctx);
  } else {
    expr(target.value.get(), ctx);
  }
}

void EnumUseWalker::returning(const std::vector<parse::ResTarget>& targets, const Scope& scope) {
  for (const parse::ResTarget& t : targets) expr(t.value.get(), Ctx{&scope, true});
}

void EnumUseWalker::insert(const parse::InsertStmt& s, const Scope* outer) {
  Scope scope;
  scope.parent = outer;
  with_clause(s.with, scope);
  RangeEntry target = target_relation(s.table, s.alias);
  // The columns the source fills, by position: the list given, else every (user) column.
  Types columns;
  if (s.columns.empty()) {
    for (const Col& c : target.cols) {
      if (!c.system) columns.emplace_back(type_ref(c));
    }
  } else {
    for (const parse::ResTarget& c : s.columns) {
      columns.push_back(assigned_type(m_state.cat, target, c));
    }
  }
  if (s.source) select(*s.source, &scope, &columns);
  scope.entries.push_back(target);
  if (s.on_conflict) {
    Scope conflict;
    conflict.parent = &scope;
    RangeEntry excluded = target;
    excluded.name = "excluded";
    excluded.schema.clear();
    conflict.entries.push_back(excluded);
    for (const parse::ResTarget& t : s.on_conflict->set) assign(t, target, Ctx{&conflict, true});
    expr(s.on_conflict->where.get(), Ctx{&conflict, false});
  }
  returning(s.returning, scope);
}

void EnumUseWalker::update(const parse::UpdateStmt& s, const Scope* outer) {
  Scope scope;
  scope.parent = outer;
  with_clause(s.with, scope);
  RangeEntry target = target_relation(s.table, s.alias);
  scope.entries.push_back(target);
  std::vector<const parse::Expr*> join_quals;
  for (const parse::FromItemPtr& item : s.from) {
    if (item) from_item(*item, scope, join_quals);
  }
  for (const parse::ResTarget& t : s.set) assign(t, target, Ctx{&scope, true});
  for (const parse::Expr* q : join_quals) expr(q, Ctx{&scope, false});
  expr(s.where.get(), Ctx{&scope, false});
  returning(s.returning, scope);
}

void EnumUseWalker::delete_from(const parse::DeleteStmt& s, const Scope* outer) {
  Scope scope;
  scope.parent = outer;
  with_clause(s.with, scope);
  scope.entries.push_back(target_relation(s.table, s.alias));
  std::vector<const parse::Expr*> join_quals;
  for (const parse::FromItemPtr& item : s.using_items) {
    if (item) from_item(*item, scope, join_quals);
  }
  for (const parse::Expr* q : join_quals) expr(q, Ctx{&scope, false});
  expr(s.where.get(), Ctx{&scope, false});
  returning(s.returning, scope);
}

void EnumUseWalker::column_constraints(const parse::ColumnDef& def,
                                       const std::optional<catalog::TypeRef>& type,
                                       const Scope& scope) {
  // Defaults, CHECKs and generated columns are evaluated for each row written later.
  Ctx ctx{&scope, true};
  for (const parse::Constraint& c : def.constraints) {
    if (c.type == parse::Constraint::Type::Default && type) {
      coerce(c.expr.get(), *type, ctx);
    } else {
      expr(c.expr.get(), ctx);
    }
  }
}

void EnumUseWalker::create_table(const parse::CreateTableStmt& s) {
  RangeEntry self = named_entry(s.table.schema, s.table.name, "");
  for (const parse::QualName& parent : s.inherits) {
    for (const Col& c : target_relation(parent, "").cols) {
      if (!c.system) self.cols.push_back(c);
    }
  }
  std::vector<std::optional<catalog::TypeRef>> types;
  for (const parse::TableElement& el : s.elements) {
    const auto* def = std::get_if<parse::ColumnDef>(&el);
    types.push_back(def ? resolve_type(m_state.cat, def->type) : std::nullopt);
    if (def && types.back()) self.cols.push_back(typed_column(def->name, *types.back()));
  }
  Scope scope;
  scope.entries.push_back(std::move(self));
  for (size_t i = 0; i < s.elements.size(); ++i) {
    if (const auto* def = std::get_if<parse::ColumnDef>(&s.elements[i])) {
      column_constraints(*def, types[i], scope);
    } else if (const auto* c = std::get_if<parse::Constraint>(&s.elements[i])) {
      expr(c->expr.get(), Ctx{&scope, true});
    }
  }
}

void EnumUseWalker::alter_table(const parse::AlterTableStmt& s) {
  if (s.object_type != parse::ObjectType::Table &&
      s.object_type != parse::ObjectType::ForeignTable) {
    return;
  }
  Scope scope;
  scope.entries.push_back(target_relation(s.table, ""));
  RangeEntry& self = scope.entries.back();
  for (const parse::AlterTableCmd& cmd : s.cmds) {
    switch (cmd.type) {
      case parse::AlterTableCmd::Type::AddColumn: {
        std::optional<catalog::TypeRef> type = resolve_type(m_state.cat, cmd.column->type);
        if (type) self.cols.push_back(typed_column(cmd.column->name, *type));
        column_constraints(*cmd.column, type, scope);
        break;
      }
      case parse::AlterTableCmd::Type::ColumnDefault: {
        parse::ResTarget target;
        target.name = cmd.name;
        std::optional<catalog::TypeRef> type = assigned_type(m_state.cat, self, target);
        if (type) {
          coerce(cmd.expr.get(), *type, Ctx{&scope, true});
        } else {
          expr(cmd.expr.get(), Ctx{&scope, true});
        }
        break;
      }
      case parse::AlterTableCmd::Type::AlterColumnType:
        alter_column_type(cmd, scope);
        break;
      case parse::AlterTableCmd::Type::AddConstraint:
        if (cmd.constraint) expr(cmd.constraint->expr.get(), Ctx{&scope, true});
        break;
      default:
        break;
    }
  }
}

void EnumUseWalker::alter_column_type(const parse::AlterTableCmd& cmd, const Scope& scope) {
  if (!cmd.column || !cmd.column->raw_default) return;
  const parse::Expr* using_expr = cmd.column->raw_default.get();
  Ctx ctx{&scope, true};  // USING runs once per existing row
  std::optional<catalog::TypeRef> target = resolve_type(m_state.cat, cmd.column->type);
  if (!target) {
    expr(using_expr, ctx);
    return;
  }
  coerce(using_expr, *target, ctx);
}

void EnumUseWalker::create_domain(const parse::CreateDomainStmt& s) {
  std::optional<catalog::TypeRef> base = resolve_type(m_state.cat, s.base);
  Scope scope;  // CHECK (VALUE ...) names the value being checked
  if (base) {
    scope.entries.push_back(named_entry("", "", ""));
    scope.entries.back().cols.push_back(typed_column("value", *base));
  }
  for (const parse::Constraint& c : s.constraints) {
    if (c.type == parse::Constraint::Type::Default && base) {
      coerce(c.expr.get(), *base, Ctx{&scope, true});
    } else {
      expr(c.expr.get(), Ctx{&scope, true});
    }
  }
}

void EnumUseWalker::create_function(const parse::CreateFunctionStmt& s) {
  if (s.language == "sql" || s.language.empty()) {
    sql_body(s);
  } else if (s.language == "plpgsql") {
    plpgsql_body(s);
  }
  for (const parse::FunctionParam& p : s.params) {
    if (!p.default_value) continue;
    std::optional<catalog::TypeRef> type = resolve_type(m_state.cat, p.type);
    if (type) {
      coerce(p.default_value.get(), *type, Ctx{nullptr, true});
    } else {
      expr(p.default_value.get(), Ctx{nullptr, true});
    }
  }
}

void EnumUseWalker::sql_body(const parse::CreateFunctionStmt& s) {
  // The statements of the body are parsed and analyzed at CREATE (check_function_bodies is
  // on by default): a string body's text, BEGIN ATOMIC's statements, RETURN's expression.
  // Named parameters are in scope as the function's columns (`x`, `f.x`).
  Scope params;
  params.entries.push_back(named_entry("", s.name.name, ""));
  for (const parse::FunctionParam& p : s.params) {
    std::optional<catalog::TypeRef> type = resolve_type(m_state.cat, p.type);
    if (!p.name.empty() && type) params.entries.back().cols.push_back(typed_column(p.name, *type));
  }
  bool was_body = m_body;
  m_body = true;
  for (const parse::StmtPtr& stmt : s.atomic_body) {
    if (stmt) statement(*stmt, &params);
  }
  for (const parse::ExprPtr& e : s.body_returns) expr(e.get(), Ctx{&params, true});
  if (s.string_body) {
    std::string_view body =
        std::string_view(m_source->text()).substr(s.string_body->offset, s.string_body->length);
    diag::DiagnosticEngine quiet;  // a body that does not parse is PostgreSQL's to report
    for (const parse::StatementRange& r : parse::split_statements(body)) {
      parse::StatementRange in_file{s.string_body->offset + r.offset, r.length};
      for (const parse::StmtPtr& stmt : parse::parse_range(m_source, in_file, quiet)) {
        if (stmt) statement(*stmt, &params);
      }
    }
  }
  m_body = was_body;
}

void EnumUseWalker::plpgsql_body(const parse::CreateFunctionStmt& s) {
  // PL/pgSQL is checked when the function runs, not at CREATE: a string literal of the body
  // that spells a value added in this transaction is worth a warning (a call before the
  // commit fails), whatever it is compared with.
  if (!s.string_body) return;
  std::string_view text = m_source->text();
  uint32_t end = s.string_body->offset + s.string_body->length;
  for (uint32_t at = parse::skip_space_and_comments(text, s.string_body->offset); at < end;) {
    uint32_t len = parse::token_length(text, at);
    if (len == 0) break;
    if (text[at] == '\'' && len >= 2 && at + len <= end) {
      std::string label;
      std::string_view quoted = text.substr(at + 1, len - 2);
      for (size_t i = 0; i < quoted.size(); ++i) {
        label += quoted[i];
        if (quoted[i] == '\'' && i + 1 < quoted.size() && quoted[i + 1] == '\'') ++i;
      }
      for (const auto& [oid, labels] : m_state.pending) {
        auto it = labels.find(label);
        if (it == labels.end()) continue;
        const catalog::Type* type = m_state.cat.type(oid);
        if (type)
          use(diag::DiagId::warn_vet_unsafe_enum_plpgsql, {at, len}, *type, label, it->second);
      }
    }
    at = parse::skip_space_and_comments(text, at + len);
  }
}

}  // namespace sqlgen::vet::detail
