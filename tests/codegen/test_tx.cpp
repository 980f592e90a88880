// sqlgen::runtime::in_tx (generator/include/sqlgen/runtime/tx.hpp) on a real PostgreSQL with
// the generated queries of the golden case tests/cases/codegen/tx (refresh with
// SQLGEN_UPDATE_GOLDEN=1, then rebuild: this file compiles its expected/ headers): two
// connections whose serializable transactions really conflict (write skew), errors raised with
// a given SQLSTATE, other errors rolled back and propagated, the isolation levels.
#include <catch2/catch.hpp>
#include <exception>
#include <latch>
#include <optional>
#include <pqxx/pqxx>
#include <sqlgen/runtime/tx.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cases/codegen/tx/expected/bank/queries.hpp"
#include "codegen/codegen_support.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
using runtime::in_tx;
using runtime::Isolation;
using runtime::TxOptions;
using namespace std::chrono_literals;

namespace {

/// A fresh database with the case's migrations and accounts 1 and 2 holding 100 each.
FreshDatabase bank_database() {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/tx/migrations/bank"));
  pqxx::connection conn(db.conninfo());
  bank::Queries::prepare(conn);
  in_tx(conn, {}, [](bank::Queries& q) {
    q.open_account(1, "ann", 100);
    q.open_account(2, "bob", 100);
  });
  return db;
}

/// (id, balance) of every account, read outside any in_tx.
std::vector<std::pair<int, std::int64_t>> balances(const FreshDatabase& db) {
  pqxx::connection conn(db.conninfo());
  bank::Queries::prepare(conn);
  pqxx::work tx(conn);
  std::vector<std::pair<int, std::int64_t>> out;
  for (const bank::Account& a : bank::Queries(tx).list_accounts())
    out.emplace_back(a.id, a.balance);
  return out;
}

/// What one of the two conflicting workers saw.
struct Worker {
  int attempts = 0;
  std::exception_ptr error;
};

/// Write skew on two connections: each serializable transaction reads both balances, waits
/// (on its first attempt) until the other has read them too, then sets its own account to
/// their sum. Run one after the other they give {200, 300} or {300, 200}; together, PostgreSQL
/// fails one of them with a serialization failure (40001).
std::pair<Worker, Worker> write_skew(const FreshDatabase& db, int max_attempts) {
  std::latch both_read(2);
  std::pair<Worker, Worker> out;
  auto run = [&](int own, int other, Worker& w) {
    try {
      pqxx::connection conn(db.conninfo());
      bank::Queries::prepare(conn);
      TxOptions options{.isolation = Isolation::serializable,
                        .max_attempts = max_attempts,
                        .backoff = 1ms,
                        .max_backoff = 20ms};
      in_tx(conn, options, [&](bank::Queries& q) {
        int attempt = ++w.attempts;
        std::int64_t sum = q.get_balance(own).value() + q.get_balance(other).value();
        if (attempt == 1) both_read.arrive_and_wait();
        q.set_balance(sum, own);
      });
    } catch (...) {
      w.error = std::current_exception();
    }
  };
  std::thread a(run, 1, 2, std::ref(out.first));
  std::thread b(run, 2, 1, std::ref(out.second));
  a.join();
  b.join();
  return out;
}

/// True when `error` holds a pqxx::serialization_failure.
bool is_serialization_failure(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const pqxx::serialization_failure&) {
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace

TEST_CASE("golden: tests/cases/codegen/tx generates its expected/ (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  const char* update = std::getenv("SQLGEN_UPDATE_GOLDEN");
  cli::GenerateOptions opts;
  opts.check = !(update && std::string(update) == "1");
  GenerateRun r = generate(codegen_case("tx") / "sqlgen.yaml", opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("in_tx: conflicting serializable transactions are retried until both commit",
          "[codegen][pg][tx]") {
  FreshDatabase db = bank_database();
  auto [a, b] = write_skew(db, 5);
  CHECK_FALSE(a.error);
  CHECK_FALSE(b.error);
  // One of them failed with 40001 and ran its whole callback again.
  CHECK(a.attempts + b.attempts >= 3);
  CHECK((a.attempts == 1 || b.attempts == 1));
  // As if run one after the other: the retried one read the other's committed balance.
  auto after = balances(db);
  using Balances = std::vector<std::pair<int, std::int64_t>>;
  CHECK((after == Balances{{1, 200}, {2, 300}} || after == Balances{{1, 300}, {2, 200}}));
}

TEST_CASE("in_tx: at max_attempts the conflict's serialization failure propagates",
          "[codegen][pg][tx]") {
  FreshDatabase db = bank_database();
  auto [a, b] = write_skew(db, 1);
  CHECK(a.attempts == 1);
  CHECK(b.attempts == 1);
  // Exactly one lost, with libpqxx's error for SQLSTATE 40001; only the winner's write is kept.
  REQUIRE(bool(a.error) != bool(b.error));
  CHECK(is_serialization_failure(a.error ? a.error : b.error));
  auto after = balances(db);
  using Balances = std::vector<std::pair<int, std::int64_t>>;
  CHECK(after == (a.error ? Balances{{1, 100}, {2, 200}} : Balances{{1, 200}, {2, 100}}));
}

TEST_CASE("in_tx: 40001 and 40P01 retry the whole callback, the last error propagates",
          "[codegen][pg][tx]") {
  FreshDatabase db = bank_database();
  pqxx::connection conn(db.conninfo());
  bank::Queries::prepare(conn);
  TxOptions options{.max_attempts = 3, .backoff = 1ms};

  SECTION("a serialization failure twice, then success: the callback's value is returned") {
    int attempts = 0;
    std::string level = in_tx(conn, options, [&](bank::Queries& q) {
      ++attempts;
      q.open_account(3, "cy", 7);  // rolled back with each failed attempt
      if (attempts < 3) q.raise_sqlstate("40001");
      return q.transaction_isolation().value_or("");
    });
    CHECK(attempts == 3);
    CHECK(level == "read committed");
    CHECK(balances(db) == std::vector<std::pair<int, std::int64_t>>{{1, 100}, {2, 100}, {3, 7}});
  }
  SECTION("a deadlock every time: three attempts, then pqxx::deadlock_detected") {
    int attempts = 0;
    CHECK_THROWS_AS(in_tx(conn, options,
                          [&](bank::Queries& q) {
                            ++attempts;
                            q.open_account(3, "cy", 7);
                            q.raise_sqlstate("40P01");
                          }),
                    pqxx::deadlock_detected);
    CHECK(attempts == 3);
    CHECK(balances(db).size() == 2);
  }
  SECTION("max_attempts 1: no retry") {
    int attempts = 0;
    options.max_attempts = 1;
    CHECK_THROWS_AS(in_tx(conn, options,
                          [&](bank::Queries& q) {
                            ++attempts;
                            q.raise_sqlstate("40001");
                          }),
                    pqxx::serialization_failure);
    CHECK(attempts == 1);
  }
  // The connection is usable after a failed in_tx.
  CHECK(in_tx(conn, {}, [](bank::Queries& q) { return q.get_balance(1); }) == 100);
}

TEST_CASE("in_tx: other errors roll back and propagate without a retry", "[codegen][pg][tx]") {
  FreshDatabase db = bank_database();
  pqxx::connection conn(db.conninfo());
  bank::Queries::prepare(conn);
  TxOptions options{.isolation = Isolation::serializable, .backoff = 1ms};
  int attempts = 0;

  SECTION("an exception of the callback") {
    CHECK_THROWS_WITH(in_tx(conn, options,
                            [&](bank::Queries& q) {
                              ++attempts;
                              q.open_account(3, "cy", 7);
                              throw std::runtime_error("boom");
                            }),
                      "boom");
  }
  SECTION("a database error other than 40001 and 40P01 (23505, 22012)") {
    CHECK_THROWS_AS(in_tx(conn, options,
                          [&](bank::Queries& q) {
                            ++attempts;
                            q.open_account(3, "cy", 7);
                            q.open_account(1, "dup", 0);
                          }),
                    pqxx::unique_violation);
    CHECK(attempts == 1);
    attempts = 0;
    CHECK_THROWS_AS(in_tx(conn, options,
                          [&](bank::Queries& q) {
                            ++attempts;
                            q.open_account(3, "cy", 7);
                            q.raise_sqlstate("22012");
                          }),
                    pqxx::data_exception);
  }
  CHECK(attempts == 1);
  CHECK(balances(db) == std::vector<std::pair<int, std::int64_t>>{{1, 100}, {2, 100}});
}

TEST_CASE("in_tx: each isolation level begins a transaction at that level", "[codegen][pg][tx]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/tx/migrations/bank"));
  pqxx::connection conn(db.conninfo());
  bank::Queries::prepare(conn);
  auto level = [&](std::optional<Isolation> isolation) {
    TxOptions options;
    if (isolation) options.isolation = *isolation;
    return in_tx(conn, options,
                 [](bank::Queries& q) { return q.transaction_isolation().value_or(""); });
  };
  CHECK(level(std::nullopt) == "read committed");
  CHECK(level(Isolation::read_committed) == "read committed");
  CHECK(level(Isolation::repeatable_read) == "repeatable read");
  CHECK(level(Isolation::serializable) == "serializable");
  // The queries class can also be named, for a generic callback.
  CHECK(in_tx<bank::Queries>(conn, {}, [](auto& q) { return q.get_balance(1); }) == std::nullopt);
}

TEST_CASE("in_tx: the backoff doubles up to its cap, each wait between half and all of it",
          "[codegen][tx]") {
  TxOptions options{.backoff = 10ms, .max_backoff = 50ms};
  for (std::uint64_t seed : {0ULL, 1ULL, 42ULL, ~0ULL}) {
    auto wait = [&](int attempt) { return runtime::detail::backoff_after(options, attempt, seed); };
    CHECK((wait(1) >= 5ms && wait(1) <= 10ms));
    CHECK((wait(2) >= 10ms && wait(2) <= 20ms));
    CHECK((wait(3) >= 20ms && wait(3) <= 40ms));
    CHECK((wait(4) >= 25ms && wait(4) <= 50ms));
    CHECK((wait(60) >= 25ms && wait(60) <= 50ms));
  }
}
