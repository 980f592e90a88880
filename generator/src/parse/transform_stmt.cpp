// The statement dispatch switch: one case per modelled node kind; the rest
// become OtherStmt with PostgreSQL's node name.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::stmt(const Node* node) {
  StmtPtr out;
  if (node) {
    switch (nodeTag(node)) {
      case T_CreateStmt:
        out = create_table(as<::CreateStmt>(node));
        break;
      case T_AlterTableStmt:
        out = alter_table(as<::AlterTableStmt>(node));
        break;
      case T_CreateEnumStmt:
        out = create_enum(as<::CreateEnumStmt>(node));
        break;
      case T_CompositeTypeStmt:
        out = create_composite(as<::CompositeTypeStmt>(node));
        break;
      case T_CreateDomainStmt:
        out = create_domain(as<::CreateDomainStmt>(node));
        break;
      case T_CreateRangeStmt:
        out = create_range(as<::CreateRangeStmt>(node));
        break;
      case T_AlterEnumStmt:
        out = alter_enum(as<::AlterEnumStmt>(node));
        break;
      case T_RenameStmt:
        out = rename(as<::RenameStmt>(node));
        break;
      case T_AlterObjectSchemaStmt:
        out = alter_object_schema(as<::AlterObjectSchemaStmt>(node));
        break;
      case T_DropStmt:
        out = drop(as<::DropStmt>(node));
        break;
      case T_CommentStmt:
        out = comment(as<::CommentStmt>(node));
        break;
      case T_CreateFunctionStmt:
        out = create_function(as<::CreateFunctionStmt>(node));
        break;
      case T_CreateSchemaStmt:
        out = create_schema(as<::CreateSchemaStmt>(node));
        break;
      case T_CreateSeqStmt:
        out = create_sequence(as<::CreateSeqStmt>(node));
        break;
      case T_CreateExtensionStmt:
        out = create_extension(as<::CreateExtensionStmt>(node));
        break;
      case T_ViewStmt:
        out = create_view(as<::ViewStmt>(node));
        break;
      case T_CreateTableAsStmt:
        out = create_table_as(as<::CreateTableAsStmt>(node));
        break;
      case T_VariableSetStmt:
        out = variable_set(as<::VariableSetStmt>(node));
        break;
      case T_SelectStmt:
        out = select(as<::SelectStmt>(node));
        break;
      case T_InsertStmt:
        out = insert(as<::InsertStmt>(node));
        break;
      case T_UpdateStmt:
        out = update(as<::UpdateStmt>(node));
        break;
      case T_DeleteStmt:
        out = delete_(as<::DeleteStmt>(node));
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
