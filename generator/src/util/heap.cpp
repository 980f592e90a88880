#include "util/heap.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace sqlgen::util {

void use_huge_page_heap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  if (const char* off = std::getenv("SQLGEN_HUGE_PAGES"); off && std::string_view(off) == "0") {
    return;
  }
  constexpr size_t k_mb = size_t{1} << 20;
  constexpr uintptr_t k_huge_page = 2 * k_mb;
  // One arena: other threads would get heaps of their own, mapped where nothing is advised.
  mallopt(M_ARENA_MAX, 1);
  // Large blocks (a file's text, the parser's memory) from the heap too (32 MB is glibc's
  // largest threshold); freed memory kept for reuse, not returned to the kernel.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(32 * k_mb));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(256 * k_mb));
  mallopt(M_TOP_PAD, static_cast<int>(64 * k_mb));
  // Grow the heap now (more than its top can hold: it grows by that plus the 64 MB pad) and
  // advise what it spans; the kernel backs each 2 MB of it with one huge page at first touch.
  auto* before = static_cast<char*>(sbrk(0));
  void* volatile probe = std::malloc(k_huge_page);  // volatile: the pair must not be elided
  auto* after = static_cast<char*>(sbrk(0));
  std::free(probe);
  const uintptr_t begin =
      (reinterpret_cast<uintptr_t>(before) + k_huge_page - 1) & ~(k_huge_page - 1);
  const uintptr_t end = reinterpret_cast<uintptr_t>(after) & ~(k_huge_page - 1);
  if (before != reinterpret_cast<char*>(-1) && end > begin) {
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  }
#endif
}

}  // namespace sqlgen::util
