// The transaction plan: walks the migrations' Up statements in order, opening
// and committing transactions as the migration runner does, runs the rules on
// each statement, then applies it to the live catalog.
#include "vet/vet.hpp"

#include <algorithm>
#include <cctype>

#include "analyze/analyze.hpp"
#include "parse/parse.hpp"
#include "source/parse_up.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet {

namespace {

using namespace detail;

/// True for COMMIT / END / ROLLBACK / ABORT written in a migration: the open
/// transaction ends there (BEGIN and savepoints leave it open).
bool ends_transaction(const parse::Stmt& s, const diag::SourcePtr& source) {
  if (s.node != "TransactionStmt") return false;
  std::string word;
  const std::string& text = source->text();
  for (uint32_t i = s.span.offset;
       i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])); ++i) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  return word == "commit" || word == "end" || word == "rollback" || word == "abort";
}

/// The enum an `ALTER TYPE ... ADD VALUE` will add a label to: nullptr when the statement
/// renames a value, names no enum, or (IF NOT EXISTS) the label is already there.
const catalog::Type* enum_gaining_label(const parse::AlterEnumStmt& s,
                                        const catalog::Catalog& cat) {
  if (!s.old_value.empty()) return nullptr;
  const catalog::Type* t = cat.find_type(s.type.schema, s.type.name, cat.search_path());
  if (!t || t->typtype != 'e') return nullptr;
  if (std::find(t->labels.begin(), t->labels.end(), s.new_value) != t->labels.end()) return nullptr;
  return t;
}

/// A RENAME VALUE keeps the value uncommitted under its new name.
void rename_pending(const parse::AlterEnumStmt& s, VetState& st) {
  const catalog::Type* t = st.cat.find_type(s.type.schema, s.type.name, st.cat.search_path());
  if (!t) return;
  auto type = st.pending.find(t->oid);
  if (type == st.pending.end()) return;
  auto label = type->second.find(s.old_value);
  if (label == type->second.end() || type->second.count(s.new_value)) return;
  size_t site = label->second;
  type->second.erase(label);
  type->second[s.new_value] = site;
}

/// Records the relations a new view or materialized view reads.
void record_view(const parse::QualName& name, const parse::Stmt* query, VetState& st) {
  if (!query) return;
  const catalog::Relation* view =
      st.cat.find_relation(name.schema, name.name, st.cat.search_path());
  if (view) st.view_reads[view->oid] = relations_read(*query, st.cat);
}

/// Runs the rules on one statement, applies it, and keeps the bookkeeping current.
void walk_statement(const parse::Stmt& s, const diag::SourcePtr& source, VetState& st) {
  st.statement_source = source;
  st.statement = s.span;
  check_non_transactional(s, source, st);
  check_goose_block(s, source, st);
  check_schema_rules(s, source, st);
  check_risky_changes(s, source, st);
  if (ends_transaction(s, source)) st.pending.clear();
  check_enum_uses(s, source, st);

  const catalog::Type* gaining = nullptr;
  if (s.kind == parse::StmtKind::AlterEnum) {
    const auto& alter = s.as<parse::AlterEnumStmt>();
    gaining = enum_gaining_label(alter, st.cat);
    if (!alter.old_value.empty()) rename_pending(alter, st);
  }
  catalog::Oid gaining_oid = gaining ? gaining->oid : 0;
  st.cat.apply(s, source, st.diags);
  record_changes(s, st);

  if (gaining_oid) {
    const auto& alter = s.as<parse::AlterEnumStmt>();
    const catalog::Type* t = st.cat.type(gaining_oid);
    if (!t || std::find(t->labels.begin(), t->labels.end(), alter.new_value) == t->labels.end()) {
      return;  // the catalog reported why the value was not added
    }
    AddValueSite site;
    site.migration = st.migration;
    site.info.source = source;
    site.info.offset = s.span.offset;
    site.info.length = s.span.length;
    site.info.type = type_display(*t);
    site.info.value = alter.new_value;
    plan_recreate(*t, st, site.info);
    st.pending[gaining_oid][alter.new_value] = st.sites.size();
    st.sites.push_back(std::move(site));
  } else if (s.kind == parse::StmtKind::CreateView) {
    const auto& view = s.as<parse::CreateViewStmt>();
    record_view(view.view, view.query.get(), st);
  } else if (s.kind == parse::StmtKind::CreateTableAs &&
             s.as<parse::CreateTableAsStmt>().materialized) {
    const auto& view = s.as<parse::CreateTableAsStmt>();
    record_view(view.table, view.query.get(), st);
  }
}

}  // namespace

Report check(const std::vector<source::Migration>& migrations, const Options& options,
             diag::DiagnosticEngine& diags, const std::vector<QueryInput>& queries) {
  VetState st(migrations, options, diags);
  resolve_levels(options, st.levels, diags);
  for (const QueryInput& q : queries) {
    if (!q.query || !q.query->source) continue;
    // Parsed as the analysis parses it (`sqlgen.sort(name: ...)` read); syntax errors are the
    // analysis's to report.
    std::vector<parse::StmtPtr> stmts = analyze::parse_query(*q.query).stmts;
    if (stmts.size() == 1 && stmts[0]) st.queries.push_back(QueryRef{&q, std::move(stmts[0])});
  }
  check_migration_files(st);
  std::vector<std::shared_ptr<const source::ParsedUp>> parsed = source::parse_up(migrations, diags);
  for (size_t i = 0; i < migrations.size(); ++i) {
    const source::Migration& m = migrations[i];
    if (!m.source) continue;
    st.migration = i;
    // A new transaction per migration; a NO TRANSACTION migration commits the batch before
    // it and runs each statement in its own (autocommit) transaction.
    if (options.mode == TransactionMode::PerMigration || m.no_transaction) st.pending.clear();
    st.in_transaction = !m.no_transaction;
    for (const std::vector<parse::StmtPtr>& stmts : parsed[i]->stmts) {
      if (m.no_transaction) st.pending.clear();
      for (const parse::StmtPtr& s : stmts) walk_statement(*s, m.source, st);
    }
    if (m.no_transaction) st.pending.clear();
    finish_drops(st);
  }
  check_audit(st);
  Report report;
  report.edits = std::move(st.edits);
  report.new_files = std::move(st.new_files);
  report.not_fixable = std::move(st.not_fixable);
  for (AddValueSite& site : st.sites) {
    if (site.info.errors + site.info.warnings > 0) {
      report.unsafe_add_values.push_back(std::move(site.info));
    }
  }
  return report;
}

}  // namespace sqlgen::vet
