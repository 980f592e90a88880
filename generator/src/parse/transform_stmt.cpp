// The statement dispatch switch: one case per modelled node kind; the rest
// become OtherStmt with PostgreSQL's node name.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::stmt(const PgQuery__Node* node) {
  StmtPtr out;
  if (node) {
    switch (node->node_case) {
      case PG_QUERY__NODE__NODE_CREATE_STMT:
        out = create_table(node->create_stmt);
        break;
      case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
        out = alter_table(node->alter_table_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
        out = create_enum(node->create_enum_stmt);
        break;
      case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
        out = create_composite(node->composite_type_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
        out = create_domain(node->create_domain_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
        out = create_range(node->create_range_stmt);
        break;
      case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
        out = alter_enum(node->alter_enum_stmt);
        break;
      case PG_QUERY__NODE__NODE_RENAME_STMT:
        out = rename(node->rename_stmt);
        break;
      case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
        out = alter_object_schema(node->alter_object_schema_stmt);
        break;
      case PG_QUERY__NODE__NODE_DROP_STMT:
        out = drop(node->drop_stmt);
        break;
      case PG_QUERY__NODE__NODE_COMMENT_STMT:
        out = comment(node->comment_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
        out = create_function(node->create_function_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
        out = create_schema(node->create_schema_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
        out = create_sequence(node->create_seq_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
        out = create_extension(node->create_extension_stmt);
        break;
      case PG_QUERY__NODE__NODE_VIEW_STMT:
        out = create_view(node->view_stmt);
        break;
      case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
        out = create_table_as(node->create_table_as_stmt);
        break;
      case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
        out = variable_set(node->variable_set_stmt);
        break;
      case PG_QUERY__NODE__NODE_SELECT_STMT:
        out = select(node->select_stmt);
        break;
      case PG_QUERY__NODE__NODE_INSERT_STMT:
        out = insert(node->insert_stmt);
        break;
      case PG_QUERY__NODE__NODE_UPDATE_STMT:
        out = update(node->update_stmt);
        break;
      case PG_QUERY__NODE__NODE_DELETE_STMT:
        out = delete_(node->delete_stmt);
        break;
      default:
        out = utility(node);
        break;
    }
  }
  if (!out) out = std::make_unique<OtherStmt>();
  out->node = node_name(node);
  out->span = m_stmt_span;
  return out;
}

}  // namespace sqlgen::parse::detail
