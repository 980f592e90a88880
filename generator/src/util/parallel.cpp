// parallel_for's pool: workers started on first need, kept for the life of the process, each
// taking posted batches in order and claiming their jobs one index at a time.
#include "util/parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>

#include "util/heap.hpp"

namespace sqlgen::util::detail {

namespace {

class Pool {
 public:
  void run(Batch& batch) {
    {
      std::lock_guard lock(m_mutex);
      grow(batch.helpers);
      m_queue.push_back(&batch);
    }
    m_work.notify_all();
    std::exception_ptr thrown;  // a job that broke parallel_for's no-throw rule, on this thread
    try {
      work(batch);
    } catch (...) {
      thrown = std::current_exception();
      batch.next = batch.n;  // no job starts any more
    }
    std::unique_lock lock(m_mutex);
    // No worker may take it from now on; wait for those that did: the batch dies with our frame.
    if (auto it = std::find(m_queue.begin(), m_queue.end(), &batch); it != m_queue.end()) {
      m_queue.erase(it);
    }
    m_done.wait(lock, [&] { return batch.active == 0; });
    if (thrown) std::rethrow_exception(thrown);
  }

 private:
  /// Claims and runs the batch's jobs until none is left.
  static void work(Batch& batch) {
    for (size_t i = batch.next++; i < batch.n; i = batch.next++) batch.call(batch.fn, i);
  }

  /// Starts workers up to `count` (under m_mutex). They are never joined: detached, they wait
  /// for work until the process ends.
  void grow(size_t count) {
    for (; m_workers < count; ++m_workers) std::thread([this] { loop(); }).detach();
  }

  [[noreturn]] void loop() {
    use_huge_page_thread_heap();
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock lock(m_mutex);
        m_work.wait(lock, [&] { return !m_queue.empty(); });
        batch = m_queue.front();
        ++batch->active;
        if (++batch->joined >= batch->helpers) m_queue.pop_front();  // it has all it wants
      }
      work(*batch);
      bool last = false;
      {
        std::lock_guard lock(m_mutex);
        last = --batch->active == 0;  // the last time this worker touches the batch
      }
      if (last) m_done.notify_all();
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_work;  ///< a batch was posted
  std::condition_variable m_done;  ///< a batch's last worker left it
  std::deque<Batch*> m_queue;      ///< batches that want more workers, oldest first
  size_t m_workers = 0;
};

}  // namespace

void run_batch(Batch& batch) {
  // Never destroyed: its workers outlive every static destructor.
  static Pool* pool = new Pool;
  pool->run(batch);
}

}  // namespace sqlgen::util::detail
