// The nullability oracle: every query is EXECUTEd on a real PostgreSQL loaded
// with rows that put NULLs in every nullable column and unmatched rows on
// every outer join, with dummy parameter values made from each parameter's
// type; a result column sqlgen calls NOT NULL must never come back NULL, and a query sqlgen
// says returns exactly one row (AnalyzedQuery::exactly_one_row) returns one.
// Each execution runs in a transaction that is rolled back.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyze/analyze.hpp"
#include "config/config.hpp"
#include "source/queries.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// How many value sets every query runs with.
constexpr int k_value_sets = 4;

/// A query and the search_path it was analyzed (and is executed) with.
struct Target {
  analyze::AnalyzedQuery query;
  std::vector<std::string> search_path;
};

/// Counts and findings of one oracle run.
struct Outcome {
  size_t queries = 0;
  size_t ran = 0;           ///< executed without error for at least one value set
  size_t with_columns = 0;  ///< queries that return rows (SELECT, RETURNING)
  size_t with_rows = 0;     ///< ... and returned at least one for some value set
  size_t rows = 0;
  size_t not_null_cells = 0;  ///< NOT NULL claims checked against a value
  size_t nullable_columns = 0;
  size_t nullable_seen_null = 0;
  std::string failures;    ///< NULLs in NOT NULL columns, unexpected errors
  std::string skipped;     ///< queries every value set was rejected for
  std::string never_null;  ///< nullable columns that never returned NULL
  std::string no_rows;     ///< returning queries that returned no row
};

Result exec(PGconn* conn, const std::string& sql) {
  return Result(PQexec(conn, sql.c_str()), &PQclear);
}

/// Double-quotes an array element or composite field (text format).
std::string quote_element(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Text-format dummy values per server type and value set: set 0 matches the
/// rows' 'a' / 1 / ...0001, set 1 'member' / 2 / ...0002 with the far future,
/// long intervals and empty arrays, set 2 'USD' / 0 / ...0002 with two-element
/// arrays, set 3 fresh text and bytea that collide with no unique key, large
/// numbers (LIMITs that take every row) and ...0001.
class DummyValues {
 public:
  explicit DummyValues(PGconn* conn) : m_conn(conn) {}

  /// The value of type `oid` in value set `set`; nullopt for a type it cannot make.
  std::optional<std::string> value(Oid oid, int set) {
    const TypeInfo& t = info(oid);
    if (t.type == 'd') return value(t.base, set);
    if (t.category == 'A') return array(t.elem, set);
    if (t.type == 'e') return enum_label(t, set);
    if (t.type == 'c') return composite(oid, set);
    return scalar(t, set);
  }

  /// "schema.name" of a type, for messages.
  std::string name(Oid oid) { return info(oid).name; }

 private:
  struct TypeInfo {
    std::string name;
    std::string typname;
    char type = 'b';
    char category = 'U';
    Oid elem = 0;
    Oid base = 0;
    Oid relid = 0;
    std::vector<std::string> labels;
  };

  const TypeInfo& info(Oid oid) {
    auto it = m_types.find(oid);
    if (it != m_types.end()) return it->second;
    TypeInfo t;
    Result r = exec(m_conn,
                    "SELECT n.nspname || '.' || t.typname, t.typname, t.typtype, t.typcategory, "
                    "t.typelem, t.typbasetype, t.typrelid FROM pg_type t JOIN pg_namespace n ON "
                    "n.oid = t.typnamespace WHERE t.oid = " +
                        std::to_string(oid));
    if (PQntuples(r.get()) == 1) {
      t.name = PQgetvalue(r.get(), 0, 0);
      t.typname = PQgetvalue(r.get(), 0, 1);
      t.type = PQgetvalue(r.get(), 0, 2)[0];
      t.category = PQgetvalue(r.get(), 0, 3)[0];
      t.elem = static_cast<Oid>(std::stoul(PQgetvalue(r.get(), 0, 4)));
      t.base = static_cast<Oid>(std::stoul(PQgetvalue(r.get(), 0, 5)));
      t.relid = static_cast<Oid>(std::stoul(PQgetvalue(r.get(), 0, 6)));
    }
    if (t.type == 'e') {
      Result l =
          exec(m_conn, "SELECT enumlabel FROM pg_enum WHERE enumtypid = " + std::to_string(oid) +
                           " ORDER BY enumsortorder");
      for (int i = 0; i < PQntuples(l.get()); ++i) t.labels.push_back(PQgetvalue(l.get(), i, 0));
    }
    return m_types[oid] = std::move(t);
  }

  std::optional<std::string> array(Oid elem, int set) {
    if (set == 1) return "{}";
    auto v = value(elem, set);
    if (!v) return std::nullopt;
    return "{" + quote_element(*v) + (set == 2 ? "," + quote_element(*v) : "") + "}";
  }

  static std::optional<std::string> enum_label(const TypeInfo& t, int set) {
    if (t.labels.empty()) return std::nullopt;
    if (set == 1 && t.labels.size() > 1) return t.labels[1];
    if (set == 2) return t.labels.back();
    return t.labels.front();
  }

  std::optional<std::string> composite(Oid oid, int set) {
    Result r = exec(m_conn,
                    "SELECT a.atttypid FROM pg_attribute a JOIN pg_type t ON t.typrelid = "
                    "a.attrelid WHERE t.oid = " +
                        std::to_string(oid) +
                        " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");
    std::string out = "(";
    for (int i = 0; i < PQntuples(r.get()); ++i) {
      auto v = value(static_cast<Oid>(std::stoul(PQgetvalue(r.get(), i, 0))), set);
      if (!v) return std::nullopt;
      out += (i ? "," : "") + quote_element(*v);
    }
    return out + ")";
  }

  static std::optional<std::string> scalar(const TypeInfo& t, int set) {
    static const char* const k_ints[] = {"1", "2", "0", "100"};
    static const char* const k_texts[] = {"a", "member", "USD", "fresh-value"};
    static const char* const k_bools[] = {"true", "false", "true", "true"};
    static const char* const k_dates[] = {"2024-01-01", "2100-01-01", "2024-01-01", "2100-01-01"};
    static const char* const k_intervals[] = {"1 day", "100 years", "1 day", "100 years"};
    static const char* const k_uuids[] = {
        "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002",
        "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000001"};
    static const char* const k_jsons[] = {"{}", "{\"lang\": \"a\"}", "{}", "{\"a\": 1}"};
    static const char* const k_byteas[] = {"\\x61", "\\x62", "\\x64", "\\x7a7a"};
    const std::string& n = t.typname;
    switch (t.category) {
      case 'N':
        return std::string(k_ints[set]);
      case 'S':
        return std::string(k_texts[set]);
      case 'B':
        return std::string(k_bools[set]);
      case 'T':
        return std::string(k_intervals[set]);
      case 'I':
        return std::string(set == 1 ? "10.0.0.1" : "127.0.0.1");
      case 'D':
        if (n == "date") return std::string(k_dates[set]);
        if (n == "time" || n == "timetz") return std::string("12:00:00");
        return std::string(k_dates[set]) + " 00:00:00+00";
      default:
        break;
    }
    if (n == "uuid") return std::string(k_uuids[set]);
    if (n == "json" || n == "jsonb") return std::string(k_jsons[set]);
    if (n == "bytea") return std::string(k_byteas[set]);
    return std::nullopt;
  }

  PGconn* m_conn;
  std::map<Oid, TypeInfo> m_types;
};

/// SQLSTATEs a dummy value may legitimately cause: integrity constraint
/// violations (class 23), too-long strings, out-of-range numbers and
/// cardinality violations (a subquery or ON CONFLICT meeting two rows).
bool rejected_dummy_value(const std::string& sqlstate) {
  return sqlstate.rfind("23", 0) == 0 || sqlstate == "22001" || sqlstate == "22003" ||
         sqlstate == "21000";
}

std::string set_search_path(const std::vector<std::string>& path) {
  if (path.empty()) return "SET search_path TO \"$user\", public";
  std::string sql = "SET search_path TO ";
  for (size_t i = 0; i < path.size(); ++i) sql += (i ? ", \"" : "\"") + path[i] + "\"";
  return sql;
}

/// What one query did across the value sets.
struct QueryRun {
  bool ran = false;
  bool rows = false;
  std::string rejections;
  std::vector<bool> seen_null;  ///< per result column
  std::set<size_t> reported;    ///< NOT NULL columns already reported
};

/// Checks one result against sqlgen's NOT NULL claims.
void check_rows(const analyze::AnalyzedQuery& q, PGresult* r, int set, QueryRun& run,
                Outcome& out) {
  int nfields = PQnfields(r);
  if (static_cast<size_t>(nfields) != q.columns.size()) {
    out.failures += q.name + ": returned " + std::to_string(nfields) + " columns, sqlgen has " +
                    std::to_string(q.columns.size()) + "\n";
    return;
  }
  int ntuples = PQntuples(r);
  if (q.exactly_one_row && ntuples != 1) {
    out.failures += q.name + ": returns exactly one row for sqlgen but value set " +
                    std::to_string(set) + " returned " + std::to_string(ntuples) + "\n";
  }
  out.rows += static_cast<size_t>(ntuples);
  if (ntuples > 0) run.rows = true;
  for (int row = 0; row < ntuples; ++row) {
    for (int i = 0; i < nfields; ++i) {
      bool null = PQgetisnull(r, row, i) == 1;
      if (null) run.seen_null[i] = true;
      if (!q.columns[i].not_null) continue;
      ++out.not_null_cells;
      if (null && run.reported.insert(i).second) {
        out.failures += q.name + ": column " + std::to_string(i + 1) + " \"" + q.columns[i].name +
                        "\" is NOT NULL for sqlgen but row " + std::to_string(row + 1) +
                        " of value set " + std::to_string(set) + " has NULL\n";
      }
    }
  }
}

/// The parameter values of value set `set`: NULL for the parameters sqlgen
/// lets be NULL in sets 1 and 2, a dummy of the server's type otherwise.
bool make_params(const analyze::AnalyzedQuery& q, PGresult* desc, int set, DummyValues& dummies,
                 std::vector<std::optional<std::string>>& values, Outcome& out) {
  int nparams = PQnparams(desc);
  if (static_cast<size_t>(nparams) != q.params.size()) {
    out.failures += q.name + ": " + std::to_string(nparams) + " parameters, sqlgen has " +
                    std::to_string(q.params.size()) + "\n";
    return false;
  }
  values.clear();
  for (int i = 0; i < nparams; ++i) {
    if (!q.params[i].not_null && (set == 1 || set == 2)) {
      values.emplace_back();
      continue;
    }
    auto v = dummies.value(PQparamtype(desc, i), set);
    if (!v) {
      out.failures += q.name + ": no dummy value for $" + std::to_string(i + 1) + " of type " +
                      dummies.name(PQparamtype(desc, i)) + "\n";
      return false;
    }
    values.push_back(std::move(v));
  }
  return true;
}

/// Executes one value set of a prepared query in a rolled-back transaction.
void run_set(PGconn* conn, const analyze::AnalyzedQuery& q, PGresult* desc, int set,
             DummyValues& dummies, QueryRun& run, Outcome& out) {
  std::vector<std::optional<std::string>> values;
  if (!make_params(q, desc, set, dummies, values, out)) return;
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v ? v->c_str() : nullptr);
  exec(conn, "BEGIN");
  Result r(PQexecPrepared(conn, "nullability_q", static_cast<int>(ptrs.size()), ptrs.data(),
                          nullptr, nullptr, 0),
           &PQclear);
  ExecStatusType st = PQresultStatus(r.get());
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
    run.ran = true;
    if (!q.columns.empty()) check_rows(q, r.get(), set, run, out);
  } else {
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    std::string msg = PQresultErrorMessage(r.get());
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    std::string line = "set " + std::to_string(set) + ": " + (state ? state : "?") + " " + msg;
    if (state && rejected_dummy_value(state)) {
      run.rejections += "  " + line + "\n";
    } else {
      out.failures += q.name + ": execution failed, " + line + "\n";
    }
  }
  exec(conn, "ROLLBACK");
}

/// Prepares and runs one query with every value set.
void run_query(PGconn* conn, const Target& t, DummyValues& dummies, Outcome& out) {
  const analyze::AnalyzedQuery& q = t.query;
  ++out.queries;
  exec(conn, set_search_path(t.search_path));
  exec(conn, "DEALLOCATE ALL");
  Result prep(PQprepare(conn, "nullability_q", q.sql.c_str(), 0, nullptr), &PQclear);
  if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) {
    out.failures += q.name + ": PREPARE failed: " + PQresultErrorMessage(prep.get());
    return;
  }
  Result desc(PQdescribePrepared(conn, "nullability_q"), &PQclear);
  QueryRun run;
  run.seen_null.assign(q.columns.size(), false);
  for (int set = 0; set < k_value_sets; ++set) run_set(conn, q, desc.get(), set, dummies, run, out);
  if (run.ran) ++out.ran;
  if (!run.ran && !run.rejections.empty()) {
    out.skipped += q.name + ": every value set was rejected\n" + run.rejections;
  }
  if (!q.columns.empty()) {
    ++out.with_columns;
    if (run.rows) {
      ++out.with_rows;
    } else {
      out.no_rows += "  " + q.name + "\n";
    }
  }
  for (size_t i = 0; i < q.columns.size(); ++i) {
    if (q.columns[i].not_null) continue;
    ++out.nullable_columns;
    if (run.seen_null[i]) {
      ++out.nullable_seen_null;
    } else if (run.rows) {
      out.never_null += "  " + q.name + "." + q.columns[i].name + "\n";
    }
  }
}

/// Loads `data_sql` into a database built from `migrations` and runs every target.
Outcome run_oracle(const std::vector<source::Migration>& migrations, const std::string& data_sql,
                   const std::vector<Target>& targets) {
  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), migrations);
  Conn conn(PQconnectdb(db.conninfo().c_str()), &PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  Result load = exec(conn.get(), data_sql);
  INFO(PQresultErrorMessage(load.get()));
  ExecStatusType loaded = PQresultStatus(load.get());
  REQUIRE((loaded == PGRES_TUPLES_OK || loaded == PGRES_COMMAND_OK));
  DummyValues dummies(conn.get());
  Outcome out;
  for (const Target& t : targets) run_query(conn.get(), t, dummies, out);
  return out;
}

std::string read_case(const std::string& relative) {
  auto text = util::read_file(std::string(SQLGEN_TESTS_DIR) + "/cases/" + relative);
  REQUIRE(text.text);
  return *text.text;
}

/// Prints the summary when SQLGEN_ORACLE_SUMMARY=1, then checks the outcome.
void report(const std::string& label, const Outcome& o) {
  const char* env = std::getenv("SQLGEN_ORACLE_SUMMARY");
  if (env && std::string(env) == "1") {
    std::cout << "nullability oracle (" << label << "): " << o.queries << " queries, " << o.ran
              << " ran, " << (o.queries - o.ran) << " skipped, " << o.with_rows << "/"
              << o.with_columns << " returning queries returned rows, " << o.rows << " rows, "
              << o.not_null_cells << " NOT NULL cells checked, " << o.nullable_seen_null << "/"
              << o.nullable_columns << " nullable columns returned NULL\n"
              << o.skipped;
    if (!o.no_rows.empty()) std::cout << "returning queries that returned no row:\n" << o.no_rows;
    if (!o.never_null.empty()) {
      std::cout << "nullable columns that never returned NULL:\n" << o.never_null;
    }
  }
  INFO(label << " skipped:\n" << o.skipped);
  CHECK(o.failures == "");
  CHECK(o.ran * 5 > o.queries * 4);
  CHECK(o.with_rows * 5 > o.with_columns * 4);
}

/// The oracle over the queries of `path` (under tests/cases/) on the shop schema and its data.
Outcome shop_oracle(const std::string& path) {
  auto migrations = testing::load_case_migrations("analyze/shop/schema");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto src = diag::make_source(path, read_case(path));
  std::vector<Target> targets;
  for (const source::Query& q : source::read_query_file(src, diags)) {
    targets.push_back(Target{analyze::analyze_query(cat, q, {}, diags), {}});
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  return run_oracle(migrations, read_case("analyze/shop/nulls_data.sql"), targets);
}

}  // namespace

TEST_CASE("NOT NULL columns of the test queries never return NULL on execution",
          "[analyze][oracle][nullability]") {
  Outcome o = shop_oracle("analyze/shop/queries.sql");
  report("shop", o);
  CHECK(o.queries >= 30);
}

TEST_CASE("NOT NULL whole-row aggregates and JSON values never return NULL on execution",
          "[analyze][oracle][nullability]") {
  Outcome o = shop_oracle("analyze/shop/whole_row.sql");
  report("whole rows", o);
  CHECK(o.queries == 10);
}

TEST_CASE("NOT NULL columns of the example app's queries never return NULL on execution",
          "[analyze][oracle][nullability]") {
  diag::DiagnosticEngine diags;
  auto config = config::load_config(std::string(SQLGEN_SOURCE_DIR) + "/sqlgen.yaml", diags);
  REQUIRE(config);
  auto migrations = source::load_all_migrations(*config, diags);
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  std::vector<Target> targets;
  for (const config::Module& m : config->modules) {
    for (const source::QueryFile& f : source::list_query_files(m, *config, diags)) {
      auto text = util::read_file(config->resolve(f.path));
      REQUIRE(text.text);
      auto src = diag::make_source(f.path, *text.text);
      analyze::AnalyzeOptions opts;
      opts.module = m.name;
      opts.search_path = m.search_path;
      for (const source::Query& q : source::read_query_file(src, diags)) {
        targets.push_back(Target{analyze::analyze_query(cat, q, opts, diags), m.search_path});
      }
    }
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  Outcome o = run_oracle(migrations, read_case("analyze/example_nulls.sql"), targets);
  report("example app", o);
  CHECK(o.queries >= 40);
}
