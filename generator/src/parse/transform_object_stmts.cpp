// Statements naming existing objects: RENAME, SET SCHEMA, DROP, COMMENT ON.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::rename(const ::RenameStmt* s) {
  auto out = std::make_unique<RenameStmt>();
  out->object_type = object_type(s->renameType);
  out->relation_type = object_type(s->relationType);
  if (s->relation) out->relation = range_var(s->relation);
  if (s->object) out->object = object_ref(s->object);
  out->subname = cstr(s->subname);
  out->new_name = cstr(s->newname);
  out->missing_ok = s->missing_ok;
  return out;
}

StmtPtr Transformer::alter_object_schema(const ::AlterObjectSchemaStmt* s) {
  auto out = std::make_unique<AlterObjectSchemaStmt>();
  out->object_type = object_type(s->objectType);
  if (s->relation) out->relation = range_var(s->relation);
  if (s->object) out->object = object_ref(s->object);
  out->new_schema = cstr(s->newschema);
  out->missing_ok = s->missing_ok;
  return out;
}

StmtPtr Transformer::drop(const ::DropStmt* s) {
  auto out = std::make_unique<DropStmt>();
  out->object_type = object_type(s->removeType);
  for (const Node* o : items(s->objects)) out->objects.push_back(object_ref(o));
  out->missing_ok = s->missing_ok;
  out->cascade = s->behavior == DROP_CASCADE;
  out->concurrently = s->concurrent;
  return out;
}

StmtPtr Transformer::comment(const ::CommentStmt* s) {
  auto out = std::make_unique<CommentStmt>();
  out->object_type = object_type(s->objtype);
  out->object = object_ref(s->object);
  if (s->comment) out->comment = std::string(s->comment);
  return out;
}

}  // namespace sqlgen::parse::detail
