// The analyzer oracle: every query is PREPAREd on a real PostgreSQL loaded
// with the same migrations; parameter and result types (PQdescribePrepared)
// and result column names must equal sqlgen's.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>

#include "analyze/analyze.hpp"
#include "config/config.hpp"
#include "source/queries.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

/// "schema.typname" of a type oid on the server, cached.
class ServerTypes {
 public:
  explicit ServerTypes(PGconn* conn) : m_conn(conn) {}
  std::string name(Oid oid) {
    auto it = m_cache.find(oid);
    if (it != m_cache.end()) return it->second;
    std::string sql =
        "SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = "
        "t.typnamespace WHERE t.oid = " +
        std::to_string(oid);
    PGresult* r = PQexec(m_conn, sql.c_str());
    std::string out = PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "?" + std::to_string(oid);
    PQclear(r);
    return m_cache[oid] = out;
  }

 private:
  PGconn* m_conn;
  std::map<Oid, std::string> m_cache;
};

std::string ours(const catalog::Catalog& cat, analyze::ExprType t) {
  auto [schema, name] = cat.type_name(t.oid);
  return schema + "." + name;
}

/// A query and the search_path it was analyzed (and is prepared) with.
struct Prepared {
  analyze::AnalyzedQuery query;
  std::vector<std::string> search_path;
};

/// PREPAREs every query on a database built from `migrations`; returns the mismatches.
std::string describe_and_compare(const catalog::Catalog& cat,
                                 const std::vector<source::Migration>& migrations,
                                 const std::vector<Prepared>& queries, size_t* compared) {
  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), migrations);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(db.conninfo().c_str()), &PQfinish);
  REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
  ServerTypes types(conn.get());
  std::string mismatches;
  for (const Prepared& p : queries) {
    const analyze::AnalyzedQuery& q = p.query;
    std::string path = "SET search_path TO \"$user\", public";
    if (!p.search_path.empty()) {
      path = "SET search_path TO ";
      for (size_t i = 0; i < p.search_path.size(); ++i) {
        path += (i ? ", " : "") + std::string("\"") + p.search_path[i] + "\"";
      }
    }
    PQclear(PQexec(conn.get(), path.c_str()));
    std::string stmt = "q_" + q.module + "_" + q.name;
    PGresult* prep = PQprepare(conn.get(), stmt.c_str(), q.sql.c_str(), 0, nullptr);
    if (PQresultStatus(prep) != PGRES_COMMAND_OK) {
      mismatches += q.name + ": PREPARE failed: " + PQresultErrorMessage(prep) + "\n";
      PQclear(prep);
      continue;
    }
    PQclear(prep);
    PGresult* d = PQdescribePrepared(conn.get(), stmt.c_str());
    int nparams = PQnparams(d);
    if (static_cast<size_t>(nparams) != q.params.size()) {
      mismatches += q.name + ": " + std::to_string(nparams) + " parameters, sqlgen has " +
                    std::to_string(q.params.size()) + "\n";
    }
    for (int i = 0; i < nparams && static_cast<size_t>(i) < q.params.size(); ++i) {
      std::string pg = types.name(PQparamtype(d, i));
      std::string sg = ours(cat, q.params[i].type);
      if (pg != sg) {
        mismatches +=
            q.name + ": $" + std::to_string(i + 1) + " is " + pg + ", sqlgen says " + sg + "\n";
      }
    }
    int nfields = PQnfields(d);
    if (static_cast<size_t>(nfields) != q.columns.size()) {
      mismatches += q.name + ": " + std::to_string(nfields) + " columns, sqlgen has " +
                    std::to_string(q.columns.size()) + "\n";
    }
    for (int i = 0; i < nfields && static_cast<size_t>(i) < q.columns.size(); ++i) {
      std::string pg = types.name(PQftype(d, i));
      analyze::ExprType t = q.columns[i].type;
      std::string sg = ours(cat, t);
      std::string pg_name = PQfname(d, i);
      if (pg != sg || pg_name != q.columns[i].name) {
        mismatches += q.name + ": column " + std::to_string(i + 1) + " is " + pg_name + " " + pg +
                      ", sqlgen says " + q.columns[i].name + " " + sg + "\n";
      }
      if (PQfmod(d, i) != t.typmod) {
        mismatches += q.name + ": column " + pg_name + " typmod " + std::to_string(PQfmod(d, i)) +
                      ", sqlgen says " + std::to_string(t.typmod) + "\n";
      }
    }
    PQclear(d);
    ++*compared;
  }
  return mismatches;
}

/// Compares every query of `queries_file` against PostgreSQL; returns the mismatches.
std::string compare(const std::string& schema_dir, const std::string& queries_file,
                    size_t* compared) {
  auto migrations = testing::load_case_migrations(schema_dir);
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto text = util::read_file(std::string(SQLGEN_TESTS_DIR) + "/cases/" + queries_file);
  REQUIRE(text.text);
  auto src = diag::make_source(queries_file, *text.text);
  std::vector<Prepared> prepared;
  for (const source::Query& q : source::read_query_file(src, diags)) {
    prepared.push_back(Prepared{analyze::analyze_query(cat, q, {}, diags), {}});
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  REQUIRE(diags.warning_count() == 0);
  return describe_and_compare(cat, migrations, prepared, compared);
}

}  // namespace

TEST_CASE("analyzer types equal PostgreSQL's PREPARE for every test query", "[analyze][oracle]") {
  size_t compared = 0;
  std::string mismatches = compare("analyze/shop/schema", "analyze/shop/queries.sql", &compared);
  CHECK(mismatches == "");
  CHECK(compared >= 30);
}

TEST_CASE("analyzer types equal PostgreSQL's PREPARE for whole-row references as values",
          "[analyze][oracle]") {
  // json_agg(t.*), jsonb_agg(t), array_agg(t ORDER BY ...) FILTER (...), row_to_json, to_jsonb,
  // ROW(t.*) of tables, views, subqueries and CTEs (issue 15).
  size_t compared = 0;
  std::string mismatches = compare("analyze/shop/schema", "analyze/shop/whole_row.sql", &compared);
  CHECK(mismatches == "");
  CHECK(compared == 10);
}

TEST_CASE("analyzer types equal PostgreSQL's PREPARE for the shapes real sqlc projects use",
          "[analyze][oracle]") {
  // Mixed $n/named parameters, row comparisons, typed empty arrays, views bound once,
  // utility statements (PREPAREd too: the generated code prepares every query).
  size_t compared = 0;
  std::string mismatches =
      compare("analyze/sqlc_compat/schema", "analyze/sqlc_compat/queries.sql", &compared);
  CHECK(mismatches == "");
  CHECK(compared >= 35);
}

TEST_CASE("analyzer types equal PostgreSQL's PREPARE for the example app's queries",
          "[analyze][oracle]") {
  diag::DiagnosticEngine diags;
  auto config = config::load_config(std::string(SQLGEN_SOURCE_DIR) + "/sqlgen.yaml", diags);
  REQUIRE(config);
  auto migrations = source::load_all_migrations(*config, diags);
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  std::vector<Prepared> prepared;
  std::vector<std::vector<source::Query>> keep;
  for (const config::Module& m : config->modules) {
    for (const source::QueryFile& f : source::list_query_files(m, *config, diags)) {
      auto text = util::read_file(config->resolve(f.path));
      REQUIRE(text.text);
      auto src = diag::make_source(f.path, *text.text);
      analyze::AnalyzeOptions opts;
      opts.module = m.name;
      opts.search_path = m.search_path;
      for (const source::Query& q : source::read_query_file(src, diags)) {
        // Prepared with the server's default search_path: the SQL sqlgen sends
        // names the schemas the module's search_path resolved.
        prepared.push_back(Prepared{analyze::analyze_query(cat, q, opts, diags), {}});
      }
    }
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  REQUIRE(diags.warning_count() == 0);
  size_t compared = 0;
  std::string mismatches = describe_and_compare(cat, migrations, prepared, &compared);
  CHECK(mismatches == "");
  CHECK(compared >= 40);
}

TEST_CASE("the SQL sent names the schema of every function it calls, as of its tables",
          "[analyze][oracle]") {
  // Analyzed with the module's search_path [app, public], PREPAREd with the server's default
  // one, which lacks `app`: an unqualified call left as written would not be found.
  auto migrations = testing::load_case_migrations("analyze/qualified_calls/schema");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto text =
      util::read_file(std::string(SQLGEN_TESTS_DIR) + "/cases/analyze/qualified_calls/queries.sql");
  REQUIRE(text.text);
  auto src = diag::make_source("queries.sql", *text.text);
  analyze::AnalyzeOptions opts;
  opts.search_path = {"app", "public"};
  std::vector<Prepared> prepared;
  for (const source::Query& q : source::read_query_file(src, diags)) {
    prepared.push_back(Prepared{analyze::analyze_query(cat, q, opts, diags), {}});
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  REQUIRE(prepared.size() == 5);
  CHECK(prepared[0].query.sql ==
        "SELECT id, app.twice(price) AS doubled FROM app.items WHERE app.twice(price) > $1");
  CHECK(prepared[1].query.sql == "SELECT id, price FROM app.items_above($1)");
  CHECK(prepared[2].query.sql ==
        "SELECT app.twice(app.twice($1::int)) AS four_times, upper('a') AS built_in");
  CHECK(prepared[4].query.sql == "CALL app.reprice($1, $2)");
  size_t compared = 0;
  CHECK(describe_and_compare(cat, migrations, prepared, &compared) == "");
  CHECK(compared == 5);
}

TEST_CASE("analyzer types equal PostgreSQL's PREPARE over system catalogs and contrib extensions",
          "[analyze][oracle]") {
  size_t compared = 0;
  std::string mismatches =
      compare("analyze/catalogs/schema", "analyze/catalogs/queries.sql", &compared);
  CHECK(mismatches == "");
  CHECK(compared >= 26);
}

TEST_CASE("analyzer resolves information_schema unqualified only on the search_path",
          "[analyze][oracle]") {
  auto migrations = testing::load_case_migrations("analyze/catalogs/schema");
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  REQUIRE(diags.error_count() == 0);
  auto src =
      diag::make_source("q.sql",
                        "-- name: Cols :many\n"
                        "SELECT column_name, is_nullable FROM columns WHERE table_name = $1;\n"
                        "-- name: Views :many\n"
                        "SELECT table_name, view_definition FROM views;\n"
                        "-- name: Class :many\n"
                        "SELECT relname FROM pg_class;\n");
  std::vector<source::Query> queries = source::read_query_file(src, diags);
  REQUIRE(queries.size() == 3);
  analyze::AnalyzeOptions opts;
  opts.search_path = {"information_schema", "public"};
  std::vector<Prepared> prepared;
  for (const source::Query& q : queries) {
    prepared.push_back(Prepared{analyze::analyze_query(cat, q, opts, diags), opts.search_path});
  }
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  size_t compared = 0;
  CHECK(describe_and_compare(cat, migrations, prepared, &compared) == "");
  CHECK(compared == 3);

  // With the default search_path, information_schema's views are not visible.
  diag::DiagnosticEngine other;
  analyze::analyze_query(cat, queries[0], {}, other);
  CHECK(other.error_count() == 1);
  CHECK(diag::render_all(other, false).find("relation \"columns\" does not exist") !=
        std::string::npos);
}
