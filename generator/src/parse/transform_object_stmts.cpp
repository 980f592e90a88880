// Statements naming existing objects: RENAME, SET SCHEMA, DROP, COMMENT ON.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::rename(const PgQuery__RenameStmt* s) {
  auto out = std::make_unique<RenameStmt>();
  out->object_type = object_type(s->rename_type);
  out->relation_type = object_type(s->relation_type);
  if (s->relation) out->relation = range_var(s->relation);
  if (s->object) out->object = object_ref(s->object);
  out->subname = s->subname ? s->subname : "";
  out->new_name = s->newname ? s->newname : "";
  out->missing_ok = s->missing_ok;
  return out;
}

StmtPtr Transformer::alter_object_schema(const PgQuery__AlterObjectSchemaStmt* s) {
  auto out = std::make_unique<AlterObjectSchemaStmt>();
  out->object_type = object_type(s->object_type);
  if (s->relation) out->relation = range_var(s->relation);
  if (s->object) out->object = object_ref(s->object);
  out->new_schema = s->newschema ? s->newschema : "";
  out->missing_ok = s->missing_ok;
  return out;
}

StmtPtr Transformer::drop(const PgQuery__DropStmt* s) {
  auto out = std::make_unique<DropStmt>();
  out->object_type = object_type(s->remove_type);
  for (size_t i = 0; i < s->n_objects; ++i) out->objects.push_back(object_ref(s->objects[i]));
  out->missing_ok = s->missing_ok;
  out->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  out->concurrently = s->concurrent;
  return out;
}

StmtPtr Transformer::comment(const PgQuery__CommentStmt* s) {
  auto out = std::make_unique<CommentStmt>();
  out->object_type = object_type(s->objtype);
  out->object = object_ref(s->object);
  if (s->comment) out->comment = std::string(s->comment);
  return out;
}

}  // namespace sqlgen::parse::detail
