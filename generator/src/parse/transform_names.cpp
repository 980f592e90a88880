// Names, types, object references and the helpers every transform uses.
#include <cctype>
#include <cstring>

#include "parse/split.hpp"
#include "parse/transformer.hpp"

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

std::string str(const PgQuery__Node* node) {
  if (node && node->node_case == PG_QUERY__NODE__NODE_STRING && node->string->sval) {
    return node->string->sval;
  }
  return {};
}

std::vector<std::string> strs(size_t n, PgQuery__Node** nodes) {
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(str(nodes[i]));
  return out;
}

std::string node_name(const PgQuery__Node* node) {
  if (!node || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return "Node";
  // Every member of the Node union is a message pointer; its descriptor names it.
  const ProtobufCMessage* inner = nullptr;
  std::memcpy(&inner, &node->alias, sizeof inner);
  if (inner && inner->descriptor && inner->descriptor->short_name) {
    return inner->descriptor->short_name;
  }
  return "Node";
}

ObjectType object_type(PgQuery__ObjectType t) {
  switch (t) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      return ObjectType::Table;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      return ObjectType::View;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      return ObjectType::MatView;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
      return ObjectType::ForeignTable;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      return ObjectType::Sequence;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      return ObjectType::Index;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      return ObjectType::Type;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      return ObjectType::Domain;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      return ObjectType::Schema;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      return ObjectType::Function;
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
      return ObjectType::Procedure;
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      return ObjectType::Routine;
    case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
      return ObjectType::Aggregate;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      return ObjectType::Column;
    case PG_QUERY__OBJECT_TYPE__OBJECT_ATTRIBUTE:
      return ObjectType::Attribute;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
      return ObjectType::TabConstraint;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT:
      return ObjectType::DomConstraint;
    case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
      return ObjectType::Extension;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
      return ObjectType::Trigger;
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
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

namespace {

/// Walks a protobuf message by reflection for the smallest `location`.
void min_location(const ProtobufCMessage* msg, int32_t& best) {
  if (!msg) return;
  const ProtobufCMessageDescriptor* d = msg->descriptor;
  const char* base = reinterpret_cast<const char*>(msg);
  for (unsigned i = 0; i < d->n_fields; ++i) {
    const ProtobufCFieldDescriptor& f = d->fields[i];
    // Oneof members other than the set one hold garbage-free but unrelated data.
    if (f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
      uint32_t which = *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset);
      if (which != f.id) continue;
    }
    if (f.type == PROTOBUF_C_TYPE_INT32 && f.label != PROTOBUF_C_LABEL_REPEATED &&
        std::strcmp(f.name, "location") == 0) {
      int32_t loc = *reinterpret_cast<const int32_t*>(base + f.offset);
      if (loc >= 0 && (best < 0 || loc < best)) best = loc;
    } else if (f.type == PROTOBUF_C_TYPE_MESSAGE) {
      if (f.label == PROTOBUF_C_LABEL_REPEATED) {
        size_t n = *reinterpret_cast<const size_t*>(base + f.quantifier_offset);
        auto items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
        for (size_t k = 0; k < n; ++k) min_location(items[k], best);
      } else {
        min_location(*reinterpret_cast<ProtobufCMessage* const*>(base + f.offset), best);
      }
    }
  }
}

}  // namespace

int32_t first_location(const PgQuery__Node* node) {
  int32_t best = -1;
  min_location(reinterpret_cast<const ProtobufCMessage*>(node), best);
  return best;
}

Span Transformer::span(int32_t location) const {
  if (location < 0) return m_stmt_span;
  uint32_t off = m_base + static_cast<uint32_t>(location);
  return Span{off, token_length(m_text, off)};
}

QualName Transformer::range_var(const PgQuery__RangeVar* rv) {
  QualName q;
  if (!rv) return q;
  q.schema = rv->schemaname ? rv->schemaname : "";
  q.name = rv->relname ? rv->relname : "";
  q.span = span(rv->location);
  if (rv->location >= 0) q.span.length = qualified_name_length(m_text, q.span.offset);
  return q;
}

QualName Transformer::qual_name(size_t n, PgQuery__Node** names, Span sp) {
  QualName q;
  q.span = sp;
  if (n >= 1) q.name = str(names[n - 1]);
  if (n >= 2) q.schema = str(names[n - 2]);
  return q;
}

TypeName Transformer::type_name(const PgQuery__TypeName* tn) {
  TypeName t;
  if (!tn) return t;
  t.names = strs(tn->n_names, tn->names);
  t.typmods = exprs(tn->n_typmods, tn->typmods);
  for (size_t i = 0; i < tn->n_array_bounds; ++i) {
    const PgQuery__Node* b = tn->array_bounds[i];
    t.array_bounds.push_back(b && b->node_case == PG_QUERY__NODE__NODE_INTEGER ? b->integer->ival
                                                                               : -1);
  }
  t.setof = tn->setof;
  t.pct_type = tn->pct_type;
  t.span = span(tn->location);
  if (tn->location >= 0) t.span.length = qualified_name_length(m_text, t.span.offset);
  return t;
}

ObjectRef Transformer::object_ref(const PgQuery__Node* node) {
  ObjectRef r;
  r.span = m_stmt_span;
  if (!node) return r;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_LIST:
      r.names = strs(node->list->n_items, node->list->items);
      break;
    case PG_QUERY__NODE__NODE_STRING:
      r.names.push_back(str(node));
      break;
    case PG_QUERY__NODE__NODE_TYPE_NAME: {
      TypeName t = type_name(node->type_name);
      r.names = t.names;
      r.span = t.span;
      break;
    }
    case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS: {
      const PgQuery__ObjectWithArgs* o = node->object_with_args;
      r.names = strs(o->n_objname, o->objname);
      if (!o->args_unspecified) {
        std::vector<TypeName> args;
        for (size_t i = 0; i < o->n_objargs; ++i) {
          if (o->objargs[i]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
            args.push_back(type_name(o->objargs[i]->type_name));
          }
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
