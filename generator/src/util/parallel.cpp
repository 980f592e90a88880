// parallel_for's pool: workers started on first need, kept for the life of the process, each
// taking posted batches in order and claiming their jobs one index at a time. A Task is a
// batch of one job that its poster does not run at once.
#include "util/parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>
#endif

#include "util/heap.hpp"

namespace sqlgen::util::detail {

namespace {

class Pool {
 public:
  void run(Batch& batch) {
    post(batch);
    std::exception_ptr thrown;  // a job that broke parallel_for's no-throw rule, on this thread
    try {
      work(batch);
    } catch (...) {
      thrown = std::current_exception();
      batch.next = batch.n;  // no job starts any more
    }
    std::unique_lock lock(m_mutex);
    // No worker may take it from now on; wait for those that did: the batch dies with our frame.
    unqueue(batch);
    m_done.wait(lock, [&] { return batch.active == 0; });
    if (thrown) std::rethrow_exception(thrown);
  }

  void post(Batch& batch) {
    {
      std::lock_guard lock(m_mutex);
      grow(batch.helpers);
      m_queue.push_back(&batch);
    }
    m_work.notify_all();
    m_done.notify_all();  // a thread in finish() may help it
  }

  void finish(Batch& batch, bool run) {
    if (run) {
      work(batch);  // batch's jobs must not throw (Task's do not)
    } else {
      batch.next = batch.n;
    }
    std::unique_lock lock(m_mutex);
    unqueue(batch);
    // A worker still runs one of its jobs: help the batches posted meanwhile (that job's
    // nested parallel_for among them) rather than leave this core idle.
    while (batch.active != 0) {
      Batch* other = nullptr;
      for (Batch* b : m_queue) {
        if (b->next < b->n) {
          other = b;
          break;
        }
      }
      if (!other) {
        m_done.wait(lock);
        continue;
      }
      take(*other);
      lock.unlock();
      work(*other);
      lock.lock();
      leave(*other);
    }
  }

 private:
  /// Claims and runs the batch's jobs until none is left.
  static void work(Batch& batch) {
    for (size_t i = batch.next++; i < batch.n; i = batch.next++) batch.call(batch.fn, i);
  }

  /// Starts workers up to `count` (under m_mutex). They are never joined: detached, they wait
  /// for work until the process ends.
  void grow(size_t count) {
    for (; m_workers < count; ++m_workers) {
      std::thread worker([this] { loop(); });
      start_elsewhere(worker.native_handle());
      worker.detach();
    }
  }

  /// Moves a new worker, not yet running, off this thread's core (under m_mutex). Linux may
  /// queue a new thread on its creator's core, busy with the work just posted, and an idle core
  /// takes it only at its next balancing tick: the worker's start waited up to 4 ms on a 2-core
  /// VM, and a run at -j 2 was 1-3 ms slower (hatchet, the synthetic corpus; 41 runs
  /// interleaved). The worker widens its affinity back to the process's first thing (loop).
  void start_elsewhere([[maybe_unused]] std::thread::native_handle_type worker) {
#if defined(__linux__)
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) < 2) return;
    const int here = sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || !CPU_ISSET(here, &allowed)) return;
    m_allowed = allowed;
    m_narrowed = true;
    CPU_CLR(here, &allowed);
    pthread_setaffinity_np(worker, sizeof allowed, &allowed);
#endif
  }

  [[noreturn]] void loop() {
#if defined(__linux__)
    {
      std::lock_guard lock(m_mutex);  // grow() holds it until start_elsewhere is done
      if (m_narrowed) pthread_setaffinity_np(pthread_self(), sizeof m_allowed, &m_allowed);
    }
#endif
    use_huge_page_thread_heap();
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock lock(m_mutex);
        m_work.wait(lock, [&] { return !m_queue.empty(); });
        batch = m_queue.front();
        take(*batch);
      }
      work(*batch);
      std::lock_guard lock(m_mutex);
      leave(*batch);
    }
  }

  /// Joins `batch` as one of its helpers (under m_mutex).
  void take(Batch& batch) {
    ++batch.active;
    if (++batch.joined >= batch.helpers) unqueue(batch);  // it has all it wants
  }

  /// Takes `batch` off the queue if it is there (under m_mutex): no worker joins it any more.
  void unqueue(Batch& batch) {
    if (auto it = std::find(m_queue.begin(), m_queue.end(), &batch); it != m_queue.end()) {
      m_queue.erase(it);
    }
  }

  /// Leaves `batch` (under m_mutex): the last time this thread touches it.
  void leave(Batch& batch) {
    if (--batch.active == 0) m_done.notify_all();
  }

  std::mutex m_mutex;
  std::condition_variable m_work;  ///< a batch was posted
  std::condition_variable m_done;  ///< a batch's last worker left it
  std::deque<Batch*> m_queue;      ///< batches that want more workers, oldest first
  size_t m_workers = 0;
#if defined(__linux__)
  cpu_set_t m_allowed;      ///< the cores the thread that started a worker may use
  bool m_narrowed = false;  ///< a worker was started elsewhere: m_allowed is set
#endif
};

}  // namespace

namespace {
Pool& pool() {
  // Never destroyed: its workers outlive every static destructor.
  static Pool* pool = new Pool;
  return *pool;
}
}  // namespace

void run_batch(Batch& batch) { pool().run(batch); }

void post_batch(Batch& batch) { pool().post(batch); }

void finish_batch(Batch& batch, bool run) { pool().finish(batch, run); }

/// A Task's job and what it threw; the batch that runs it points here.
struct TaskState {
  std::function<void()> job;
  std::exception_ptr thrown;
  Batch batch;
  bool posted = false;
};

}  // namespace sqlgen::util::detail

namespace sqlgen::util {

Task::Task() noexcept = default;

Task::Task(std::function<void()> job) : m_state(std::make_unique<detail::TaskState>()) {
  detail::TaskState& s = *m_state;
  s.job = std::move(job);
  s.batch.call = [](void* state, size_t) {
    auto& t = *static_cast<detail::TaskState*>(state);
    try {
      t.job();
    } catch (...) {
      t.thrown = std::current_exception();
    }
  };
  s.batch.fn = &s;
  s.batch.n = 1;
  s.batch.helpers = 1;
  if (jobs() > 1) {
    detail::post_batch(s.batch);
    s.posted = true;
  }
}

Task::Task(Task&&) noexcept = default;

Task& Task::operator=(Task&& other) noexcept {
  if (this != &other) {
    finish(false);
    m_state = std::move(other.m_state);
  }
  return *this;
}

Task::~Task() { finish(false); }

void Task::finish(bool run) {
  if (!m_state) return;
  std::unique_ptr<detail::TaskState> state = std::move(m_state);
  if (state->posted) {
    detail::finish_batch(state->batch, run);
  } else if (run) {
    state->batch.call(state.get(), 0);
  }
  if (run && state->thrown) std::rethrow_exception(state->thrown);
}

void Task::wait() { finish(true); }

}  // namespace sqlgen::util
