// ALTER TABLE / VIEW / SEQUENCE and their sub-commands.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

AlterTableCmd::Type cmd_type(PgQuery__AlterTableType t) {
  switch (t) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnToView:
      return AlterTableCmd::Type::AddColumn;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
      return AlterTableCmd::Type::DropColumn;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
      return AlterTableCmd::Type::AlterColumnType;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
      return AlterTableCmd::Type::SetNotNull;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
      return AlterTableCmd::Type::DropNotNull;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
      return AlterTableCmd::Type::ColumnDefault;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
      return AlterTableCmd::Type::AddConstraint;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse:
      return AlterTableCmd::Type::DropConstraint;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
      return AlterTableCmd::Type::AddIdentity;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
      return AlterTableCmd::Type::SetIdentity;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
      return AlterTableCmd::Type::DropIdentity;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression:
      return AlterTableCmd::Type::DropExpression;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
      return AlterTableCmd::Type::AttachPartition;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
      return AlterTableCmd::Type::DetachPartition;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:
      return AlterTableCmd::Type::AddInherit;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit:
      return AlterTableCmd::Type::DropInherit;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
      return AlterTableCmd::Type::SetLogged;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
      return AlterTableCmd::Type::SetUnlogged;
    default:
      return AlterTableCmd::Type::Other;
  }
}

}  // namespace

StmtPtr Transformer::alter_table(const PgQuery__AlterTableStmt* s) {
  auto out = std::make_unique<AlterTableStmt>();
  out->table = range_var(s->relation);
  out->object_type = object_type(s->objtype);
  out->missing_ok = s->missing_ok;
  for (size_t i = 0; i < s->n_cmds; ++i) {
    if (s->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) continue;
    const PgQuery__AlterTableCmd* c = s->cmds[i]->alter_table_cmd;
    AlterTableCmd cmd;
    cmd.type = cmd_type(c->subtype);
    const ProtobufCEnumValue* v =
        protobuf_c_enum_descriptor_get_value(&pg_query__alter_table_type__descriptor, c->subtype);
    cmd.pg_type = v ? v->name : "";
    cmd.name = c->name ? c->name : "";
    cmd.missing_ok = c->missing_ok;
    cmd.cascade = c->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    cmd.span = out->table.span;
    if (const PgQuery__Node* def = c->def) {
      switch (def->node_case) {
        case PG_QUERY__NODE__NODE_COLUMN_DEF:
          cmd.column = column_def(def->column_def);
          cmd.span = cmd.column->span;
          if (cmd.name.empty()) cmd.name = cmd.column->name;
          break;
        case PG_QUERY__NODE__NODE_CONSTRAINT:
          cmd.constraint = constraint(def->constraint);
          cmd.span = cmd.constraint->span;
          break;
        case PG_QUERY__NODE__NODE_PARTITION_CMD:
          cmd.partition = range_var(def->partition_cmd->name);
          cmd.span = cmd.partition->span;
          cmd.concurrently = def->partition_cmd->concurrent;
          break;
        case PG_QUERY__NODE__NODE_RANGE_VAR:
          cmd.partition = range_var(def->range_var);
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
