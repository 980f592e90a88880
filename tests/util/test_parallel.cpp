// util::parallel_for on its worker pool: every index once, on several threads, nested calls,
// many calls in a row (the pool's workers are reused), exceptions through parallel_for_rethrow.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "util/parallel.hpp"

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
