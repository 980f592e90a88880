// Unit tests of the type-resolution engine against answers known from PostgreSQL 15.
#include <catch2/catch.hpp>

#include "analyze/types.hpp"
#include "parse/parse.hpp"

using namespace sqlgen;
using analyze::ExprType;

namespace {

const std::vector<std::string> k_path = {"$user", "public"};

/// A catalog after running `sql` (must be error-free).
catalog::Catalog catalog_from(const std::string& sql) {
  catalog::Catalog cat;
  diag::DiagnosticEngine diags;
  diag::SourcePtr src = diag::make_source("setup.sql", sql);
  for (const parse::StmtPtr& st : parse::parse_file(src, diags)) cat.apply(*st, src, diags);
  REQUIRE(diags.error_count() == 0);
  return cat;
}

/// A type oid by SQL spelling ("integer", "int4[]", or a user type name).
catalog::Oid T(const catalog::Catalog& cat, std::string name) {
  bool array = name.size() > 2 && name.compare(name.size() - 2, 2, "[]") == 0;
  if (array) name.resize(name.size() - 2);
  catalog::Oid oid = 0;
  if (name == "unknown") {
    oid = analyze::pseudo_oid::k_unknown_oid;
  } else if (auto m = catalog::builtins::resolve_sql_type_name(name)) {
    oid = m->type->oid;
  } else if (const catalog::Type* t = cat.find_type("", name, k_path)) {
    oid = t->oid;
  }
  REQUIRE(oid != 0);
  return array ? cat.array_type(oid) : oid;
}

/// `left op right` → formatted result type, or the error.
std::string op(const catalog::Catalog& cat, const std::string& left, const std::string& name,
               const std::string& right) {
  analyze::OperatorMatch m = analyze::resolve_operator(cat, {name}, left.empty() ? 0 : T(cat, left),
                                                       T(cat, right), k_path);
  if (!m.ok()) return "ERROR: " + m.error;
  return analyze::format(cat, m.result);
}

/// `f(args)` → formatted result type (with "setof " for sets), or the error.
std::string fn(const catalog::Catalog& cat, const std::vector<std::string>& name,
               const std::vector<std::string>& args, analyze::CallFlags flags = {}) {
  std::vector<ExprType> types;
  for (const std::string& a : args) types.push_back(ExprType{T(cat, a), -1});
  analyze::FunctionMatch m = analyze::resolve_function(cat, name, types, k_path, flags);
  if (!m.ok()) return "ERROR: " + m.error;
  return (m.retset ? "setof " : "") + analyze::format(cat, m.result);
}

std::string proc_name(const analyze::OperatorMatch& m) {
  const catalog::builtins::BuiltinProc* p = catalog::builtins::find_proc(m.op->proc);
  return p ? std::string(p->name) : "";
}

}  // namespace

TEST_CASE("resolve: operators on builtin types", "[resolve]") {
  catalog::Catalog cat;
  analyze::OperatorMatch m =
      analyze::resolve_operator(cat, {"+"}, T(cat, "int4"), T(cat, "int8"), k_path);
  REQUIRE(m.ok());
  CHECK(proc_name(m) == "int48pl");
  CHECK(m.result == T(cat, "int8"));
  CHECK(m.strict);

  CHECK(op(cat, "int4", "+", "numeric") == "numeric");
  CHECK(op(cat, "text", "||", "unknown") == "text");
  CHECK(op(cat, "unknown", "+", "int4") == "integer");
  CHECK(op(cat, "timestamptz", "-", "interval") == "timestamp with time zone");
  CHECK(op(cat, "date", "+", "int4") == "date");
  CHECK(op(cat, "date", "-", "date") == "integer");
  CHECK(op(cat, "jsonb", "->", "text") == "jsonb");
  CHECK(op(cat, "jsonb", "->", "unknown") == "jsonb");
  CHECK(op(cat, "jsonb", "->", "int4") == "jsonb");
  CHECK(op(cat, "jsonb", "->>", "unknown") == "text");
  CHECK(op(cat, "int4[]", "@>", "int4[]") == "boolean");
  CHECK(op(cat, "int4[]", "||", "int4") == "integer[]");
  CHECK(op(cat, "int4", "||", "int4[]") == "integer[]");
  CHECK(op(cat, "text[]", "||", "unknown") == "text[]");
  CHECK(op(cat, "int4", "=", "int8") == "boolean");
  CHECK(op(cat, "", "-", "int4") == "integer");
  CHECK(op(cat, "", "@", "numeric") == "numeric");

  m = analyze::resolve_operator(cat, {"="}, T(cat, "unknown"), T(cat, "int4"), k_path);
  REQUIRE(m.ok());
  CHECK(m.left == T(cat, "int4"));
  CHECK(m.right == T(cat, "int4"));

  m = analyze::resolve_operator(cat, {"="}, T(cat, "varchar"), T(cat, "text"), k_path);
  REQUIRE(m.ok());
  CHECK(m.left == T(cat, "text"));
  CHECK(m.right == T(cat, "text"));

  m = analyze::resolve_operator(cat, {"pg_catalog", "+"}, T(cat, "int4"), T(cat, "int4"), k_path);
  CHECK(m.ok());
}

TEST_CASE("resolve: operator errors are worded like PostgreSQL's", "[resolve]") {
  catalog::Catalog cat;
  CHECK(op(cat, "int4", "=", "text") == "ERROR: operator does not exist: integer = text");
  CHECK(op(cat, "unknown", "||", "unknown") == "text");
  CHECK(op(cat, "unknown", "+", "unknown") == "ERROR: operator is not unique: unknown + unknown");
  CHECK(op(cat, "", "-", "text") == "ERROR: operator does not exist: - text");
  CHECK(op(cat, "bool", "+", "bool") == "ERROR: operator does not exist: boolean + boolean");
  analyze::OperatorMatch m =
      analyze::resolve_operator(cat, {"nope", "+"}, T(cat, "int4"), T(cat, "int4"), k_path);
  CHECK(m.error == "schema \"nope\" does not exist");
}

TEST_CASE("resolve: extension operators count only once installed", "[resolve]") {
  catalog::Catalog plain;
  catalog::Oid citext = 0;
  for (const catalog::builtins::BuiltinType* t :
       catalog::builtins::extension_objects("citext")->types) {
    if (t->name == "citext") citext = t->oid;
  }
  REQUIRE(citext != 0);
  analyze::OperatorMatch m = analyze::resolve_operator(plain, {"="}, citext, citext, k_path);
  CHECK_FALSE(m.ok());
  CHECK_FALSE(analyze::extension_installed(plain, "citext"));

  catalog::Catalog cat = catalog_from("CREATE EXTENSION citext; CREATE EXTENSION hstore;");
  CHECK(analyze::extension_installed(cat, "citext"));
  m = analyze::resolve_operator(cat, {"="}, citext, citext, k_path);
  REQUIRE(m.ok());
  CHECK(m.op->extension == "citext");
  CHECK(op(cat, "citext", "=", "unknown") == "boolean");
  CHECK(op(cat, "citext", "||", "text") == "text");
  CHECK(op(cat, "hstore", "->", "unknown") == "text");
  CHECK(op(cat, "hstore", "?", "text") == "boolean");
}

TEST_CASE("resolve: aggregates and functions", "[resolve]") {
  catalog::Catalog cat;
  CHECK(fn(cat, {"sum"}, {"int4"}) == "bigint");
  CHECK(fn(cat, {"sum"}, {"int8"}) == "numeric");
  CHECK(fn(cat, {"sum"}, {"numeric"}) == "numeric");
  CHECK(fn(cat, {"avg"}, {"int4"}) == "numeric");
  CHECK(fn(cat, {"avg"}, {"float4"}) == "double precision");
  analyze::CallFlags star;
  star.agg_star = true;
  CHECK(fn(cat, {"count"}, {}, star) == "bigint");
  CHECK(fn(cat, {"count"}, {"text"}) == "bigint");
  CHECK(fn(cat, {"max"}, {"text"}) == "text");
  CHECK(fn(cat, {"max"}, {"int4[]"}) == "integer[]");
  CHECK(fn(cat, {"array_agg"}, {"int4"}) == "integer[]");
  CHECK(fn(cat, {"array_agg"}, {"int4[]"}) == "integer[]");
  CHECK(fn(cat, {"string_agg"}, {"text", "unknown"}) == "text");
  CHECK(fn(cat, {"string_agg"}, {"bytea", "bytea"}) == "bytea");
  CHECK(fn(cat, {"generate_series"}, {"int4", "int4"}) == "setof integer");
  CHECK(fn(cat, {"generate_series"}, {"unknown", "unknown"}) ==
        "ERROR: function generate_series(unknown, unknown) is not unique");
  CHECK(fn(cat, {"unnest"}, {"int4[]"}) == "setof integer");
  CHECK(fn(cat, {"round"}, {"numeric", "int4"}) == "numeric");
  CHECK(fn(cat, {"round"}, {"int4"}) == "double precision");
  CHECK(fn(cat, {"lower"}, {"unknown"}) == "text");
  CHECK(fn(cat, {"concat"}, {"unknown", "int4", "date"}) == "text");
  CHECK(fn(cat, {"format"}, {"unknown", "int4"}) == "text");
  CHECK(fn(cat, {"json_build_object"}, {"unknown", "int4"}) == "json");
  CHECK(fn(cat, {"now"}, {}) == "timestamp with time zone");
  CHECK(fn(cat, {"coalesce"}, {"int4"}) == "ERROR: function coalesce(integer) does not exist");
  CHECK(fn(cat, {"array_append"}, {"int4[]", "unknown"}) == "integer[]");
  CHECK(fn(cat, {"array_append"}, {"unknown", "unknown"}) == "text[]");
  CHECK(fn(cat, {"make_interval"}, {"int4"}) == "interval");
  CHECK(fn(cat, {"int4"}, {"unknown"}) == "integer");
  CHECK(fn(cat, {"text"}, {"int4"}) == "text");
  CHECK(fn(cat, {"pg_catalog", "upper"}, {"text"}) == "text");

  analyze::FunctionMatch m = analyze::resolve_function(
      cat, {"concat"}, {analyze::k_unknown, ExprType{T(cat, "int4"), -1}}, k_path);
  REQUIRE(m.ok());
  CHECK(m.nvargs == 2);
  CHECK(m.variadic_type == analyze::pseudo_oid::k_any);
  CHECK(m.declared ==
        std::vector<catalog::Oid>{analyze::pseudo_oid::k_any, analyze::pseudo_oid::k_any});
}

TEST_CASE("resolve: function errors are worded like PostgreSQL's", "[resolve]") {
  catalog::Catalog cat;
  CHECK(fn(cat, {"lower"}, {"int4"}) == "ERROR: function lower(integer) does not exist");
  CHECK(fn(cat, {"nosuch"}, {"unknown", "int4[]"}) ==
        "ERROR: function nosuch(unknown, integer[]) does not exist");
  analyze::CallFlags star;
  star.agg_star = true;
  CHECK(fn(cat, {"lower"}, {}, star) == "ERROR: function lower() does not exist");
  CHECK(fn(cat, {"now"}, {}, star) ==
        "ERROR: now(*) specified, but now is not an aggregate function");
  CHECK(fn(cat, {"count"}, {}) ==
        "ERROR: count(*) must be used to call a parameterless aggregate function");
  CHECK(fn(cat, {"row_number"}, {}) == "ERROR: window function row_number requires an OVER clause");
  CHECK(fn(cat, {"array_append"}, {"int4[]", "text"}) ==
        "ERROR: function array_append(integer[], text) does not exist");
  CHECK(fn(cat, {"percentile_disc"}, {"float8", "int4"}) ==
        "ERROR: WITHIN GROUP is required for ordered-set aggregate percentile_disc");
}

TEST_CASE("resolve: user functions, defaults, variadics, OUT parameters", "[resolve]") {
  catalog::Catalog cat = catalog_from(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
    CREATE FUNCTION f(a integer, b text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'select b';
    CREATE FUNCTION f(a bigint) RETURNS bigint LANGUAGE sql AS 'select a';
    CREATE FUNCTION g(VARIADIC xs numeric[]) RETURNS numeric LANGUAGE sql AS 'select 1';
    CREATE FUNCTION h(a integer, OUT x integer, OUT y text) LANGUAGE sql AS 'select 1, ''a''';
    CREATE FUNCTION k(a integer, OUT x date) LANGUAGE sql AS 'select now()::date';
    CREATE FUNCTION first_of(anyarray) RETURNS anyelement LANGUAGE sql AS 'select $1[1]';
    CREATE FUNCTION amb(a integer) RETURNS int LANGUAGE sql AS 'select 1';
    CREATE FUNCTION amb(a integer, b integer DEFAULT 1) RETURNS int LANGUAGE sql AS 'select 1';
  )sql");
  CHECK(fn(cat, {"f"}, {"int4"}) == "text");
  CHECK(fn(cat, {"f"}, {"int8"}) == "bigint");
  CHECK(fn(cat, {"f"}, {"int4", "unknown"}) == "text");
  CHECK(fn(cat, {"public", "f"}, {"int2"}) == "ERROR: function public.f(smallint) is not unique");
  CHECK(fn(cat, {"g"}, {"int4", "numeric", "unknown"}) == "numeric");
  CHECK(fn(cat, {"h"}, {"int4"}) == "record");
  CHECK(fn(cat, {"k"}, {"int4"}) == "date");
  CHECK(fn(cat, {"first_of"}, {"mood[]"}) == "mood");
  CHECK(fn(cat, {"first_of"}, {"unknown"}) ==
        "ERROR: could not determine polymorphic type because input has type unknown");
  CHECK(fn(cat, {"amb"}, {"int4"}) == "ERROR: function amb(integer) is not unique");
  CHECK(fn(cat, {"f"}, {"posint"}) == "text");
  CHECK(fn(cat, {"abs"}, {"posint"}) == "integer");

  analyze::FunctionMatch m = analyze::resolve_function(
      cat, {"f"}, {ExprType{T(cat, "int4"), -1}, analyze::k_unknown}, k_path, {}, {"b"});
  REQUIRE(m.ok());
  CHECK(m.result == T(cat, "text"));
  // Names may also be given per argument, "" for the leading positional ones.
  m = analyze::resolve_function(cat, {"f"}, {ExprType{T(cat, "int4"), -1}, analyze::k_unknown},
                                k_path, {}, {"", "b"});
  REQUIRE(m.ok());
  m = analyze::resolve_function(cat, {"f"}, {ExprType{T(cat, "int4"), -1}, analyze::k_unknown},
                                k_path, {}, {"b", "b"});
  CHECK(m.error == "argument name \"b\" used more than once");
  m = analyze::resolve_function(cat, {"h"}, {ExprType{T(cat, "int4"), -1}}, k_path);
  REQUIRE(m.out_columns.size() == 2);
  CHECK(m.out_columns[1].first == "y");
  CHECK(m.out_columns[1].second == T(cat, "text"));
  m = analyze::resolve_function(cat, {"f"}, {ExprType{T(cat, "int4"), -1}, analyze::k_unknown},
                                k_path, {}, {"zz"});
  CHECK(m.error == "function f(integer, zz => unknown) does not exist");
}

TEST_CASE("resolve: coercions", "[resolve]") {
  catalog::Catalog cat = catalog_from(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE DOMAIN posint AS integer;
    CREATE TYPE pair AS (a int, b text);
  )sql");
  using analyze::CoercionContext;
  auto can = [&](const char* from, const char* to, CoercionContext ctx) {
    return analyze::can_coerce(cat, T(cat, from), T(cat, to), ctx);
  };
  CHECK(can("int4", "int8", CoercionContext::Implicit));
  CHECK_FALSE(can("int8", "int4", CoercionContext::Implicit));
  CHECK(can("int8", "int4", CoercionContext::Assignment));
  CHECK(can("unknown", "mood", CoercionContext::Implicit));
  CHECK(can("posint", "int4", CoercionContext::Implicit));
  CHECK(can("int4", "posint", CoercionContext::Implicit));
  CHECK(can("posint", "int8", CoercionContext::Implicit));
  CHECK(can("int4[]", "int8[]", CoercionContext::Implicit));
  CHECK(can("varchar", "text", CoercionContext::Implicit));
  CHECK_FALSE(can("mood", "text", CoercionContext::Implicit));
  CHECK(can("mood", "text", CoercionContext::Assignment));
  CHECK_FALSE(can("text", "mood", CoercionContext::Assignment));
  CHECK(can("text", "mood", CoercionContext::Explicit));
  CHECK(can("int4", "text", CoercionContext::Assignment));
  CHECK_FALSE(can("int4", "text", CoercionContext::Implicit));
  CHECK(can("pair", "record", CoercionContext::Implicit));
  CHECK(can("int4[]", "anyarray", CoercionContext::Implicit));
  CHECK_FALSE(can("int4", "anyarray", CoercionContext::Implicit));
  CHECK(can("mood", "anyenum", CoercionContext::Implicit));
  CHECK(analyze::find_coercion_path(cat, T(cat, "int4[]"), T(cat, "int8[]"),
                                    CoercionContext::Implicit) ==
        analyze::CoercionPath::ArrayCoerce);
  CHECK(analyze::type_category(cat, T(cat, "posint")) == 'N');
  CHECK(analyze::type_category(cat, T(cat, "mood")) == 'E');
  CHECK(analyze::is_preferred(cat, T(cat, "text")));
  CHECK(analyze::base_type(cat, T(cat, "posint")) == T(cat, "int4"));
  CHECK(analyze::element_of(cat, T(cat, "mood[]")) == T(cat, "mood"));
  CHECK(analyze::array_of(cat, T(cat, "int4")) == T(cat, "int4[]"));
  CHECK(analyze::format(cat, ExprType{T(cat, "varchar"), 14}) == "character varying(10)");
}

TEST_CASE("resolve: common types of CASE, COALESCE, UNION, VALUES", "[resolve]") {
  catalog::Catalog cat = catalog_from("CREATE DOMAIN posint AS integer;");
  auto common = [&](std::vector<std::string> names, const char* context) {
    std::vector<ExprType> types;
    for (const std::string& n : names) types.push_back(ExprType{T(cat, n), -1});
    std::string error;
    ExprType t = analyze::select_common_type(cat, types, context, &error);
    return error.empty() ? analyze::format(cat, t) : "ERROR: " + error;
  };
  CHECK(common({"unknown", "unknown"}, "CASE") == "text");
  CHECK(common({"int4", "int8"}, "COALESCE") == "bigint");
  CHECK(common({"int8", "int4"}, "COALESCE") == "bigint");
  CHECK(common({"int4", "numeric", "float4"}, "COALESCE") == "real");
  CHECK(common({"unknown", "int4"}, "VALUES") == "integer");
  CHECK(common({"posint", "posint"}, "UNION") == "posint");
  CHECK(common({"posint", "int4"}, "UNION") == "integer");
  CHECK(common({"varchar", "text"}, "COALESCE") == "character varying");
  CHECK(common({"text", "varchar"}, "CASE") == "text");
  CHECK(common({"date", "timestamptz"}, "GREATEST") == "timestamp with time zone");
  CHECK(common({"int4", "text"}, "CASE") == "ERROR: CASE types integer and text cannot be matched");
  CHECK(common({"text", "int4"}, "UNION") ==
        "ERROR: UNION types text and integer cannot be matched");
  CHECK(common({"int4", "bool"}, "VALUES") ==
        "ERROR: VALUES types integer and boolean cannot be matched");

  std::string error;
  ExprType vc{T(cat, "varchar"), 14};
  CHECK(analyze::select_common_type(cat, {vc, vc}, "COALESCE", &error) == vc);
  CHECK(analyze::select_common_type(cat, {vc, ExprType{vc.oid, 24}}, "COALESCE", &error) ==
        ExprType{vc.oid, -1});
}

TEST_CASE("resolve: polymorphic binding", "[resolve]") {
  catalog::Catalog cat = catalog_from(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok');
    CREATE TYPE floatrange AS RANGE (subtype = float8);
  )sql");
  using namespace analyze::pseudo_oid;
  std::vector<catalog::Oid> actual = {T(cat, "int4[]"), T(cat, "unknown")};
  std::vector<catalog::Oid> declared = {k_anyarray, k_anyelement};
  analyze::PolymorphicResult r = analyze::resolve_polymorphic(cat, actual, declared, k_anyarray);
  REQUIRE(r.error.empty());
  CHECK(r.result == T(cat, "int4[]"));
  CHECK(r.declared[1] == T(cat, "int4"));

  actual = {T(cat, "int4"), T(cat, "text")};
  declared = {k_anyelement, k_anyelement};
  r = analyze::resolve_polymorphic(cat, actual, declared, k_anyelement);
  CHECK(r.error == "arguments declared \"anyelement\" are not all alike");

  actual = {T(cat, "int4"), T(cat, "numeric")};
  declared = {k_anycompatible, k_anycompatible};
  r = analyze::resolve_polymorphic(cat, actual, declared, k_anycompatiblearray);
  REQUIRE(r.error.empty());
  CHECK(r.result == T(cat, "numeric[]"));

  CHECK(fn(cat, {"lower"}, {"floatrange"}) == "double precision");
  CHECK(fn(cat, {"enum_first"}, {"mood"}) == "mood");
  CHECK(fn(cat, {"floatrange"}, {"unknown", "unknown"}) == "floatrange");
  CHECK(fn(cat, {"range_merge"}, {"floatrange", "floatrange"}) == "floatrange");
  CHECK(fn(cat, {"multirange"}, {"floatrange"}) == "floatmultirange");
  CHECK(fn(cat, {"array_position"}, {"int4[]", "unknown"}) == "integer");
}
