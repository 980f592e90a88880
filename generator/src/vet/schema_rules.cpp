// Rules on the shape of what migrations create: "select-star-in-view" (a view's `*` is
// expanded once, at CREATE) and "table-repeats-schema" (billing.billing_accounts).
#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

/// The names a bare `*` of `s` covers: its FROM items.
std::string from_names(const parse::SelectStmt& s) {
  std::string out;
  for (const parse::FromItemPtr& item : s.from) {
    if (!item) continue;
    std::string name = item->alias.name;
    if (name.empty() && item->kind == parse::FromItem::Kind::Table) {
      name = item->as<parse::TableRef>().name.name;
    }
    if (name.empty()) continue;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

/// Reports the first `*` of each SELECT level of a view's query (set operations' arms too).
void star_targets(const parse::SelectStmt& s, const std::string& view,
                  const diag::SourcePtr& source, VetState& st) {
  if (s.set_op != parse::SelectStmt::SetOp::None) {
    if (s.left) star_targets(*s.left, view, source, st);
    if (s.right) star_targets(*s.right, view, source, st);
    return;
  }
  for (const parse::ResTarget& t : s.targets) {
    if (!t.value || t.value->kind != parse::ExprKind::ColumnRef) continue;
    const auto& c = t.value->as<parse::ColumnRefExpr>();
    if (!c.star) continue;
    std::string covered = c.fields.empty() ? from_names(s) : c.fields.back();
    report(st, "select-star-in-view",
           diag::make(diag::DiagId::warn_vet_select_star_in_view,
                      diag::Location::at(source, t.value->span.offset, t.value->span.length),
                      {view, covered}));
    return;
  }
}

void check_view(const parse::QualName& name, const parse::Stmt* query,
                const diag::SourcePtr& source, VetState& st) {
  if (!query || query->kind != parse::StmtKind::Select) return;
  star_targets(query->as<parse::SelectStmt>(), name.name, source, st);
}

void check_table_name(const parse::CreateTableStmt& s, const diag::SourcePtr& source,
                      VetState& st) {
  const std::string& schema = s.table.schema;
  const std::string& name = s.table.name;
  if (schema.empty() || name.size() <= schema.size() + 1) return;
  if (name.compare(0, schema.size(), schema) != 0 || name[schema.size()] != '_') return;
  report(st, "table-repeats-schema",
         diag::make(diag::DiagId::warn_vet_table_repeats_schema,
                    diag::Location::at(source, s.table.span.offset, s.table.span.length),
                    {schema, name, name.substr(schema.size() + 1)}));
}

}  // namespace

void check_schema_rules(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& st) {
  switch (stmt.kind) {
    case parse::StmtKind::CreateView: {
      const auto& v = stmt.as<parse::CreateViewStmt>();
      check_view(v.view, v.query.get(), source, st);
      return;
    }
    case parse::StmtKind::CreateTableAs: {
      const auto& v = stmt.as<parse::CreateTableAsStmt>();
      if (v.materialized) check_view(v.table, v.query.get(), source, st);
      return;
    }
    case parse::StmtKind::CreateTable:
      check_table_name(stmt.as<parse::CreateTableStmt>(), source, st);
      return;
    default:
      return;
  }
}

}  // namespace sqlgen::vet::detail
