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
  /// Refers to `f`: any callable invocable with Args... whose result converts to R, a function
  /// (`on_row` named by its function) included.
  template <detail::callable_as<FunctionRef, R, Args...> F>
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor): takes lambdas in place
      : m_call(&call<std::remove_reference_t<F>>) {
    using T = std::remove_reference_t<F>;
    if constexpr (std::is_function_v<T>) {
      m_target.function = reinterpret_cast<void (*)()>(&f);
    } else {
      m_target.object = const_cast<void*>(static_cast<const void*>(std::addressof(f)));
    }
  }

  /// Calls the callable.
  R operator()(Args... args) const { return m_call(m_target, std::forward<Args>(args)...); }

 private:
  /// An object's address, or a function's (which a void* need not hold).
  union Target {
    void* object;
    void (*function)();
  };

  template <typename T>
  static R call(Target target, Args... args) {
    if constexpr (std::is_function_v<T>) {
      return static_cast<R>(reinterpret_cast<T*>(target.function)(std::forward<Args>(args)...));
    } else {
      return static_cast<R>((*static_cast<T*>(target.object))(std::forward<Args>(args)...));
    }
  }

  Target m_target;
  R (*m_call)(Target, Args...);
};

/// The items of a range of T, handed over as a function that calls `put` with each of them
/// (generated `:copyfrom` and batch functions: the header's template over any input range
/// passes its items to the function the generated `.cpp` defines).
template <typename T>
using Items = FunctionRef<void(FunctionRef<void(const T&)> put)>;

}  // namespace sqlgen::runtime
