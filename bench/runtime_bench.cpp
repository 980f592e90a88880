// The "Generated code vs hand-written libpq" benchmark (scripts/bench.sh runtime): the
// accessors sqlgen generates for bench/codegen (libpqxx 6.4 + sqlgen's runtime) against
// hand-written code doing the same work with plain libpq, on one server, in alternating
// rounds:
//
//   many      ListItems :many, 100k rows of 8 columns, into a std::vector of structs, vs
//             PQexecPrepared (text format) and the same conversions to the same C++ types
//   exec      InsertEvent :exec x 10k in one transaction, vs PQexecPrepared x 10k between
//             BEGIN and COMMIT, parameters formatted by hand
//   copyfrom  CopyItems :copyfrom of 100k rows vs InsertItem :exec x 100k, both generated,
//             each in one transaction
//
//   runtime_bench CONNINFO [ROUNDS] [WARMUP] [ONLY]   ->  JSON on stdout
//
// ONLY (many, exec or copyfrom) times one workload, e.g. under perf.
//
// CONNINFO names a database holding bench/codegen's migration. Build (bench.sh does):
//   g++ -O2 -std=c++20 -I<generated> -Igenerator/include bench/runtime_bench.cpp -lpqxx -lpq
// Each round runs every pair in both orders' turn (odd rounds generated first, even rounds
// hand-written first), so drift on a shared machine hits both sides alike. Before timing,
// the generated and hand-written results are compared value by value.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "benchapp/queries.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

constexpr std::int64_t k_rows = 100000;  // (a) rows read, (c) rows loaded
constexpr std::int64_t k_execs = 10000;  // (b) statements executed
constexpr std::int64_t k_account = 1;

// ---- the hand-written side: plain libpq ------------------------------------------------

/// The row the hand-written code reads (the same fields and types as benchapp::Item).
struct HandItem {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string name;
  std::optional<std::string> note;
  std::int32_t quantity = 0;
  double price = 0;
  bool active = false;
  Timestamp created_at{};
};

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

void check(PGconn* conn, PGresult* res, ExecStatusType want, const char* what) {
  if (PQresultStatus(res) != want) {
    std::string msg = std::string(what) + ": " + PQerrorMessage(conn);
    PQclear(res);
    fail(msg);
  }
}

void exec_sql(PGconn* conn, const char* sql) {
  PGresult* res = PQexec(conn, sql);
  ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) check(conn, res, PGRES_COMMAND_OK, sql);
  PQclear(res);
}

template <typename T>
T parse_number(const char* s, int len) {
  T v{};
  auto [end, ec] = std::from_chars(s, s + len, v);
  if (ec != std::errc() || end != s + len) fail("bad number " + std::string(s, len));
  return v;
}

int digits(const char* s, int n) {
  int v = 0;
  for (int i = 0; i < n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

/// "2024-01-01 00:00:01.234+00" (ISO DateStyle, any whole-hour or hh:mm offset) as UTC.
Timestamp parse_timestamptz(const char* s, int len) {
  if (len < 22 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
    fail("bad timestamptz " + std::string(s, len));
  }
  using namespace std::chrono;
  year_month_day ymd{year(digits(s, 4)), month(unsigned(digits(s + 5, 2))),
                     day(unsigned(digits(s + 8, 2)))};
  std::int64_t us =
      (std::int64_t(digits(s + 11, 2)) * 3600 + digits(s + 14, 2) * 60 + digits(s + 17, 2)) *
      1000000;
  int i = 19;
  if (s[i] == '.') {
    int scale = 100000;
    for (++i; i < len && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10) us += (s[i] - '0') * scale;
  }
  if (i >= len || (s[i] != '+' && s[i] != '-')) fail("bad timestamptz " + std::string(s, len));
  int sign = s[i] == '-' ? -1 : 1;
  std::int64_t offset = std::int64_t(digits(s + i + 1, 2)) * 3600;
  if (i + 3 < len && s[i + 3] == ':') offset += digits(s + i + 4, 2) * 60;
  return Timestamp(sys_days(ymd)) + microseconds(us - sign * offset * 1000000);
}

/// "YYYY-MM-DD HH:MM:SS.ffffff+00" into `buf` (at least 32 bytes); returns its length.
int format_timestamptz(Timestamp t, char* buf) {
  using namespace std::chrono;
  sys_days days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  std::int64_t us = (t - days).count();
  return std::snprintf(buf, 32, "%04d-%02u-%02u %02lld:%02lld:%02lld.%06lld+00", int(ymd.year()),
                       unsigned(ymd.month()), unsigned(ymd.day()), (long long)(us / 3600000000),
                       (long long)(us / 60000000 % 60), (long long)(us / 1000000 % 60),
                       (long long)(us % 1000000));
}

class Hand {
 public:
  explicit Hand(const std::string& conninfo) : m_conn(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) fail(std::string("connect: ") + PQerrorMessage(m_conn));
    prepare("hand_ListItems",
            "SELECT id, account_id, name, note, quantity, price, active, created_at\n"
            "FROM bench.items\nWHERE account_id = $1\nORDER BY id",
            1);
    prepare("hand_InsertEvent", "INSERT INTO bench.events (item_id, kind, at) VALUES ($1, $2, $3)",
            3);
  }
  ~Hand() { PQfinish(m_conn); }
  Hand(const Hand&) = delete;
  Hand& operator=(const Hand&) = delete;

  PGconn* conn() const { return m_conn; }

  std::vector<HandItem> list_items(std::int64_t account_id) {
    char id_buf[24];
    *std::to_chars(id_buf, id_buf + sizeof id_buf - 1, account_id).ptr = '\0';
    const char* values[1] = {id_buf};
    PGresult* res = PQexecPrepared(m_conn, "hand_ListItems", 1, values, nullptr, nullptr, 0);
    check(m_conn, res, PGRES_TUPLES_OK, "ListItems");
    int n = PQntuples(res);
    std::vector<HandItem> out;
    out.reserve(size_t(n));
    for (int r = 0; r < n; ++r) {
      HandItem& it = out.emplace_back();
      it.id = parse_number<std::int64_t>(PQgetvalue(res, r, 0), PQgetlength(res, r, 0));
      it.account_id = parse_number<std::int64_t>(PQgetvalue(res, r, 1), PQgetlength(res, r, 1));
      it.name.assign(PQgetvalue(res, r, 2), size_t(PQgetlength(res, r, 2)));
      if (!PQgetisnull(res, r, 3))
        it.note.emplace(PQgetvalue(res, r, 3), size_t(PQgetlength(res, r, 3)));
      it.quantity = parse_number<std::int32_t>(PQgetvalue(res, r, 4), PQgetlength(res, r, 4));
      it.price = parse_number<double>(PQgetvalue(res, r, 5), PQgetlength(res, r, 5));
      it.active = PQgetvalue(res, r, 6)[0] == 't';
      it.created_at = parse_timestamptz(PQgetvalue(res, r, 7), PQgetlength(res, r, 7));
    }
    PQclear(res);
    return out;
  }

  void insert_event(std::int64_t item_id, const std::string& kind, Timestamp at) {
    char id_buf[24], at_buf[32];
    *std::to_chars(id_buf, id_buf + sizeof id_buf - 1, item_id).ptr = '\0';
    format_timestamptz(at, at_buf);
    const char* values[3] = {id_buf, kind.c_str(), at_buf};
    PGresult* res = PQexecPrepared(m_conn, "hand_InsertEvent", 3, values, nullptr, nullptr, 0);
    check(m_conn, res, PGRES_COMMAND_OK, "InsertEvent");
    PQclear(res);
  }

 private:
  void prepare(const char* name, const char* sql, int params) {
    PGresult* res = PQprepare(m_conn, name, sql, params, nullptr);
    check(m_conn, res, PGRES_COMMAND_OK, name);
    PQclear(res);
  }

  PGconn* m_conn;
};

// ---- the workloads ---------------------------------------------------------------------

Timestamp event_time(std::int64_t i) {
  return Timestamp(std::chrono::seconds(1700000000)) + std::chrono::microseconds(i * 1001);
}
const std::string k_kind = "viewed";

std::vector<benchapp::CopyItemsParams> copy_params() {
  std::vector<benchapp::CopyItemsParams> out;
  out.reserve(size_t(k_rows));
  for (std::int64_t i = 1; i <= k_rows; ++i) {
    benchapp::CopyItemsParams p;
    p.account_id = 2;
    p.name = "loaded item " + std::to_string(i);
    if (i % 3 != 0) p.note = "note " + std::to_string(i);
    p.quantity = std::int32_t(i % 1000);
    p.price = double(i) * 0.25;
    p.active = i % 2 == 0;
    p.created_at = event_time(i);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<benchapp::InsertItemParams> insert_params(
    const std::vector<benchapp::CopyItemsParams>& copy) {
  std::vector<benchapp::InsertItemParams> out;
  out.reserve(copy.size());
  for (const auto& c : copy) {
    out.push_back({c.account_id, c.name, c.note, c.quantity, c.price, c.active, c.created_at});
  }
  return out;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Rows of bench.items_copy / bench.events, for the checks.
std::int64_t count(PGconn* conn, const char* table) {
  std::string sql = std::string("SELECT count(*) FROM ") + table;
  PGresult* res = PQexec(conn, sql.c_str());
  check(conn, res, PGRES_TUPLES_OK, sql.c_str());
  std::int64_t n = std::stoll(PQgetvalue(res, 0, 0));
  PQclear(res);
  return n;
}

bool same(const benchapp::Item& g, const HandItem& h) {
  return g.id == h.id && g.account_id == h.account_id && g.name == h.name && g.note == h.note &&
         g.quantity == h.quantity && g.price == h.price && g.active == h.active &&
         g.created_at == h.created_at;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: runtime_bench CONNINFO [ROUNDS] [WARMUP] [many|exec|copyfrom]\n";
    return 2;
  }
  std::string conninfo = argv[1];
  int rounds = argc > 2 ? std::atoi(argv[2]) : 10;
  int warmup = argc > 3 ? std::atoi(argv[3]) : 1;
  std::string only = argc > 4 ? argv[4] : "";
  try {
    Hand hand(conninfo);
    pqxx::connection conn(conninfo);
    benchapp::Queries::prepare(conn);

    // Seed (a): 100k rows of one account (every third note NULL), then statistics.
    exec_sql(hand.conn(), "TRUNCATE bench.items, bench.items_copy, bench.events RESTART IDENTITY");
    exec_sql(hand.conn(),
             "INSERT INTO bench.items (account_id, name, note, quantity, price, active, "
             "created_at) SELECT 1, 'item ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || "
             "g END, g % 1000, g * 0.25, g % 2 = 0, timestamptz '2024-01-01 00:00:00+00' + g * "
             "interval '1.001 seconds' FROM generate_series(1, 100000) g");
    exec_sql(hand.conn(), "VACUUM ANALYZE bench.items");

    const std::vector<benchapp::CopyItemsParams> copy = copy_params();
    const std::vector<benchapp::InsertItemParams> inserts = insert_params(copy);

    // Each workload: a generated and a hand-written (or row-by-row) side, plus untimed setup.
    struct Side {
      std::function<void()> setup;
      std::function<void()> run;
    };
    struct Pair {
      std::string name, a_name, b_name;
      Side a, b;
    };
    size_t rows_checked = 0;
    std::vector<Pair> pairs;
    pairs.push_back({"many",
                     "generated",
                     "hand",
                     {nullptr,
                      [&] {
                        pqxx::nontransaction tx(conn);
                        std::vector<benchapp::Item> rows =
                            benchapp::Queries(tx).list_items(k_account);
                        if (std::int64_t(rows.size()) != k_rows) fail("ListItems: wrong row count");
                      }},
                     {nullptr, [&] {
                        std::vector<HandItem> rows = hand.list_items(k_account);
                        if (std::int64_t(rows.size()) != k_rows)
                          fail("hand ListItems: wrong row count");
                      }}});
    pairs.push_back({"exec",
                     "generated",
                     "hand",
                     {[&] { exec_sql(hand.conn(), "TRUNCATE bench.events"); },
                      [&] {
                        pqxx::work tx(conn);
                        benchapp::Queries q(tx);
                        for (std::int64_t i = 1; i <= k_execs; ++i) {
                          q.insert_event(i, k_kind, event_time(i));
                        }
                        tx.commit();
                      }},
                     {[&] { exec_sql(hand.conn(), "TRUNCATE bench.events"); },
                      [&] {
                        exec_sql(hand.conn(), "BEGIN");
                        for (std::int64_t i = 1; i <= k_execs; ++i) {
                          hand.insert_event(i, k_kind, event_time(i));
                        }
                        exec_sql(hand.conn(), "COMMIT");
                      }}});
    pairs.push_back({"copyfrom",
                     "copyfrom",
                     "inserts",
                     {[&] { exec_sql(hand.conn(), "TRUNCATE bench.items_copy"); },
                      [&] {
                        pqxx::work tx(conn);
                        if (benchapp::Queries(tx).copy_items(copy) != std::uint64_t(k_rows)) {
                          fail("CopyItems: wrong count");
                        }
                        tx.commit();
                      }},
                     {[&] { exec_sql(hand.conn(), "TRUNCATE bench.items_copy"); },
                      [&] {
                        pqxx::work tx(conn);
                        benchapp::Queries q(tx);
                        for (const benchapp::InsertItemParams& p : inserts) q.insert_item(p);
                        tx.commit();
                      }}});

    // Before timing: both sides compute the same values.
    {
      pqxx::nontransaction tx(conn);
      std::vector<benchapp::Item> g = benchapp::Queries(tx).list_items(k_account);
      std::vector<HandItem> h = hand.list_items(k_account);
      if (g.size() != h.size()) fail("ListItems: generated and hand-written row counts differ");
      for (size_t i = 0; i < g.size(); ++i) {
        if (!same(g[i], h[i])) fail("ListItems: row " + std::to_string(i) + " differs");
      }
      rows_checked = g.size();
    }
    std::map<std::string, std::int64_t> counts;
    if (only.empty()) {
      auto count_after = [&](const std::string& key, const Side& side, const char* table) {
        if (side.setup) side.setup();
        side.run();
        counts[key] = count(hand.conn(), table);
      };
      count_after("exec_generated", pairs[1].a, "bench.events");
      count_after("exec_hand", pairs[1].b, "bench.events");
      count_after("copyfrom", pairs[2].a, "bench.items_copy");
      count_after("inserts", pairs[2].b, "bench.items_copy");
      // The loaded rows are equal whichever way they went in.
      exec_sql(hand.conn(), "CREATE TEMP TABLE inserted AS SELECT * FROM bench.items_copy");
      pairs[2].a.setup();
      pairs[2].a.run();
      PGresult* diff =
          PQexec(hand.conn(),
                 "SELECT count(*) FROM ((SELECT account_id, name, note, quantity, "
                 "price, active, created_at FROM inserted EXCEPT ALL SELECT account_id, "
                 "name, note, quantity, price, active, created_at FROM "
                 "bench.items_copy) UNION ALL (SELECT account_id, name, note, "
                 "quantity, price, active, created_at FROM bench.items_copy EXCEPT "
                 "ALL SELECT account_id, name, note, quantity, price, active, "
                 "created_at FROM inserted)) d");
      check(hand.conn(), diff, PGRES_TUPLES_OK, "compare loads");
      std::int64_t differing = std::stoll(PQgetvalue(diff, 0, 0));
      PQclear(diff);
      if (differing != 0) fail("copyfrom and row-by-row inserts loaded different rows");
    }

    std::map<std::string, std::vector<double>> times;
    for (int round = 0; round < warmup + rounds; ++round) {
      for (const Pair& p : pairs) {
        if (!only.empty() && p.name != only) continue;
        bool a_first = round % 2 == 0;
        for (int k = 0; k < 2; ++k) {
          bool is_a = (k == 0) == a_first;
          const Side& side = is_a ? p.a : p.b;
          if (side.setup) side.setup();
          Clock::time_point start = Clock::now();
          side.run();
          double t = seconds_since(start);
          if (round >= warmup) times[p.name + "." + (is_a ? p.a_name : p.b_name)].push_back(t);
        }
      }
    }

    std::cout << "{\"rounds\": " << rounds << ", \"warmup\": " << warmup << ", \"rows\": " << k_rows
              << ", \"execs\": " << k_execs << ", \"rows_checked\": " << rows_checked
              << ", \"counts\": {";
    bool first = true;
    for (const auto& [k, v] : counts) {
      std::cout << (first ? "" : ", ") << '"' << k << "\": " << v;
      first = false;
    }
    std::cout << "}, \"times\": {";
    first = true;
    for (const auto& [k, v] : times) {
      std::cout << (first ? "" : ", ") << '"' << k << "\": [";
      for (size_t i = 0; i < v.size(); ++i) std::cout << (i ? ", " : "") << v[i];
      std::cout << ']';
      first = false;
    }
    std::cout << "}}\n";
  } catch (const std::exception& e) {
    std::cerr << "runtime_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
