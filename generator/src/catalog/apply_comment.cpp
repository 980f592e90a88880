// COMMENT ON: kept, because codegen turns comments into doc comments.
#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

void CatalogBuilder::comment(const parse::CommentStmt& s) {
  using parse::ObjectType;
  std::string text = s.comment.value_or("");
  const std::vector<std::string>& names = s.object.names;
  auto qual = [&](size_t drop_last) {
    parse::QualName q;
    q.span = s.object.span;
    size_t n = names.size() - drop_last;
    if (n >= 1) q.name = names[n - 1];
    if (n >= 2) q.schema = names[n - 2];
    return q;
  };
  switch (s.object_type) {
    case ObjectType::Table:
    case ObjectType::View:
    case ObjectType::MatView:
    case ObjectType::Sequence:
    case ObjectType::ForeignTable:
      if (Relation* r = lookup_relation(qual(0), false)) r->comment = text;
      break;
    case ObjectType::Column: {
      if (names.size() < 2) break;
      Relation* r = lookup_relation(qual(1), false);
      if (!r) break;
      if (Column* c = r->column(names.back())) {
        c->comment = text;
      } else {
        error(diag::DiagId::err_column_not_found, s.object.span, {names.back(), r->name, ""});
      }
      break;
    }
    case ObjectType::Type:
    case ObjectType::Domain:
      if (Type* t = lookup_type(names, s.object.span, false)) t->comment = text;
      break;
    case ObjectType::Function:
    case ObjectType::Procedure:
    case ObjectType::Routine:
      if (Function* f = lookup_function(s.object, false, s.object_type == ObjectType::Procedure)) {
        f->comment = text;
      }
      break;
    case ObjectType::Schema:
      if (Schema* sc = names.empty() ? nullptr : schema(names.front())) {
        sc->comment = text;
      } else if (!names.empty()) {
        creation_schema(names.front(), s.object.span);
      }
      break;
    default:
      break;  // comments on indexes, constraints, triggers, ...: not kept
  }
}

}  // namespace sqlgen::catalog
