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

int32_t first_location(const Node* node) {
  if (!node) return -1;
  PbTree pb(node);
  int32_t best = -1;
  min_location(reinterpret_cast<const ProtobufCMessage*>(pb.node()), best);
  return best;
}

}  // namespace sqlgen::parse::detail
