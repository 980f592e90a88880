// Tests of the generated PostgreSQL 15 builtin catalog. Expected strings and typmods were
// checked against a live PostgreSQL 15 (format_type(), pg_attribute.atttypmod, errors).

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "catalog/builtins.hpp"

namespace bi = sqlgen::catalog::builtins;
using bi::Oid;

namespace {

const bi::BuiltinType& type_named(std::string_view schema, std::string_view name) {
  const bi::BuiltinType* t = bi::find_type(schema, name);
  REQUIRE(t != nullptr);
  return *t;
}

const bi::BuiltinType* extension_type(std::string_view ext, std::string_view name) {
  const bi::ExtensionObjects* objects = bi::extension_objects(ext);
  REQUIRE(objects != nullptr);
  for (const bi::BuiltinType* t : objects->types) {
    if (t->name == name) return t;
  }
  return nullptr;
}

const bi::BuiltinProc* extension_proc(std::string_view ext, std::string_view name) {
  const bi::ExtensionObjects* objects = bi::extension_objects(ext);
  REQUIRE(objects != nullptr);
  for (const bi::BuiltinProc* p : objects->procs) {
    if (p->name == name) return p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("builtins: well-known type oids", "[builtins]") {
  CHECK(type_named("pg_catalog", "int4").oid == 23);
  CHECK(type_named("pg_catalog", "text").oid == 25);
  CHECK(type_named("pg_catalog", "bool").oid == 16);
  CHECK(type_named("pg_catalog", "int8").oid == 20);
  CHECK(type_named("pg_catalog", "varchar").oid == 1043);
  CHECK(type_named("pg_catalog", "numeric").oid == 1700);
  CHECK(type_named("pg_catalog", "timestamptz").oid == 1184);
  CHECK(type_named("pg_catalog", "uuid").oid == 2950);
  CHECK(type_named("pg_catalog", "jsonb").oid == 3802);

  const bi::BuiltinType* int4 = bi::find_type(23);
  REQUIRE(int4 != nullptr);
  CHECK(int4->name == "int4");
  CHECK(int4->schema == "pg_catalog");
  CHECK(int4->extension.empty());
  CHECK(int4->typtype == 'b');
  CHECK(int4->category == 'N');
  CHECK(int4->len == 4);
  CHECK(int4->array == 1007);
  CHECK_FALSE(int4->is_array());

  const bi::BuiltinType* int4_array = bi::find_type(1007);
  REQUIRE(int4_array != nullptr);
  CHECK(int4_array->name == "_int4");
  CHECK(int4_array->elem == 23);
  CHECK(int4_array->category == 'A');
  CHECK(int4_array->is_array());

  CHECK(bi::find_type(25)->preferred);
  CHECK(bi::find_type(25)->collatable);
  CHECK(bi::find_type(2276)->typtype == 'p');
  CHECK(bi::find_type(999999) == nullptr);
  CHECK(bi::find_type("pg_catalog", "no_such_type") == nullptr);
}

TEST_CASE("builtins: ranges and domains", "[builtins]") {
  const bi::BuiltinType& int4range = type_named("pg_catalog", "int4range");
  CHECK(int4range.oid == 3904);
  CHECK(int4range.typtype == 'r');
  CHECK(int4range.range_subtype == 23);
  CHECK(int4range.range_link == 4451);
  const bi::BuiltinType& multi = type_named("pg_catalog", "int4multirange");
  CHECK(multi.typtype == 'm');
  CHECK(multi.range_link == 3904);
  CHECK(multi.range_subtype == 23);

  const bi::BuiltinType& yes_or_no = type_named("information_schema", "yes_or_no");
  CHECK(yes_or_no.typtype == 'd');
  CHECK(yes_or_no.base_type == 1043);
  CHECK(yes_or_no.typmod == 7);
}

TEST_CASE("builtins: rows are ordered and unique by oid", "[builtins]") {
  auto types = bi::all_types();
  CHECK(types.size() > 190);
  CHECK(std::adjacent_find(types.begin(), types.end(), [](const auto& a, const auto& b) {
          return a.oid >= b.oid;
        }) == types.end());
  auto procs = bi::all_procs();
  CHECK(procs.size() > 3000);
  CHECK(std::adjacent_find(procs.begin(), procs.end(), [](const auto& a, const auto& b) {
          return a.oid >= b.oid;
        }) == procs.end());
  auto opers = bi::all_operators();
  CHECK(opers.size() > 790);
  CHECK(std::adjacent_find(opers.begin(), opers.end(), [](const auto& a, const auto& b) {
          return a.oid >= b.oid;
        }) == opers.end());
  auto casts = bi::all_casts();
  CHECK(casts.size() > 229);
  CHECK(std::adjacent_find(casts.begin(), casts.end(), [](const auto& a, const auto& b) {
          return std::pair{a.source, a.target} >= std::pair{b.source, b.target};
        }) == casts.end());
}

TEST_CASE("builtins: function overloads", "[builtins]") {
  CHECK(bi::find_procs("generate_series").size() == 8);
  CHECK(bi::find_procs("abs").size() == 6);
  CHECK(bi::find_procs("count").size() == 2);
  CHECK(bi::find_procs("sum").size() == 8);
  CHECK(bi::find_procs("max").size() == 22);
  CHECK(bi::find_procs("unnest").size() == 3);
  CHECK(bi::find_procs("lower").size() == 3);
  CHECK(bi::find_procs("no_such_function").empty());
  // Extension functions are not visible by name until the extension is installed.
  CHECK(bi::find_procs("gen_random_uuid").size() == 1);  // core since PG13
  CHECK(bi::find_procs("crypt").empty());
  CHECK(bi::find_procs("uuid_generate_v4").empty());

  const bi::BuiltinProc* now = bi::find_procs("now").front();
  CHECK(now->ret_type == 1184);
  CHECK(now->volatility == 's');
  CHECK(now->nargs == 0);

  auto sums = bi::find_procs("sum");
  CHECK(std::all_of(sums.begin(), sums.end(),
                    [](const bi::BuiltinProc* p) { return p->kind == 'a' && p->agg_kind == 'n'; }));
  CHECK(bi::find_procs("row_number").front()->kind == 'w');
  CHECK(bi::find_procs("percentile_cont").front()->agg_kind == 'o');
  CHECK(bi::find_procs("rank").size() == 2);

  const bi::BuiltinProc* concat = bi::find_procs("concat").front();
  CHECK(concat->variadic_type == 2276);
  CHECK(concat->arg_types == std::vector<Oid>{2276});
  CHECK(concat->arg_modes == "v");
}

TEST_CASE("builtins: set-returning function columns", "[builtins]") {
  const bi::BuiltinProc* json_each = bi::find_proc(3958);
  REQUIRE(json_each != nullptr);
  CHECK(json_each->name == "json_each");
  CHECK(json_each->retset);
  CHECK(json_each->strict);
  CHECK(json_each->volatility == 'i');
  CHECK(json_each->arg_types == std::vector<Oid>{114});
  CHECK(json_each->all_arg_types == std::vector<Oid>{114, 25, 114});
  CHECK(json_each->arg_modes == "ioo");
  CHECK(json_each->arg_names == std::vector<std::string_view>{"from_json", "key", "value"});
  auto cols = bi::out_columns(*json_each);
  REQUIRE(cols.size() == 2);
  CHECK(cols[0].name == "key");
  CHECK(cols[0].type == 25);
  CHECK(cols[1].name == "value");
  CHECK(cols[1].type == 114);

  for (const bi::BuiltinProc* p : bi::find_procs("generate_series")) {
    CHECK(p->retset);
    CHECK(bi::out_columns(*p).empty());
  }
}

TEST_CASE("builtins: operators", "[builtins]") {
  const bi::BuiltinOperator* eq = bi::find_operator("=", 23, 23);
  REQUIRE(eq != nullptr);
  CHECK(eq->oid == 96);
  CHECK(eq->kind == 'b');
  CHECK(eq->result == 16);
  CHECK(eq->commutator == 96);
  CHECK(eq->negator == 518);
  const bi::BuiltinProc* int4eq = bi::find_proc(eq->proc);
  REQUIRE(int4eq != nullptr);
  CHECK(int4eq->name == "int4eq");
  CHECK(int4eq->strict);

  CHECK(bi::find_operators("=").size() > 50);
  CHECK(bi::find_operator(96) == eq);
  const bi::BuiltinOperator* neg = bi::find_operator("-", 0, 23);
  REQUIRE(neg != nullptr);
  CHECK(neg->kind == 'l');
  CHECK(neg->result == 23);
  CHECK(bi::find_operator("||", 25, 25) != nullptr);
  CHECK(bi::find_operator("=", 23, 25) == nullptr);
}

TEST_CASE("builtins: casts", "[builtins]") {
  const bi::BuiltinCast* widen = bi::find_cast(23, 20);
  REQUIRE(widen != nullptr);
  CHECK(widen->func == 481);
  CHECK(widen->context == 'i');
  CHECK(widen->method == 'f');
  const bi::BuiltinCast* narrow = bi::find_cast(20, 23);
  REQUIRE(narrow != nullptr);
  CHECK(narrow->context == 'a');
  const bi::BuiltinCast* binary = bi::find_cast(25, 1043);
  REQUIRE(binary != nullptr);
  CHECK(binary->func == 0);
  CHECK(binary->method == 'b');
  CHECK(bi::find_cast(16, 1184) == nullptr);
}

TEST_CASE("builtins: extensions", "[builtins]") {
  auto names = bi::known_extensions();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(names.size() >= 40);  // Debian's postgresql-15 contrib (see "contrib extensions")
  CHECK(bi::extension_objects("postgis") == nullptr);

  const bi::BuiltinType* citext = extension_type("citext", "citext");
  REQUIRE(citext != nullptr);
  CHECK(citext->extension == "citext");
  CHECK(citext->oid >= bi::k_first_extension_oid);
  CHECK(citext->category == 'S');
  CHECK(bi::find_type(citext->oid) == citext);
  const bi::BuiltinType* citext_array = bi::find_type(citext->array);
  REQUIRE(citext_array != nullptr);
  CHECK(citext_array->elem == citext->oid);
  CHECK(citext_array->extension == "citext");
  CHECK(bi::find_type("pg_catalog", "citext") == nullptr);
  const bi::BuiltinOperator* citext_eq = bi::find_operator("=", citext->oid, citext->oid);
  REQUIRE(citext_eq != nullptr);
  CHECK(citext_eq->extension == "citext");
  CHECK(bi::find_proc(citext_eq->proc)->name == "citext_eq");
  const bi::BuiltinCast* to_text = bi::find_cast(citext->oid, 25);
  REQUIRE(to_text != nullptr);
  CHECK(to_text->context == 'i');
  CHECK(bi::extension_objects("citext")->casts.size() == 8);

  const bi::BuiltinProc* gen = extension_proc("pgcrypto", "gen_random_uuid");
  REQUIRE(gen != nullptr);
  CHECK(gen->ret_type == 2950);
  CHECK(gen->volatility == 'v');
  const bi::BuiltinProc* crypt = extension_proc("pgcrypto", "crypt");
  REQUIRE(crypt != nullptr);
  CHECK(crypt->arg_types == std::vector<Oid>{25, 25});
  CHECK(crypt->ret_type == 25);
  CHECK(crypt->strict);

  const bi::BuiltinProc* v4 = extension_proc("uuid-ossp", "uuid_generate_v4");
  REQUIRE(v4 != nullptr);
  CHECK(v4->ret_type == 2950);
  CHECK(v4->nargs == 0);
  CHECK(bi::extension_objects("uuid-ossp")->types.empty());

  const bi::BuiltinType* hstore = extension_type("hstore", "hstore");
  REQUIRE(hstore != nullptr);
  const bi::BuiltinOperator* arrow = bi::find_operator("->", hstore->oid, 25);
  REQUIRE(arrow != nullptr);
  CHECK(arrow->result == 25);
  CHECK(arrow->extension == "hstore");
  CHECK(bi::find_operator("?", hstore->oid, 25)->result == 16);
  CHECK(bi::find_cast(hstore->oid, 3802) != nullptr);

  const bi::BuiltinType* ltree = extension_type("ltree", "ltree");
  const bi::BuiltinType* lquery = extension_type("ltree", "lquery");
  REQUIRE(ltree != nullptr);
  REQUIRE(lquery != nullptr);
  CHECK(extension_type("ltree", "ltxtquery") != nullptr);
  const bi::BuiltinOperator* anc = bi::find_operator("@>", ltree->oid, ltree->oid);
  REQUIRE(anc != nullptr);
  CHECK(anc->result == 16);
  CHECK(bi::find_operator("~", ltree->oid, lquery->oid) != nullptr);
  CHECK(bi::format_type(ltree->oid) == "ltree");
  CHECK(bi::format_type(ltree->array) == "ltree[]");
}

TEST_CASE("builtins: format_type matches PostgreSQL", "[builtins]") {
  struct Case {
    Oid oid;
    int32_t typmod;
    const char* expected;
  };
  const Case cases[] = {
      {1043, 44, "character varying(40)"},
      {1043, -1, "character varying"},
      {1043, 2, "character varying"},
      {1700, 655366, "numeric(10,2)"},
      {1700, 329731, "numeric(5,-1)"},
      {1700, 3, "numeric"},
      {1700, -1, "numeric"},
      {1114, 6, "timestamp(6) without time zone"},
      {1114, -1, "timestamp without time zone"},
      {1184, -1, "timestamp with time zone"},
      {1184, 3, "timestamp(3) with time zone"},
      {1007, -1, "integer[]"},
      {1015, 44, "character varying(40)[]"},
      {1562, 5, "bit varying(5)"},
      {1560, -1, "\"bit\""},
      {1560, 1, "bit(1)"},
      {1266, 3, "time(3) with time zone"},
      {1083, -1, "time without time zone"},
      {1083, 0, "time(0) without time zone"},
      {1186, -1, "interval"},
      {1186, 2147418115, "interval(3)"},
      {1186, 458751, "interval year to month"},
      {1186, 327679, "interval year"},
      {1186, 196607, "interval month"},
      {1186, 268500991, "interval second"},
      {1186, 268435459, "interval second(3)"},
      {1186, 470351871, "interval day to second"},
      {1186, 470286338, "interval day to second(2)"},
      {1186, 201392127, "interval hour to minute"},
      {1186, 402718719, "interval minute to second"},
      {18, -1, "\"char\""},
      {1002, -1, "\"char\"[]"},
      {1042, 5, "character(1)"},
      {1042, 14, "character(10)"},
      {1042, -1, "bpchar"},
      {1014, 5, "character(1)[]"},
      {25, 5, "text(5)"},
      {25, -1, "text"},
      {23, 7, "integer"},
      {16, -1, "boolean"},
      {700, -1, "real"},
      {701, -1, "double precision"},
      {21, -1, "smallint"},
      {20, -1, "bigint"},
      {2276, -1, "\"any\""},
      {19, -1, "name"},
      {22, -1, "int2vector"},
      {30, -1, "oidvector"},
      {600, -1, "point"},
      {3904, -1, "int4range"},
      {4451, -1, "int4multirange"},
      {1561, -1, "\"bit\"[]"},
      {1185, 2, "timestamp(2) with time zone[]"},
      {1231, 655364, "numeric(10,0)[]"},
      {3802, -1, "jsonb"},
      {2249, -1, "record"},
      {2287, -1, "record[]"},
      {2277, -1, "anyarray"},
      {2275, -1, "cstring"},
      {0, -1, "-"},
      {999999, -1, "???"},
  };
  for (const Case& c : cases) {
    INFO("oid " << c.oid << " typmod " << c.typmod);
    CHECK(bi::format_type(c.oid, c.typmod) == c.expected);
  }
  // format_type(oid, NULL)
  CHECK(bi::format_type(1042, -1, false) == "character");
  CHECK(bi::format_type(1560, -1, false) == "bit");
  CHECK(bi::format_type(1043, 44, false) == "character varying");
  CHECK(bi::format_type(1015, 44, false) == "character varying[]");
  CHECK(bi::format_type(1014, 5, false) == "character[]");
  CHECK(bi::format_type(type_named("information_schema", "cardinal_number").oid) ==
        "information_schema.cardinal_number");
}

TEST_CASE("builtins: compute_typmod matches PostgreSQL", "[builtins]") {
  struct Case {
    Oid oid;
    std::vector<int64_t> args;
    int32_t expected;
  };
  const std::vector<Case> cases = {
      {1043, {40}, 44},
      {1015, {40}, 44},
      {1700, {10, 2}, 655366},
      {1700, {5}, 327684},
      {1700, {5, -1}, 329731},
      {1700, {1000, 1000}, 65537004},
      {1114, {6}, 6},
      {1184, {3}, 3},
      {1042, {1}, 5},
      {1042, {10}, 14},
      {1560, {1}, 1},
      {1560, {5}, 5},
      {1562, {5}, 5},
      {1083, {3}, 3},
      {1266, {0}, 0},
      {1186, {}, -1},
      {1186, {32767}, -1},
      {1186, {32767, 3}, 2147418115},
      {1186, {32767, 6}, 2147418118},
      {1186, {6}, 458751},
      {1186, {4}, 327679},
      {1186, {1024}, 67174399},
      {1186, {4096, 3}, 268435459},
      {1186, {7176, 2}, 470286338},
      {1186, {6144}, 402718719},
      {25, {}, -1},
  };
  for (const Case& c : cases) {
    INFO("oid " << c.oid << " args " << c.args.size());
    bi::TypmodResult r = bi::compute_typmod(c.oid, c.args);
    CHECK(r.ok());
    CHECK(r.error.empty());
    CHECK(r.warning.empty());
    CHECK(r.typmod == c.expected);
  }
}

TEST_CASE("builtins: compute_typmod clamps with PostgreSQL's warnings", "[builtins]") {
  struct Case {
    Oid oid;
    std::vector<int64_t> args;
    int32_t expected;
    const char* warning;
  };
  const std::vector<Case> cases = {
      {1114, {9}, 6, "TIMESTAMP(9) precision reduced to maximum allowed, 6"},
      {1184, {7}, 6, "TIMESTAMP(7) WITH TIME ZONE precision reduced to maximum allowed, 6"},
      {1266, {9}, 6, "TIME(9) WITH TIME ZONE precision reduced to maximum allowed, 6"},
      {1083, {7}, 6, "TIME(7) precision reduced to maximum allowed, 6"},
      {1186, {32767, 7}, 2147418118, "INTERVAL(7) precision reduced to maximum allowed, 6"},
  };
  for (const Case& c : cases) {
    bi::TypmodResult r = bi::compute_typmod(c.oid, c.args);
    CHECK(r.ok());
    CHECK(r.typmod == c.expected);
    CHECK(r.warning == c.warning);
  }
}

TEST_CASE("builtins: compute_typmod errors match PostgreSQL", "[builtins]") {
  struct Case {
    Oid oid;
    std::vector<int64_t> args;
    const char* error;
  };
  const std::vector<Case> cases = {
      {1043, {0}, "length for type varchar must be at least 1"},
      {1043, {-1}, "length for type varchar must be at least 1"},
      {1043, {10485761}, "length for type varchar cannot exceed 10485760"},
      {1043, {1, 2}, "invalid type modifier"},
      {1042, {0}, "length for type char must be at least 1"},
      {1042, {10485761}, "length for type char cannot exceed 10485760"},
      {1560, {0}, "length for type bit must be at least 1"},
      {1560, {83886081}, "length for type bit cannot exceed 83886080"},
      {1560, {1, 2}, "invalid type modifier"},
      {1562, {0}, "length for type varbit must be at least 1"},
      {1700, {0}, "NUMERIC precision 0 must be between 1 and 1000"},
      {1700, {-5}, "NUMERIC precision -5 must be between 1 and 1000"},
      {1700, {1001}, "NUMERIC precision 1001 must be between 1 and 1000"},
      {1700, {5, 1001}, "NUMERIC scale 1001 must be between -1000 and 1000"},
      {1700, {5, -1001}, "NUMERIC scale -1001 must be between -1000 and 1000"},
      {1700, {1, 2, 3}, "invalid NUMERIC type modifier"},
      {1114, {-1}, "TIMESTAMP(-1) precision must not be negative"},
      {1184, {-1}, "TIMESTAMP(-1) WITH TIME ZONE precision must not be negative"},
      {1083, {-1}, "TIME(-1) precision must not be negative"},
      {1266, {-1}, "TIME(-1) WITH TIME ZONE precision must not be negative"},
      {1114, {1, 2}, "invalid type modifier"},
      {1083, {1, 2}, "invalid type modifier"},
      {1186, {32767, -1}, "INTERVAL(-1) precision must not be negative"},
      {1186, {5}, "invalid INTERVAL type modifier"},
      {1186, {1, 2, 3}, "invalid INTERVAL type modifier"},
      {25, {5}, "type modifier is not allowed for type \"text\""},
      {23, {3}, "type modifier is not allowed for type \"int4\""},
      {114, {2}, "type modifier is not allowed for type \"json\""},
  };
  for (const Case& c : cases) {
    INFO("oid " << c.oid);
    bi::TypmodResult r = bi::compute_typmod(c.oid, c.args);
    CHECK_FALSE(r.ok());
    CHECK(r.error == c.error);
  }
}

TEST_CASE("builtins: type names as libpg_query gives them", "[builtins]") {
  using Names = std::vector<std::string>;
  auto oid_of = [](const Names& names) -> Oid {
    auto match = bi::resolve_type_name(names);
    return match && match->type ? match->type->oid : 0;
  };
  CHECK(oid_of({"pg_catalog", "int4"}) == 23);
  CHECK(oid_of({"int4"}) == 23);
  CHECK(oid_of({"pg_catalog", "varchar"}) == 1043);
  CHECK(oid_of({"pg_catalog", "bpchar"}) == 1042);
  CHECK(oid_of({"pg_catalog", "float4"}) == 700);
  CHECK(oid_of({"timestamptz"}) == 1184);
  CHECK(oid_of({"timetz"}) == 1266);
  CHECK(oid_of({"text"}) == 25);
  CHECK(oid_of({"char"}) == 18);  // libpg_query's name for a quoted "char"
  CHECK(oid_of({"json"}) == 114);
  CHECK(oid_of({"information_schema", "sql_identifier"}) != 0);
  CHECK(oid_of({"mydb", "pg_catalog", "int8"}) == 20);
  CHECK(oid_of({"citext"}) == 0);
  CHECK(oid_of({"public", "int4"}) == 0);

  auto serial = bi::resolve_type_name({"serial"});
  REQUIRE(serial);
  CHECK(serial->type->oid == 23);
  CHECK(serial->serial == bi::SerialKind::Serial);
  CHECK(bi::resolve_type_name({"bigserial"})->type->oid == 20);
  CHECK(bi::resolve_type_name({"serial8"})->serial == bi::SerialKind::BigSerial);
  CHECK(bi::resolve_type_name({"smallserial"})->type->oid == 21);
  CHECK_FALSE(bi::resolve_type_name({"pg_catalog", "serial"}));
  CHECK(bi::resolve_type_name({"pg_catalog", "int4"})->serial == bi::SerialKind::None);
}

TEST_CASE("builtins: SQL type spellings", "[builtins]") {
  auto oid_of = [](std::string_view spelling) -> Oid {
    auto match = bi::resolve_sql_type_name(spelling);
    return match && match->type ? match->type->oid : 0;
  };
  CHECK(oid_of("int") == 23);
  CHECK(oid_of("INTEGER") == 23);
  CHECK(oid_of("smallint") == 21);
  CHECK(oid_of("bigint") == 20);
  CHECK(oid_of("real") == 700);
  CHECK(oid_of("float") == 701);
  CHECK(oid_of("float(24)") == 700);
  CHECK(oid_of("float(25)") == 701);
  CHECK(oid_of("float(1)") == 700);
  CHECK(oid_of("float(54)") == 0);
  CHECK(oid_of("double  precision") == 701);
  CHECK(oid_of("boolean") == 16);
  CHECK(oid_of("varchar") == 1043);
  CHECK(oid_of("character varying") == 1043);
  CHECK(oid_of("char") == 1042);
  CHECK(oid_of("character") == 1042);
  CHECK(oid_of("\"char\"") == 18);
  CHECK(oid_of("decimal") == 1700);
  CHECK(oid_of("timestamptz") == 1184);
  CHECK(oid_of("timestamp with time zone") == 1184);
  CHECK(oid_of("timestamp") == 1114);
  CHECK(oid_of("time with time zone") == 1266);
  CHECK(oid_of("timetz") == 1266);
  CHECK(oid_of("bit varying") == 1562);
  CHECK(oid_of("uuid") == 2950);
  CHECK(oid_of("nonsense") == 0);
  CHECK(bi::resolve_sql_type_name("serial")->serial == bi::SerialKind::Serial);
  CHECK(bi::resolve_sql_type_name("bigserial")->type->oid == 20);
  CHECK(bi::resolve_sql_type_name("smallserial")->serial == bi::SerialKind::SmallSerial);
}

TEST_CASE("builtins: identifiers and keywords", "[builtins]") {
  CHECK(bi::keyword_category("select") == 'R');
  CHECK(bi::keyword_category("char") == 'C');
  CHECK(bi::keyword_category("name") == 'U');
  CHECK(bi::keyword_category("users") == 0);
  CHECK(bi::quote_identifier("users") == "users");
  CHECK(bi::quote_identifier("name") == "name");
  CHECK(bi::quote_identifier("select") == "\"select\"");
  CHECK(bi::quote_identifier("Users") == "\"Users\"");
  CHECK(bi::quote_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(bi::quote_identifier("1a") == "\"1a\"");
}

TEST_CASE("builtins: relations of pg_catalog and information_schema", "[builtins]") {
  auto rels = bi::all_relations();
  CHECK(rels.size() > 200);
  CHECK(std::adjacent_find(rels.begin(), rels.end(), [](const auto& a, const auto& b) {
          return a.oid >= b.oid;
        }) == rels.end());

  const bi::BuiltinRelation* cls = bi::find_relation("pg_catalog", "pg_class");
  REQUIRE(cls != nullptr);
  CHECK(cls->oid == 1259);
  CHECK(cls->kind == 'r');
  CHECK(bi::find_relation(1259) == cls);
  REQUIRE(cls->columns.size() >= 33);
  CHECK(cls->columns[0].name == "oid");
  CHECK(cls->columns[0].type == 26);
  CHECK(cls->columns[0].not_null);
  CHECK(cls->columns[1].name == "relname");
  CHECK(cls->columns[1].type == 19);
  auto column = [](const bi::BuiltinRelation& r, std::string_view name) {
    for (const bi::BuiltinColumn& c : r.columns) {
      if (c.name == name) return c;
    }
    FAIL("no column " << name);
    return bi::BuiltinColumn{};
  };
  CHECK(column(*cls, "relacl").type == 1034);  // aclitem[], nullable
  CHECK_FALSE(column(*cls, "relacl").not_null);
  CHECK(column(*cls, "relpartbound").type == 194);  // pg_node_tree

  const bi::BuiltinRelation* attribute = bi::find_relation("pg_catalog", "pg_attribute");
  REQUIRE(attribute != nullptr);
  CHECK(column(*attribute, "atttypmod").type == 23);
  CHECK(column(*attribute, "attnotnull").not_null);

  // pg_statistic_ext_data.stxdexpr is pg_statistic[]: that composite type is a builtin too.
  const bi::BuiltinColumn expr =
      column(*bi::find_relation("pg_catalog", "pg_statistic_ext_data"), "stxdexpr");
  REQUIRE(bi::find_type(expr.type) != nullptr);
  CHECK(bi::format_type(expr.type) == "pg_statistic[]");

  const bi::BuiltinRelation* tables = bi::find_relation("pg_catalog", "pg_tables");
  REQUIRE(tables != nullptr);
  CHECK(tables->kind == 'v');
  CHECK(column(*tables, "tablename").type == 19);
  CHECK_FALSE(column(*tables, "tablename").not_null);
  CHECK(bi::find_relation("pg_catalog", "pg_indexes") != nullptr);
  CHECK(bi::find_relation("pg_catalog", "pg_stat_activity") != nullptr);

  const bi::BuiltinRelation* columns = bi::find_relation("information_schema", "columns");
  REQUIRE(columns != nullptr);
  CHECK(columns->kind == 'v');
  CHECK(columns->extension.empty());
  CHECK(column(*columns, "column_name").type ==
        type_named("information_schema", "sql_identifier").oid);
  CHECK(column(*columns, "is_nullable").type == type_named("information_schema", "yes_or_no").oid);
  CHECK(column(*columns, "ordinal_position").type ==
        type_named("information_schema", "cardinal_number").oid);
  CHECK(column(*columns, "data_type").type ==
        type_named("information_schema", "character_data").oid);
  for (const bi::BuiltinColumn& c : columns->columns) CHECK_FALSE(c.not_null);
  CHECK(bi::find_relation("information_schema", "tables") != nullptr);
  CHECK(bi::find_relation("information_schema", "sql_features")->kind == 'r');
  CHECK(bi::find_relation("public", "pg_class") == nullptr);
  CHECK(bi::find_relation("pg_catalog", "columns") == nullptr);
}

TEST_CASE("builtins: contrib extensions", "[builtins]") {
  auto names = bi::known_extensions();
  for (std::string_view ext : {"pgcrypto",     "uuid-ossp",     "citext",
                               "hstore",       "pg_trgm",       "ltree",
                               "btree_gin",    "btree_gist",    "intarray",
                               "cube",         "earthdistance", "tablefunc",
                               "unaccent",     "fuzzystrmatch", "pg_stat_statements",
                               "isn",          "seg",           "tsm_system_rows",
                               "dict_int",     "pgrowlocks",    "pg_buffercache",
                               "pgstattuple",  "intagg",        "lo",
                               "tcn",          "bloom",         "amcheck",
                               "postgres_fdw", "dblink"}) {
    INFO(ext);
    CHECK(std::find(names.begin(), names.end(), ext) != names.end());
    REQUIRE(bi::extension_objects(ext) != nullptr);
    CHECK_FALSE(bi::extension_objects(ext)->procs.empty());
  }
  CHECK(bi::extension_objects("plpgsql") == nullptr);  // preinstalled, not an extension to add

  const bi::ExtensionObjects* earth = bi::extension_objects("earthdistance");
  CHECK(earth->required == std::vector<std::string_view>{"cube"});
  CHECK(earth->schema.empty());
  CHECK(bi::extension_objects("adminpack")->schema == "pg_catalog");
  // earthdistance's earth is a domain over cube's synthetic type.
  const bi::BuiltinType* earth_type = extension_type("earthdistance", "earth");
  REQUIRE(earth_type != nullptr);
  CHECK(earth_type->typtype == 'd');
  CHECK(earth_type->base_type == extension_type("cube", "cube")->oid);

  const bi::BuiltinProc* similarity = extension_proc("pg_trgm", "similarity");
  REQUIRE(similarity != nullptr);
  CHECK(similarity->ret_type == 700);
  CHECK(similarity->arg_types == std::vector<Oid>{25, 25});
  const bi::BuiltinOperator* pct = bi::find_operator("%", 25, 25);
  REQUIRE(pct != nullptr);
  CHECK(pct->extension == "pg_trgm");
  CHECK(bi::find_procs("similarity").empty());  // not visible before CREATE EXTENSION

  const bi::ExtensionObjects* stats = bi::extension_objects("pg_stat_statements");
  REQUIRE(stats->relations.size() == 2);
  const bi::BuiltinRelation* view =
      stats->relations[0]->name == "pg_stat_statements" ? stats->relations[0] : stats->relations[1];
  CHECK(view->name == "pg_stat_statements");
  CHECK(view->kind == 'v');
  CHECK(view->schema.empty());
  CHECK(view->oid >= bi::k_first_extension_oid);
  CHECK(bi::find_relation(view->oid) == view);
  CHECK(bi::find_relation("pg_catalog", "pg_stat_statements") == nullptr);

  const bi::ExtensionObjects* tablefunc = bi::extension_objects("tablefunc");
  const bi::BuiltinType* crosstab2 = extension_type("tablefunc", "tablefunc_crosstab_2");
  REQUIRE(crosstab2 != nullptr);
  CHECK(crosstab2->typtype == 'c');
  bool found = false;
  for (const bi::BuiltinRelation* r : tablefunc->relations) {
    if (r->row_type != crosstab2->oid) continue;
    found = true;
    CHECK(r->kind == 'c');
    REQUIRE(r->columns.size() == 3);
    CHECK(r->columns[2].name == "category_2");
    CHECK(r->columns[2].type == 25);
  }
  CHECK(found);
}
