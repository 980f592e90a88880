#pragma once
/// Runs independent jobs on a few threads (one per core unless set_jobs says otherwise, at
/// most `n`).

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "util/heap.hpp"

namespace sqlgen::util {

namespace detail {
inline std::atomic<unsigned> g_jobs{0};
}  // namespace detail

/// Sets how many threads parallel_for may use (`sqlgen --jobs N`); 0: one per core.
inline void set_jobs(unsigned jobs) { detail::g_jobs = jobs; }

/// How many threads parallel_for may use: set_jobs's number, else one per core.
inline unsigned jobs() {
  unsigned set = detail::g_jobs;
  return set ? set : std::max(1u, std::thread::hardware_concurrency());
}

/// Calls fn(i) for every i in [0, n), in parallel; returns when all are done.
/// `fn` must not throw (catch inside and record the failure).
template <class Fn>
void parallel_for(size_t n, Fn&& fn) {
  size_t workers = std::min<size_t>(n, jobs());
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      use_huge_page_thread_heap();
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  }
  for (std::thread& t : threads) t.join();
}

/// parallel_for for jobs that may throw: every job runs, then the first exception caught is
/// rethrown, as a sequential loop would have let it escape.
template <class Fn>
void parallel_for_rethrow(size_t n, Fn&& fn) {
  std::exception_ptr first;
  std::mutex mutex;
  parallel_for(n, [&](size_t i) {
    try {
      fn(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex);
      if (!first) first = std::current_exception();
    }
  });
  if (first) std::rethrow_exception(first);
}

}  // namespace sqlgen::util
