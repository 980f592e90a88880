#include "util/stack.hpp"

#include <pthread.h>

#include <exception>

#include "util/heap.hpp"

namespace sqlgen::util {

namespace {

struct Job {
  const std::function<int()>* fn = nullptr;
  int result = 0;
  std::exception_ptr error;
};

void* run_job(void* arg) {
  Job& job = *static_cast<Job*>(arg);
  use_huge_page_thread_heap();
  try {
    job.result = (*job.fn)();
  } catch (...) {
    job.error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

int run_with_stack(size_t bytes, const std::function<int()>& fn) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return fn();
  if (pthread_attr_setstacksize(&attr, k_worker_stack_bytes) == 0) {
    pthread_setattr_default_np(&attr);  // std::thread uses the default attributes
  }
  Job job;
  job.fn = &fn;
  pthread_t thread;
  const bool made = pthread_attr_setstacksize(&attr, bytes) == 0 &&
                    pthread_create(&thread, &attr, run_job, &job) == 0;
  pthread_attr_destroy(&attr);
  if (!made) return fn();
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
  return job.result;
}

}  // namespace sqlgen::util
