// Names, types, object references and the helpers every transform uses.
#include "parse/transformer.hpp"
// After transformer.hpp: it includes the standard headers before PostgreSQL's.
#include "parse/split.hpp"

namespace sqlgen::parse {

std::string TypeName::to_string() const {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += '.';
    out += n;
  }
  return out;
}

const char* object_type_name(ObjectType t) {
  switch (t) {
    case ObjectType::Table:
      return "table";
    case ObjectType::View:
      return "view";
    case ObjectType::MatView:
      return "materialized view";
    case ObjectType::ForeignTable:
      return "foreign table";
    case ObjectType::Sequence:
      return "sequence";
    case ObjectType::Index:
      return "index";
    case ObjectType::Type:
      return "type";
    case ObjectType::Domain:
      return "domain";
    case ObjectType::Schema:
      return "schema";
    case ObjectType::Function:
      return "function";
    case ObjectType::Procedure:
      return "procedure";
    case ObjectType::Routine:
      return "routine";
    case ObjectType::Aggregate:
      return "aggregate";
    case ObjectType::Column:
      return "column";
    case ObjectType::Attribute:
      return "attribute";
    case ObjectType::TabConstraint:
      return "constraint";
    case ObjectType::DomConstraint:
      return "domain constraint";
    case ObjectType::Extension:
      return "extension";
    case ObjectType::Trigger:
      return "trigger";
    case ObjectType::Policy:
      return "policy";
    case ObjectType::Other:
      break;
  }
  return "object";
}

namespace detail {

std::string str(const Node* node) {
  if (node && IsA(node, String) && as<String>(node)->sval) return as<String>(node)->sval;
  return {};
}

std::vector<std::string> strs(const List* nodes) {
  std::vector<std::string> out;
  out.reserve(items(nodes).size());
  for (const Node* node : items(nodes)) out.push_back(str(node));
  return out;
}

std::string node_name(const Node* node) {
  if (!node) return "Node";
  switch (nodeTag(node)) {
#define SQLGEN_NODE(name) \
  case T_##name:          \
    return #name;
#include "parse/node_names.inc"
#undef SQLGEN_NODE
    default:
      return "Node";
  }
}

std::string enum_name(const ProtobufCEnumDescriptor& d, int v) {
  const ProtobufCEnumValue* value = protobuf_c_enum_descriptor_get_value(&d, v + 1);
  return value ? value->name : "";
}

ObjectType object_type(::ObjectType t) {
  switch (t) {
    case OBJECT_TABLE:
      return ObjectType::Table;
    case OBJECT_VIEW:
      return ObjectType::View;
    case OBJECT_MATVIEW:
      return ObjectType::MatView;
    case OBJECT_FOREIGN_TABLE:
      return ObjectType::ForeignTable;
    case OBJECT_SEQUENCE:
      return ObjectType::Sequence;
    case OBJECT_INDEX:
      return ObjectType::Index;
    case OBJECT_TYPE:
      return ObjectType::Type;
    case OBJECT_DOMAIN:
      return ObjectType::Domain;
    case OBJECT_SCHEMA:
      return ObjectType::Schema;
    case OBJECT_FUNCTION:
      return ObjectType::Function;
    case OBJECT_PROCEDURE:
      return ObjectType::Procedure;
    case OBJECT_ROUTINE:
      return ObjectType::Routine;
    case OBJECT_AGGREGATE:
      return ObjectType::Aggregate;
    case OBJECT_COLUMN:
      return ObjectType::Column;
    case OBJECT_ATTRIBUTE:
      return ObjectType::Attribute;
    case OBJECT_TABCONSTRAINT:
      return ObjectType::TabConstraint;
    case OBJECT_DOMCONSTRAINT:
      return ObjectType::DomConstraint;
    case OBJECT_EXTENSION:
      return ObjectType::Extension;
    case OBJECT_TRIGGER:
      return ObjectType::Trigger;
    case OBJECT_POLICY:
      return ObjectType::Policy;
    default:
      return ObjectType::Other;
  }
}

uint32_t qualified_name_length(std::string_view text, uint32_t offset) {
  uint32_t end = offset + token_length(text, offset);
  while (end + 1 < text.size() && text[end] == '.' && text[end + 1] != '.') {
    uint32_t next = token_length(text, end + 1);
    if (next == 0) break;
    end += 1 + next;
  }
  return end - offset;
}

Span Transformer::span(int32_t location) const {
  if (location < 0) return m_stmt_span;
  uint32_t off = m_base + static_cast<uint32_t>(location);
  return Span{off, token_length(m_text, off)};
}

QualName Transformer::range_var(const RangeVar* rv) {
  QualName q;
  if (!rv) return q;
  q.schema = cstr(rv->schemaname);
  q.name = cstr(rv->relname);
  q.span = span(rv->location);
  if (rv->location >= 0) q.span.length = qualified_name_length(m_text, q.span.offset);
  return q;
}

QualName Transformer::qual_name(const List* names, Span sp) {
  QualName q;
  q.span = sp;
  Nodes n = items(names);
  if (n.size() >= 1) q.name = str(n[n.size() - 1]);
  if (n.size() >= 2) q.schema = str(n[n.size() - 2]);
  return q;
}

TypeName Transformer::type_name(const ::TypeName* tn) {
  TypeName t;
  if (!tn) return t;
  t.names = strs(tn->names);
  t.typmods = exprs(tn->typmods);
  for (const Node* b : items(tn->arrayBounds)) {
    t.array_bounds.push_back(b && IsA(b, Integer) ? as<Integer>(b)->ival : -1);
  }
  t.setof = tn->setof;
  t.pct_type = tn->pct_type;
  t.span = span(tn->location);
  if (tn->location >= 0) t.span.length = qualified_name_length(m_text, t.span.offset);
  return t;
}

ObjectRef Transformer::object_ref(const Node* node) {
  ObjectRef r;
  r.span = m_stmt_span;
  if (!node) return r;
  switch (nodeTag(node)) {
    case T_List:
      r.names = strs(as<List>(node));
      break;
    case T_String:
      r.names.push_back(str(node));
      break;
    case T_TypeName: {
      TypeName t = type_name(as<::TypeName>(node));
      r.names = t.names;
      r.span = t.span;
      break;
    }
    case T_ObjectWithArgs: {
      const auto* o = as<ObjectWithArgs>(node);
      r.names = strs(o->objname);
      if (!o->args_unspecified) {
        std::vector<TypeName> args;
        for (const Node* arg : items(o->objargs)) {
          if (IsA(arg, TypeName)) args.push_back(type_name(as<::TypeName>(arg)));
        }
        r.args = std::move(args);
      }
      break;
    }
    default:
      break;
  }
  return r;
}

}  // namespace detail
}  // namespace sqlgen::parse
