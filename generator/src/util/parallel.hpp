#pragma once
/// Runs independent jobs on a few threads (one per core unless set_jobs says otherwise, at
/// most `n`): the calling thread and workers of one process-wide pool, started once and kept
/// (a generate used to start a new thread per job group, 30-odd per run).

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>

namespace sqlgen::util {

namespace detail {
inline std::atomic<unsigned> g_jobs{0};

/// fn(i) for every i in [0, n), shared by the calling thread and up to `helpers` workers.
struct Batch {
  void (*call)(void* fn, size_t i);
  void* fn;
  size_t n;
  size_t helpers;               ///< how many pool workers may join
  std::atomic<size_t> next{0};  ///< the next index to claim
  size_t joined = 0;            ///< workers that took the batch (under the pool's mutex)
  size_t active = 0;            ///< of them, still running its jobs (under the pool's mutex)
};

/// Posts `batch` to the pool (started or grown to batch.helpers workers), runs its jobs on the
/// calling thread too, and returns once every job is done and no worker touches it any more.
/// Nested calls (a job calling parallel_for) make progress: the caller runs its own jobs.
void run_batch(Batch& batch);

/// Posts `batch` to the pool (started or grown to batch.helpers workers) and returns: its jobs
/// wait for a free worker, or for finish_batch.
void post_batch(Batch& batch);

/// Ends a posted batch: with `run`, the calling thread runs the jobs no worker took, then,
/// while a worker still runs one, helps the other posted batches (a job's nested parallel_for)
/// until it is done; without, jobs no worker took are dropped. Returns once no worker touches
/// the batch any more.
void finish_batch(Batch& batch, bool run);

struct TaskState;
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
  using F = std::remove_reference_t<Fn>;
  detail::Batch batch{[](void* f, size_t i) { (*static_cast<F*>(f))(i); },
                      const_cast<void*>(static_cast<const void*>(&fn)), n, workers - 1};
  detail::run_batch(batch);
}

/// One job started now on a pool worker when one is free (before the jobs posted after it),
/// while the calling thread goes on; wait() runs it on the waiting thread if no worker took it
/// by then. With one job allowed (`--jobs 1`) nothing is posted: wait() runs it. A pool worker
/// runs it with no thread started for it (the pool's are started once); while a worker runs
/// it, the thread waiting for it helps with the batches posted meanwhile (its nested
/// parallel_for among them) instead of idling.
class Task {
 public:
  Task() noexcept;  ///< no job: wait() returns at once
  explicit Task(std::function<void()> job);
  Task(Task&&) noexcept;
  Task& operator=(Task&&) noexcept;
  /// A job no worker took is dropped (never run); a running one is waited for.
  ~Task();

  /// Returns once the job has run (here, if no worker took it); rethrows what it threw.
  /// Later calls return at once.
  void wait();

  /// Whether there is a job not yet waited for.
  bool pending() const { return m_state != nullptr; }

 private:
  void finish(bool run);
  std::unique_ptr<detail::TaskState> m_state;
};

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
