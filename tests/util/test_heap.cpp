// util/heap: a thread's first allocations are backed by a transparent huge page.
// Checked in a process of its own, whose malloc settings and memory the other tests never see.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "util/heap.hpp"

namespace {

constexpr int k_skip = 77;
constexpr size_t k_huge = size_t{2} << 20;

/// The AnonHugePages of the mapping holding `p`, in kB (-1 when not found).
long anon_huge_kb(const void* p) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (line.find(':') == std::string::npos || line.find(' ') < line.find(':')) {
      // A mapping's first line: "begin-end perms ...".
      if (head >> std::hex >> begin >> dash >> end && dash == '-') {
        inside = begin <= at && at < end;
        continue;
      }
    }
    if (inside && line.rfind("AnonHugePages:", 0) == 0) {
      return std::strtol(line.c_str() + 14, nullptr, 10);
    }
  }
  return -1;
}

/// True when the kernel can give this process huge pages on request: THP not `never`, and
/// an advised region faulted in as one.
bool huge_pages_available() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  std::getline(f, mode);
  if (mode.find("[never]") != std::string::npos || mode.empty()) return false;
  void* region =
      mmap(nullptr, 2 * k_huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) return false;
  auto aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(region) + k_huge - 1) &
                                         ~(uintptr_t{k_huge} - 1));
  bool ok = madvise(aligned, k_huge, MADV_HUGEPAGE) == 0;
  if (ok) {
    aligned[0] = 1;
    ok = anon_huge_kb(aligned) >= 2048;
  }
  munmap(region, 2 * k_huge);
  return ok;
}

/// In the child: a new thread's arena after use_huge_page_thread_heap, its first 2 MB in use.
int child() {
  if (!huge_pages_available()) return k_skip;
  sqlgen::util::use_huge_page_heap();
  long kb = -2;
  std::thread t([&] {
    sqlgen::util::use_huge_page_thread_heap();
    std::vector<char*> blocks;
    for (int i = 0; i < 1000; ++i) {  // ~1 MB in small blocks: the arena's first 2 MB
      auto* b = static_cast<char*>(std::malloc(1000));
      b[0] = static_cast<char>(i);
      blocks.push_back(b);
    }
    kb = anon_huge_kb(blocks.front());
    for (char* b : blocks) std::free(b);
  });
  t.join();
  return kb >= 2048 ? 0 : 1;
}

}  // namespace

// Run alone in a process of its own (the test below starts it): a process that already ran
// threads hands a new thread an old arena, whose heap settings are not sqlgen's at start-up.
TEST_CASE("heap child: a new thread's arena in a fresh process", "[.][heap_child]") {
  std::_Exit(child());
}

TEST_CASE("a thread's first allocations are in a huge page", "[util][heap]") {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::execl("/proc/self/exe", "sqlgen_tests", "[heap_child]", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == k_skip) {
    WARN("transparent huge pages unavailable here: not checked");
    return;
  }
  // 1: the thread's first allocations were mapped with 4 KB pages, one fault per page (glibc
  // writes the arena's header into its first 2 MB before the advice).
  CHECK(WEXITSTATUS(status) == 0);
}
