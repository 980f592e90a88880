// libpg_query's protobuf for the rare paths that still need it: a subtree of the raw parse tree
// converted with libpg_query's own output functions, the smallest location inside a node and
// the depth of a long statement's tree, both walked over the protobuf's reflection.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

/// A one-cell List holding `item`, palloc'ed in the current memory context.
List* one_cell_list(void* item) {
  ListCell cell{};
  cell.ptr_value = item;
  return list_make1_impl(T_List, cell);
}

/// A node of type `T` with tag `tag`, zeroed, palloc'ed in the current memory context.
template <class T>
T* new_node(NodeTag tag) {
  T* node = static_cast<T*>(palloc0(sizeof(T)));
  node->type = tag;
  return node;
}

}  // namespace

PbTree::PbTree(const Node* node, Wrap wrap) {
  // The wrappers and the conversion's protobuf structs are palloc'ed in a memory context of
  // their own, dropped whole. (Leaving a libpg_query memory context returns to the top context;
  // nothing of the transform pallocs, so the parse's own context need not be current.)
  MemoryContext ctx = pg_query_enter_memory_context();
  Node* stmt = const_cast<Node*>(node);
  if (wrap == Wrap::SelectTarget) {
    auto* target = new_node<::ResTarget>(T_ResTarget);
    target->val = stmt;
    auto* select = new_node<::SelectStmt>(T_SelectStmt);
    select->targetList = one_cell_list(target);
    stmt = reinterpret_cast<Node*>(select);
  }
  auto* raw = new_node<RawStmt>(T_RawStmt);
  raw->stmt = stmt;
  m_packed = pg_query_nodes_to_protobuf(one_cell_list(raw));
  pg_query_exit_memory_context(ctx);
  if (wrap == Wrap::Statement) unpack();  // the deparser reads the packed bytes
}

PbTree::PbTree(const List* stmts) {
  MemoryContext ctx = pg_query_enter_memory_context();
  m_packed = pg_query_nodes_to_protobuf(stmts);
  pg_query_exit_memory_context(ctx);
  unpack();
}

void PbTree::unpack() {
  m_arena = std::make_unique<PbArena>(m_packed.len);
  m_tree = pg_query__parse_result__unpack(m_arena->allocator(), m_packed.len,
                                          reinterpret_cast<const uint8_t*>(m_packed.data));
}

PbTree::~PbTree() { std::free(m_packed.data); }

uint32_t message_depth(const ProtobufCMessage* root) {
  struct Item {
    const ProtobufCMessage* message;
    uint32_t depth;
  };
  std::vector<Item> stack{{root, 1}};
  uint32_t deepest = 0;
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, item.depth);
    const ProtobufCMessageDescriptor* d = item.message->descriptor;
    const char* base = reinterpret_cast<const char*>(item.message);
    for (unsigned i = 0; i < d->n_fields; ++i) {
      const ProtobufCFieldDescriptor& f = d->fields[i];
      if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
      if (f.label == PROTOBUF_C_LABEL_REPEATED) {
        const size_t n = *reinterpret_cast<const size_t*>(base + f.quantifier_offset);
        const auto* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
        for (size_t k = 0; k < n; ++k) {
          if (items[k]) stack.push_back({items[k], item.depth + 1});
        }
        continue;
      }
      if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
          *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset) != f.id) {
        continue;
      }
      if (const auto* child = *reinterpret_cast<ProtobufCMessage* const*>(base + f.offset)) {
        stack.push_back({child, item.depth + 1});
      }
    }
  }
  return deepest;
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

namespace {

/// The smallest location through libpg_query's protobuf of `node` (every node kind).
int32_t first_location_pb(const Node* node) {
  PbTree pb(node);
  int32_t best = -1;
  min_location(reinterpret_cast<const ProtobufCMessage*>(pb.node()), best);
  return best;
}

/// The smallest `location` in a subtree, read from the node structs for the node kinds of
/// queries (every field that holds a location or a node); a subtree of another kind is counted
/// through libpg_query's protobuf (the same `location` fields, by reflection). Reading the
/// structs keeps a chain of nested subqueries linear to walk: each level's subtree is read once
/// per enclosing level, not converted.
class MinLocation {
 public:
  int32_t best = -1;

  void node(const Node* n) {
    if (!n) return;
    switch (nodeTag(n)) {
      case T_List:
        list(as<List>(n));
        return;
      case T_String:
      case T_Integer:
      case T_Float:
      case T_Boolean:
      case T_BitString:
      case T_A_Star:
      case T_Alias:  // names only
        return;
      case T_SelectStmt: {
        const auto* s = as<::SelectStmt>(n);
        list(s->distinctClause);
        any(s->intoClause);
        list(s->targetList);
        list(s->fromClause);
        node(s->whereClause);
        list(s->groupClause);
        node(s->havingClause);
        list(s->windowClause);
        list(s->valuesLists);
        list(s->sortClause);
        node(s->limitOffset);
        node(s->limitCount);
        list(s->lockingClause);
        any(s->withClause);
        any(s->larg);
        any(s->rarg);
        return;
      }
      case T_ResTarget: {
        const auto* r = as<::ResTarget>(n);
        list(r->indirection);
        node(r->val);
        loc(r->location);
        return;
      }
      case T_ColumnRef:
        list(as<ColumnRef>(n)->fields);
        loc(as<ColumnRef>(n)->location);
        return;
      case T_ParamRef:
        loc(as<ParamRef>(n)->location);
        return;
      case T_A_Const:
        loc(as<A_Const>(n)->location);  // its value holds no location
        return;
      case T_RangeVar:
        any(as<RangeVar>(n)->alias);
        loc(as<RangeVar>(n)->location);
        return;
      case T_RangeSubselect:
        node(as<RangeSubselect>(n)->subquery);
        any(as<RangeSubselect>(n)->alias);
        return;
      case T_JoinExpr: {
        const auto* j = as<JoinExpr>(n);
        node(j->larg);
        node(j->rarg);
        list(j->usingClause);
        any(j->join_using_alias);
        node(j->quals);
        any(j->alias);
        return;
      }
      case T_A_Expr: {
        const auto* a = as<A_Expr>(n);
        list(a->name);
        node(a->lexpr);
        node(a->rexpr);
        loc(a->location);
        return;
      }
      case T_BoolExpr:
        list(as<::BoolExpr>(n)->args);
        loc(as<::BoolExpr>(n)->location);
        return;
      case T_NullTest:
        any(as<NullTest>(n)->arg);
        loc(as<NullTest>(n)->location);
        return;
      case T_BooleanTest:
        any(as<BooleanTest>(n)->arg);
        loc(as<BooleanTest>(n)->location);
        return;
      case T_FuncCall: {
        const auto* f = as<FuncCall>(n);
        list(f->funcname);
        list(f->args);
        list(f->agg_order);
        node(f->agg_filter);
        any(f->over);
        loc(f->location);
        return;
      }
      case T_WindowDef: {
        const auto* w = as<WindowDef>(n);
        list(w->partitionClause);
        list(w->orderClause);
        node(w->startOffset);
        node(w->endOffset);
        loc(w->location);
        return;
      }
      case T_TypeCast:
        node(as<TypeCast>(n)->arg);
        any(as<TypeCast>(n)->typeName);
        loc(as<TypeCast>(n)->location);
        return;
      case T_TypeName: {
        const auto* t = as<::TypeName>(n);
        list(t->names);
        list(t->typmods);
        list(t->arrayBounds);
        loc(t->location);
        return;
      }
      case T_SortBy:
        node(as<::SortBy>(n)->node);
        list(as<::SortBy>(n)->useOp);
        loc(as<::SortBy>(n)->location);
        return;
      case T_SubLink: {
        const auto* l = as<SubLink>(n);
        node(l->testexpr);
        list(l->operName);
        node(l->subselect);
        loc(l->location);
        return;
      }
      case T_CaseExpr: {
        const auto* c = as<::CaseExpr>(n);
        any(c->arg);
        list(c->args);
        any(c->defresult);
        loc(c->location);
        return;
      }
      case T_CaseWhen:
        any(as<CaseWhen>(n)->expr);
        any(as<CaseWhen>(n)->result);
        loc(as<CaseWhen>(n)->location);
        return;
      case T_CoalesceExpr:
        list(as<::CoalesceExpr>(n)->args);
        loc(as<::CoalesceExpr>(n)->location);
        return;
      case T_MinMaxExpr:
        list(as<::MinMaxExpr>(n)->args);
        loc(as<::MinMaxExpr>(n)->location);
        return;
      case T_A_ArrayExpr:
        list(as<A_ArrayExpr>(n)->elements);
        loc(as<A_ArrayExpr>(n)->location);
        return;
      case T_RowExpr:
        list(as<::RowExpr>(n)->args);
        list(as<::RowExpr>(n)->colnames);
        loc(as<::RowExpr>(n)->location);
        return;
      case T_A_Indirection:
        node(as<A_Indirection>(n)->arg);
        list(as<A_Indirection>(n)->indirection);
        return;
      case T_A_Indices:
        node(as<A_Indices>(n)->lidx);
        node(as<A_Indices>(n)->uidx);
        return;
      case T_CollateClause:
        node(as<CollateClause>(n)->arg);
        list(as<CollateClause>(n)->collname);
        loc(as<CollateClause>(n)->location);
        return;
      case T_NamedArgExpr:
        any(as<::NamedArgExpr>(n)->arg);
        loc(as<::NamedArgExpr>(n)->location);
        return;
      case T_SQLValueFunction:
        loc(as<SQLValueFunction>(n)->location);
        return;
      case T_SetToDefault:
        loc(as<SetToDefault>(n)->location);
        return;
      case T_MultiAssignRef:
        node(as<MultiAssignRef>(n)->source);
        return;
      case T_LockingClause:
        list(as<LockingClause>(n)->lockedRels);
        return;
      case T_WithClause:
        list(as<::WithClause>(n)->ctes);
        loc(as<::WithClause>(n)->location);
        return;
      case T_CommonTableExpr: {
        const auto* c = as<::CommonTableExpr>(n);
        // The analyzed fields (column names, types) are empty in a raw tree; when they are not,
        // or with SEARCH / CYCLE, the protobuf counts.
        if (c->search_clause || c->cycle_clause || c->ctecolnames || c->ctecoltypes ||
            c->ctecoltypmods || c->ctecolcollations) {
          loc(first_location_pb(n));
          return;
        }
        list(c->aliascolnames);
        node(c->ctequery);
        loc(c->location);
        return;
      }
      default:
        loc(first_location_pb(n));
        return;
    }
  }

 private:
  void loc(int location) {
    if (location >= 0 && (best < 0 || location < best)) best = location;
  }
  void list(const List* l) {
    for (const Node* n : items(l)) node(n);
  }
  /// A field typed as a particular node struct.
  void any(const void* n) { node(static_cast<const Node*>(n)); }
};

}  // namespace

int32_t first_location(const Node* node) {
  MinLocation walk;
  walk.node(node);
  return walk.best;
}

}  // namespace sqlgen::parse::detail
