#pragma once
/// Objects a finished command leaves to the process's end instead of destroying them: the
/// process exits right after, and freeing a large project's trees one allocation at a time is
/// work the kernel does anyway (hatchet's analyze: 10 of 340 perf samples). Off unless the CLI's
/// main turns it on; tests and library callers get the object destroyed at once. What is kept
/// stays reachable from a list, so leak checkers do not report it.

#include <type_traits>
#include <utility>

namespace sqlgen::util {

/// Turns keeping on (the CLI's main) or off.
void set_keep_at_exit(bool keep);

/// Whether retire() keeps objects.
bool keep_at_exit();

namespace detail {
/// Adds `object` to the list kept until the process ends.
void keep_until_exit(void* object);
}  // namespace detail

/// Ends `object`'s use: moved into storage kept until the process ends when keep_at_exit(),
/// else destroyed now.
template <class T>
void retire(T&& object) {
  static_assert(!std::is_lvalue_reference_v<T>, "retire takes what it ends: std::move it");
  using V = std::remove_cvref_t<T>;
  if (!keep_at_exit()) {
    V gone(std::forward<T>(object));
    return;
  }
  detail::keep_until_exit(new V(std::forward<T>(object)));
}

}  // namespace sqlgen::util
