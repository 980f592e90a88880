// Rule "audit-coverage": every column of a table listed under `audit:` in sqlgen.yaml has a
// class (track, ignore, secret), and every classified column and table exists, in the catalog
// the migrations leave. `sqlgen vet` runs it at the rule's level; `sqlgen generate` always as
// an error, since the diff helper it writes needs each column's class.
#include <algorithm>
#include <map>
#include <set>

#include "vet/internal.hpp"

namespace sqlgen::vet {

namespace {

constexpr std::string_view k_rule = "audit-coverage";

std::string relation_display(const catalog::Relation& r) { return r.schema + "." + r.name; }

/// ", did you mean ..." among the user tables (qualified when the entry is), or "".
std::string table_hint(const catalog::Catalog& cat, const AuditTable& t) {
  std::vector<std::string> names;
  for (const auto& [oid, r] : cat.relations()) {
    if (r.kind != catalog::RelKind::Table && r.kind != catalog::RelKind::PartitionedTable) continue;
    names.push_back(t.schema.empty() ? r.name : relation_display(r));
  }
  std::string written = t.schema.empty() ? t.table : t.schema + "." + t.table;
  std::string hint = diag::did_you_mean(written, names);
  return hint.empty() ? "" : ", " + hint;
}

/// The findings for one audited table, appended to `out`.
void table_findings(const catalog::Catalog& cat, const AuditTable& t,
                    std::map<catalog::Oid, diag::Location>& seen,
                    std::vector<diag::Diagnostic>& out) {
  const std::vector<std::string>& path = t.search_path.empty() ? cat.search_path() : t.search_path;
  const catalog::Relation* rel = cat.find_relation(t.schema, t.table, path);
  std::string written = t.schema.empty() ? t.table : t.schema + "." + t.table;
  if (!rel || !cat.relations().count(rel->oid)) {
    out.push_back(
        diag::make(diag::DiagId::err_audit_unknown_table, t.loc, {written, table_hint(cat, t)}));
    return;
  }
  const std::string name = relation_display(*rel);
  if (rel->kind != catalog::RelKind::Table && rel->kind != catalog::RelKind::PartitionedTable) {
    std::string kind = catalog::relkind_name(rel->kind);
    for (char& c : kind) c = c == '_' ? ' ' : c;
    diag::Diagnostic d = diag::make(diag::DiagId::err_audit_not_table, t.loc, {name, kind});
    d.note(diag::DiagId::note_declared_here, rel->origin.location(), {kind, name});
    out.push_back(std::move(d));
    return;
  }
  if (auto [prev, inserted] = seen.emplace(rel->oid, t.loc); !inserted) {
    diag::Diagnostic d = diag::make(diag::DiagId::err_config_duplicate_key, t.loc, {written});
    d.note(diag::DiagId::note_previous_here, prev->second, {"entry for table \"" + name + "\""});
    out.push_back(std::move(d));
    return;
  }

  std::vector<std::string> columns;
  for (const catalog::Column& c : rel->columns) columns.push_back(c.name);
  std::set<std::string> classified;
  for (const AuditColumn& c : t.columns) {
    classified.insert(c.column);
    if (std::find(columns.begin(), columns.end(), c.column) != columns.end()) continue;
    std::string hint = diag::did_you_mean(c.column, columns);
    diag::Diagnostic d = diag::make(diag::DiagId::err_audit_unknown_column, c.loc,
                                    {c.column, name, hint.empty() ? "" : ", " + hint});
    d.note(diag::DiagId::note_declared_here, rel->origin.location(), {"table", name});
    out.push_back(std::move(d));
  }
  for (const catalog::Column& c : rel->columns) {
    if (classified.count(c.name)) continue;
    // At the column's definition when the catalog knows it, else at the config entry.
    diag::Location at = c.origin.source ? c.origin.location() : t.loc;
    diag::Diagnostic d = diag::make(diag::DiagId::err_audit_unclassified, at, {c.name, name});
    d.note(diag::DiagId::note_audit_entry, t.loc, {name});
    out.push_back(std::move(d));
  }
}

/// Every finding of the rule, as errors, in entry then column order.
std::vector<diag::Diagnostic> findings(const catalog::Catalog& cat,
                                       const std::vector<AuditTable>& tables) {
  std::vector<diag::Diagnostic> out;
  std::map<catalog::Oid, diag::Location> seen;
  for (const AuditTable& t : tables) table_findings(cat, t, seen, out);
  return out;
}

}  // namespace

void check_audit_coverage(const catalog::Catalog& cat, const std::vector<AuditTable>& tables,
                          diag::DiagnosticEngine& diags) {
  for (diag::Diagnostic& d : findings(cat, tables)) {
    d.rule = std::string(k_rule);
    diags.report(std::move(d));
  }
}

namespace detail {

void check_audit(VetState& st) {
  for (diag::Diagnostic& d : findings(st.cat, st.options.audit)) {
    report(st, k_rule, std::move(d));
  }
}

}  // namespace detail

}  // namespace sqlgen::vet
