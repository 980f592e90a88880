#pragma once
/// `in_tx`: a function run in one transaction, retried when PostgreSQL gives up on it.
///
///   std::int64_t total = sqlgen::runtime::in_tx(
///       conn, {.isolation = sqlgen::runtime::Isolation::serializable},
///       [&](bank::Queries& q) { return q.total_balance(); });
///
/// in_tx begins a transaction at the requested isolation level, hands the callback the
/// generated queries bound to it (never the connection or the transaction), commits, and
/// returns what the callback returned. A serialization failure (SQLSTATE 40001) or a deadlock
/// (40P01), raised by a statement of the callback or by the commit, rolls the attempt back and
/// runs the whole callback again in a new transaction after a backoff, up to
/// `TxOptions::max_attempts` attempts in all; the last attempt's error propagates. Any other
/// exception rolls back and propagates at once. Depends on libpqxx 6.4 only.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <pqxx/connection_base>
#include <pqxx/except>
#include <pqxx/transaction>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

namespace sqlgen::runtime {

/// The isolation level of the transactions in_tx begins.
enum class Isolation { read_committed, repeatable_read, serializable };

/// How in_tx runs its transactions.
struct TxOptions {
  /// PostgreSQL's default unless asked otherwise.
  Isolation isolation = Isolation::read_committed;
  /// Attempts in all, the first included (1: never retry; less than 1 counts as 1).
  int max_attempts = 5;
  /// The wait before the second attempt; it doubles before each later one, up to `max_backoff`.
  /// Each wait is drawn between half of it and all of it, so that transactions that failed
  /// together do not retry in lockstep.
  std::chrono::milliseconds backoff{10};
  /// The longest wait between two attempts.
  std::chrono::milliseconds max_backoff{1000};
};

namespace detail {

/// The queries type a callback takes: the first parameter of its call operator, without
/// reference and const (a lambda, a function object or a function pointer).
template <typename F>
struct callback_queries : callback_queries<decltype(&std::remove_cvref_t<F>::operator())> {};
template <typename R, typename C, typename Q>
struct callback_queries<R (C::*)(Q) const> {
  using type = std::remove_cvref_t<Q>;
};
template <typename R, typename C, typename Q>
struct callback_queries<R (C::*)(Q)> {
  using type = std::remove_cvref_t<Q>;
};
template <typename R, typename Q>
struct callback_queries<R (*)(Q)> {
  using type = std::remove_cvref_t<Q>;
};
template <typename R, typename Q>
struct callback_queries<R (&)(Q)> {
  using type = std::remove_cvref_t<Q>;
};

/// `Q` when given, else the type the callback takes.
template <typename Q, typename F>
struct queries_type {
  using type = Q;
};
template <typename F>
struct queries_type<void, F> {
  using type = typename callback_queries<F>::type;
};

/// True for the errors after which the whole transaction may succeed when run again:
/// serialization failure (40001) and deadlock (40P01). libpqxx 6.4 throws its own classes for
/// them, which are not sql_errors; an sql_error carrying either SQLSTATE counts too.
inline bool is_retryable(const std::exception& e) {
  if (dynamic_cast<const pqxx::serialization_failure*>(&e) ||
      dynamic_cast<const pqxx::deadlock_detected*>(&e)) {
    return true;
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    return sql->sqlstate() == "40001" || sql->sqlstate() == "40P01";
  }
  return false;
}

/// The wait before attempt `attempt + 1` (attempt >= 1): backoff * 2^(attempt - 1), at most
/// max_backoff, scaled by a factor in [0.5, 1] drawn from `seed`.
inline std::chrono::microseconds backoff_after(const TxOptions& options, int attempt,
                                               std::uint64_t seed) {
  using std::chrono::microseconds;
  microseconds cap = std::max(microseconds(0), microseconds(options.max_backoff));
  microseconds wait = std::max(microseconds(0), microseconds(options.backoff));
  for (int i = 1; i < attempt && wait < cap; ++i) wait *= 2;
  wait = std::min(wait, cap);
  // splitmix64: enough to spread the waits of transactions that failed together.
  seed += 0x9e3779b97f4a7c15ULL;
  seed = (seed ^ (seed >> 30)) * 0xbf58476d1ce4e5b9ULL;
  seed = (seed ^ (seed >> 27)) * 0x94d049bb133111ebULL;
  seed ^= seed >> 31;
  double factor = 0.5 + 0.5 * static_cast<double>(seed >> 11) / static_cast<double>(1ULL << 53);
  return microseconds(static_cast<std::int64_t>(static_cast<double>(wait.count()) * factor));
}

/// One attempt: a transaction at isolation level L, the callback, the commit. The transaction
/// rolls back when anything throws (pqxx::transaction's destructor aborts it).
template <pqxx::isolation_level L, typename Q, typename F>
std::invoke_result_t<F&, Q&> attempt(pqxx::connection_base& conn, F& body) {
  pqxx::transaction<L> tx(conn);
  Q queries(tx);
  if constexpr (std::is_void_v<std::invoke_result_t<F&, Q&>>) {
    std::invoke(body, queries);
    tx.commit();
  } else {
    std::invoke_result_t<F&, Q&> result = std::invoke(body, queries);
    tx.commit();
    return result;
  }
}

}  // namespace detail

/// Runs `body(queries)` in a transaction on `conn` at `options.isolation` and commits;
/// returns what `body` returned. `Q` (the generated queries class, constructed from the
/// transaction) is the type of body's parameter unless given. Retries the whole body on
/// serialization failure and deadlock (see the top of this header); other exceptions roll
/// back and propagate. The body must not swallow the database's errors: a transaction whose
/// statement failed cannot commit.
template <typename Q = void, typename F>
auto in_tx(pqxx::connection_base& conn, const TxOptions& options, F&& body) {
  using Queries = typename detail::queries_type<Q, F>::type;
  static_assert(std::is_constructible_v<Queries, pqxx::transaction_base&>,
                "in_tx: the callback's parameter must be a generated Queries class");
  const int max_attempts = std::max(1, options.max_attempts);
  const std::uint64_t seed =
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      static_cast<std::uint64_t>(std::hash<std::thread::id>{}(std::this_thread::get_id()));
  for (int attempt = 1;; ++attempt) {
    try {
      switch (options.isolation) {
        case Isolation::serializable:
          return detail::attempt<pqxx::serializable, Queries>(conn, body);
        case Isolation::repeatable_read:
          return detail::attempt<pqxx::repeatable_read, Queries>(conn, body);
        case Isolation::read_committed:
          break;
      }
      return detail::attempt<pqxx::read_committed, Queries>(conn, body);
    } catch (const std::exception& e) {
      if (attempt >= max_attempts || !detail::is_retryable(e)) throw;
    }
    std::this_thread::sleep_for(
        detail::backoff_after(options, attempt, seed + static_cast<std::uint64_t>(attempt)));
  }
}

}  // namespace sqlgen::runtime
