// ALTER TABLE sub-commands that change columns and constraints. Commands
// that leave the catalog as it is (storage, owner, triggers, RLS) are skipped.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

namespace {

using Cmd = parse::AlterTableCmd;

/// Drops the sequence a serial or identity column owns, if any.
void drop_owned_sequence(CatalogBuilder& b, const Relation& rel, const std::string& column) {
  std::string owner = rel.schema + "." + rel.name + "." + column;
  for (const auto& [oid, r] : b.cat().relations()) {
    if (r.kind == RelKind::Sequence && r.owned_by == owner) {
      b.remove_relation(oid);
      return;
    }
  }
}

/// True for the commands that name an existing column of the table.
bool names_column(const Cmd& cmd) {
  return cmd.type != Cmd::Type::AddColumn && cmd.type != Cmd::Type::AddConstraint &&
         cmd.type != Cmd::Type::DropConstraint && cmd.type != Cmd::Type::Other && !cmd.name.empty();
}

void report_missing_column(CatalogBuilder& b, const Relation& rel, const Cmd& cmd) {
  std::vector<std::string> names;
  for (const Column& c : rel.columns) names.push_back(c.name);
  std::string hint = diag::did_you_mean(cmd.name, names);
  b.error(diag::DiagId::err_column_not_found, cmd.span,
          {cmd.name, rel.name, hint.empty() ? "" : ", " + hint});
}

// One function per command that is more than an assignment. Each returns false after
// reporting an error, which ends the statement.

bool add_column(CatalogBuilder& b, Relation& rel, const Cmd& cmd) {
  const parse::ColumnDef& def = *cmd.column;
  if (rel.column(def.name)) {
    if (cmd.missing_ok) return true;  // ADD COLUMN IF NOT EXISTS
    b.error(diag::DiagId::err_column_exists, def.span, {def.name, rel.name});
    return false;
  }
  builtins::SerialKind serial = builtins::SerialKind::None;
  auto type = b.resolve_type(def.type, &serial);
  if (!type) return false;
  Column c;
  c.name = def.name;
  c.type = *type;
  c.collation = def.collation;
  c.origin = b.origin(def.span);
  rel.columns.push_back(std::move(c));
  Column& added = rel.columns.back();
  apply_column_constraints(b, def, added, rel);
  if (serial != builtins::SerialKind::None) attach_serial_sequence(b, rel, added);
  return true;
}

void drop_column(CatalogBuilder& b, Relation& rel, const Column& col) {
  drop_owned_sequence(b, rel, col.name);
  std::string name = col.name;
  std::erase_if(rel.columns, [&](const Column& c) { return c.name == name; });
  // Constraints over the column go with it.
  std::erase_if(rel.constraints, [&](const TableConstraint& k) {
    return std::find(k.columns.begin(), k.columns.end(), name) != k.columns.end();
  });
  std::erase_if(rel.unique_indexes, [&](const UniqueIndex& i) {
    return std::find(i.columns.begin(), i.columns.end(), name) != i.columns.end();
  });
}

void add_constraint(CatalogBuilder& b, Relation& rel, const Cmd& cmd) {
  const parse::Constraint& c = *cmd.constraint;
  std::vector<std::string> cols =
      c.type == parse::Constraint::Type::ForeignKey ? c.fk_columns : c.keys;
  add_table_constraint(b, rel, c, cols);
}

bool drop_constraint(CatalogBuilder& b, Relation& rel, const Cmd& cmd) {
  auto it = std::find_if(rel.constraints.begin(), rel.constraints.end(),
                         [&](const TableConstraint& k) { return k.name == cmd.name; });
  if (it == rel.constraints.end()) {
    if (cmd.missing_ok) return true;
    b.error(diag::DiagId::err_constraint_not_found, cmd.span, {cmd.name, rel.name});
    return false;
  }
  // Like PostgreSQL 15, dropping a primary key keeps the columns NOT NULL.
  rel.constraints.erase(it);
  return true;
}

bool add_identity(CatalogBuilder& b, Relation& rel, Column& col, const Cmd& cmd) {
  if (col.identity) {
    b.error(diag::DiagId::err_not_null_identity, cmd.span, {col.name, rel.name});
    return false;
  }
  if (!col.not_null) {
    b.error(diag::DiagId::err_identity_needs_not_null, cmd.span, {col.name, rel.name});
    return false;
  }
  col.identity = cmd.constraint && cmd.constraint->generated_when == 'a' ? 'a' : 'd';
  attach_serial_sequence(
      b, rel, col, cmd.constraint ? cmd.constraint->sequence_name : std::vector<std::string>{});
  return true;
}

bool drop_identity(CatalogBuilder& b, Relation& rel, Column& col, const Cmd& cmd) {
  if (!col.identity) {
    if (cmd.missing_ok) return true;
    b.error(diag::DiagId::err_column_not_identity, cmd.span, {col.name, rel.name});
    return false;
  }
  col.identity = 0;
  drop_owned_sequence(b, rel, col.name);
  return true;
}

/// Applies one command; `col` is the column it names (non-null when names_column()).
/// False after reporting an error.
bool apply_cmd(CatalogBuilder& b, Relation& rel, Column* col, const Cmd& cmd) {
  switch (cmd.type) {
    case Cmd::Type::AddColumn:
      return add_column(b, rel, cmd);
    case Cmd::Type::DropColumn:
      drop_column(b, rel, *col);
      return true;
    case Cmd::Type::AlterColumnType: {
      auto type = b.resolve_type(cmd.column->type);
      if (!type) return false;
      col->type = *type;
      return true;
    }
    case Cmd::Type::SetNotNull:
      col->not_null = true;
      return true;
    case Cmd::Type::DropNotNull:
      col->not_null = false;
      return true;
    case Cmd::Type::ColumnDefault:
      col->has_default = cmd.expr != nullptr;
      col->default_sql = cmd.expr_sql;
      return true;
    case Cmd::Type::AddConstraint:
      add_constraint(b, rel, cmd);
      return true;
    case Cmd::Type::DropConstraint:
      return drop_constraint(b, rel, cmd);
    case Cmd::Type::AddIdentity:
      return add_identity(b, rel, *col, cmd);
    case Cmd::Type::DropIdentity:
      return drop_identity(b, rel, *col, cmd);
    case Cmd::Type::DropExpression:
      col->generated = 0;
      col->has_default = false;
      col->default_sql.clear();
      return true;
    default:
      return true;  // no effect on what the catalog holds
  }
}

}  // namespace

void CatalogBuilder::alter_table(const parse::AlterTableStmt& s) {
  if (s.object_type == parse::ObjectType::Index || s.object_type == parse::ObjectType::Sequence) {
    return;  // not modelled beyond existence
  }
  Relation* rel = lookup_relation(s.table, s.missing_ok);
  if (!rel) return;

  for (const Cmd& cmd : s.cmds) {
    Column* col = cmd.name.empty() ? nullptr : rel->column(cmd.name);
    if (names_column(cmd) && !col) {
      if (cmd.type == Cmd::Type::DropColumn && cmd.missing_ok) continue;
      report_missing_column(*this, *rel, cmd);
      return;
    }
    if (!apply_cmd(*this, *rel, col, cmd)) return;
  }
}

}  // namespace sqlgen::catalog
