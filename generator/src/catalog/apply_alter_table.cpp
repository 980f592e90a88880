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

}  // namespace

void CatalogBuilder::alter_table(const parse::AlterTableStmt& s) {
  if (s.object_type == parse::ObjectType::Index || s.object_type == parse::ObjectType::Sequence) {
    return;  // not modelled beyond existence
  }
  Relation* rel = lookup_relation(s.table, s.missing_ok);
  if (!rel) return;

  for (const Cmd& cmd : s.cmds) {
    Column* col = cmd.name.empty() ? nullptr : rel->column(cmd.name);
    bool needs_column = cmd.type != Cmd::Type::AddColumn && cmd.type != Cmd::Type::AddConstraint &&
                        cmd.type != Cmd::Type::DropConstraint && cmd.type != Cmd::Type::Other &&
                        !cmd.name.empty();
    if (needs_column && !col) {
      if (cmd.type == Cmd::Type::DropColumn && cmd.missing_ok) continue;
      std::vector<std::string> names;
      for (const Column& c : rel->columns) names.push_back(c.name);
      std::string hint = diag::did_you_mean(cmd.name, names);
      error(diag::DiagId::err_column_not_found, cmd.span,
            {cmd.name, rel->name, hint.empty() ? "" : ", " + hint});
      return;
    }
    switch (cmd.type) {
      case Cmd::Type::AddColumn: {
        const parse::ColumnDef& def = *cmd.column;
        if (rel->column(def.name)) {
          if (cmd.missing_ok) break;  // ADD COLUMN IF NOT EXISTS
          error(diag::DiagId::err_column_exists, def.span, {def.name, rel->name});
          return;
        }
        builtins::SerialKind serial = builtins::SerialKind::None;
        auto type = resolve_type(def.type, &serial);
        if (!type) return;
        Column c;
        c.name = def.name;
        c.type = *type;
        c.collation = def.collation;
        c.origin = origin(def.span);
        rel->columns.push_back(std::move(c));
        Column& added = rel->columns.back();
        apply_column_constraints(*this, def, added, *rel);
        if (serial != builtins::SerialKind::None) attach_serial_sequence(*this, *rel, added);
        break;
      }
      case Cmd::Type::DropColumn: {
        drop_owned_sequence(*this, *rel, col->name);
        std::string name = col->name;
        std::erase_if(rel->columns, [&](const Column& c) { return c.name == name; });
        // Constraints over the column go with it.
        std::erase_if(rel->constraints, [&](const TableConstraint& k) {
          return std::find(k.columns.begin(), k.columns.end(), name) != k.columns.end();
        });
        break;
      }
      case Cmd::Type::AlterColumnType: {
        auto type = resolve_type(cmd.column->type);
        if (!type) return;
        col->type = *type;
        break;
      }
      case Cmd::Type::SetNotNull:
        col->not_null = true;
        break;
      case Cmd::Type::DropNotNull:
        col->not_null = false;
        break;
      case Cmd::Type::ColumnDefault:
        col->has_default = cmd.expr != nullptr;
        col->default_sql = cmd.expr_sql;
        break;
      case Cmd::Type::AddConstraint: {
        const parse::Constraint& c = *cmd.constraint;
        std::vector<std::string> cols =
            c.type == parse::Constraint::Type::ForeignKey ? c.fk_columns : c.keys;
        add_table_constraint(*this, *rel, c, cols);
        break;
      }
      case Cmd::Type::DropConstraint: {
        auto it = std::find_if(rel->constraints.begin(), rel->constraints.end(),
                               [&](const TableConstraint& k) { return k.name == cmd.name; });
        if (it == rel->constraints.end()) {
          if (cmd.missing_ok) break;
          error(diag::DiagId::err_constraint_not_found, cmd.span, {cmd.name, rel->name});
          return;
        }
        // Like PostgreSQL 15, dropping a primary key keeps the columns NOT NULL.
        rel->constraints.erase(it);
        break;
      }
      case Cmd::Type::AddIdentity:
        if (col->identity) {
          error(diag::DiagId::err_not_null_identity, cmd.span, {col->name, rel->name});
          return;
        }
        if (!col->not_null) {
          error(diag::DiagId::err_identity_needs_not_null, cmd.span, {col->name, rel->name});
          return;
        }
        col->identity = cmd.constraint && cmd.constraint->generated_when == 'a' ? 'a' : 'd';
        attach_serial_sequence(
            *this, *rel, *col,
            cmd.constraint ? cmd.constraint->sequence_name : std::vector<std::string>{});
        break;
      case Cmd::Type::DropIdentity:
        if (!col->identity) {
          if (cmd.missing_ok) break;
          error(diag::DiagId::err_column_not_identity, cmd.span, {col->name, rel->name});
          return;
        }
        col->identity = 0;
        drop_owned_sequence(*this, *rel, col->name);
        break;
      case Cmd::Type::DropExpression:
        col->generated = 0;
        col->has_default = false;
        col->default_sql.clear();
        break;
      default:
        break;  // no effect on what the catalog holds
    }
  }
}

}  // namespace sqlgen::catalog
