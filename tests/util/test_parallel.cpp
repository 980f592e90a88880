// util::parallel_for on its worker pool: every index once, on several threads, nested calls,
// many calls in a row (the pool's workers are reused), exceptions through parallel_for_rethrow;
// util::Task: run by a worker without being waited for, by wait() with one job, dropped when
// destroyed before a worker took it, its exception rethrown, its nested parallel_for done.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

#if defined(__linux__)
#include <sched.h>
#endif

using namespace sqlgen;

namespace {

/// Runs the test body with `jobs` threads allowed, restoring the default afterwards.
struct Jobs {
  explicit Jobs(unsigned jobs) { util::set_jobs(jobs); }
  ~Jobs() { util::set_jobs(0); }
};

}  // namespace

TEST_CASE("parallel_for runs every index once, on more than one thread", "[util][parallel]") {
  Jobs jobs(4);
  const size_t n = 2000;
  std::vector<std::atomic<int>> seen(n);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  std::atomic<bool> release{false};
  util::parallel_for(n, [&](size_t i) {
    ++seen[i];
    {
      std::lock_guard lock(mutex);
      threads.insert(std::this_thread::get_id());
    }
    // The first job waits for another thread to run a job: proof the work is shared. Bounded
    // only against a broken pool (a minute: no machine is that slow to schedule a thread).
    if (i == 0) {
      for (int k = 0; k < 60000 && !release; ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } else {
      release = true;
    }
  });
  for (size_t i = 0; i < n; ++i) CHECK(seen[i] == 1);
  CHECK(threads.size() >= 2);
  CHECK(threads.size() <= 4);
}

TEST_CASE("parallel_for: nested calls and many calls in a row complete", "[util][parallel]") {
  Jobs jobs(3);
  for (int round = 0; round < 200; ++round) {
    std::atomic<size_t> sum{0};
    util::parallel_for(
        5, [&](size_t i) { util::parallel_for(7, [&](size_t k) { sum += i * 7 + k; }); });
    REQUIRE(sum == 34 * 35 / 2);  // 0 + 1 + ... + 34
  }
}

TEST_CASE("parallel_for with one job runs in order on the calling thread", "[util][parallel]") {
  Jobs jobs(1);
  std::vector<size_t> order;
  const std::thread::id self = std::this_thread::get_id();
  bool same_thread = true;
  util::parallel_for(10, [&](size_t i) {
    order.push_back(i);
    same_thread = same_thread && std::this_thread::get_id() == self;
  });
  CHECK(order == std::vector<size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(same_thread);
}

TEST_CASE("parallel_for_rethrow runs every job, then rethrows the first exception",
          "[util][parallel]") {
  Jobs jobs(2);
  std::atomic<int> ran{0};
  CHECK_THROWS_WITH(util::parallel_for_rethrow(50,
                                               [&](size_t i) {
                                                 ++ran;
                                                 if (i % 10 == 3)
                                                   throw std::runtime_error("job failed");
                                               }),
                    "job failed");
  CHECK(ran == 50);
}

TEST_CASE("parallel_for: a job throwing on the calling thread ends the call, the pool lives on",
          "[util][parallel]") {
  Jobs jobs(2);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> thrown{false};
  // Only the calling thread throws: a worker's exception would end the process (the rule is
  // that jobs do not throw; parallel_for_rethrow catches for them). The worker's job waits for
  // that throw, so the caller surely runs a job, and the worker is still in the batch then.
  auto job = [&](size_t) {
    if (std::this_thread::get_id() == caller) {
      thrown = true;
      throw std::runtime_error("caller's job failed");
    }
    for (int k = 0; k < 60000 && !thrown; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  CHECK_THROWS_WITH(util::parallel_for(1000, job), "caller's job failed");
  std::atomic<size_t> sum{0};
  util::parallel_for(100, [&](size_t i) { sum += i; });
  CHECK(sum == 4950);
}

namespace {

/// Waits (a minute at most: no machine is that slow to schedule a thread) until `flag` is set.
void await(const std::atomic<bool>& flag) {
  for (int k = 0; k < 60000 && !flag; ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

TEST_CASE("Task: a worker runs the job before anyone waits for it", "[util][parallel]") {
  Jobs jobs(2);
  std::atomic<bool> ran{false};
  std::thread::id runner;
  util::Task task([&] {
    runner = std::this_thread::get_id();
    ran = true;
  });
  await(ran);  // not wait(): that would run it here
  CHECK(ran);
  task.wait();
  CHECK(runner != std::this_thread::get_id());
  CHECK_FALSE(task.pending());
  task.wait();  // again: returns at once
}

TEST_CASE("Task with one job runs at wait(), on the waiting thread", "[util][parallel]") {
  Jobs jobs(1);
  bool ran = false;
  std::thread::id runner;
  util::Task task([&] {
    runner = std::this_thread::get_id();
    ran = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(ran);
  CHECK(task.pending());
  task.wait();
  CHECK(ran);
  CHECK(runner == std::this_thread::get_id());
  // Destroyed without wait(): never run.
  bool dropped_ran = false;
  {
    util::Task dropped([&] { dropped_ran = true; });
  }
  CHECK_FALSE(dropped_ran);
}

TEST_CASE("Task destroyed before a worker took it is dropped, a running one is waited for",
          "[util][parallel]") {
  Jobs jobs(2);
  // More blockers than the pool has workers (it has at most 3: the most any test allows, less
  // one): each holds a worker until released, the rest wait in the queue before `late`.
  std::atomic<bool> release{false};
  std::atomic<int> blockers_started{0};
  std::atomic<int> blockers_finished{0};
  std::vector<util::Task> blockers;
  for (int i = 0; i < 16; ++i) {
    blockers.emplace_back([&] {
      ++blockers_started;
      await(release);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ++blockers_finished;
    });
  }
  for (int k = 0; k < 60000 && blockers_started == 0; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::atomic<bool> late_ran{false};
  {
    util::Task late([&] { late_ran = true; });
  }  // queued behind blockers: dropped
  release = true;
  blockers.clear();  // waits for those running (the waiting thread may run some itself)
  CHECK_FALSE(late_ran);
  CHECK(blockers_started >= 1);
  CHECK(blockers_finished == blockers_started);
}

TEST_CASE("Task: wait() rethrows the job's exception", "[util][parallel]") {
  for (unsigned n : {1u, 2u}) {
    Jobs jobs(n);
    util::Task task([] { throw std::runtime_error("task failed"); });
    CHECK_THROWS_WITH(task.wait(), "task failed");
    CHECK_FALSE(task.pending());
  }
}

TEST_CASE("Task: a job's nested parallel_for completes while the caller waits",
          "[util][parallel]") {
  for (unsigned n : {2u, 3u}) {
    Jobs jobs(n);
    for (int round = 0; round < 100; ++round) {
      std::atomic<size_t> sum{0};
      util::Task a([&] { util::parallel_for(50, [&](size_t i) { sum += i; }); });
      util::Task b([&] { util::parallel_for(50, [&](size_t i) { sum += i; }); });
      util::parallel_for(10, [&](size_t i) { sum += i; });
      a.wait();
      b.wait();
      REQUIRE(sum == 2 * 1225 + 45);
    }
  }
}

#if defined(__linux__)
TEST_CASE("a worker may run on every core its starter may", "[util][parallel]") {
  // The pool starts a worker on another core than its starter's (util/parallel.cpp); the
  // worker must widen its affinity back, or it stays off the core it was started from.
  Jobs jobs(2);
  cpu_set_t mine;
  REQUIRE(sched_getaffinity(0, sizeof mine, &mine) == 0);
  cpu_set_t workers;
  CPU_ZERO(&workers);
  std::atomic<bool> ran{false};
  util::Task task([&] {
    sched_getaffinity(0, sizeof workers, &workers);
    ran = true;
  });
  await(ran);  // run by a worker, not by wait()
  task.wait();
  REQUIRE(ran);
  CHECK(CPU_EQUAL(&workers, &mine));
}
#endif
