#include "util/heap.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <set>
#include <string_view>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace sqlgen::util {

namespace {

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
constexpr size_t k_mb = size_t{1} << 20;
constexpr uintptr_t k_huge_page = 2 * k_mb;
/// glibc's HEAP_MAX_SIZE on 64-bit: a thread's arena lives in heaps of this size, aligned to it.
constexpr uintptr_t k_thread_heap = 64 * k_mb;
constexpr uintptr_t k_small_page = 4096;

bool g_enabled = false;
uintptr_t g_brk_begin = 0;  ///< where the main heap (brk) began when it was advised

/// The thread heaps already advised.
struct AdvisedHeaps {
  std::mutex mutex;
  std::set<uintptr_t> heaps;
  std::vector<void*> skipped;  ///< the rest of each heap's first 2 MB, allocated, never used
};
AdvisedHeaps g_advised;
#endif

}  // namespace

void use_huge_page_heap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  if (const char* off = std::getenv("SQLGEN_HUGE_PAGES"); off && std::string_view(off) == "0") {
    return;
  }
  // Large blocks (a file's text, the parser's memory) from the heaps too (32 MB is glibc's
  // largest threshold); freed memory kept for reuse, not returned to the kernel; heaps grown
  // 64 MB at a time (a thread's arena is made that large at once).
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(32 * k_mb));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(256 * k_mb));
  mallopt(M_TOP_PAD, static_cast<int>(64 * k_mb));
  // Grow the main heap now (more than its top can hold: it grows by that plus the 64 MB pad)
  // and advise what it spans; the kernel backs each 2 MB of it with one huge page at first
  // touch.
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
  g_brk_begin = reinterpret_cast<uintptr_t>(before);
  g_enabled = true;
#endif
}

void use_huge_page_thread_heap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  if (!g_enabled) return;
  void* volatile probe = std::malloc(1);  // from this thread's arena
  const auto at = reinterpret_cast<uintptr_t>(static_cast<void*>(probe));
  std::free(probe);
  if (at >= g_brk_begin && at < reinterpret_cast<uintptr_t>(sbrk(0))) return;  // the main heap
  const uintptr_t heap = at & ~(k_thread_heap - 1);
  std::lock_guard<std::mutex> lock(g_advised.mutex);
  if (!g_advised.heaps.insert(heap).second) return;
  madvise(reinterpret_cast<void*>(heap), k_thread_heap, MADV_HUGEPAGE);
  // glibc wrote the arena's header into the heap's first page before the advice above, so the
  // kernel maps the rest of that first 2 MB with 4 KB pages, one fault each (512 faults, most
  // of a short thread's). Allocate the rest of it once and never touch it: the thread's
  // allocations start at the next 2 MB, one huge page at first touch. (It is address space
  // only. Collapsing the first 2 MB into a huge page instead, MADV_COLLAPSE, cost a copy per
  // thread: -j 2 runs were 0.5-1.3 ms slower, 31 runs interleaved.)
  const uintptr_t first_end = heap + k_huge_page;
  if (at + k_small_page < first_end) {
    // Its chunk header sits just below `at`, in the page glibc touched; the next chunk's header
    // lands at the 2 MB boundary or just past it.
    g_advised.skipped.push_back(std::malloc(first_end - at + 2 * sizeof(size_t)));
  }
#endif
}

}  // namespace sqlgen::util
