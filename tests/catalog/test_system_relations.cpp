// pg_catalog's and information_schema's relations, and the relations and objects of contrib
// extensions: resolved like PostgreSQL resolves them, never user objects.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"
#include "source/migrations.hpp"

using namespace sqlgen;

namespace {

catalog::Catalog build(const std::string& sql) {
  diag::DiagnosticEngine diags;
  source::Migration m;
  m.source = diag::make_source("schema.sql", sql);
  m.up = source::parse_migration_file(m.source, diags).up;
  catalog::Catalog cat = catalog::build_catalog({m}, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.error_count() == 0);
  CHECK(diags.warning_count() == 0);
  return cat;
}

const std::vector<std::string> k_default_path = {"$user", "public"};

}  // namespace

TEST_CASE("catalog: pg_catalog relations resolve qualified and unqualified", "[catalog]") {
  catalog::Catalog cat = build("CREATE TABLE users (id int);\n");
  const catalog::Relation* cls = cat.find_relation("", "pg_class", k_default_path);
  REQUIRE(cls != nullptr);
  CHECK(cls->schema == "pg_catalog");
  CHECK(cls->kind == catalog::RelKind::Table);
  CHECK(cat.find_relation("pg_catalog", "pg_class", k_default_path) == cls);
  CHECK(cat.relation(cls->oid) == cls);
  CHECK(cls->oid == 1259);
  REQUIRE(cls->column("relname") != nullptr);
  CHECK(cls->column("relname")->type.oid == 19);  // name
  CHECK(cls->column("relname")->not_null);
  CHECK(cls->column("relacl")->type.oid == 1034);  // aclitem[]
  CHECK_FALSE(cls->column("relacl")->not_null);
  CHECK(cls->columns.front().name == "oid");

  const catalog::Relation* tables = cat.find_relation("", "pg_tables", k_default_path);
  REQUIRE(tables != nullptr);
  CHECK(tables->kind == catalog::RelKind::View);
  for (const catalog::Column& c : tables->columns) CHECK_FALSE(c.not_null);

  // pg_catalog is searched first unless the path lists it.
  catalog::Catalog shadow = build("CREATE TABLE pg_class (x int);\n");
  CHECK(shadow.find_relation("", "pg_class", k_default_path)->schema == "pg_catalog");
  CHECK(shadow.find_relation("public", "pg_class", k_default_path)->schema == "public");
  CHECK(shadow.find_relation("", "pg_class", {"public", "pg_catalog"})->schema == "public");
}

TEST_CASE("catalog: information_schema resolves when qualified or on the search_path",
          "[catalog]") {
  catalog::Catalog cat = build("CREATE TABLE tables (id int);\n");
  const catalog::Relation* cols = cat.find_relation("information_schema", "columns", {});
  REQUIRE(cols != nullptr);
  CHECK(cols->kind == catalog::RelKind::View);
  CHECK(cols->schema == "information_schema");
  REQUIRE(cols->column("column_name") != nullptr);
  auto [ts, tn] = cat.type_name(cols->column("column_name")->type.oid);
  CHECK(ts + "." + tn == "information_schema.sql_identifier");
  CHECK(cat.type_name(cols->column("is_nullable")->type.oid).second == "yes_or_no");
  CHECK(cat.type_name(cols->column("ordinal_position")->type.oid).second == "cardinal_number");

  CHECK(cat.find_relation("", "columns", k_default_path) == nullptr);
  CHECK(cat.find_relation("", "columns", {"information_schema"}) == cols);
  // The user's table wins when public comes first, information_schema's view otherwise.
  CHECK(cat.find_relation("", "tables", k_default_path)->schema == "public");
  CHECK(cat.find_relation("", "tables", {"public", "information_schema"})->schema == "public");
  CHECK(cat.find_relation("", "tables", {"information_schema", "public"})->schema ==
        "information_schema");
}

TEST_CASE("catalog: system relations are no user objects", "[catalog]") {
  catalog::Catalog cat = build(
      "CREATE EXTENSION pg_stat_statements;\n"
      "CREATE TABLE users (id int);\n"
      "CREATE VIEW rels AS SELECT relname FROM pg_class;\n");
  REQUIRE(cat.find_relation("", "pg_stat_statements", k_default_path) != nullptr);
  for (const auto& [oid, r] : cat.relations()) {
    CHECK((r.name == "users" || r.name == "rels"));
  }
  CHECK(cat.schemas().count("information_schema") == 0);
  std::string json = cat.to_json().dump();
  CHECK(json.find("pg_class") == std::string::npos);
  CHECK(json.find("\"pg_stat_statements\"") != std::string::npos);  // the extension's name
  CHECK(json.find("\"calls\"") == std::string::npos);               // but not its view
  std::string sql = cat.to_sql();
  CHECK(sql.find("VIEW pg_stat_statements") == std::string::npos);
  CHECK(sql.find("pg_namespace") == std::string::npos);
}

TEST_CASE("catalog: contrib extensions are known", "[catalog]") {
  catalog::Catalog cat = build(
      "CREATE EXTENSION pg_trgm;\n"
      "CREATE EXTENSION btree_gin;\n"
      "CREATE EXTENSION btree_gist;\n"
      "CREATE EXTENSION intarray;\n"
      "CREATE EXTENSION cube;\n"
      "CREATE EXTENSION earthdistance;\n"
      "CREATE EXTENSION tablefunc;\n"
      "CREATE EXTENSION unaccent;\n"
      "CREATE EXTENSION fuzzystrmatch;\n"
      "CREATE EXTENSION isn;\n"
      "CREATE EXTENSION seg;\n"
      "CREATE EXTENSION lo;\n"
      "CREATE EXTENSION tsm_system_rows;\n"
      "CREATE EXTENSION dict_int;\n"
      "CREATE EXTENSION pgrowlocks;\n"
      "CREATE EXTENSION pg_buffercache;\n"
      "CREATE EXTENSION pgstattuple;\n"
      "CREATE EXTENSION intagg;\n"
      "CREATE EXTENSION tcn;\n"
      "CREATE EXTENSION bloom;\n"
      "CREATE EXTENSION amcheck;\n"
      "CREATE EXTENSION postgres_fdw;\n"
      "CREATE EXTENSION dblink;\n"
      "CREATE EXTENSION adminpack;\n");
  auto has_function = [&](const std::string& schema, const std::string& name) {
    const auto& sc = cat.schemas().at(schema);
    return sc.functions.count(name) > 0;
  };
  CHECK(has_function("public", "similarity"));
  CHECK(has_function("public", "earth_distance"));
  CHECK(has_function("public", "unaccent"));
  CHECK(has_function("public", "levenshtein"));
  CHECK(has_function("public", "icount"));
  CHECK(has_function("public", "crosstab"));
  CHECK(has_function("public", "pgrowlocks"));
  CHECK(has_function("pg_catalog", "pg_file_write"));  // adminpack's fixed schema
  CHECK(cat.find_type("", "earth", k_default_path) != nullptr);
  CHECK(cat.find_type("", "isbn13", k_default_path) != nullptr);
  CHECK(cat.find_type("", "lo", k_default_path)->typtype == 'd');
  // tablefunc's composite types carry their fields.
  const catalog::Type* crosstab2 = cat.find_type("", "tablefunc_crosstab_2", k_default_path);
  REQUIRE(crosstab2 != nullptr);
  CHECK(crosstab2->typtype == 'c');
  REQUIRE(crosstab2->fields.size() == 3);
  CHECK(crosstab2->fields[0].name == "row_name");
  // pg_buffercache's view.
  const catalog::Relation* buffers = cat.find_relation("", "pg_buffercache", k_default_path);
  REQUIRE(buffers != nullptr);
  CHECK(buffers->kind == catalog::RelKind::View);
  CHECK(buffers->schema == "public");
  CHECK(buffers->column("bufferid") != nullptr);
}

TEST_CASE("catalog: CREATE EXTENSION ... SCHEMA and CASCADE", "[catalog]") {
  catalog::Catalog cat = build(
      "CREATE SCHEMA ext;\n"
      "CREATE EXTENSION earthdistance WITH SCHEMA ext CASCADE;\n"
      "CREATE EXTENSION pg_stat_statements SCHEMA ext;\n"
      "CREATE EXTENSION pg_trgm SCHEMA ext;\n");
  // cube comes along, in the schema the statement named.
  const catalog::Type* cube = cat.find_type("ext", "cube", k_default_path);
  REQUIRE(cube != nullptr);
  CHECK(cube->extension == "cube");
  CHECK(cat.find_type("", "cube", k_default_path) == nullptr);
  CHECK(cat.find_type("ext", "earth", k_default_path) != nullptr);
  CHECK(cat.schemas().at("ext").functions.count("similarity") == 1);
  CHECK(cat.schemas().at("public").functions.count("similarity") == 0);

  const catalog::Relation* stats = cat.find_relation("ext", "pg_stat_statements", {});
  REQUIRE(stats != nullptr);
  CHECK(stats->schema == "ext");
  CHECK(cat.find_relation("", "pg_stat_statements", k_default_path) == nullptr);
  CHECK(cat.find_relation("", "pg_stat_statements", {"ext"}) == stats);
  CHECK(cat.relation(stats->oid) == stats);

  catalog::Catalog dropped = build(
      "CREATE EXTENSION pg_stat_statements;\n"
      "DROP EXTENSION pg_stat_statements;\n");
  CHECK(dropped.find_relation("", "pg_stat_statements", k_default_path) == nullptr);
  catalog::Catalog dropped_schema = build(
      "CREATE SCHEMA s;\n"
      "CREATE EXTENSION pg_stat_statements SCHEMA s;\n"
      "DROP SCHEMA s CASCADE;\n");
  CHECK(dropped_schema.find_relation("s", "pg_stat_statements", {}) == nullptr);
}
