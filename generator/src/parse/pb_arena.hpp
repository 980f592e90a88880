#pragma once
/// A bump allocator for protobuf-c's unpacking. libpg_query hands back a packed tree that
/// sqlgen unpacks, reads once and throws away; with the default allocator every node is a
/// malloc on unpack and a free in free_unpacked, which cost about as much as the transform
/// itself. With this arena the unpacked tree lives in a few large blocks and is dropped
/// whole: never call `free_unpacked` on a message unpacked with it.

#include <protobuf-c/protobuf-c.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <vector>

namespace sqlgen::parse::detail {

class PbArena {
 public:
  /// `hint`: the packed size; the unpacked tree takes a few times as much.
  explicit PbArena(size_t hint) : m_next_size(hint * 4 + 4096) {
    m_allocator.alloc = &PbArena::alloc;
    m_allocator.free = &PbArena::free;
    m_allocator.allocator_data = this;
  }
  PbArena(const PbArena&) = delete;
  PbArena& operator=(const PbArena&) = delete;

  ProtobufCAllocator* allocator() { return &m_allocator; }

 private:
  struct FreeDeleter {
    void operator()(char* p) const { std::free(p); }
  };

  static void* alloc(void* data, size_t size) { return static_cast<PbArena*>(data)->take(size); }
  static void free(void*, void*) {}  // the arena is released whole

  void* take(size_t size) {
    size = (size + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
    if (size > m_left) {
      size_t block = size > m_next_size ? size : m_next_size;
      char* p = static_cast<char*>(std::malloc(block));
      if (!p) return nullptr;  // protobuf-c then fails the unpack
      m_blocks.emplace_back(p);
      m_cur = p;
      m_left = block;
      m_next_size = block * 2;
    }
    void* out = m_cur;
    m_cur += size;
    m_left -= size;
    return out;
  }

  ProtobufCAllocator m_allocator{};
  std::vector<std::unique_ptr<char, FreeDeleter>> m_blocks;
  char* m_cur = nullptr;
  size_t m_left = 0;
  size_t m_next_size;
};

}  // namespace sqlgen::parse::detail
