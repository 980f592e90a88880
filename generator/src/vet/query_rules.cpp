// Rules on queries: "delete-without-where" and "update-without-where" (a query that
// touches every row of its table), "query-naming" (`...ByX` that groups by X) and
// "one-many-rows" (a `:one` that nothing bounds to one row).
#include <algorithm>
#include <cctype>
#include <set>

#include "analyze/analyze.hpp"
#include "parse/parse.hpp"
#include "parse/walk.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet {

namespace {

using namespace detail;

// --- query-naming ------------------------------------------------------------

void conjuncts(const parse::Expr* e, std::vector<const parse::Expr*>& out);

/// "CustomerID" → "customer_id", "OrgId" → "org_id".
std::string snake(std::string_view camel) {
  std::string out;
  for (size_t i = 0; i < camel.size(); ++i) {
    char c = camel[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    bool prev_lower = i > 0 && !std::isupper(static_cast<unsigned char>(camel[i - 1]));
    bool next_lower =
        i + 1 < camel.size() && std::islower(static_cast<unsigned char>(camel[i + 1]));
    bool prev_upper = i > 0 && std::isupper(static_cast<unsigned char>(camel[i - 1]));
    if (upper && i > 0 && (prev_lower || (prev_upper && next_lower))) out += '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// Where `name` says `By<X>`: the offset of "By" (the last one followed by an upper-case
/// letter), or npos.
size_t by_position(const std::string& name) {
  for (size_t at = name.rfind("By"); at != std::string::npos && at > 0;
       at = name.rfind("By", at - 1)) {
    if (at + 2 < name.size() && std::isupper(static_cast<unsigned char>(name[at + 2]))) return at;
    if (at == 0) break;
  }
  return std::string::npos;
}

/// The column names `WHERE` equates to something (`col = ...` among its top-level AND terms).
std::set<std::string> filtered_columns(const parse::Expr* where) {
  std::set<std::string> out;
  std::vector<const parse::Expr*> terms;
  conjuncts(where, terms);
  for (const parse::Expr* t : terms) {
    if (t->kind != parse::ExprKind::AExpr) continue;
    const auto& a = t->as<parse::AExpr>();
    if (a.op != parse::AExpr::Op::Op || a.name.empty() || a.name.back() != "=") continue;
    for (const parse::Expr* side : {a.lhs.get(), a.rhs.get()}) {
      if (!side || side->kind != parse::ExprKind::ColumnRef) continue;
      const auto& ref = side->as<parse::ColumnRefExpr>();
      if (!ref.star && !ref.fields.empty()) out.insert(ref.fields.back());
    }
  }
  return out;
}

void check_naming(const source::Query& q, const parse::Stmt& s, VetState& st) {
  if (s.kind != parse::StmtKind::Select) return;
  const auto& sel = s.as<parse::SelectStmt>();
  size_t by = by_position(q.name);
  if (by == std::string::npos || sel.group_by.empty()) return;
  std::string x = q.name.substr(by + 2);
  std::string col = snake(x);
  // Filtered on X and grouped by it too (one group): "ByX" names the filter, rightly.
  std::set<std::string> filtered = filtered_columns(sel.where.get());
  if (filtered.count(col) || filtered.count(col + "_id")) return;
  for (const parse::ExprPtr& g : sel.group_by) {
    if (!g || g->kind != parse::ExprKind::ColumnRef) continue;
    const auto& ref = g->as<parse::ColumnRefExpr>();
    if (ref.star || ref.fields.empty()) continue;
    const std::string& name = ref.fields.back();
    if (name != col && name != col + "_id") continue;
    std::string better = q.name.substr(0, by) + "Per" + x;
    report(st, "query-naming",
           diag::make(diag::DiagId::warn_vet_query_naming_per,
                      diag::Location::at(q.source, g->span.offset, g->span.length),
                      {q.name, name, better, x}));
    return;
  }
}

// --- one-many-rows -----------------------------------------------------------

/// A relation of the FROM list: the name its columns are qualified with, and its catalog entry.
struct FromRel {
  std::string name;
  const catalog::Relation* rel = nullptr;
};

/// The FROM items as relations, with the join conditions; false when an item is no catalog
/// relation (a subquery, a function, a CTE, USING/NATURAL joins): then nothing is claimed.
bool collect_from(const parse::FromItem& item, const catalog::Catalog& cat,
                  const std::vector<std::string>& path, std::vector<FromRel>& rels,
                  std::vector<const parse::Expr*>& conds) {
  switch (item.kind) {
    case parse::FromItem::Kind::Table: {
      const auto& t = item.as<parse::TableRef>();
      const catalog::Relation* rel = cat.find_relation(t.name.schema, t.name.name, path);
      if (!rel) return false;
      rels.push_back(FromRel{item.alias.name.empty() ? t.name.name : item.alias.name, rel});
      return true;
    }
    case parse::FromItem::Kind::Join: {
      const auto& j = item.as<parse::JoinRef>();
      if (j.natural || !j.using_columns.empty() || !j.left || !j.right) return false;
      if (j.on) conds.push_back(j.on.get());
      return collect_from(*j.left, cat, path, rels, conds) &&
             collect_from(*j.right, cat, path, rels, conds);
    }
    default:
      return false;
  }
}

/// The top-level AND terms of a condition.
void conjuncts(const parse::Expr* e, std::vector<const parse::Expr*>& out) {
  if (!e) return;
  if (e->kind == parse::ExprKind::BoolExpr &&
      e->as<parse::BoolExpr>().op == parse::BoolExpr::Op::And) {
    for (const parse::ExprPtr& a : e->as<parse::BoolExpr>().args) conjuncts(a.get(), out);
    return;
  }
  out.push_back(e);
}

/// The FROM relation a column reference names (by qualifier, else the one relation that has
/// the column), or -1.
int owner(const parse::ColumnRefExpr& ref, const std::vector<FromRel>& rels) {
  if (ref.star || ref.fields.empty()) return -1;
  const std::string& col = ref.fields.back();
  int found = -1;
  for (size_t i = 0; i < rels.size(); ++i) {
    if (ref.fields.size() >= 2 && rels[i].name != ref.fields[ref.fields.size() - 2]) continue;
    if (!rels[i].rel->column(col)) continue;
    if (found >= 0) return -1;  // ambiguous
    found = static_cast<int>(i);
  }
  return found;
}

/// A named parameter: `@name` (the prefix operator "@") or `sqlc.arg(name)` /
/// `sqlgen.narg(name)` / `...slice(name)`, as the analysis's parameter plan reads them.
bool named_param(const parse::Expr& e) {
  if (e.kind == parse::ExprKind::AExpr) {
    const auto& a = e.as<parse::AExpr>();
    return a.op == parse::AExpr::Op::Op && !a.lhs && a.name.size() == 1 && a.name[0] == "@";
  }
  if (e.kind != parse::ExprKind::FuncCall) return false;
  const std::vector<std::string>& n = e.as<parse::FuncCallExpr>().name;
  return n.size() == 2 && (n[0] == "sqlc" || n[0] == "sqlgen") &&
         (n[1] == "arg" || n[1] == "narg" || n[1] == "slice");
}

/// Every relation a side of an equality reads (-2 when a column reference is unknown).
void sides_read(const parse::Expr& e, const std::vector<FromRel>& rels, std::set<int>& out) {
  if (named_param(e)) return;
  if (e.kind == parse::ExprKind::ColumnRef) {
    int o = owner(e.as<parse::ColumnRefExpr>(), rels);
    out.insert(o >= 0 ? o : -2);
    return;
  }
  if (e.kind == parse::ExprKind::SubLink) {
    out.insert(-2);  // correlated or not: not a constant per row
    return;
  }
  parse::for_each_child(e, [&](const parse::Expr& c) { sides_read(c, rels, out); });
}

/// The key column sets of a relation: primary key, UNIQUE constraints, plain unique indexes.
std::vector<std::vector<std::string>> keys(const catalog::Relation& rel) {
  std::vector<std::vector<std::string>> out;
  for (const catalog::TableConstraint& c : rel.constraints) {
    if ((c.type == 'p' || c.type == 'u') && !c.columns.empty()) out.push_back(c.columns);
  }
  for (const catalog::UniqueIndex& u : rel.unique_indexes) {
    if (!u.has_expressions && !u.partial && !u.columns.empty()) out.push_back(u.columns);
  }
  return out;
}

/// The first relation of `rels` that may contribute several rows: bounded relations have
/// every column of a key equated to constants, parameters or columns of relations already
/// bounded (WHERE and ON terms alike). -1 when every relation is bounded.
int unbounded(const std::vector<FromRel>& rels, const std::vector<const parse::Expr*>& terms) {
  // Equalities column = expression, from either side.
  struct Eq {
    int rel;
    std::string column;
    std::set<int> other;  ///< relations the other side reads
  };
  std::vector<Eq> eqs;
  for (const parse::Expr* t : terms) {
    if (t->kind != parse::ExprKind::AExpr) continue;
    const auto& a = t->as<parse::AExpr>();
    if (a.op != parse::AExpr::Op::Op || a.name.empty() || a.name.back() != "=" || !a.lhs ||
        !a.rhs) {
      continue;
    }
    auto add = [&](const parse::Expr& col, const parse::Expr& other) {
      if (col.kind != parse::ExprKind::ColumnRef) return;
      const auto& ref = col.as<parse::ColumnRefExpr>();
      int o = owner(ref, rels);
      if (o < 0) return;
      Eq eq{o, ref.fields.back(), {}};
      sides_read(other, rels, eq.other);
      if (eq.other.count(-2) || eq.other.count(o)) return;
      eqs.push_back(std::move(eq));
    };
    // `(a, b) = (x, y)`: a = x and b = y.
    if (a.lhs->kind == parse::ExprKind::Row && a.rhs->kind == parse::ExprKind::Row) {
      const auto& l = a.lhs->as<parse::RowExpr>().args;
      const auto& r = a.rhs->as<parse::RowExpr>().args;
      if (l.size() != r.size()) continue;
      for (size_t k = 0; k < l.size(); ++k) {
        if (!l[k] || !r[k]) continue;
        add(*l[k], *r[k]);
        add(*r[k], *l[k]);
      }
      continue;
    }
    add(*a.lhs, *a.rhs);
    add(*a.rhs, *a.lhs);
  }
  std::vector<bool> bounded(rels.size(), false);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < rels.size(); ++i) {
      if (bounded[i]) continue;
      for (const std::vector<std::string>& key : keys(*rels[i].rel)) {
        bool all = std::all_of(key.begin(), key.end(), [&](const std::string& k) {
          return std::any_of(eqs.begin(), eqs.end(), [&](const Eq& e) {
            return e.rel == static_cast<int>(i) && e.column == k &&
                   std::all_of(e.other.begin(), e.other.end(), [&](int r) { return bounded[r]; });
          });
        });
        if (all) {
          bounded[i] = changed = true;
          break;
        }
      }
    }
  }
  for (size_t i = 0; i < rels.size(); ++i) {
    if (!bounded[i]) return static_cast<int>(i);
  }
  return -1;
}

/// LIMIT 0 or LIMIT 1.
bool limit_one(const parse::SelectStmt& s) {
  if (!s.limit || s.limit->kind != parse::ExprKind::Const) return false;
  const auto& c = s.limit->as<parse::ConstExpr>();
  return c.type == parse::ConstExpr::Type::Integer && (c.text == "0" || c.text == "1");
}

void check_one_row(const QueryInput& in, const parse::Stmt& s, const catalog::Catalog& cat,
                   VetState& st) {
  const source::Query& q = *in.query;
  if (q.command != source::QueryCommand::One && q.command != source::QueryCommand::BatchOne) {
    return;
  }
  if (!in.analyzed || !in.analyzed->ok || in.analyzed->exactly_one_row) return;
  const std::vector<std::string>& path =
      in.options.search_path.empty() ? cat.search_path() : in.options.search_path;
  std::vector<FromRel> rels;
  std::vector<const parse::Expr*> conds;
  const parse::Expr* where = nullptr;
  if (s.kind == parse::StmtKind::Select) {
    const auto& sel = s.as<parse::SelectStmt>();
    // Set operations, DISTINCT, GROUP BY and CTEs are not modelled: nothing is claimed.
    if (sel.set_op != parse::SelectStmt::SetOp::None || sel.with || !sel.group_by.empty() ||
        sel.from.empty() || limit_one(sel)) {
      return;
    }
    for (const parse::FromItemPtr& f : sel.from) {
      if (!f || !collect_from(*f, cat, path, rels, conds)) return;
    }
    where = sel.where.get();
  } else if (s.kind == parse::StmtKind::Update || s.kind == parse::StmtKind::Delete) {
    bool update = s.kind == parse::StmtKind::Update;
    const parse::QualName& table =
        update ? s.as<parse::UpdateStmt>().table : s.as<parse::DeleteStmt>().table;
    const std::string& alias =
        update ? s.as<parse::UpdateStmt>().alias : s.as<parse::DeleteStmt>().alias;
    const auto& with = update ? s.as<parse::UpdateStmt>().with : s.as<parse::DeleteStmt>().with;
    const auto& more =
        update ? s.as<parse::UpdateStmt>().from : s.as<parse::DeleteStmt>().using_items;
    if (with) return;
    const catalog::Relation* rel = cat.find_relation(table.schema, table.name, path);
    if (!rel) return;
    rels.push_back(FromRel{alias.empty() ? table.name : alias, rel});
    for (const parse::FromItemPtr& f : more) {
      if (!f || !collect_from(*f, cat, path, rels, conds)) return;
    }
    where = update ? s.as<parse::UpdateStmt>().where.get() : s.as<parse::DeleteStmt>().where.get();
  } else {
    return;
  }
  std::vector<const parse::Expr*> terms;
  conjuncts(where, terms);
  for (const parse::Expr* c : conds) conjuncts(c, terms);
  int loose = unbounded(rels, terms);
  if (loose < 0) return;
  diag::Location at = diag::Location::at(q.source, s.span.offset,
                                         parse::token_length(q.source->text(), s.span.offset));
  report(st, "one-many-rows",
         diag::make(diag::DiagId::warn_vet_one_many_rows, at, {q.name, rels[loose].rel->name}));
}

// --- delete/update-without-where ----------------------------------------------

/// True when the SQL of a variant (analyze::AnalyzedQuery::variants) is a DELETE or UPDATE
/// without WHERE.
bool variant_without_where(const std::string& sql) {
  diag::SourcePtr src = diag::make_source("<variant>", sql);
  diag::DiagnosticEngine quiet;
  std::vector<parse::StmtPtr> stmts =
      parse::parse_range(src, {0, static_cast<uint32_t>(sql.size())}, quiet);
  if (stmts.size() != 1 || !stmts[0]) return false;
  if (stmts[0]->kind == parse::StmtKind::Delete) return !stmts[0]->as<parse::DeleteStmt>().where;
  if (stmts[0]->kind == parse::StmtKind::Update) return !stmts[0]->as<parse::UpdateStmt>().where;
  return false;
}

/// DELETE and UPDATE without WHERE; also with one whose every term is left out when the
/// optional parameters are empty (`analyzed`'s first variant has none).
void check_where(const source::Query& q, const parse::Stmt& s, VetState& st,
                 const analyze::AnalyzedQuery* analyzed) {
  diag::Location at = diag::Location::at(q.source, s.span.offset,
                                         parse::token_length(q.source->text(), s.span.offset));
  const bool is_delete = s.kind == parse::StmtKind::Delete;
  if (!is_delete && s.kind != parse::StmtKind::Update) return;
  const parse::QualName& table =
      is_delete ? s.as<parse::DeleteStmt>().table : s.as<parse::UpdateStmt>().table;
  const bool has_where = is_delete ? s.as<parse::DeleteStmt>().where != nullptr
                                   : s.as<parse::UpdateStmt>().where != nullptr;
  const bool emptied = has_where && analyzed && !analyzed->variants.empty() &&
                       variant_without_where(analyzed->variants.front());
  if (has_where && !emptied) return;
  diag::Diagnostic d = diag::make(is_delete ? diag::DiagId::warn_vet_delete_without_where
                                            : diag::DiagId::warn_vet_update_without_where,
                                  at, {table.to_string()});
  if (emptied) {
    d.note(diag::DiagId::note_generic, at,
           {"its WHERE is left out when every optional parameter is empty"});
  }
  report(st, is_delete ? "delete-without-where" : "update-without-where", std::move(d));
}

}  // namespace

void check_queries(const std::vector<QueryInput>& queries, const Options& options,
                   diag::DiagnosticEngine& diags, const catalog::Catalog* cat) {
  const std::vector<source::Migration> none;
  VetState st(none, options, diags);
  diag::DiagnosticEngine unknown_ids;  // check() reports those
  resolve_levels(options, st.levels, unknown_ids);
  for (const QueryInput& in : queries) {
    if (!in.query || !in.query->source) continue;
    const source::Query& q = *in.query;
    // Parsed as the analysis parses it; syntax errors are the analysis's to report.
    for (const parse::StmtPtr& s : analyze::parse_query(q).stmts) {
      if (!s) continue;
      st.statement_source = q.source;
      st.statement = s->span;
      check_where(q, *s, st, in.analyzed);
      check_naming(q, *s, st);
      if (cat) check_one_row(in, *s, *cat, st);
    }
  }
}

}  // namespace sqlgen::vet
