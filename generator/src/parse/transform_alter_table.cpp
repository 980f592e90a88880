// ALTER TABLE / VIEW / SEQUENCE and their sub-commands.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

AlterTableCmd::Type cmd_type(AlterTableType t) {
  switch (t) {
    case AT_AddColumn:
    case AT_AddColumnRecurse:
    case AT_AddColumnToView:
      return AlterTableCmd::Type::AddColumn;
    case AT_DropColumn:
    case AT_DropColumnRecurse:
      return AlterTableCmd::Type::DropColumn;
    case AT_AlterColumnType:
      return AlterTableCmd::Type::AlterColumnType;
    case AT_SetNotNull:
      return AlterTableCmd::Type::SetNotNull;
    case AT_DropNotNull:
      return AlterTableCmd::Type::DropNotNull;
    case AT_ColumnDefault:
      return AlterTableCmd::Type::ColumnDefault;
    case AT_AddConstraint:
    case AT_AddConstraintRecurse:
      return AlterTableCmd::Type::AddConstraint;
    case AT_DropConstraint:
    case AT_DropConstraintRecurse:
      return AlterTableCmd::Type::DropConstraint;
    case AT_AddIdentity:
      return AlterTableCmd::Type::AddIdentity;
    case AT_SetIdentity:
      return AlterTableCmd::Type::SetIdentity;
    case AT_DropIdentity:
      return AlterTableCmd::Type::DropIdentity;
    case AT_DropExpression:
      return AlterTableCmd::Type::DropExpression;
    case AT_AttachPartition:
      return AlterTableCmd::Type::AttachPartition;
    case AT_DetachPartition:
      return AlterTableCmd::Type::DetachPartition;
    case AT_AddInherit:
      return AlterTableCmd::Type::AddInherit;
    case AT_DropInherit:
      return AlterTableCmd::Type::DropInherit;
    case AT_SetLogged:
      return AlterTableCmd::Type::SetLogged;
    case AT_SetUnLogged:
      return AlterTableCmd::Type::SetUnlogged;
    default:
      return AlterTableCmd::Type::Other;
  }
}

}  // namespace

StmtPtr Transformer::alter_table(const ::AlterTableStmt* s) {
  auto out = std::make_unique<AlterTableStmt>();
  out->table = range_var(s->relation);
  out->object_type = object_type(s->objtype);
  out->missing_ok = s->missing_ok;
  for (const Node* node : items(s->cmds)) {
    if (!IsA(node, AlterTableCmd)) continue;
    const auto* c = as<::AlterTableCmd>(node);
    AlterTableCmd cmd;
    cmd.type = cmd_type(c->subtype);
    cmd.pg_type = enum_name(pg_query__alter_table_type__descriptor, c->subtype);
    cmd.name = cstr(c->name);
    cmd.missing_ok = c->missing_ok;
    cmd.cascade = c->behavior == DROP_CASCADE;
    cmd.span = out->table.span;
    if (const Node* def = c->def) {
      switch (nodeTag(def)) {
        case T_ColumnDef:
          cmd.column = column_def(as<::ColumnDef>(def));
          cmd.span = cmd.column->span;
          if (cmd.name.empty()) cmd.name = cmd.column->name;
          break;
        case T_Constraint:
          cmd.constraint = constraint(as<::Constraint>(def));
          cmd.span = cmd.constraint->span;
          break;
        case T_PartitionCmd:
          cmd.partition = range_var(as<PartitionCmd>(def)->name);
          cmd.span = cmd.partition->span;
          cmd.concurrently = as<PartitionCmd>(def)->concurrent;
          break;
        case T_RangeVar:
          cmd.partition = range_var(as<RangeVar>(def));
          cmd.span = cmd.partition->span;
          break;
        default:
          cmd.expr = expr(def);
          cmd.expr_sql = deparse_expr(def);
          if (cmd.expr) cmd.span = cmd.expr->span;
          break;
      }
    }
    out->cmds.push_back(std::move(cmd));
  }
  return out;
}

}  // namespace sqlgen::parse::detail
