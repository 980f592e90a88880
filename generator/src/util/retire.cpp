// util/retire.hpp's list: allocated once and never destroyed (exit() would otherwise run the
// destructors retire() avoided).
#include "util/retire.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace sqlgen::util {

namespace {
std::atomic<bool> g_keep{false};
std::mutex g_mutex;
std::vector<void*>* g_kept = nullptr;  // never freed: reachable until the process ends
}  // namespace

void set_keep_at_exit(bool keep) { g_keep = keep; }

bool keep_at_exit() { return g_keep; }

namespace detail {
void keep_until_exit(void* object) {
  std::lock_guard lock(g_mutex);
  if (!g_kept) g_kept = new std::vector<void*>;
  g_kept->push_back(object);
}
}  // namespace detail

}  // namespace sqlgen::util
