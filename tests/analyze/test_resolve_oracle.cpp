// The resolution oracle: expressions over typed inputs go through sqlgen's
// type-resolution engine and through PostgreSQL (PREPARE + describe); the result
// types, or the error messages, must be equal.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <sstream>

#include "analyze/types.hpp"
#include "parse/parse.hpp"
#include "support/pg_fixture.hpp"

using namespace sqlgen;
using analyze::ExprType;

namespace {

const std::vector<std::string> k_path = {"$user", "public"};

/// Objects both sides know: extensions, enums, domains, composites, ranges, functions.
const char* const k_setup = R"sql(
CREATE EXTENSION citext;
CREATE EXTENSION hstore;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS citext;
CREATE DOMAIN intarr AS integer[];
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE items (id bigint PRIMARY KEY, name text, price numeric(10,2));
CREATE SCHEMA app;
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE FUNCTION app.fx(a integer) RETURNS integer LANGUAGE sql AS 'select a';
CREATE FUNCTION f(a integer, b text DEFAULT 'x') RETURNS text LANGUAGE sql AS 'select b';
CREATE FUNCTION f(a bigint) RETURNS bigint LANGUAGE sql AS 'select a';
CREATE FUNCTION g(VARIADIC xs numeric[]) RETURNS numeric LANGUAGE sql AS 'select 1::numeric';
CREATE FUNCTION h(a integer, OUT x integer, OUT y text) LANGUAGE sql AS 'select 1, ''a''';
CREATE FUNCTION k(a integer, OUT x date) LANGUAGE sql AS 'select current_date';
CREATE FUNCTION first_of(anyarray) RETURNS anyelement LANGUAGE sql AS 'select $1[1]';
CREATE FUNCTION pick(anycompatible, anycompatible) RETURNS anycompatible
  LANGUAGE sql AS 'select $1';
CREATE FUNCTION amb(a integer) RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION amb(a integer, b integer DEFAULT 1) RETURNS int LANGUAGE sql AS 'select 1';
CREATE FUNCTION greet(name text, greeting text DEFAULT 'hi') RETURNS text
  LANGUAGE sql AS 'select greeting || name';
CREATE FUNCTION vany(VARIADIC anyarray) RETURNS anyelement LANGUAGE sql AS 'select $1[1]';
CREATE FUNCTION setf(n int) RETURNS SETOF items LANGUAGE sql AS 'select * from items';
CREATE FUNCTION tbl(n int) RETURNS TABLE (a int, b text) LANGUAGE sql AS 'select 1, ''x''';
CREATE PROCEDURE p(a int) LANGUAGE sql AS 'select 1';
)sql";

/// A node of the oracle's small expression language: rendered as SQL for PostgreSQL,
/// evaluated with the resolution engine for sqlgen.
struct Node {
  enum class Kind { Typed, Literal, Op, Func, Common, Union, Array, Cast } kind = Kind::Typed;
  std::string text;  ///< Typed/Cast: type spelling; Literal: SQL; Op/Func: name; Common: context
  std::string sql;   ///< Typed: the SQL of the value (default "NULL::type")
  std::vector<Node> args;
  std::vector<std::string> arg_names;  ///< Func: names of the last arguments
  analyze::CallFlags flags;            ///< Func
  size_t direct_args = 0;              ///< Func WITHIN GROUP: how many args are direct
  bool has_else = true;                ///< Common "CASE": the last arg is the ELSE result
};

Node ty(const char* type, const char* sql = "") {
  Node n;
  n.text = type;
  n.sql = *sql ? sql : std::string("NULL::") + type;
  return n;
}
Node num(const char* sql) {
  std::string s = sql;
  bool is_int = s.find_first_of(".e") == std::string::npos;
  bool big = is_int && s.size() > 9;
  return ty(is_int ? (big ? "int8" : "int4") : "numeric", sql);
}
Node lit(const char* sql = "NULL") {
  Node n;
  n.kind = Node::Kind::Literal;
  n.text = sql;
  return n;
}
Node op(Node l, const char* name, Node r) {
  Node n;
  n.kind = Node::Kind::Op;
  n.text = name;
  n.args = {std::move(l), std::move(r)};
  return n;
}
Node pre(const char* name, Node r) {
  Node n;
  n.kind = Node::Kind::Op;
  n.text = name;
  n.args = {std::move(r)};
  return n;
}
Node fn(const char* name, std::vector<Node> args = {}, analyze::CallFlags flags = {}) {
  Node n;
  n.kind = Node::Kind::Func;
  n.text = name;
  n.args = std::move(args);
  n.flags = flags;
  return n;
}
analyze::CallFlags star() {
  analyze::CallFlags f;
  f.agg_star = true;
  return f;
}
analyze::CallFlags over() {
  analyze::CallFlags f;
  f.has_over = true;
  return f;
}
analyze::CallFlags distinct() {
  analyze::CallFlags f;
  f.agg_distinct = true;
  return f;
}
analyze::CallFlags variadic() {
  analyze::CallFlags f;
  f.variadic = true;
  return f;
}
Node within(const char* name, std::vector<Node> direct, std::vector<Node> ordered) {
  analyze::CallFlags f;
  f.within_group = true;
  Node n = fn(name, std::move(direct), f);
  n.direct_args = n.args.size();
  for (Node& o : ordered) n.args.push_back(std::move(o));
  return n;
}
Node named(const char* name, std::vector<Node> positional,
           std::vector<std::pair<std::string, Node>> by_name) {
  Node n = fn(name, std::move(positional));
  for (auto& [arg_name, arg] : by_name) {
    n.arg_names.push_back(arg_name);
    n.args.push_back(std::move(arg));
  }
  return n;
}
Node common(const char* context, std::vector<Node> args) {
  Node n;
  n.kind = Node::Kind::Common;
  n.text = context;
  n.args = std::move(args);
  return n;
}
Node case_else(std::vector<Node> thens, Node otherwise) {
  thens.push_back(std::move(otherwise));
  return common("CASE", std::move(thens));
}
Node case_no_else(std::vector<Node> thens) {
  Node n = common("CASE", std::move(thens));
  n.has_else = false;
  return n;
}
Node union_(std::vector<Node> args) {
  Node n = common("UNION", std::move(args));
  n.kind = Node::Kind::Union;
  return n;
}
Node array(std::vector<Node> args) {
  Node n = common("ARRAY", std::move(args));
  n.kind = Node::Kind::Array;
  return n;
}
Node cast(Node arg, const char* type) {
  Node n;
  n.kind = Node::Kind::Cast;
  n.text = type;
  n.args = {std::move(arg)};
  return n;
}

std::vector<std::string> split_name(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(name.substr(start, dot - start));
  }
  parts.push_back(name.substr(start));
  return parts;
}

std::string render(const Node& n);

std::string render_list(const std::vector<Node>& args, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) out += (i > from ? ", " : "") + render(args[i]);
  return out;
}

std::string render_call(const Node& n) {
  const analyze::CallFlags& f = n.flags;
  std::string out = n.text + "(";
  if (f.agg_star) return out + "*)" + (f.has_over ? " OVER ()" : "");
  if (f.agg_distinct) out += "DISTINCT ";
  if (f.within_group) {
    out += render_list(n.args, 0, n.direct_args) + ") WITHIN GROUP (ORDER BY " +
           render_list(n.args, n.direct_args, n.args.size()) + ")";
    return out;
  }
  size_t positional = n.args.size() - n.arg_names.size();
  for (size_t i = 0; i < n.args.size(); ++i) {
    if (i) out += ", ";
    if (f.variadic && i + 1 == n.args.size()) out += "VARIADIC ";
    if (i >= positional) out += n.arg_names[i - positional] + " => ";
    out += render(n.args[i]);
  }
  return out + ")" + (f.has_over ? " OVER ()" : "");
}

std::string render(const Node& n) {
  switch (n.kind) {
    case Node::Kind::Typed:
      return n.sql;
    case Node::Kind::Literal:
      return n.text;
    case Node::Kind::Op: {
      std::string name =
          n.text.find('.') == std::string::npos ? n.text : "OPERATOR(" + n.text + ")";
      if (n.args.size() == 1) return name + " (" + render(n.args[0]) + ")";
      return "(" + render(n.args[0]) + ") " + name + " (" + render(n.args[1]) + ")";
    }
    case Node::Kind::Func:
      return render_call(n);
    case Node::Kind::Common: {
      std::string ctx = n.text;
      if (ctx == "CASE") {
        std::string out = "CASE";
        size_t thens = n.has_else ? n.args.size() - 1 : n.args.size();
        for (size_t i = 0; i < thens; ++i) out += " WHEN random() > 0.5 THEN " + render(n.args[i]);
        if (n.has_else) out += " ELSE " + render(n.args.back());
        return out + " END";
      }
      if (ctx == "VALUES") {
        std::string out = "(SELECT x FROM (VALUES ";
        for (size_t i = 0; i < n.args.size(); ++i) out += (i ? "), (" : "(") + render(n.args[i]);
        return out + ")) v(x) LIMIT 1)";
      }
      return ctx + "(" + render_list(n.args, 0, n.args.size()) + ")";
    }
    case Node::Kind::Union: {
      std::string out = "(";
      for (size_t i = 0; i < n.args.size(); ++i) {
        out += (i ? " UNION SELECT " : "SELECT ") + render(n.args[i]);
      }
      return out + " LIMIT 1)";
    }
    case Node::Kind::Array:
      return "ARRAY[" + render_list(n.args, 0, n.args.size()) + "]";
    case Node::Kind::Cast:
      return "CAST(" + render(n.args[0]) + " AS " + n.text + ")";
  }
  return "";
}

/// sqlgen's answer for one node: a type or an error.
struct Outcome {
  ExprType type;
  std::string error;
};

/// A type spelling such as "int4", "character varying(10)", "numeric(10,2)", "mood[]".
std::optional<ExprType> parse_type(const catalog::Catalog& cat, std::string spelling) {
  int dims = 0;
  while (spelling.size() > 2 && spelling.compare(spelling.size() - 2, 2, "[]") == 0) {
    spelling.resize(spelling.size() - 2);
    ++dims;
  }
  std::vector<int64_t> mods;
  if (size_t paren = spelling.find('('); paren != std::string::npos) {
    std::string inner = spelling.substr(paren + 1, spelling.find(')') - paren - 1);
    std::stringstream ss(inner);
    for (std::string item; std::getline(ss, item, ',');) mods.push_back(std::stoll(item));
    spelling.resize(paren);
  }
  ExprType t;
  if (auto m = catalog::builtins::resolve_sql_type_name(spelling)) {
    t.oid = m->type->oid;
    if (!mods.empty()) t.typmod = catalog::builtins::compute_typmod(t.oid, mods).typmod;
  } else if (const catalog::builtins::BuiltinType* b =
                 catalog::builtins::find_type("information_schema", split_name(spelling).back());
             b && spelling.rfind("information_schema.", 0) == 0) {
    t.oid = b->oid;
  } else {
    std::vector<std::string> parts = split_name(spelling);
    const catalog::Type* u = cat.find_type(parts.size() == 2 ? parts[0] : "", parts.back(), k_path);
    if (!u) return std::nullopt;
    t.oid = u->oid;
  }
  for (int i = 0; i < dims; ++i) t.oid = cat.array_type(t.oid);
  return t;
}

Outcome evaluate(const catalog::Catalog& cat, const Node& n);

/// Evaluates `args`; the first error wins.
bool evaluate_all(const catalog::Catalog& cat, const std::vector<Node>& args,
                  std::vector<ExprType>& types, std::string& error) {
  for (const Node& a : args) {
    Outcome o = evaluate(cat, a);
    if (!o.error.empty()) {
      error = o.error;
      return false;
    }
    types.push_back(o.type);
  }
  return true;
}

Outcome evaluate_common(const catalog::Catalog& cat, const Node& n, std::vector<ExprType> types) {
  Outcome out;
  if (n.text == "CASE") {
    // PostgreSQL considers the ELSE result (an unknown NULL when absent) first.
    ExprType otherwise = analyze::k_unknown;
    if (n.has_else) {
      otherwise = types.back();
      types.pop_back();
    }
    types.insert(types.begin(), otherwise);
  }
  out.type = analyze::select_common_type(cat, types, n.text.c_str(), &out.error);
  return out;
}

Outcome evaluate(const catalog::Catalog& cat, const Node& n) {
  Outcome out;
  std::vector<ExprType> types;
  if (!evaluate_all(cat, n.args, types, out.error)) return out;
  switch (n.kind) {
    case Node::Kind::Typed: {
      auto t = parse_type(cat, n.text);
      REQUIRE(t);
      out.type = *t;
      return out;
    }
    case Node::Kind::Literal:
      out.type = analyze::k_unknown;
      return out;
    case Node::Kind::Op: {
      bool prefix = types.size() == 1;
      analyze::OperatorMatch m = analyze::resolve_operator(
          cat, split_name(n.text), prefix ? 0 : types[0].oid, types.back().oid, k_path);
      out.error = m.error;
      out.type = ExprType{m.result, -1};
      return out;
    }
    case Node::Kind::Func: {
      analyze::FunctionMatch m =
          analyze::resolve_function(cat, split_name(n.text), types, k_path, n.flags, n.arg_names);
      out.error = m.error;
      out.type = ExprType{m.result, -1};
      return out;
    }
    case Node::Kind::Common:
      return evaluate_common(cat, n, types);
    case Node::Kind::Union: {
      // A chain of UNIONs is a left-deep tree of pairwise steps.
      out.type = types[0];
      for (size_t i = 1; i < types.size() && out.error.empty(); ++i) {
        out.type = analyze::select_common_type(cat, {out.type, types[i]}, "UNION", &out.error);
      }
      return out;
    }
    case Node::Kind::Array: {
      out.type = analyze::select_common_type(cat, types, "ARRAY", &out.error);
      if (!out.error.empty()) return out;
      if (analyze::element_of(cat, out.type.oid) != 0) return out;  // ARRAY of arrays
      catalog::Oid array = analyze::array_of(cat, out.type.oid);
      if (array == 0) {
        out.error = "could not find array type for data type " + analyze::format(cat, out.type.oid);
      }
      out.type.oid = array;
      return out;
    }
    case Node::Kind::Cast: {
      auto target = parse_type(cat, n.text);
      REQUIRE(target);
      if (!analyze::can_coerce(cat, types[0].oid, target->oid,
                               analyze::CoercionContext::Explicit)) {
        out.error = "cannot cast type " + analyze::format(cat, types[0].oid) + " to " +
                    analyze::format(cat, target->oid);
      }
      out.type = *target;
      return out;
    }
  }
  return out;
}

/// The oracle's cases: ≥ 150 expressions with known-good and error outcomes.
std::vector<Node> cases() {
  std::vector<Node> c;
  auto add = [&](Node n) { c.push_back(std::move(n)); };
  // --- operators: numbers
  add(op(ty("int4"), "+", ty("int8")));
  add(op(ty("int8"), "+", ty("int4")));
  add(op(ty("int2"), "+", ty("int4")));
  add(op(ty("int4"), "+", ty("numeric")));
  add(op(ty("numeric"), "+", ty("float8")));
  add(op(ty("float4"), "*", ty("float8")));
  add(op(ty("int4"), "/", ty("int4")));
  add(op(ty("int4"), "%", ty("int8")));
  add(op(lit("'1'"), "+", num("1")));
  add(op(lit("'1'"), "+", lit("'2'")));
  add(op(ty("int4"), "<<", ty("int4")));
  add(op(ty("int8"), "#", ty("int8")));
  add(op(ty("money"), "*", ty("int4")));
  add(op(ty("posint"), "+", ty("posint")));
  add(op(ty("posint"), "=", ty("int4")));
  add(op(ty("posint"), "+", ty("int8")));
  add(op(ty("posint"), "=", lit()));
  add(op(ty("bool"), "+", ty("bool")));
  add(op(ty("bool"), "=", lit("'t'")));
  add(pre("-", ty("int4")));
  add(pre("-", ty("numeric")));
  add(pre("-", ty("text")));
  add(pre("@", ty("float8")));
  add(pre("~", ty("int4")));
  add(pre("!!", ty("int4")));
  add(pre("-", lit("'1'")));
  add(op(ty("int4"), "pg_catalog.+", ty("int4")));
  add(op(ty("int4"), "nope.+", ty("int4")));
  // --- operators: strings
  add(op(ty("text"), "||", lit("'a'")));
  add(op(lit("'a'"), "||", ty("text")));
  add(op(lit("'a'"), "||", lit("'b'")));
  add(op(lit("'a'"), "||", num("1")));
  add(op(num("1"), "||", lit("'a'")));
  add(op(num("1"), "||", num("2")));
  add(op(ty("varchar"), "=", ty("text")));
  add(op(ty("varchar(10)"), "=", ty("varchar(10)")));
  add(op(ty("bpchar(3)"), "=", ty("text")));
  add(op(ty("bpchar(3)"), "||", ty("text")));
  add(op(ty("name"), "=", ty("text")));
  add(op(ty("int4"), "=", ty("text")));
  add(op(ty("int4"), "=", lit()));
  add(op(ty("text"), "~", lit("'a.*'")));
  add(op(ty("text"), "~~", lit("'a%'")));
  add(op(ty("varchar"), "~~*", lit("'a%'")));
  add(op(ty("text"), "<", lit()));
  add(op(ty("bytea"), "||", ty("bytea")));
  add(op(ty("text"), "@@", lit("'a'")));
  add(op(lit("'a'"), "@@", lit("'b'")));
  add(op(ty("tsvector"), "@@", ty("tsquery")));
  // --- operators: dates and times
  add(op(ty("date"), "+", ty("int4")));
  add(op(ty("date"), "-", ty("date")));
  add(op(ty("date"), "-", num("1")));
  add(op(ty("date"), "+", ty("interval")));
  add(op(ty("timestamptz"), "-", ty("interval")));
  add(op(ty("timestamptz"), "-", ty("timestamptz")));
  add(op(ty("timestamp"), "-", ty("timestamptz")));
  add(op(fn("now"), "-", ty("interval")));
  add(op(fn("now"), "-", lit("'2020-01-01'")));
  add(op(ty("date"), "+", ty("time")));
  add(op(ty("time"), "+", ty("date")));
  add(op(ty("interval"), "*", ty("float8")));
  add(op(ty("interval"), "*", num("2")));
  add(op(ty("date"), "<", ty("timestamptz")));
  // --- operators: json, arrays, ranges, network, geometry
  add(op(ty("jsonb"), "->", ty("text")));
  add(op(ty("jsonb"), "->", lit("'a'")));
  add(op(ty("jsonb"), "->", ty("int4")));
  add(op(ty("jsonb"), "->>", lit("'a'")));
  add(op(ty("json"), "->", lit("'a'")));
  add(op(ty("json"), "->>", ty("int4")));
  add(op(ty("jsonb"), "#>", ty("text[]")));
  add(op(ty("jsonb"), "#>>", lit("'{a}'")));
  add(op(ty("jsonb"), "@>", ty("jsonb")));
  add(op(ty("jsonb"), "?", lit("'a'")));
  add(op(ty("jsonb"), "?|", ty("text[]")));
  add(op(ty("jsonb"), "||", ty("jsonb")));
  add(op(ty("jsonb"), "-", lit("'a'")));
  add(op(ty("jsonb"), "-", ty("int4")));
  add(op(ty("int4[]"), "@>", ty("int4[]")));
  add(op(ty("int4[]"), "&&", ty("int8[]")));
  add(op(ty("int4[]"), "||", ty("int4")));
  add(op(ty("int4"), "||", ty("int4[]")));
  add(op(ty("int4[]"), "||", ty("int4[]")));
  add(op(ty("int4[]"), "||", ty("int8")));
  add(op(ty("text[]"), "||", lit("'{a}'")));
  add(op(ty("int4[]"), "=", ty("int4[]")));
  add(op(ty("int4[]"), "=", lit("'{1}'")));
  add(op(ty("intarr"), "@>", ty("int4[]")));
  add(op(ty("floatrange"), "&&", ty("floatrange")));
  add(op(ty("floatrange"), "@>", ty("float8")));
  add(op(ty("floatrange"), "@>", ty("int4")));
  add(op(ty("int4range"), "@>", num("1")));
  add(op(ty("int4range"), "*", ty("int4range")));
  add(op(ty("inet"), "<<", ty("inet")));
  add(op(ty("inet"), "+", ty("int8")));
  add(op(ty("point"), "<->", ty("point")));
  add(op(ty("uuid"), "=", lit()));
  add(op(ty("bit"), "&", ty("bit")));
  // --- operators: user types and extensions
  add(op(ty("mood"), "=", lit("'ok'")));
  add(op(ty("mood"), "<", ty("mood")));
  add(op(ty("mood"), "=", ty("text")));
  add(op(ty("pair"), "=", ty("pair")));
  add(op(ty("citext"), "=", ty("citext")));
  add(op(ty("citext"), "=", ty("text")));
  add(op(ty("citext"), "=", lit("'a'")));
  add(op(ty("citext"), "||", lit("'a'")));
  add(op(ty("email"), "=", lit("'a'")));
  add(op(ty("hstore"), "->", lit("'a'")));
  add(op(ty("hstore"), "->", ty("text[]")));
  add(op(ty("hstore"), "?", lit("'a'")));
  add(op(ty("hstore"), "||", ty("hstore")));
  // --- aggregates
  add(fn("sum", {ty("int2")}));
  add(fn("sum", {ty("int4")}));
  add(fn("sum", {ty("int8")}));
  add(fn("sum", {ty("numeric(10,2)")}));
  add(fn("sum", {ty("float4")}));
  add(fn("sum", {ty("interval")}));
  add(fn("sum", {ty("money")}));
  add(fn("sum", {ty("text")}));
  add(fn("sum", {lit("'1'")}));
  add(fn("sum", {ty("posint")}));
  add(fn("avg", {ty("int4")}));
  add(fn("avg", {ty("int8")}));
  add(fn("avg", {ty("float4")}));
  add(fn("avg", {ty("interval")}));
  add(fn("count", {}, star()));
  add(fn("count", {ty("text")}));
  add(fn("count", {lit("'a'")}));
  add(fn("count", {ty("int4")}, distinct()));
  add(fn("count", {}));
  add(fn("min", {ty("text")}));
  add(fn("max", {ty("int4[]")}));
  add(fn("max", {ty("date")}));
  add(fn("max", {ty("mood")}));
  add(fn("max", {lit("'a'")}));
  add(fn("max", {ty("citext")}));
  add(fn("max", {ty("posint")}));
  add(fn("array_agg", {ty("int4")}));
  add(fn("array_agg", {ty("int4[]")}));
  add(fn("array_agg", {ty("mood")}));
  add(fn("array_agg", {lit("'a'")}));
  add(fn("string_agg", {ty("text"), lit("','")}));
  add(fn("string_agg", {ty("varchar"), lit("','")}));
  add(fn("string_agg", {ty("bytea"), ty("bytea")}));
  add(fn("string_agg", {ty("int4"), lit("','")}));
  add(fn("bool_and", {ty("bool")}));
  add(fn("bit_and", {ty("int4")}));
  add(fn("json_agg", {ty("int4")}));
  add(fn("jsonb_object_agg", {lit("'k'"), ty("int4")}));
  add(fn("sum", {common("VALUES", {num("1"), num("2")})}));
  add(fn("sum", {common("VALUES", {num("1"), lit("'2'"), num("3000000000")})}));
  add(fn("avg", {common("VALUES", {lit("'1'"), lit("'2'")})}));
  add(fn("sum", {}, star()));
  add(fn("now", {}, star()));
  add(fn("lower", {ty("text")}, distinct()));
  add(within("percentile_cont", {num("0.5")}, {ty("float8")}));
  add(within("percentile_cont", {num("0.5")}, {ty("interval")}));
  add(within("percentile_disc", {num("0.5")}, {ty("int4")}));
  add(within("mode", {}, {ty("text")}));
  add(within("rank", {num("1")}, {ty("int4")}));
  add(fn("percentile_disc", {num("0.5")}));
  add(within("sum", {}, {ty("int4")}));
  // --- window functions
  add(fn("row_number", {}, over()));
  add(fn("rank", {}, over()));
  add(fn("lag", {ty("int4")}, over()));
  add(fn("lag", {ty("int4"), num("1"), lit()}, over()));
  add(fn("lag", {ty("int4"), num("1"), ty("numeric")}, over()));
  add(fn("ntile", {num("4")}, over()));
  add(fn("sum", {ty("int4")}, over()));
  add(fn("row_number", {}));
  add(fn("now", {}, over()));
  {
    analyze::CallFlags f = over();
    f.agg_distinct = true;
    add(fn("sum", {ty("int4")}, f));
  }
  // --- set-returning and scalar functions
  add(fn("generate_series", {ty("int4"), ty("int4")}));
  add(fn("generate_series", {num("1"), num("10")}));
  add(fn("generate_series", {ty("int8"), ty("int8")}));
  add(fn("generate_series", {ty("numeric"), num("10")}));
  add(fn("generate_series", {ty("timestamptz"), ty("timestamptz"), ty("interval")}));
  add(fn("generate_series", {ty("date"), ty("date"), lit("'1 day'")}));
  add(fn("generate_series", {lit(), lit()}));
  add(fn("unnest", {ty("int4[]")}));
  add(fn("unnest", {lit()}));
  add(fn("round", {ty("numeric"), ty("int4")}));
  add(fn("round", {ty("float8")}));
  add(fn("round", {ty("int4")}));
  add(fn("round", {ty("int4"), num("2")}));
  add(fn("round", {lit("'1.5'")}));
  add(fn("lower", {lit("'X'")}));
  add(fn("lower", {ty("int4")}));
  add(fn("lower", {ty("citext")}));
  add(fn("lower", {ty("floatrange")}));
  add(fn("lower", {ty("int4range")}));
  add(fn("upper", {ty("varchar(5)")}));
  add(fn("length", {lit("'abc'")}));
  add(fn("substr", {ty("text"), num("2")}));
  add(fn("concat", {lit("'a'"), num("1"), ty("date")}));
  add(fn("concat", {}));
  add(fn("concat_ws", {lit("','"), num("1"), ty("text")}));
  add(fn("format", {lit("'%s'")}));
  add(fn("format", {lit("'%s %s'"), num("1"), ty("text")}));
  add(fn("format", {num("1")}));
  add(fn("json_build_object", {lit("'a'"), num("1"), lit("'b'"), ty("text")}));
  add(fn("json_build_object", {}));
  add(fn("jsonb_build_array", {num("1"), ty("text")}));
  add(fn("concat", {ty("text[]")}, variadic()));
  add(fn("concat", {num("1")}, variadic()));
  add(fn("json_build_object", {ty("text[]")}, variadic()));
  add(fn("num_nulls", {num("1"), ty("text")}));
  add(fn("jsonb_extract_path", {ty("jsonb"), lit("'a'"), lit("'b'")}));
  add(fn("jsonb_extract_path", {ty("jsonb"), ty("text[]")}, variadic()));
  add(fn("to_char", {ty("timestamptz"), lit("'YYYY'")}));
  add(fn("to_char", {num("1"), lit("'999'")}));
  add(fn("to_timestamp", {lit("'1'")}));
  add(fn("date_trunc", {lit("'day'"), ty("timestamptz")}));
  add(fn("date_trunc", {lit("'day'"), ty("timestamp")}));
  add(fn("date_trunc", {lit("'day'"), ty("date")}));
  add(fn("date_part", {lit("'year'"), ty("date")}));
  add(fn("abs", {ty("int4")}));
  add(fn("abs", {lit("'1'")}));
  add(fn("array_length", {ty("int4[]"), num("1")}));
  add(fn("array_length", {lit("'{1}'"), num("1")}));
  add(fn("array_length", {ty("intarr"), num("1")}));
  add(fn("array_position", {ty("int4[]"), lit("'1'")}));
  add(fn("array_position", {ty("int4[]"), ty("int8")}));
  add(fn("array_append", {ty("int4[]"), lit()}));
  add(fn("array_append", {lit(), lit()}));
  add(fn("array_append", {ty("int4[]"), ty("text")}));
  add(fn("array_cat", {ty("int4[]"), ty("int8[]")}));
  add(fn("array_to_string", {ty("int4[]"), lit("','")}));
  add(fn("string_to_array", {ty("text"), lit("','")}));
  add(fn("array_fill", {num("1"), lit("'{2}'")}));
  add(fn("cardinality", {ty("intarr")}));
  add(fn("jsonb_set", {ty("jsonb"), lit("'{a}'"), lit("'1'")}));
  add(fn("jsonb_path_exists", {ty("jsonb"), lit("'$.a'")}));
  add(fn("jsonb_each", {ty("jsonb")}));
  add(fn("jsonb_array_elements", {ty("jsonb")}));
  add(fn("json_populate_record", {ty("pair"), ty("json")}));
  add(fn("jsonb_populate_record", {ty("items"), ty("jsonb")}));
  add(fn("to_jsonb", {lit("'a'")}));
  add(fn("to_json", {ty("int4")}));
  add(fn("row_to_json", {ty("pair")}));
  add(named("make_interval", {}, {{"days", num("1")}}));
  add(fn("make_interval", {num("1")}));
  add(named("make_interval", {}, {{"nope", num("1")}}));
  add(fn("enum_first", {ty("mood")}));
  add(fn("enum_range", {ty("mood")}));
  add(fn("enum_first", {lit()}));
  add(fn("pg_catalog.upper", {ty("text")}));
  // --- function-style casts
  add(fn("int4", {lit("'1'")}));
  add(fn("text", {ty("int4")}));
  add(fn("float8", {ty("int4")}));
  add(fn("int8", {ty("int4")}));
  add(fn("date", {ty("timestamptz")}));
  add(fn("pg_catalog.varchar", {ty("text")}));
  add(fn("mood", {lit("'ok'")}));
  add(fn("posint", {ty("int4")}));
  add(fn("citext", {lit("'a'")}));
  // --- user functions
  add(fn("f", {ty("int4")}));
  add(fn("f", {ty("int8")}));
  add(fn("f", {ty("int4"), lit("'b'")}));
  add(fn("public.f", {ty("int2")}));
  add(named("f", {ty("int4")}, {{"b", lit("'b'")}}));
  add(fn("g", {num("1"), ty("numeric"), lit("'2'")}));
  add(fn("g", {ty("int4[]")}, variadic()));
  add(fn("h", {ty("int4")}));
  add(fn("k", {ty("int4")}));
  add(fn("first_of", {ty("mood[]")}));
  add(fn("first_of", {ty("intarr")}));
  add(fn("first_of", {lit()}));
  add(fn("amb", {ty("int4")}));
  add(fn("pick", {ty("int4"), ty("numeric")}));
  add(fn("pick", {lit(), lit()}));
  add(fn("pick", {ty("int4"), ty("text")}));
  add(fn("greet", {lit("'x'")}));
  add(named("greet", {}, {{"name", lit("'x'")}}));
  add(named("greet", {lit("'x'")}, {{"greeting", lit("'yo'")}}));
  add(named("greet", {}, {{"nope", lit("'x'")}}));
  add(fn("vany", {ty("int4"), ty("int4")}));
  add(fn("vany", {ty("int4"), ty("text")}));
  add(fn("vany", {ty("int4[]")}, variadic()));
  add(fn("setf", {num("1")}));
  add(fn("tbl", {num("1")}));
  add(fn("app.fx", {num("1")}));
  add(fn("fx", {num("1")}));
  add(fn("nope.fx", {num("1")}));
  add(fn("p", {num("1")}));
  // --- common types
  add(case_else({ty("int4")}, lit()));
  add(case_else({lit("'a'")}, lit("'b'")));
  add(case_else({ty("int4")}, ty("numeric")));
  add(case_else({ty("int4")}, ty("text")));
  add(case_else({ty("text")}, ty("int4")));
  add(case_else({ty("varchar(10)")}, ty("varchar(10)")));
  add(case_no_else({ty("varchar(10)")}));
  add(case_else({ty("date")}, ty("timestamptz")));
  add(case_else({ty("mood")}, lit("'ok'")));
  add(case_else({ty("posint")}, ty("posint")));
  add(case_else({ty("posint")}, ty("int4")));
  add(case_else({ty("int4"), ty("int8")}, ty("int2")));
  add(case_else({ty("bool")}, ty("int4")));
  add(common("COALESCE", {ty("int4"), ty("int8")}));
  add(common("COALESCE", {lit(), lit()}));
  add(common("COALESCE", {ty("int4"), lit("'1'")}));
  add(common("COALESCE", {ty("text"), ty("int4")}));
  add(common("COALESCE", {ty("varchar(5)"), ty("varchar(5)")}));
  add(common("COALESCE", {ty("varchar(5)"), ty("varchar(10)")}));
  add(common("COALESCE", {ty("numeric(10,2)"), num("1")}));
  add(common("COALESCE", {ty("int4[]"), lit()}));
  add(common("COALESCE", {ty("citext"), ty("text")}));
  add(common("COALESCE", {ty("text"), ty("citext")}));
  add(common("COALESCE", {ty("float4"), ty("numeric")}));
  add(common("COALESCE", {ty("int2"), ty("int4"), ty("int8"), ty("numeric")}));
  add(common("COALESCE", {ty("email"), ty("email")}));
  add(common("GREATEST", {ty("int4"), ty("float8")}));
  add(common("LEAST", {ty("date"), ty("timestamp")}));
  add(common("GREATEST", {lit("'a'"), lit("'b'")}));
  add(common("GREATEST", {ty("int4"), ty("text")}));
  add(union_({ty("int4"), ty("int8")}));
  add(union_({lit(), num("1")}));
  add(union_({lit("'a'"), lit("'b'")}));
  add(union_({ty("text"), ty("int4")}));
  add(union_({ty("int4"), ty("numeric"), ty("float8")}));
  add(union_({ty("varchar(5)"), ty("varchar(5)")}));
  add(union_({ty("mood"), lit("'ok'")}));
  add(union_({ty("posint"), ty("posint")}));
  add(union_({ty("posint"), ty("int4")}));
  add(common("VALUES", {num("1"), lit(), num("3000000000")}));
  add(common("VALUES", {lit("'a'"), lit("'b'")}));
  add(common("VALUES", {num("1"), ty("text")}));
  add(common("VALUES", {ty("numeric(10,2)"), ty("numeric(10,2)")}));
  add(array({ty("int4"), ty("int8")}));
  add(array({lit("'a'"), lit("'b'")}));
  add(array({ty("int4"), ty("text")}));
  add(array({ty("varchar(3)")}));
  add(array({ty("int4[]"), ty("int4[]")}));
  add(array({ty("mood"), lit("'ok'")}));
  // --- casts
  add(cast(ty("int4"), "text"));
  add(cast(ty("text"), "int4"));
  add(cast(ty("int4"), "date"));
  add(cast(ty("mood"), "text"));
  add(cast(ty("text"), "mood"));
  add(cast(ty("int4[]"), "text[]"));
  add(cast(ty("int4"), "posint"));
  add(cast(ty("pair"), "text"));
  add(cast(ty("jsonb"), "int4"));
  add(cast(ty("date"), "int4"));
  add(cast(lit(), "varchar(10)"));
  add(cast(ty("int4"), "varchar(3)"));
  add(cast(ty("int4[]"), "date[]"));
  add(cast(ty("citext"), "text"));
  // --- more operators
  add(op(lit("'a'"), "=", lit("'b'")));
  add(op(ty("int2"), "+", num("1")));
  add(op(ty("int2"), "+", lit("'1'")));
  add(op(num("1.5"), "+", num("1")));
  add(op(ty("float4"), "+", num("1.5")));
  add(op(ty("json"), "=", ty("json")));
  add(op(ty("interval"), "/", num("2")));
  add(op(ty("int4"), "^", num("2")));
  add(op(num("2"), "^", num("2.0")));
  add(op(ty("bpchar(3)"), "=", lit("'a'")));
  add(op(ty("varchar"), "=", lit("'a'")));
  add(op(lit("'{1}'"), "@>", ty("int4[]")));
  add(op(ty("text"), "<@", ty("text")));
  add(op(ty("timestamp"), "+", ty("time")));
  add(op(ty("int4multirange"), "@>", num("1")));
  add(op(ty("floatrange"), "+", ty("floatrange")));
  add(op(ty("floatrange"), "-", lit()));
  // --- more functions
  add(fn("length", {ty("varchar")}));
  add(fn("range_agg", {ty("int4range")}));
  add(fn("range_agg", {ty("floatrange")}));
  add(fn("multirange", {ty("floatrange")}));
  add(fn("unnest", {ty("int4multirange")}));
  add(fn("lower", {ty("int4multirange")}));
  add(fn("isempty", {ty("floatrange")}));
  add(fn("floatrange", {num("1"), num("2")}));
  add(fn("int4range", {num("1"), num("2"), lit("'[]'")}));
  add(fn("width_bucket", {num("5"), array({num("1"), num("2")})}));
  add(fn("array_remove", {ty("int4[]"), num("1")}));
  add(fn("array_replace", {ty("int4[]"), num("1"), ty("int8")}));
  add(fn("hstore", {lit("'a'"), lit("'b'")}));
  add(fn("akeys", {ty("hstore")}));
  add(fn("each", {ty("hstore")}));
  add(fn("to_tsvector", {lit("'a'")}));
  add(fn("to_tsvector", {lit("'english'"), ty("text")}));
  add(fn("nextval", {lit()}));
  add(fn("pg_typeof", {num("1")}));
  add(fn("encode", {ty("bytea"), lit("'hex'")}));
  add(fn("md5", {lit("'a'")}));
  add(fn("gen_random_uuid"));
  add(fn("pg_catalog.extract", {lit("'year'"), ty("timestamptz")}));
  add(fn("age", {ty("date")}));
  add(fn("json_extract_path_text", {ty("json"), ty("text[]")}, variadic()));
  add(fn("regexp_matches", {ty("citext"), lit("'a'")}));
  add(fn("replace", {ty("citext"), lit("'a'"), lit("'b'")}));
  add(fn("split_part", {ty("citext"), lit("','"), num("1")}));
  add(fn("nlevel", {ty("text")}));
  add(fn("num_nonnulls"));
  add(fn("format"));
  add(fn("g"));
  add(fn("greet"));
  add(fn("f", {lit()}));
  add(fn("f", {num("1"), lit()}));
  add(named("f", {}, {{"b", lit("'x'")}, {"a", num("1")}}));
  add(named("f", {num("1")}, {{"a", num("2")}}));
  add(fn("array_agg", {ty("int4")}, distinct()));
  add(fn("json_object_agg", {ty("text"), ty("int4")}));
  add(fn("sum", {ty("int4"), ty("int4")}));
  // --- more common types and casts
  add(case_else({lit("'1'")}, ty("posint")));
  add(common("VALUES", {ty("posint"), lit()}));
  add(common("COALESCE", {ty("posint")}));
  add(array({ty("posint")}));
  add(array({ty("pair")}));
  add(array({ty("items")}));
  add(common("GREATEST", {ty("mood"), lit("'ok'")}));
  add(common("COALESCE", {ty("int4range"), ty("floatrange")}));
  add(common("COALESCE", {ty("json"), ty("jsonb")}));
  add(common("COALESCE", {ty("date"), ty("time")}));
  add(common("COALESCE", {ty("timestamp"), ty("date")}));
  add(common("COALESCE", {ty("bpchar(5)"), ty("varchar(5)")}));
  add(union_({ty("varchar(5)"), ty("varchar(10)")}));
  add(union_({ty("int4"), ty("int4"), ty("text")}));
  add(cast(ty("int4"), "bool"));
  add(cast(ty("bool"), "text"));
  add(cast(ty("text"), "pair"));
  add(cast(ty("int4"), "pair"));
  add(cast(ty("int4range"), "int8range"));
  add(cast(ty("posint"), "int8"));
  add(cast(ty("int4[]"), "posint[]"));
  add(cast(ty("citext"), "int4"));
  add(cast(ty("hstore"), "json"));
  add(cast(ty("text[]"), "hstore"));
  add(cast(ty("money"), "numeric"));
  add(cast(ty("items"), "pair"));
  // --- polymorphism with unknowns, arrays, domains and enums
  add(op(lit("'{1}'"), "||", ty("int4[]")));
  add(op(ty("mood"), "||", lit("'a'")));
  add(op(ty("int4"), "||", ty("text")));
  add(op(ty("int4[]"), "||", ty("text")));
  add(op(ty("text"), "||", ty("text[]")));
  add(op(ty("varchar"), "||", ty("varchar[]")));
  add(op(lit("'a'"), "||", ty("varchar")));
  add(op(ty("date"), "-", lit()));
  add(pre("@", ty("posint")));
  add(pre("-", ty("int2")));
  add(op(ty("oid"), "=", num("1")));
  add(op(ty("int8"), "+", ty("int2")));
  add(op(ty("int2"), "*", num("2.5")));
  add(op(ty("float4"), "*", num("2")));
  add(op(ty("money"), "+", num("1")));
  add(op(num("1"), "+", ty("posint")));
  add(op(ty("bit(3)"), "||", ty("bit(3)")));
  add(op(ty("text"), "~", ty("citext")));
  add(op(ty("email"), "||", lit("'a'")));
  add(fn("date", {lit("'2020-01-01'")}));
  add(fn("timestamptz", {ty("date")}));
  add(fn("text", {ty("mood")}));
  add(fn("text", {ty("pair")}));
  add(fn("int4", {ty("float8")}));
  add(fn("bool", {lit("'t'")}));
  add(fn("citext", {ty("text")}));
  add(fn("name", {ty("varchar")}));
  add(fn("array_agg", {ty("posint")}));
  add(fn("max", {ty("email")}));
  add(fn("lower", {ty("email")}));
  add(fn("row_to_json", {ty("items")}));
  add(fn("first_value", {ty("posint")}, over()));
  add(fn("lag", {ty("posint"), num("1"), ty("int4")}, over()));
  add(fn("lag", {ty("posint"), num("1"), ty("posint")}, over()));
  add(fn("array_position", {ty("mood[]"), lit("'ok'")}));
  add(fn("unnest", {ty("intarr")}));
  add(fn("jsonb_build_object", {ty("text[]")}, variadic()));
  add(fn("pick", {ty("posint"), ty("posint")}));
  add(fn("pick", {ty("posint"), ty("int4")}));
  add(fn("first_of", {ty("posint[]")}));
  add(fn("enum_first", {ty("int4")}));
  add(fn("range_merge", {ty("int4multirange")}));
  add(fn("range_merge", {ty("floatmultirange")}));
  add(fn("array_cat", {ty("int4[]"), ty("text[]")}));
  add(fn("array_dims", {lit()}));
  add(common("COALESCE", {ty("posint"), num("1")}));
  add(common("GREATEST", {ty("email"), lit("'a'")}));
  add(common("COALESCE", {ty("mood"), ty("text")}));
  add(common("COALESCE", {ty("int4[]"), ty("int8[]")}));
  add(common("COALESCE", {ty("int4[]"), ty("text[]")}));
  add(common("COALESCE", {ty("pair"), ty("items")}));
  add(common("COALESCE", {ty("floatrange"), ty("floatrange")}));
  add(array({ty("int4"), ty("posint")}));
  add(array({ty("email"), ty("email")}));
  // --- type names in messages
  add(op(ty("bpchar(3)"), "+", num("1")));
  add(op(ty("varchar(3)"), "+", num("1")));
  add(op(ty("app.color"), "+", num("1")));
  add(op(ty("app.color"), "=", lit("'red'")));
  add(fn("lower", {ty("app.color[]")}));
  add(op(ty("information_schema.cardinal_number"), "+", num("1")));
  add(common("COALESCE",
             {ty("information_schema.cardinal_number"), ty("information_schema.cardinal_number")}));
  add(fn("upper", {ty("information_schema.character_data")}));
  add(op(ty("timestamp(3)"), "-", ty("time(2)")));
  add(common("COALESCE", {ty("timestamptz(3)"), ty("timestamptz(3)")}));
  add(common("COALESCE", {ty("interval"), ty("time")}));
  return c;
}

/// A libpq connection closed on scope exit.
struct Conn {
  PGconn* conn;
  explicit Conn(const std::string& conninfo) : conn(PQconnectdb(conninfo.c_str())) {}
  ~Conn() { PQfinish(conn); }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
};

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

ResultPtr exec(PGconn* conn, const std::string& sql) {
  return ResultPtr(PQexec(conn, sql.c_str()), &PQclear);
}

/// PostgreSQL's answer: the result column formatted by format_type, or the primary error
/// message. PREPARE + describe gives errors and typmods, but reports domains as their base
/// types; a temporary view's column shows the domain (views refuse pseudo-type columns
/// such as record, where the described type is used).
std::string postgres_answer(PGconn* conn, const std::string& select) {
  ResultPtr prep(PQprepare(conn, "", select.c_str(), 0, nullptr), &PQclear);
  if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) {
    const char* msg = PQresultErrorField(prep.get(), PG_DIAG_MESSAGE_PRIMARY);
    return std::string("ERROR: ") + (msg ? msg : PQerrorMessage(conn));
  }
  // Describe first: the simple-query protocol below drops the unnamed statement.
  ResultPtr desc(PQdescribePrepared(conn, ""), &PQclear);
  REQUIRE(PQresultStatus(desc.get()) == PGRES_COMMAND_OK);
  std::string oid = std::to_string(PQftype(desc.get(), 0));
  std::string mod = std::to_string(PQfmod(desc.get(), 0));
  std::string query = "SELECT format_type(" + oid + ", " + mod + ")";
  ResultPtr view = exec(conn, "CREATE TEMP VIEW oracle_v AS " + select);
  bool have_view = PQresultStatus(view.get()) == PGRES_COMMAND_OK;
  if (have_view) {
    query =
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'oracle_v'::regclass AND attnum = 1";
  }
  ResultPtr fmt = exec(conn, query);
  REQUIRE(PQresultStatus(fmt.get()) == PGRES_TUPLES_OK);
  std::string answer = PQgetvalue(fmt.get(), 0, 0);
  if (have_view)
    REQUIRE(PQresultStatus(exec(conn, "DROP VIEW oracle_v").get()) == PGRES_COMMAND_OK);
  return answer;
}

/// sqlgen's answer in the same form; a top-level unknown becomes text, as in a SELECT list.
std::string sqlgen_answer(const catalog::Catalog& cat, const Node& n) {
  Outcome o = evaluate(cat, n);
  if (!o.error.empty()) return "ERROR: " + o.error;
  if (o.type.oid == analyze::pseudo_oid::k_unknown_oid)
    o.type = ExprType{analyze::pseudo_oid::k_text, -1};
  return analyze::format(cat, o.type);
}

catalog::Catalog setup_catalog() {
  catalog::Catalog cat;
  diag::DiagnosticEngine diags;
  diag::SourcePtr src = diag::make_source("setup.sql", k_setup);
  for (const parse::StmtPtr& st : parse::parse_file(src, diags)) cat.apply(*st, src, diags);
  REQUIRE(diags.error_count() == 0);
  return cat;
}

}  // namespace

TEST_CASE("resolution equals PostgreSQL's for operators, functions and common types",
          "[resolve][oracle]") {
  catalog::Catalog cat = setup_catalog();
  testing::FreshDatabase db = testing::fresh_database(k_setup);
  Conn conn(db.conninfo());
  REQUIRE(PQstatus(conn.conn) == CONNECTION_OK);

  std::vector<Node> all = cases();
  REQUIRE(all.size() >= 150);
  size_t matched = 0;
  size_t errors = 0;
  std::string table = "| SQL | PostgreSQL | sqlgen |\n|---|---|---|\n";
  for (const Node& n : all) {
    std::string sql = "SELECT " + render(n) + " AS x";
    std::string theirs = postgres_answer(conn.conn, sql);
    errors += theirs.rfind("ERROR: ", 0) == 0;
    std::string ours = sqlgen_answer(cat, n);
    if (theirs == ours) {
      ++matched;
    } else {
      table += "| " + sql + " | " + theirs + " | " + ours + " |\n";
    }
  }
  INFO(table);
  INFO(matched << "/" << all.size() << " expressions matched");
  CHECK(matched == all.size());
  if (std::getenv("SQLGEN_ORACLE_SUMMARY")) {
    std::printf("resolve oracle: %zu/%zu matched (%zu PostgreSQL errors)\n", matched, all.size(),
                errors);
  }
}
