#pragma once
/// FunctionRef<R(Args...)>: a non-owning reference to a callable, so generated functions that
/// take a callback (`list_users_each(..., on_row)`) or a range of parameter structs (`:copyfrom`,
/// the batch commands) are defined once in the generated `.cpp`, not as templates in the header.
/// It must not outlive the callable it was made from (generated code only passes it down a call).

#include <memory>
#include <type_traits>
#include <utility>

namespace sqlgen::runtime {

template <typename Signature>
class FunctionRef;

namespace detail {
/// F is a callable a FunctionRef of type Ref, returning R for Args..., may refer to (not Ref).
template <typename F, typename Ref, typename R, typename... Args>
concept callable_as =
    !std::is_same_v<std::remove_cvref_t<F>, Ref> && std::is_invocable_r_v<R, F&, Args...>;
}  // namespace detail

template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  /// Refers to `f` (any callable invocable with Args... whose result converts to R).
  template <detail::callable_as<FunctionRef, R, Args...> F>
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor): takes lambdas in place
      : m_object(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        m_call([](void* object, Args... args) -> R {
          return static_cast<R>(
              (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...));
        }) {}

  /// Calls the callable.
  R operator()(Args... args) const { return m_call(m_object, std::forward<Args>(args)...); }

 private:
  void* m_object;
  R (*m_call)(void*, Args...);
};

/// The items of a range of T, handed over as a function that calls `put` with each of them
/// (generated `:copyfrom` and batch functions: the header's template over any input range
/// passes its items to the function the generated `.cpp` defines).
template <typename T>
using Items = FunctionRef<void(FunctionRef<void(const T&)> put)>;

}  // namespace sqlgen::runtime
