// Rules on changes to tables that earlier migrations created (production holds rows there and
// the released queries read them): dropping a table or column a query reads
// ("drop-read-by-query"), renaming a column a query reads ("rename-read-column"), ADD COLUMN
// NOT NULL without a DEFAULT ("add-column-not-null"), SET NOT NULL without a validated
// CHECK (col IS NOT NULL) first ("set-not-null"), ALTER COLUMN TYPE ("alter-column-type") and
// CREATE INDEX without CONCURRENTLY ("index-not-concurrent"). A table created in the same
// migration has no rows and no reader yet: nothing fires for it; nor does anything in a plain
// schema file, which the runner does not run.
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

#include "analyze/analyze.hpp"
#include "parse/parse.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

using parse::AlterTableCmd;

const catalog::Relation* find(const parse::QualName& name, const VetState& st) {
  return st.cat.find_relation(name.schema, name.name, st.cat.search_path());
}

/// True when `rel` was created by an earlier migration than the one being walked.
bool from_earlier_migration(const catalog::Relation& rel, const VetState& st) {
  auto it = st.created_in.find(rel.oid);
  return it == st.created_in.end() || it->second < st.migration;
}

std::string file_name(const diag::SourcePtr& source) {
  return std::filesystem::path(source->path()).filename().string();
}

/// The first place each query reads `column` of `rel` (every place it names `rel` when
/// `column` is empty): (query, location) pairs, in query order.
std::vector<std::pair<const source::Query*, diag::Location>> readers(const catalog::Relation& rel,
                                                                     const std::string& column,
                                                                     VetState& st) {
  std::vector<std::pair<const source::Query*, diag::Location>> out;
  for (const QueryRef& q : st.queries) {
    if (!q.stmt || !q.input || !q.input->query) continue;
    if (!relations_read(*q.stmt, st.cat).count(rel.oid)) continue;
    const source::Query& query = *q.input->query;
    if (column.empty()) {
      out.emplace_back(&query, diag::Location::at(
                                   query.source, q.stmt->span.offset,
                                   parse::token_length(query.source->text(), q.stmt->span.offset)));
      continue;
    }
    // The analysis against the catalog of this moment says which columns the query names.
    diag::DiagnosticEngine quiet;
    analyze::AnalyzedQuery a = analyze::analyze_query(st.cat, query, q.input->options, quiet);
    for (const analyze::ColumnRead& r : a.reads) {
      if (r.table != rel.name || r.schema != rel.schema || r.column != column) continue;
      out.emplace_back(&query, diag::Location::at(query.source, r.offset, r.length));
      break;
    }
  }
  return out;
}

/// Queues a drop-read-by-query finding per query reading what the statement drops.
void queue_drops(const catalog::Relation& rel, const std::string& column, diag::Location at,
                 VetState& st) {
  std::string what =
      column.empty() ? "\"" + rel.name + "\"" : "column \"" + column + "\" of \"" + rel.name + "\"";
  for (auto& [query, where] : readers(rel, column, st)) {
    diag::Diagnostic d =
        diag::make(diag::DiagId::err_vet_drop_read_column, at,
                   {"migration \"" + file_name(at.source) + "\"", what, query->name});
    d.note(diag::DiagId::note_vet_query_reads, where, {query->name});
    st.drops.push_back(PendingDrop{std::move(d), rel.schema, rel.name, column});
  }
}

/// Reads of `column` (of `rel`) a RENAME COLUMN breaks, one warning per query.
void check_rename(const parse::RenameStmt& r, const parse::Stmt& stmt,
                  const diag::SourcePtr& source, VetState& st) {
  if (r.object_type != parse::ObjectType::Column || !r.relation) return;
  const catalog::Relation* rel = find(*r.relation, st);
  if (!rel || !from_earlier_migration(*rel, st)) return;
  diag::Location at = diag::Location::at(source, stmt.span.offset, stmt.span.length);
  for (auto& [query, where] : readers(*rel, r.subname, st)) {
    diag::Diagnostic d = diag::make(diag::DiagId::warn_vet_rename_read_column, at,
                                    {r.subname, rel->name, query->name});
    d.note(diag::DiagId::note_vet_query_reads, where, {query->name});
    report(st, "rename-read-column", std::move(d));
  }
}

bool has_constraint(const parse::ColumnDef& c, parse::Constraint::Type t) {
  for (const parse::Constraint& k : c.constraints) {
    if (k.type == t) return true;
  }
  return false;
}

/// The new type keeps the stored bytes (no rewrite): varchar or text to text, or varchar to
/// a varchar at least as long (or unbounded).
bool no_rewrite(const catalog::Column& old, const parse::TypeName& type) {
  constexpr catalog::Oid k_text = 25, k_varchar = 1043;
  if (type.names.empty() || !type.array_bounds.empty() || old.type.array_dims != 0) return false;
  const std::string& name = type.names.back();
  if (name == "text") return old.type.oid == k_text || old.type.oid == k_varchar;
  if (name != "varchar" || old.type.oid != k_varchar) return false;
  if (type.typmods.empty()) return true;
  const parse::Expr* n = type.typmods[0].get();
  if (!n || n->kind != parse::ExprKind::Const || old.type.typmod < 0) return false;
  try {
    return std::stoll(n->as<parse::ConstExpr>().text) >= old.type.typmod - 4;  // typmod: n + 4
  } catch (const std::exception&) {
    return false;
  }
}

/// An enum column moved to another enum: the recreate-the-type pattern that
/// "enum-value-used-in-transaction" recommends (and `--fix` writes); its cost is documented
/// there.
bool enum_to_enum(const catalog::Column& old, const parse::TypeName& type, const VetState& st) {
  std::optional<catalog::TypeRef> to = resolve_type(st.cat, type);
  if (!to) return false;
  EnumTarget from = enum_target(st.cat, old.type);
  EnumTarget target = enum_target(st.cat, *to);
  return from.type && target.type && from.array == target.array;
}

/// `col IS NOT NULL`: the column a CHECK proves not null, or "".
std::string not_null_check_column(const parse::Constraint& c) {
  if (c.type != parse::Constraint::Type::Check || !c.expr) return "";
  const parse::Expr& e = *c.expr;
  if (e.kind != parse::ExprKind::NullTest || !e.as<parse::NullTestExpr>().is_not) return "";
  const parse::Expr* arg = e.as<parse::NullTestExpr>().arg.get();
  if (!arg || arg->kind != parse::ExprKind::ColumnRef) return "";
  const auto& ref = arg->as<parse::ColumnRefExpr>();
  return ref.star || ref.fields.size() != 1 ? "" : ref.fields[0];
}

void check_alter_table(const parse::AlterTableStmt& alter, const diag::SourcePtr& source,
                       VetState& st) {
  const catalog::Relation* rel = find(alter.table, st);
  if (!rel || !from_earlier_migration(*rel, st)) return;
  for (const AlterTableCmd& cmd : alter.cmds) {
    diag::Location at = diag::Location::at(source, cmd.span.offset, cmd.span.length);
    switch (cmd.type) {
      case AlterTableCmd::Type::DropColumn:
        if (rel->column(cmd.name)) queue_drops(*rel, cmd.name, at, st);
        break;
      case AlterTableCmd::Type::AddColumn: {
        if (!cmd.column) break;
        const parse::ColumnDef& c = *cmd.column;
        using T = parse::Constraint::Type;
        if (has_constraint(c, T::NotNull) && !has_constraint(c, T::Default) &&
            !has_constraint(c, T::Identity) && !has_constraint(c, T::Generated)) {
          report(st, "add-column-not-null",
                 diag::make(diag::DiagId::warn_vet_add_column_not_null, at, {c.name}));
        }
        break;
      }
      case AlterTableCmd::Type::SetNotNull: {
        const catalog::Column* col = rel->column(cmd.name);
        if (!col || col->not_null) break;
        bool proven = false;
        auto checks = st.not_null_checks.find(rel->oid);
        auto valid = st.validated.find(rel->oid);
        if (checks != st.not_null_checks.end() && valid != st.validated.end()) {
          for (const auto& [name, column] : checks->second) {
            if (column == cmd.name && valid->second.count(name)) proven = true;
          }
        }
        if (!proven) {
          report(st, "set-not-null",
                 diag::make(diag::DiagId::warn_vet_set_not_null, at, {cmd.name, rel->name}));
        }
        break;
      }
      case AlterTableCmd::Type::AlterColumnType: {
        const catalog::Column* col = rel->column(cmd.name);
        if (!col || (cmd.column && no_rewrite(*col, cmd.column->type))) break;
        if (cmd.column && enum_to_enum(*col, cmd.column->type, st)) break;
        report(st, "alter-column-type",
               diag::make(diag::DiagId::warn_vet_alter_column_type, at, {cmd.name, rel->name}));
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

void check_risky_changes(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& st) {
  // A plain schema file (sqlc's schema list) is not run by the migration runner.
  if (st.migrations[st.migration].unversioned) return;
  switch (stmt.kind) {
    case parse::StmtKind::AlterTable:
      check_alter_table(stmt.as<parse::AlterTableStmt>(), source, st);
      return;
    case parse::StmtKind::Rename:
      check_rename(stmt.as<parse::RenameStmt>(), stmt, source, st);
      return;
    case parse::StmtKind::Drop: {
      const auto& drop = stmt.as<parse::DropStmt>();
      if (drop.object_type != parse::ObjectType::Table &&
          drop.object_type != parse::ObjectType::View &&
          drop.object_type != parse::ObjectType::MatView) {
        return;
      }
      for (const parse::ObjectRef& o : drop.objects) {
        if (o.names.empty() || o.names.size() > 2) continue;
        parse::QualName name;
        name.schema = o.names.size() == 2 ? o.names[0] : "";
        name.name = o.names.back();
        const catalog::Relation* rel = find(name, st);
        if (!rel || !from_earlier_migration(*rel, st)) continue;
        queue_drops(*rel, "", diag::Location::at(source, o.span.offset, o.span.length), st);
      }
      return;
    }
    case parse::StmtKind::Other: {
      const auto& o = stmt.as<parse::OtherStmt>();
      if (stmt.node != "IndexStmt" || !o.index || o.concurrently) return;
      const catalog::Relation* rel = find(o.index->table, st);
      if (!rel || !from_earlier_migration(*rel, st)) return;
      report(st, "index-not-concurrent",
             diag::make(diag::DiagId::warn_vet_index_not_concurrent,
                        diag::Location::at(source, stmt.span.offset,
                                           parse::token_length(source->text(), stmt.span.offset)),
                        {rel->name}));
      return;
    }
    default:
      return;
  }
}

void record_changes(const parse::Stmt& stmt, VetState& st) {
  auto created = [&](const parse::QualName& name) {
    if (const catalog::Relation* rel = find(name, st))
      st.created_in.emplace(rel->oid, st.migration);
  };
  switch (stmt.kind) {
    case parse::StmtKind::CreateTable:
      created(stmt.as<parse::CreateTableStmt>().table);
      return;
    case parse::StmtKind::CreateTableAs:
      created(stmt.as<parse::CreateTableAsStmt>().table);
      return;
    case parse::StmtKind::CreateView:
      created(stmt.as<parse::CreateViewStmt>().view);
      return;
    case parse::StmtKind::AlterTable: {
      const auto& alter = stmt.as<parse::AlterTableStmt>();
      const catalog::Relation* rel = find(alter.table, st);
      if (!rel) return;
      for (const AlterTableCmd& cmd : alter.cmds) {
        if (cmd.type == AlterTableCmd::Type::AddConstraint && cmd.constraint) {
          std::string column = not_null_check_column(*cmd.constraint);
          if (!column.empty() && !cmd.constraint->name.empty()) {
            st.not_null_checks[rel->oid][cmd.constraint->name] = column;
          }
        } else if (cmd.pg_type == "AT_ValidateConstraint") {
          st.validated[rel->oid].insert(cmd.name);
        }
      }
      return;
    }
    default:
      return;
  }
}

void finish_drops(VetState& st) {
  for (PendingDrop& d : st.drops) {
    // Made again in the same migration (DROP then CREATE): the queries read the new one.
    const catalog::Relation* again = st.cat.find_relation(d.schema, d.table, st.cat.search_path());
    if (again && (d.column.empty() || again->column(d.column))) continue;
    report(st, "drop-read-by-query", std::move(d.finding));
  }
  st.drops.clear();
}

}  // namespace sqlgen::vet::detail
