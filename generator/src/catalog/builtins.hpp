#pragma once
/// The built-in PostgreSQL 15 catalog: types, functions, operators and casts of
/// pg_catalog (plus the information_schema domains), the relations and views of
/// pg_catalog and information_schema, and the objects of the supported contrib
/// extensions, generated from a real server by scripts/gen_builtins.py into
/// pg_builtins.inc; immutable lookup indexes over them; and PostgreSQL's rules
/// for type names (format_type, typmods, the grammar's SQL type aliases).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sqlgen::catalog::builtins {

/// A PostgreSQL object id.
using Oid = uint32_t;

/// Extension objects get synthetic oids from here on (their real oids vary between
/// installs): k_first_extension_oid + extension_index * 0x10000 + sequence.
inline constexpr Oid k_first_extension_oid = 0xF0000000u;

/// Oids of frequently used core types (stable in PostgreSQL 15).
namespace type_oid {
inline constexpr Oid k_bool = 16;             ///< boolean
inline constexpr Oid k_bytea = 17;            ///< bytea
inline constexpr Oid k_char = 18;             ///< "char"
inline constexpr Oid k_name = 19;             ///< name
inline constexpr Oid k_int8 = 20;             ///< bigint
inline constexpr Oid k_int2 = 21;             ///< smallint
inline constexpr Oid k_int4 = 23;             ///< integer
inline constexpr Oid k_text = 25;             ///< text
inline constexpr Oid k_oid = 26;              ///< oid
inline constexpr Oid k_json = 114;            ///< json
inline constexpr Oid k_xml = 142;             ///< xml
inline constexpr Oid k_float4 = 700;          ///< real
inline constexpr Oid k_float8 = 701;          ///< double precision
inline constexpr Oid k_unknown = 705;         ///< unknown (untyped literals)
inline constexpr Oid k_money = 790;           ///< money
inline constexpr Oid k_inet = 869;            ///< inet
inline constexpr Oid k_bpchar = 1042;         ///< character(n)
inline constexpr Oid k_varchar = 1043;        ///< character varying(n)
inline constexpr Oid k_date = 1082;           ///< date
inline constexpr Oid k_time = 1083;           ///< time without time zone
inline constexpr Oid k_timestamp = 1114;      ///< timestamp without time zone
inline constexpr Oid k_timestamptz = 1184;    ///< timestamp with time zone
inline constexpr Oid k_interval = 1186;       ///< interval
inline constexpr Oid k_timetz = 1266;         ///< time with time zone
inline constexpr Oid k_bit = 1560;            ///< bit(n)
inline constexpr Oid k_varbit = 1562;         ///< bit varying(n)
inline constexpr Oid k_numeric = 1700;        ///< numeric(p,s)
inline constexpr Oid k_record = 2249;         ///< record
inline constexpr Oid k_cstring = 2275;        ///< cstring
inline constexpr Oid k_any = 2276;            ///< "any"
inline constexpr Oid k_anyarray = 2277;       ///< anyarray
inline constexpr Oid k_void = 2278;           ///< void
inline constexpr Oid k_anyelement = 2283;     ///< anyelement
inline constexpr Oid k_anynonarray = 2776;    ///< anynonarray
inline constexpr Oid k_uuid = 2950;           ///< uuid
inline constexpr Oid k_anyenum = 3500;        ///< anyenum
inline constexpr Oid k_jsonb = 3802;          ///< jsonb
inline constexpr Oid k_anyrange = 3831;       ///< anyrange
inline constexpr Oid k_anymultirange = 4537;  ///< anymultirange
}  // namespace type_oid

/// One pg_type row (the field order is the row layout of pg_builtins.inc).
struct BuiltinType {
  Oid oid = 0;                 ///< pg_type.oid (synthetic for extension types)
  std::string_view name;       ///< typname, e.g. "int4", "_int4"
  std::string_view schema;     ///< "pg_catalog", "information_schema"; "" for extension types
  std::string_view extension;  ///< the extension that adds it, "" for core
  char typtype = 'b';   ///< b base, c composite, d domain, e enum, p pseudo, r range, m multirange
  char category = 'U';  ///< typcategory, e.g. 'N' numeric, 'S' string, 'A' array
  bool preferred = false;        ///< typispreferred
  Oid elem = 0;                  ///< typelem
  Oid array = 0;                 ///< typarray: the array type over this one, or 0
  Oid base_type = 0;             ///< typbasetype of a domain
  int16_t len = 0;               ///< typlen
  int32_t typmod = -1;           ///< typtypmod of a domain
  char storage = 'p';            ///< typstorage
  bool array_subscript = false;  ///< typsubscript is array_subscript_handler
  bool collatable = false;       ///< typcollation is set
  bool has_typmodin = false;     ///< accepts a type modifier
  Oid range_subtype = 0;         ///< rngsubtype of a range or multirange type
  Oid range_link = 0;            ///< a range's multirange type, or a multirange's range type

  /// True for real array types (IsTrueArrayType: typelem set and array subscripting).
  bool is_array() const { return elem != 0 && array_subscript; }
};

/// One pg_proc row with its pg_aggregate kind; argument vectors are decoded.
struct BuiltinProc {
  Oid oid = 0;                     ///< pg_proc.oid (synthetic for extension functions)
  std::string_view name;           ///< proname
  std::string_view schema;         ///< "pg_catalog"; "" for extension functions
  std::string_view extension;      ///< the extension that adds it, "" for core
  char kind = 'f';                 ///< prokind: f function, a aggregate, w window, p procedure
  char agg_kind = 0;               ///< aggkind n normal, o ordered-set, h hypothetical; 0 if none
  bool retset = false;             ///< proretset
  Oid ret_type = 0;                ///< prorettype
  bool strict = false;             ///< proisstrict
  char volatility = 'v';           ///< provolatile: i immutable, s stable, v volatile
  int16_t nargs = 0;               ///< pronargs (input arguments)
  int16_t nargdefaults = 0;        ///< pronargdefaults (the last input arguments have defaults)
  std::vector<Oid> arg_types;      ///< proargtypes: input argument types
  Oid variadic_type = 0;           ///< provariadic: element type of a VARIADIC argument, or 0
  std::vector<Oid> all_arg_types;  ///< proallargtypes; empty when all arguments are IN
  std::string_view arg_modes;  ///< proargmodes (i, o, b inout, v variadic, t table); "" = all IN
  std::vector<std::string_view> arg_names;  ///< proargnames over all arguments; may be empty
};

/// One pg_operator row.
struct BuiltinOperator {
  Oid oid = 0;                 ///< pg_operator.oid (synthetic for extension operators)
  std::string_view name;       ///< oprname, e.g. "="
  std::string_view schema;     ///< "pg_catalog"; "" for extension operators
  std::string_view extension;  ///< the extension that adds it, "" for core
  char kind = 'b';             ///< oprkind: b infix, l prefix
  Oid left = 0;                ///< oprleft (0 for prefix operators)
  Oid right = 0;               ///< oprright
  Oid result = 0;              ///< oprresult
  Oid proc = 0;                ///< oprcode: the implementing function (see find_proc)
  Oid commutator = 0;          ///< oprcom
  Oid negator = 0;             ///< oprnegate
};

/// One pg_cast row.
struct BuiltinCast {
  Oid source = 0;              ///< castsource
  Oid target = 0;              ///< casttarget
  Oid func = 0;                ///< castfunc, 0 for binary-coercible or I/O casts
  char context = 'e';          ///< castcontext: i implicit, a assignment, e explicit
  char method = 'f';           ///< castmethod: f function, b binary, i I/O
  std::string_view extension;  ///< the extension that adds it, "" for core
};

/// An OUT, INOUT or TABLE column of a function's result.
struct ProcOutColumn {
  std::string_view name;  ///< "" when unnamed
  Oid type = 0;           ///< the column type
};

/// A column of a built-in relation (pg_attribute).
struct BuiltinColumn {
  std::string_view name;  ///< attname
  Oid type = 0;           ///< atttypid
  int32_t typmod = -1;    ///< atttypmod
  bool not_null = false;  ///< attnotnull (never set for views)
};

/// A table or view of pg_catalog or information_schema, or a relation an extension
/// creates: a view (pg_stat_statements) or the relation behind a composite type.
struct BuiltinRelation {
  Oid oid = 0;                         ///< pg_class.oid (synthetic for extension relations)
  Oid row_type = 0;                    ///< reltype when that type is a builtin, else 0
  std::string_view schema;             ///< "pg_catalog", "information_schema"; "" for extensions
  std::string_view name;               ///< relname
  std::string_view extension;          ///< the extension that creates it, "" for core
  char kind = 'r';                     ///< relkind: r table, v view, c composite type
  std::vector<BuiltinColumn> columns;  ///< in attnum order
  std::string_view primary_key_name;   ///< its primary key (system catalogs), "" for none
  std::vector<std::string_view> primary_key;  ///< the key's columns in key order
};

/// What one extension adds, in oid order.
struct ExtensionObjects {
  std::string_view name;                   ///< e.g. "uuid-ossp"
  std::string_view version;                ///< default version that was installed
  std::vector<std::string_view> required;  ///< extensions it requires, e.g. {"cube"}
  std::string_view schema;  ///< the schema a non-relocatable extension must use, or ""
  std::vector<const BuiltinType*> types;          ///< incl. the array types of its types
  std::vector<const BuiltinProc*> procs;          ///< functions and aggregates
  std::vector<const BuiltinOperator*> operators;  ///< operators
  std::vector<const BuiltinCast*> casts;          ///< casts
  std::vector<const BuiltinRelation*> relations;  ///< views and composite types' relations
};

/// All types, functions, operators and casts (core and extensions), ordered by oid
/// (casts by source, target).
std::span<const BuiltinType> all_types();
/// See all_types().
std::span<const BuiltinProc> all_procs();
/// See all_types().
std::span<const BuiltinOperator> all_operators();
/// See all_types().
std::span<const BuiltinCast> all_casts();

/// All built-in relations (core and extensions), ordered by oid.
std::span<const BuiltinRelation> all_relations();

/// The type with this oid (core or extension), or nullptr.
const BuiltinType* find_type(Oid oid);
/// The core type `schema.name` ("pg_catalog" or "information_schema"), or nullptr.
const BuiltinType* find_type(std::string_view schema, std::string_view name);
/// The function with this oid (core or extension), or nullptr.
const BuiltinProc* find_proc(Oid oid);
/// All pg_catalog overloads of the function `name`, in oid order (empty if none).
std::span<const BuiltinProc* const> find_procs(std::string_view name);
/// The operator with this oid (core or extension), or nullptr.
const BuiltinOperator* find_operator(Oid oid);
/// All pg_catalog operators named `name`, in oid order (empty if none).
std::span<const BuiltinOperator* const> find_operators(std::string_view name);
/// The operator `name` with exactly these operand types (core or extension; `left` 0
/// for prefix operators), or nullptr.
const BuiltinOperator* find_operator(std::string_view name, Oid left, Oid right);
/// The cast from `source` to `target` (core or extension), or nullptr.
const BuiltinCast* find_cast(Oid source, Oid target);
/// The relation with this oid (core or extension), or nullptr.
const BuiltinRelation* find_relation(Oid oid);
/// The core relation `schema.name` ("pg_catalog" or "information_schema"), or nullptr.
const BuiltinRelation* find_relation(std::string_view schema, std::string_view name);
/// The OUT/INOUT/TABLE columns of `proc`, in argument order (empty if it has none).
std::vector<ProcOutColumn> out_columns(const BuiltinProc& proc);

/// The extensions whose objects are known, sorted by name.
std::span<const std::string_view> known_extensions();
/// What the extension `name` adds, or nullptr for an unknown extension.
const ExtensionObjects* extension_objects(std::string_view name);

/// PostgreSQL's keyword category of a lowercase word: 'U' unreserved, 'C' column name,
/// 'T' type or function name, 'R' reserved; 0 when it is no keyword.
char keyword_category(std::string_view word);
/// PostgreSQL's quote_identifier(): double-quotes unless a plain lowercase identifier
/// that is no keyword other than an unreserved one.
std::string quote_identifier(std::string_view ident);
/// `ident` in double quotes, inner quotes doubled, whatever it is (`"users"`).
std::string double_quote(std::string_view ident);
/// A string literal: `text` in single quotes, inner quotes doubled (`'it''s'`).
std::string quote_literal(std::string_view text);

/// PostgreSQL's format_type(oid, typmod) for builtin types, e.g. "character varying(40)",
/// "timestamp(3) with time zone", "integer[]". With `typmod_given` false it behaves like
/// format_type(oid, NULL) (so bpchar prints "character" instead of "bpchar"). Extension
/// types print unqualified, information_schema types qualified; an unknown oid prints "???".
std::string format_type(Oid oid, int32_t typmod = -1, bool typmod_given = true);

/// The outcome of computing a typmod: the value, or PostgreSQL's error message.
struct TypmodResult {
  int32_t typmod = -1;  ///< the typmod (-1: none)
  std::string error;    ///< PostgreSQL's error message, "" on success
  std::string warning;  ///< e.g. "TIMESTAMP(9) precision reduced to maximum allowed, 6"

  /// True when there is no error.
  bool ok() const { return error.empty(); }
};

/// The typmod PostgreSQL's typmodin computes for the type modifiers `args` as the grammar
/// passes them (libpg_query TypeName.typmods): varchar(40) gives 44, numeric(10,2)
/// ((10 << 16) | 2) + 4, interval second(3) {4096, 3}. No arguments give -1; array types
/// use their element's rules.
TypmodResult compute_typmod(Oid type_oid, const std::vector<int64_t>& args);

/// Which serial pseudo-type a column type name is.
enum class SerialKind { None, SmallSerial, Serial, BigSerial };

/// A type name resolved to a builtin type.
struct TypeNameMatch {
  const BuiltinType* type = nullptr;     ///< the type (int2/int4/int8 for serials)
  SerialKind serial = SerialKind::None;  ///< set for smallserial/serial/bigserial and aliases
};

/// Resolves a TypeName's name list as libpg_query gives it (the grammar already maps SQL
/// spellings: `int` is {"pg_catalog", "int4"}, `varchar(3)` {"pg_catalog", "varchar"},
/// `timestamptz` {"timestamptz"}, `serial` {"serial"}). One name is looked up in
/// pg_catalog (serial names first, as CREATE TABLE does); two names as schema.name; three
/// ignore the database name. Returns nullopt when no builtin type matches (user or
/// extension types are the catalog's business).
std::optional<TypeNameMatch> resolve_type_name(const std::vector<std::string>& names);

/// Resolves an SQL type spelling as written by a user, case-insensitively: the grammar's
/// aliases ("integer", "double precision", "character varying", "float(24)", "decimal",
/// "timestamp with time zone", "serial", ...) and pg_catalog type names ("int4",
/// "timestamptz"). No modifiers other than float's precision, no "[]".
std::optional<TypeNameMatch> resolve_sql_type_name(std::string_view sql_name);

}  // namespace sqlgen::catalog::builtins
