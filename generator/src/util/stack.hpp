#pragma once
/// Room for deep recursion: sqlgen's work runs on threads with large stacks (reserved, and
/// committed only as used), so statements nested as deep as the parser allows are analyzed
/// or refused with a diagnostic, never a crash (the parse stage bounds the depth).

#include <cstddef>
#include <functional>

namespace sqlgen::util {

/// Stack of the thread that runs a command (`run_with_stack` in main).
inline constexpr size_t k_main_stack_bytes = size_t{1} << 30;
/// Stack of every other thread created afterwards (parallel_for's workers).
inline constexpr size_t k_worker_stack_bytes = size_t{256} << 20;

/// Runs `fn` on a new thread with a `bytes` stack and returns its result; exceptions pass
/// through. Also makes `k_worker_stack_bytes` the default for threads created later. Runs `fn`
/// on the calling thread when no such thread can be made.
int run_with_stack(size_t bytes, const std::function<int()>& fn);

}  // namespace sqlgen::util
