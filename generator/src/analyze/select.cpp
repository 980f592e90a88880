// Scopes: FROM items (tables, views, CTEs, subqueries, functions, joins),
// column references with PostgreSQL's ambiguity rules, select lists with
// star and embed expansion, VALUES, set operations, narrowing by WHERE.
#include <algorithm>
#include <cctype>

#include "analyze/analyzer.hpp"
#include "parse/parse.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;
namespace builtin_type = catalog::builtins::type_oid;

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

/// Column names of every entry visible at this level, for did-you-mean.
std::vector<std::string> visible_names(const Scope& scope) {
  std::vector<std::string> out;
  for (const Scope* s = &scope; s; s = s->parent) {
    for (const RangeEntry& e : s->entries) {
      for (const Col& c : e.cols) out.push_back(c.name);
    }
  }
  return out;
}

std::string hint(const std::string& name, const std::vector<std::string>& candidates) {
  std::string h = diag::did_you_mean(name, candidates);
  return h.empty() ? "" : ", " + h;
}

}  // namespace

std::optional<Typed> Analyzer::column_ref(const ColumnRefExpr& c, const Scope& scope) {
  const std::string& col = c.fields.back();
  std::string table = c.fields.size() >= 2 ? c.fields[c.fields.size() - 2] : "";
  ColumnMatch match = find_column(scope, c.fields);
  if (match.ambiguous) {
    error(diag::DiagId::err_column_ambiguous, c.span, {col});
    return std::nullopt;
  }
  if (match.scope && !match.col) {  // the entry the qualifier names lacks the column
    std::vector<std::string> names;
    for (const RangeEntry& e : match.scope->entries) {
      if (e.name == table && e.broken) return std::nullopt;  // reported at its definition
      if (e.name == table) {
        for (const Col& cc : e.cols) names.push_back(cc.name);
      }
    }
    error(diag::DiagId::err_column_qualified_unknown, c.span, {table, col, hint(col, names)});
    return std::nullopt;
  }
  if (match.col) {
    const Scope* s = match.scope;
    record_read(*match.col, c.span);
    m_column_uses[&c] = ColumnUse{s, static_cast<size_t>(match.entry - s->entries.data()), col};
    Typed t;
    t.type = match.col->type;
    t.nullable = match.col->nullable || match.entry->nullable_side;
    for (const auto& [entry, name] : s->narrowed) {
      if (entry == match.entry->name && name == col) t.nullable = false;
    }
    t.origin = match.col;
    return t;
  }
  // `SELECT row_to_json(c) FROM t c`: a bare FROM-item name is the whole row.
  if (table.empty()) {
    for (const Scope* s = &scope; s; s = s->parent) {
      for (const RangeEntry& e : s->entries) {
        if (e.name != col) continue;
        Typed t;
        t.type = ExprType{e.row_type ? e.row_type : pseudo_oid::k_record, -1};
        t.nullable = e.nullable_side;
        return t;
      }
    }
  }
  for (const Scope* s = &scope; s; s = s->parent) {
    if (s->broken) return std::nullopt;  // already reported at the FROM item
  }
  if (!table.empty()) {
    error(diag::DiagId::err_missing_from, c.span, {table});
  } else {
    error(diag::DiagId::err_column_unknown, c.span, {col, hint(col, visible_names(scope))});
  }
  return std::nullopt;
}

void Analyzer::record_read(const Col& c, parse::Span span) {
  if (c.table.empty() || c.system) return;
  m_reads.push_back(ColumnRead{c.schema, c.table, c.name, span.offset, span.length});
}

void Analyzer::narrow(const Expr* cond, Scope& scope) {
  if (!cond) return;
  auto mark = [&](const Expr* e) {
    if (!e || e->kind != ExprKind::ColumnRef || e->as<ColumnRefExpr>().star) return;
    const auto& c = e->as<ColumnRefExpr>();
    // Resolve without reporting: look the column up in this scope only.
    const std::string& col = c.fields.back();
    std::string table = c.fields.size() >= 2 ? c.fields[c.fields.size() - 2] : "";
    for (const RangeEntry& entry : scope.entries) {
      if (!table.empty() && entry.name != table) continue;
      for (const Col& cc : entry.cols) {
        if (cc.name == col) scope.narrowed.emplace_back(entry.name, col);
      }
    }
  };
  if (cond->kind == ExprKind::BoolExpr && cond->as<BoolExpr>().op == BoolExpr::Op::And) {
    for (const ExprPtr& a : cond->as<BoolExpr>().args) narrow(a.get(), scope);
  } else if (cond->kind == ExprKind::NullTest && cond->as<NullTestExpr>().is_not) {
    mark(cond->as<NullTestExpr>().arg.get());
  } else if (cond->kind == ExprKind::AExpr && cond->as<AExpr>().op == AExpr::Op::Op) {
    const auto& a = cond->as<AExpr>();
    static const std::vector<std::string> k_strict_cmp = {"=", "<", ">", "<=", ">=", "<>"};
    if (a.lhs && a.name.size() == 1 && contains(k_strict_cmp, a.name[0])) {
      mark(a.lhs.get());
      mark(a.rhs.get());
    }
  }
}

const catalog::Relation* Analyzer::find_relation(const QualName& name) {
  const catalog::Relation* rel = m_cat.find_relation(name.schema, name.name, m_search_path);
  if (!rel) {
    std::vector<std::string> names;
    for (const auto& [sname, sc] : m_cat.schemas()) {
      if (!name.schema.empty() && sname != name.schema) continue;
      for (const auto& [rname, oid] : sc.relations) names.push_back(rname);
    }
    error(diag::DiagId::err_relation_not_found, name.span,
          {name.to_string(), hint(name.name, names)});
  }
  qualify(name.schema.empty() && rel ? rel->schema : "", name.span);
  return rel;
}

void Analyzer::qualify(const std::string& schema, parse::Span span) {
  // The SQL sent to the server names the schema the module's search_path
  // found, so it means the same on a connection with any search_path.
  if (schema.empty() || schema == "pg_catalog" || m_quiet > 0 || span.length == 0) return;
  if (span.offset < m_query.offset || span.offset + span.length > m_query.offset + m_query.length) {
    return;
  }
  // Once per name, however often an expression holding it is typed.
  for (const Edit& e : m_edits) {
    if (e.offset == span.offset && e.length == 0) return;
  }
  // `cast(x as"T")`: a name glued to the word before it gets a space, so `as` stays a word.
  const std::string& text = source()->text();
  char before = span.offset > 0 ? text[span.offset - 1] : ' ';
  bool glued = std::isalnum(static_cast<unsigned char>(before)) || before == '_';
  m_edits.push_back(Edit{span.offset, 0, (glued ? " " : "") + quote(schema) + "."});
}

ExprType Analyzer::type_name(const TypeName& tn) {
  std::vector<std::string> names = tn.names;
  if (names.size() > 2) names.erase(names.begin(), names.end() - 2);
  ExprType t{0, -1};
  if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog")) {
    if (auto m = catalog::builtins::resolve_type_name(names)) t.oid = m->type->oid;
  }
  if (t.oid == 0) {
    const catalog::Type* ut =
        m_cat.find_type(names.size() == 2 ? names[0] : "", names.back(), m_search_path);
    if (!ut) {
      error(diag::DiagId::err_type_not_found, tn.span, {tn.to_string(), ""});
      return ExprType{0, -1};
    }
    t.oid = ut->oid;
    if (names.size() == 1) qualify(ut->schema, tn.span);
  }
  if (!tn.typmods.empty()) {
    std::vector<int64_t> args;
    for (const ExprPtr& m : tn.typmods) {
      if (m && m->kind == ExprKind::Const && m->as<ConstExpr>().type == ConstExpr::Type::Integer) {
        args.push_back(std::stoll(m->as<ConstExpr>().text));
      }
    }
    auto r = catalog::builtins::compute_typmod(t.oid, args);
    if (r.ok()) t.typmod = r.typmod;
  }
  if (!tn.array_bounds.empty()) {
    catalog::Oid arr = element_of(m_cat, t.oid) ? t.oid : array_of(m_cat, t.oid);
    t.oid = arr;
  }
  return t;
}

std::string Analyzer::quote(const std::string& ident) const {
  return catalog::builtins::quote_identifier(ident);
}

void Analyzer::add_ctes(const std::optional<WithClause>& with, Scope& scope, const Scope* parent) {
  if (!with) return;
  for (const CommonTableExpr& cte : with->ctes) {
    if (!cte.query) continue;
    std::vector<Col> cols;
    if (with->recursive && cte.query->kind == StmtKind::Select &&
        cte.query->as<SelectStmt>().set_op == SelectStmt::SetOp::Union &&
        cte.query->as<SelectStmt>().left) {
      // The non-recursive term defines the types; then the whole is analyzed.
      cols = select(*cte.query->as<SelectStmt>().left, &scope);
      for (size_t i = 0; i < cols.size() && i < cte.columns.size(); ++i) {
        cols[i].name = cte.columns[i];
      }
      scope.ctes.push_back(CteDef{cte.name, cols});
      std::vector<Col> all = statement_columns(*cte.query, &scope);
      scope.ctes.pop_back();
      for (size_t i = 0; i < cols.size() && i < all.size(); ++i) {
        cols[i].nullable = cols[i].nullable || all[i].nullable;
      }
    } else {
      (void)parent;
      cols = statement_columns(*cte.query, &scope);
      for (size_t i = 0; i < cols.size() && i < cte.columns.size(); ++i) {
        cols[i].name = cte.columns[i];
      }
    }
    for (Col& c : cols) {
      c.table.clear();
      c.schema.clear();
    }
    scope.ctes.push_back(CteDef{cte.name, std::move(cols)});
  }
}

void Analyzer::add_from(const FromItem& item, Scope& scope, const Scope* parent) {
  RangeEntry entry;
  switch (item.kind) {
    case FromItem::Kind::Table:
      if (!from_table(item.as<TableRef>(), scope, entry)) return;
      break;
    case FromItem::Kind::Subquery:
      from_subquery(item.as<SubqueryRef>(), item.lateral, scope, entry);
      break;
    case FromItem::Kind::Function:
      from_function(item.as<FunctionRef>(), item.alias, scope, entry);
      break;
    case FromItem::Kind::Join:
      add_join(item.as<JoinRef>(), scope, parent);
      return;
  }
  if (!item.alias.name.empty()) {
    entry.name = item.alias.name;
    entry.schema.clear();
  }
  for (size_t i = 0; i < item.alias.columns.size() && i < entry.cols.size(); ++i) {
    entry.cols[i].name = item.alias.columns[i];
  }
  scope.entries.push_back(std::move(entry));
}

bool Analyzer::from_table(const TableRef& t, Scope& scope, RangeEntry& entry) {
  const CteDef* cte = t.name.schema.empty() ? scope.find_cte(t.name.name) : nullptr;
  if (cte) {
    entry.name = t.name.name;
    entry.cols = cte->cols;
    return true;
  }
  const catalog::Relation* rel = find_relation(t.name);
  if (!rel) {  // reported by find_relation
    scope.broken = true;
    return false;
  }
  entry.name = rel->name;
  entry.schema = rel->schema;
  entry.cols = relation_columns(*rel);
  if (rel->bind_failed) {
    // One root cause, one error: the view's definition was reported; here a note.
    if (m_quiet == 0) {
      diag::Diagnostic d =
          diag::make(diag::DiagId::note_view_has_errors,
                     diag::Location::at(source(), t.name.span.offset, t.name.span.length),
                     {rel->kind == catalog::RelKind::View      ? "view"
                      : rel->kind == catalog::RelKind::MatView ? "materialized view"
                                                               : "table",
                      rel->name});
      d.note(diag::DiagId::note_generic,
             diag::Location::at(rel->origin.source, rel->origin.offset, 0),
             {"its definition is here"});
      m_diags.report(std::move(d));
    }
    m_failed = true;
    scope.broken = true;
    entry.broken = true;
  }
  entry.row_type = rel->row_type;
  entry.relation = rel->oid;
  return true;
}

void Analyzer::from_subquery(const SubqueryRef& sq, bool lateral, Scope& scope, RangeEntry& entry) {
  if (sq.query && lateral) {
    entry.cols = statement_columns(*sq.query, &scope);
  } else if (sq.query) {
    // Not LATERAL: the subquery sees this level's CTEs, not its FROM items.
    Scope ctes_only;
    ctes_only.parent = scope.parent;
    ctes_only.ctes = scope.ctes;
    entry.cols = statement_columns(*sq.query, &ctes_only);
  }
  for (Col& c : entry.cols) {
    c.table.clear();
    c.schema.clear();
  }
}

void Analyzer::from_function(const FunctionRef& fr, const Alias& alias, Scope& scope,
                             RangeEntry& entry) {
  for (const ExprPtr& call : fr.calls) {
    if (!call || call->kind != ExprKind::FuncCall) continue;
    const auto& f = call->as<FuncCallExpr>();
    // Resolve like an expression (arguments see LATERAL columns).
    Typed t = infer(*call, scope);
    function_cols(fr, f, t, scope, entry.cols);
    if (entry.name.empty()) entry.name = f.name.empty() ? "" : f.name.back();
  }
  if (fr.ordinality) {
    entry.cols.push_back(Col{"ordinality", ExprType{builtin_type::k_int8, -1}, false, "", ""});
  }
  // A single unnamed result column takes the alias's name.
  if (!alias.name.empty() && entry.cols.size() == 1 + (fr.ordinality ? 1 : 0) &&
      alias.columns.empty() && fr.column_defs.empty()) {
    entry.cols[0].name = alias.name;
  }
}

void Analyzer::function_cols(const FunctionRef& fr, const FuncCallExpr& f, const Typed& t,
                             Scope& scope, std::vector<Col>& cols) {
  // The argument types again, for the result columns: quietly, as infer() already reported
  // their problems and made their edits.
  std::vector<ExprType> arg_types;
  ++m_quiet;
  for (const ExprPtr& a : f.args) arg_types.push_back(infer(*a, scope).type);
  --m_quiet;
  FunctionMatch m = resolve_function(m_cat, f.name, arg_types, m_search_path);
  std::string fname = f.name.empty() ? "" : f.name.back();
  if (!fr.column_defs.empty()) {
    for (const ColumnDef& cd : fr.column_defs) {
      cols.push_back(Col{cd.name, type_name(cd.type), true, "", ""});
    }
  } else if (m.ok() && !m.out_columns.empty()) {
    for (const auto& [n, ty] : m.out_columns) {
      cols.push_back(Col{n, ExprType{ty, -1}, true, "", ""});
    }
  } else if (m.ok() && is_complex(m_cat, m.result) && m_cat.type(m.result) &&
             m_cat.type(m.result)->relation) {
    const catalog::Relation* rel = m_cat.relation(m_cat.type(m.result)->relation);
    for (const catalog::Column& c : rel->columns) {
      cols.push_back(Col{c.name, type_of(c.type), true, "", ""});
    }
  } else {
    // generate_series never yields NULL; unnest yields the array's
    // elements, which may be NULL.
    bool never_null = fname == "generate_series";
    cols.push_back(Col{fname, t.type, !never_null || t.nullable, "", ""});
  }
}

void Analyzer::add_join(const JoinRef& j, Scope& scope, const Scope* parent) {
  size_t before = scope.entries.size();
  if (j.left) add_from(*j.left, scope, parent);
  size_t mid = scope.entries.size();
  if (j.right) add_from(*j.right, scope, parent);
  size_t after = scope.entries.size();
  bool left_nullable = j.type == JoinRef::Type::Right || j.type == JoinRef::Type::Full;
  bool right_nullable = j.type == JoinRef::Type::Left || j.type == JoinRef::Type::Full;
  // An outer join null-extends whole sides: what an inner join's ON
  // condition proved not null below it no longer holds.
  auto null_extend = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      scope.entries[i].nullable_side = true;
      const std::string& name = scope.entries[i].name;
      std::erase_if(scope.narrowed, [&](const auto& n) { return n.first == name; });
    }
  };
  if (left_nullable) null_extend(before, mid);
  if (right_nullable) null_extend(mid, after);
  std::vector<std::string> using_cols = j.using_columns;
  if (j.natural) {
    for (size_t i = before; i < mid; ++i) {
      for (const Col& lc : scope.entries[i].cols) {
        for (size_t k = mid; k < after; ++k) {
          for (const Col& rc : scope.entries[k].cols) {
            if (rc.name == lc.name && !contains(using_cols, lc.name)) {
              using_cols.push_back(lc.name);
            }
          }
        }
      }
    }
  }
  for (size_t k = mid; k < after; ++k) {
    for (const std::string& u : using_cols) scope.entries[k].merged.push_back(u);
  }
  if (j.on) {
    infer_as(*j.on, scope, ExprType{builtin_type::k_bool, -1}, false);
    check_calls(j.on.get(), Clause::JoinOn, scope);
    if (j.type == JoinRef::Type::Inner) narrow(j.on.get(), scope);
  }
}

void Analyzer::emit_column(TargetList& list, const Col& c, bool nullable, const RangeEntry* embed) {
  Col col = c;
  col.nullable = nullable;
  if (col.type.oid == pseudo_oid::k_unknown_oid && !list.keep_unknown) {
    col.type = {builtin_type::k_text, -1};
  }
  list.cols.push_back(col);
  if (!list.out) return;
  // A result column of a domain type arrives as the domain's base type.
  ResultColumn rc;
  rc.name = col.name;
  rc.type = base_type(m_cat, col.type);
  rc.not_null = !nullable;
  rc.table = col.table;
  rc.table_schema = col.schema;
  if (embed) {
    rc.embed = embed->name;
    rc.embed_schema = embed->schema;
    rc.embed_nullable = embed->nullable_side;
  }
  list.out->push_back(rc);
}

void Analyzer::expand_entry(TargetList& list, const RangeEntry& e, const Scope& scope,
                            bool skip_merged, std::string& sql, bool embed) {
  for (const Col& c : e.cols) {
    if (c.system || (skip_merged && contains(e.merged, c.name))) continue;
    bool nullable = c.nullable || e.nullable_side;
    for (const auto& [entry, name] : scope.narrowed) {
      if (entry == e.name && name == c.name) nullable = false;
    }
    if (!sql.empty()) sql += ", ";
    sql += quote(e.name) + "." + quote(c.name);
    emit_column(list, c, nullable, embed ? &e : nullptr);
  }
}

void Analyzer::target_star(TargetList& list, const Expr& v, const Scope& scope) {
  const auto& c = v.as<ColumnRefExpr>();
  std::string sql;
  auto read_all = [&](const RangeEntry& e) {
    for (const Col& col : e.cols) record_read(col, v.span);
  };
  if (c.fields.empty()) {
    for (const RangeEntry& e : scope.entries) {
      read_all(e);
      expand_entry(list, e, scope, true, sql, false);
    }
  } else {
    bool found = false;
    for (const RangeEntry& e : scope.entries) {
      if (e.name == c.fields.back()) {
        read_all(e);
        expand_entry(list, e, scope, false, sql, false);
        found = true;
      }
    }
    if (!found) error(diag::DiagId::err_missing_from, v.span, {c.fields.back()});
  }
  const std::string& text = source()->text();
  size_t star = text.find('*', v.span.offset);
  uint32_t end =
      star == std::string::npos ? v.span.offset + v.span.length : static_cast<uint32_t>(star + 1);
  if (m_quiet == 0) m_edits.push_back(Edit{v.span.offset, end - v.span.offset, sql});
}

void Analyzer::target_fields(TargetList& list, const Expr& v, Scope& scope) {
  const auto& ind = v.as<IndirectionExpr>();
  const Expr* arg = ind.arg.get();
  const RangeEntry* entry = nullptr;
  if (ind.steps.size() == 1 && arg && arg->kind == ExprKind::ColumnRef &&
      arg->as<ColumnRefExpr>().fields.size() == 1 && !arg->as<ColumnRefExpr>().star) {
    for (const RangeEntry& e : scope.entries) {
      if (e.name == arg->as<ColumnRefExpr>().fields[0]) entry = &e;
    }
  }
  if (entry) {  // `(t).*` of a FROM item is `t.*`
    std::string unused;
    expand_entry(list, *entry, scope, false, unused, false);
    return;
  }
  if (ind.steps.size() != 1 || !arg) {
    error(diag::DiagId::err_unsupported_sql, v.span, {"\".*\" after a subscript or field"});
    return;
  }
  // The value whose fields are expanded: the expression before the final `.*`.
  Typed ty = infer(*arg, scope);
  if (ty.type.oid == 0) return;
  const catalog::Type* comp = m_cat.type(base_type(m_cat, ty.type.oid));
  const std::vector<catalog::Column>* fields = nullptr;
  if (comp && comp->relation) fields = &m_cat.relation(comp->relation)->columns;
  if (comp && !comp->relation && comp->typtype == 'c') fields = &comp->fields;
  if (!fields) {
    error(diag::DiagId::err_type_resolution, v.span,
          {"type " + format(m_cat, ty.type) + " is not composite"});
    return;
  }
  for (const catalog::Column& f : *fields) {
    Col c;
    c.name = f.name;
    c.type = type_of(f.type);
    emit_column(list, c, true, nullptr);
  }
}

void Analyzer::target_embed(TargetList& list, const Expr& v, const Scope& scope) {
  const EmbedUse* use = nullptr;
  for (const EmbedUse& u : plan().embeds) {
    if (u.expr == &v) use = &u;
  }
  if (!use) return;
  std::string sql;
  bool found = false;
  for (const RangeEntry& e : scope.entries) {
    if (e.name == use->table) {
      expand_entry(list, e, scope, false, sql, true);
      found = true;
    }
  }
  if (!found) error(diag::DiagId::err_missing_from, v.span, {use->table});
  if (m_quiet == 0) m_edits.push_back(Edit{use->offset, use->length, sql});
}

std::vector<Col> Analyzer::target_list(const std::vector<ResTarget>& targets, Scope& scope,
                                       std::vector<ResultColumn>* out, bool keep_unknown) {
  TargetList list{{}, out, keep_unknown};
  for (const ResTarget& t : targets) {
    if (!t.value) continue;
    const Expr& v = *t.value;
    if (v.kind == ExprKind::ColumnRef && v.as<ColumnRefExpr>().star) {
      target_star(list, v, scope);
    } else if (v.kind == ExprKind::Indirection && !v.as<IndirectionExpr>().steps.empty() &&
               v.as<IndirectionExpr>().steps.back().kind == IndirectionExpr::Step::Kind::Star) {
      target_fields(list, v, scope);  // `(p).*`: each field of a composite value a column
    } else if (v.kind == ExprKind::FuncCall && macro_name(v.as<FuncCallExpr>()) == "embed") {
      target_embed(list, v, scope);
    } else {
      Typed ty = infer(v, scope);
      Col c;
      c.name = t.name.empty() ? figure_name(v) : t.name;
      c.type = ty.type;
      if (ty.origin) {
        c.table = ty.origin->table;
        c.schema = ty.origin->schema;
      }
      emit_column(list, c, ty.nullable, nullptr);
      if (list.out) list.out->back().rows_of = rows_of(v);
    }
  }
  return std::move(list.cols);
}

catalog::Oid Analyzer::rows_of(const Expr& v) const {
  const Expr* e = &v;
  // `COALESCE(json_agg(t), '[]')`: the list, an empty one when no row was aggregated.
  if (e->kind == ExprKind::Coalesce && !e->as<CoalesceExpr>().args.empty()) {
    e = e->as<CoalesceExpr>().args.front().get();
  }
  auto it = m_row_lists.find(e);
  return it == m_row_lists.end() ? 0 : it->second;
}

std::vector<Col> Analyzer::select(const SelectStmt& s, const Scope* parent,
                                  std::vector<ResultColumn>* out, bool keep_unknown) {
  Scope scope;
  scope.parent = parent;
  add_ctes(s.with, scope, parent);
  if (s.set_op != SelectStmt::SetOp::None) return set_operation(s, scope, out, keep_unknown);
  if (!s.values.empty()) return values_list(s, scope, out, keep_unknown);

  for (const FromItemPtr& f : s.from) {
    if (f) add_from(*f, scope, parent);
  }
  if (s.where) {
    infer_as(*s.where, scope, {builtin_type::k_bool, -1}, false);
    check_calls(s.where.get(), Clause::Where, scope);
    narrow(s.where.get(), scope);
  }
  std::vector<Col> cols = target_list(s.targets, scope, out, keep_unknown);
  for (const ResTarget& t : s.targets) check_calls(t.value.get(), Clause::Select, scope);
  auto is_output_ref = [&](const Expr& e) {
    if (e.kind == ExprKind::Const && e.as<ConstExpr>().type == ConstExpr::Type::Integer) {
      return true;  // ORDER BY 1
    }
    if (e.kind != ExprKind::ColumnRef || e.as<ColumnRefExpr>().fields.size() != 1) return false;
    const std::string& n = e.as<ColumnRefExpr>().fields[0];
    bool in_scope = false;
    for (const RangeEntry& en : scope.entries) {
      for (const Col& c : en.cols) in_scope = in_scope || c.name == n;
    }
    if (in_scope) return false;
    for (const Col& c : cols) {
      if (c.name == n) return true;
    }
    return false;
  };
  for (const ExprPtr& g : s.group_by) {
    if (g && !is_output_ref(*g)) {
      infer(*g, scope);
      check_calls(g.get(), Clause::GroupBy, scope);
    }
  }
  if (s.having) {
    infer_as(*s.having, scope, {builtin_type::k_bool, -1}, false);
    check_calls(s.having.get(), Clause::Having, scope);
  }
  for (const ExprPtr& d : s.distinct_on) {
    if (d && !is_output_ref(*d)) infer(*d, scope);
  }
  for (const SortBy& o : s.order_by) {
    if (o.expr && !is_output_ref(*o.expr)) {
      infer(*o.expr, scope);
      check_calls(o.expr.get(), Clause::Select, scope);
    }
  }
  check_order_by(s, scope, cols.size(), false);
  limit_offset(s, scope);
  check_distinct(s, scope);
  check_distinct_equality(s, cols);
  check_grouping(s, scope, cols);
  check_locking(s, scope);
  return cols;
}

std::vector<Col> Analyzer::set_operation(const SelectStmt& s, Scope& scope,
                                         std::vector<ResultColumn>* out, bool keep_unknown) {
  std::vector<ResultColumn> left_out;
  std::vector<Col> left =
      s.left ? select(*s.left, &scope, out ? &left_out : nullptr, true) : std::vector<Col>{};
  std::vector<Col> right = s.right ? select(*s.right, &scope, nullptr, true) : std::vector<Col>{};
  const char* ctx = s.set_op == SelectStmt::SetOp::Union       ? "UNION"
                    : s.set_op == SelectStmt::SetOp::Intersect ? "INTERSECT"
                                                               : "EXCEPT";
  if (left.size() != right.size()) {
    // At the right branch's select list, as PostgreSQL reports it.
    const SelectStmt* leaf = s.right.get();
    while (leaf && leaf->set_op != SelectStmt::SetOp::None) leaf = leaf->left.get();
    Span at = leaf && !leaf->targets.empty() ? leaf->targets[0].span : s.span;
    if (leaf && !leaf->values.empty() && !leaf->values[0].empty()) at = leaf->values[0][0]->span;
    if (!m_failed) {
      reject(diag::DiagId::err_type_resolution, at, "42601",
             {std::string("each ") + ctx + " query must have the same number of columns"});
    }
    return left;
  }
  for (size_t i = 0; i < left.size(); ++i) {
    std::string err;
    ExprType common = select_common_type(m_cat, {left[i].type, right[i].type}, ctx, &err);
    if (!err.empty()) error(diag::DiagId::err_type_resolution, s.span, {err});
    if (common.oid == pseudo_oid::k_unknown_oid && !keep_unknown) {
      common = {builtin_type::k_text, -1};
    }
    left[i].type = common;
    left[i].nullable = left[i].nullable || right[i].nullable;
    if (left[i].table != right[i].table) {
      left[i].table.clear();
      left[i].schema.clear();
    }
    if (out && i < left_out.size()) {
      left_out[i].type = common;
      left_out[i].not_null = !left[i].nullable;
      left_out[i].table = left[i].table;
      left_out[i].table_schema = left[i].schema;
    }
  }
  check_order_by(s, scope, left.size(), true);
  limit_offset(s, scope);
  check_locking(s, scope);
  if (out) *out = std::move(left_out);
  return left;
}

std::vector<Col> Analyzer::values_list(const SelectStmt& s, Scope& scope,
                                       std::vector<ResultColumn>* out, bool keep_unknown) {
  for (const auto& row : s.values) {
    if (row.size() != s.values[0].size() && !m_failed) {
      reject(diag::DiagId::err_values_length, row.empty() ? s.span : row[0]->span, "42601");
      return {};
    }
  }
  size_t width = s.values[0].size();
  std::vector<Col> cols(width);
  for (size_t i = 0; i < width; ++i) {
    std::vector<ExprType> types;
    bool nullable = false;
    for (const auto& row : s.values) {
      if (i >= row.size()) continue;
      Typed t = infer(*row[i], scope);
      check_calls(row[i].get(), Clause::Values, scope);
      types.push_back(t.type);
      nullable = nullable || t.nullable;
    }
    std::string err;
    size_t culprit = 0;
    ExprType common = select_common_type(m_cat, types, "VALUES", &err, &culprit);
    if (!err.empty()) {
      // At the row's value PostgreSQL reports (every row has column i: checked above).
      error(diag::DiagId::err_type_resolution,
            culprit < s.values.size() ? s.values[culprit][i]->span : s.span, {err});
    }
    for (const auto& row : s.values) {
      if (i < row.size()) bind(*row[i], common);
    }
    if (common.oid == pseudo_oid::k_unknown_oid && !keep_unknown) {
      common = {builtin_type::k_text, -1};
    }
    cols[i] = Col{"column" + std::to_string(i + 1), common, nullable, "", ""};
    if (out) {
      ResultColumn rc;
      rc.name = cols[i].name;
      rc.type = common;
      rc.not_null = !nullable;
      out->push_back(rc);
    }
  }
  return cols;
}

void Analyzer::limit_offset(const SelectStmt& s, Scope& scope) {
  if (s.limit) {
    Typed t = infer_as(*s.limit, scope, {builtin_type::k_int8, -1}, false);
    check_calls(s.limit.get(), Clause::Limit, scope);
    check_limit(*s.limit, t, "LIMIT");
  }
  if (s.offset) {
    Typed t = infer_as(*s.offset, scope, {builtin_type::k_int8, -1}, false);
    check_calls(s.offset.get(), Clause::Offset, scope);
    check_limit(*s.offset, t, "OFFSET");
  }
}

std::vector<Col> Analyzer::statement_columns(const Stmt& s, const Scope* parent) {
  switch (s.kind) {
    case StmtKind::Select:
      return select(s.as<SelectStmt>(), parent);
    case StmtKind::Insert:
      return insert(s.as<InsertStmt>(), parent, nullptr);
    case StmtKind::Update:
      return update(s.as<UpdateStmt>(), parent, nullptr);
    case StmtKind::Delete:
      return delete_(s.as<DeleteStmt>(), parent, nullptr);
    default:
      error(diag::DiagId::err_unsupported_sql, s.span, {parse::describe(s) + " statement"});
      return {};
  }
}

}  // namespace sqlgen::analyze
