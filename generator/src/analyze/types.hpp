#pragma once
/// The analyzer's type-resolution engine: PostgreSQL 15's rules for coercions
/// (parse_coerce.c), polymorphic types, operator and function overload
/// resolution (parse_oper.c, parse_func.c, namespace.c) and common types of
/// CASE/UNION/VALUES/... (select_common_type). Pure functions over a catalog
/// (which also reaches the builtins); errors are returned worded exactly as
/// PostgreSQL words them.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/builtins.hpp"
#include "catalog/catalog.hpp"

namespace sqlgen::analyze {

/// Object ids, as in the catalog.
using catalog::Oid;

/// Oids of the polymorphic and other pseudo-types the resolution rules name.
namespace pseudo_oid {
inline constexpr Oid k_any = 2276;                      ///< "any"
inline constexpr Oid k_anyelement = 2283;               ///< anyelement
inline constexpr Oid k_anyarray = 2277;                 ///< anyarray
inline constexpr Oid k_anynonarray = 2776;              ///< anynonarray
inline constexpr Oid k_anyenum = 3500;                  ///< anyenum
inline constexpr Oid k_anyrange = 3831;                 ///< anyrange
inline constexpr Oid k_anymultirange = 4537;            ///< anymultirange
inline constexpr Oid k_anycompatible = 5077;            ///< anycompatible
inline constexpr Oid k_anycompatiblearray = 5078;       ///< anycompatiblearray
inline constexpr Oid k_anycompatiblenonarray = 5079;    ///< anycompatiblenonarray
inline constexpr Oid k_anycompatiblerange = 5080;       ///< anycompatiblerange
inline constexpr Oid k_anycompatiblemultirange = 4538;  ///< anycompatiblemultirange
inline constexpr Oid k_record = 2249;                   ///< record
inline constexpr Oid k_record_array = 2287;             ///< record[]
inline constexpr Oid k_unknown_oid = 705;               ///< unknown
inline constexpr Oid k_text = 25;                       ///< text
inline constexpr Oid k_text_array = 1009;               ///< text[]
inline constexpr Oid k_int2vector = 22;                 ///< int2vector
inline constexpr Oid k_oidvector = 30;                  ///< oidvector
}  // namespace pseudo_oid

/// The type of an expression: a type oid and its typmod (-1: none).
struct ExprType {
  Oid oid = 0;          ///< the type; pseudo_oid::k_unknown_oid for untyped literals/parameters
  int32_t typmod = -1;  ///< the type modifier, -1 when there is none

  /// Same oid and typmod.
  bool operator==(const ExprType&) const = default;
};

/// An untyped string literal, NULL or parameter (type `unknown`).
inline constexpr ExprType k_unknown{pseudo_oid::k_unknown_oid, -1};

/// Which casts a coercion may use (PostgreSQL's CoercionContext).
enum class CoercionContext {
  Implicit,    ///< expressions: only casts marked implicit
  Assignment,  ///< INSERT/UPDATE targets: implicit and assignment casts
  Explicit,    ///< CAST(...) / `::`: every cast
};

/// How a coercion is carried out (PostgreSQL's CoercionPathType).
enum class CoercionPath {
  None,         ///< no coercion possible
  Func,         ///< a cast function
  Relabel,      ///< binary-coercible: no work
  ArrayCoerce,  ///< element-wise coercion of an array
  ViaIO,        ///< through the text output and input functions
};

// --- type facts -----------------------------------------------------------

/// The type's typcategory ('N' numeric, 'S' string, 'A' array, 'E' enum, 'C' composite,
/// 'R' range, 'U' user, 'P' pseudo, 'X' unknown, ...); domains report their base type's.
char type_category(const catalog::Catalog& cat, Oid oid);
/// The type's typispreferred.
bool is_preferred(const catalog::Catalog& cat, Oid oid);
/// The typtype ('b', 'c', 'd', 'e', 'p', 'r', 'm'); 0 for an unknown oid.
char type_kind(const catalog::Catalog& cat, Oid oid);
/// The type a domain is over (recursively, getBaseType); other types are returned as is.
Oid base_type(const catalog::Catalog& cat, Oid oid);
/// The base type and typmod of a domain (getBaseTypeAndTypmod); others as given.
ExprType base_type(const catalog::Catalog& cat, ExprType type);
/// The array type over `oid` (get_array_type), or 0.
Oid array_of(const catalog::Catalog& cat, Oid oid);
/// The element type of a true array type (get_element_type), or 0.
Oid element_of(const catalog::Catalog& cat, Oid oid);
/// The subtype of a range type (get_range_subtype), or 0.
Oid range_subtype(const catalog::Catalog& cat, Oid oid);
/// The multirange type of a range type (get_range_multirange), or 0.
Oid range_multirange(const catalog::Catalog& cat, Oid range);
/// The range type of a multirange type (get_multirange_range), or 0.
Oid multirange_range(const catalog::Catalog& cat, Oid multirange);
/// True for composite types and domains over them (ISCOMPLEX); record itself is not.
bool is_complex(const catalog::Catalog& cat, Oid oid);
/// True for the polymorphic pseudo-types (anyelement ... anycompatiblemultirange).
bool is_polymorphic(Oid oid);
/// PostgreSQL's format_type(oid, typmod), e.g. "character varying(10)", "integer[]".
std::string format(const catalog::Catalog& cat, ExprType type);
/// format() without a typmod: the spelling of PostgreSQL's error messages (format_type_be).
std::string format(const catalog::Catalog& cat, Oid oid);
/// True when CREATE EXTENSION `name` has run in the catalog (some of its types or
/// functions are present).
bool extension_installed(const catalog::Catalog& cat, std::string_view name);

// --- coercion (coerce.cpp) ------------------------------------------------

/// PostgreSQL's find_coercion_pathway: domains are reduced to their base types, then pg_cast,
/// array element coercion and I/O conversion to (assignment) or from (explicit) string types.
CoercionPath find_coercion_path(const catalog::Catalog& cat, Oid from, Oid to, CoercionContext ctx);
/// PostgreSQL's can_coerce_type for one value: unknown coerces to anything, anything to
/// "any", records to and from composites, child row types to parents; a polymorphic target
/// is checked on its own (see can_coerce_all for cross-argument consistency).
bool can_coerce(const catalog::Catalog& cat, Oid from, Oid to, CoercionContext ctx);
/// PostgreSQL's can_coerce_type over argument lists of equal length, including
/// check_generic_type_consistency when any target is polymorphic.
bool can_coerce_all(const catalog::Catalog& cat, std::span<const Oid> from, std::span<const Oid> to,
                    CoercionContext ctx);
/// PostgreSQL's check_generic_type_consistency: can these actual types bind the declared
/// polymorphic types consistently?
bool check_polymorphic(const catalog::Catalog& cat, std::span<const Oid> actual,
                       std::span<const Oid> declared);

/// The outcome of binding polymorphic types.
struct PolymorphicResult {
  Oid result = 0;             ///< the resolved result type (the declared one if not polymorphic)
  std::vector<Oid> declared;  ///< declared argument types with polymorphic ones replaced
  std::string error;          ///< PostgreSQL's message when the binding fails, "" otherwise
};

/// PostgreSQL's enforce_generic_type_consistency (allow_poly = false): binds anyelement,
/// anyarray, anynonarray, anyenum, anyrange, anymultirange and the anycompatible family
/// from the actual argument types and resolves `rettype`.
PolymorphicResult resolve_polymorphic(const catalog::Catalog& cat, std::span<const Oid> actual,
                                      std::span<const Oid> declared, Oid rettype);

/// PostgreSQL's select_common_type followed by the coerce_to_common_type checks of its
/// callers and select_common_typmod: the type of CASE (list the ELSE result first, as
/// PostgreSQL does), COALESCE, GREATEST/LEAST, ARRAY[...], a VALUES column or one UNION
/// step. All-unknown inputs give text. On failure returns {} and sets `*error` to
/// PostgreSQL's message, e.g. "CASE types integer and text cannot be matched", and `*culprit`
/// to the index of the input PostgreSQL reports it at (the first whose type does not fit).
ExprType select_common_type(const catalog::Catalog& cat, const std::vector<ExprType>& types,
                            const char* context, std::string* error, size_t* culprit = nullptr);

// --- operators (resolve_operator.cpp) -------------------------------------

/// A resolved operator call.
struct OperatorMatch {
  const catalog::builtins::BuiltinOperator* op = nullptr;  ///< the chosen operator
  Oid left = 0;         ///< declared left operand type after polymorphic resolution (0: prefix)
  Oid right = 0;        ///< declared right operand type after polymorphic resolution
  Oid result = 0;       ///< the result type after polymorphic resolution
  bool strict = false;  ///< the implementing function is strict
  std::string error;    ///< PostgreSQL's message when no operator fits, "" otherwise

  /// True when an operator was chosen.
  bool ok() const { return error.empty() && op != nullptr; }
};

/// Resolves `left OP right` (left 0 for a prefix operator) like PostgreSQL's oper() /
/// left_oper() and make_op(): exact match (an unknown side takes the other's type), then
/// candidates along `search_path` (pg_catalog first unless listed; extension operators only
/// when the extension is installed) filtered by implicit coercion and narrowed by
/// func_select_candidate. `name` is {"+"} or {"schema", "+"}. Errors read
/// "operator does not exist: integer = text" or "operator is not unique: unknown || unknown".
OperatorMatch resolve_operator(const catalog::Catalog& cat, const std::vector<std::string>& name,
                               Oid left, Oid right, const std::vector<std::string>& search_path);

// --- functions (resolve_function.cpp) -------------------------------------

/// Decorations of a call that change how PostgreSQL resolves or checks it.
struct CallFlags {
  bool agg_star = false;      ///< `count(*)`: resolved with no arguments
  bool agg_distinct = false;  ///< `f(DISTINCT x)`
  bool agg_order = false;     ///< `f(x ORDER BY y)`
  bool has_filter = false;    ///< `FILTER (WHERE ...)`
  bool within_group = false;  ///< `WITHIN GROUP (ORDER BY ...)`: args are direct then ordered
  bool has_over = false;      ///< `OVER (...)`
  bool variadic = false;      ///< `VARIADIC` before the last argument
  bool procedure = false;     ///< the call of a CALL statement: must name a procedure
};

/// A resolved function call.
struct FunctionMatch {
  const catalog::builtins::BuiltinProc* builtin = nullptr;  ///< core or extension function
  const catalog::Function* function = nullptr;  ///< catalog function (user or extension)
  Oid oid = 0;                         ///< the function's oid (0 for a function-style cast)
  std::string schema;                  ///< the function's schema
  std::string name;                    ///< the function's name
  std::vector<Oid> declared;           ///< declared type per actual argument, polymorphics resolved
  std::vector<std::string> arg_names;  ///< declared name per actual argument ("" if none)
  Oid result = 0;         ///< the result type, polymorphics resolved (record for several OUTs)
  bool retset = false;    ///< returns a set
  bool strict = false;    ///< proisstrict
  char kind = 'f';        ///< f function, a aggregate, w window, p procedure
  char agg_kind = 0;      ///< aggregates: n normal, o ordered-set, h hypothetical
  bool coercion = false;  ///< `typename(x)` resolved as a cast to `result`
  int nvargs = 0;         ///< how many actual arguments the VARIADIC parameter took
  Oid variadic_type = 0;  ///< provariadic: the VARIADIC element type, or 0
  /// OUT/INOUT/TABLE columns (name, type with polymorphics resolved); empty if none.
  std::vector<std::pair<std::string, Oid>> out_columns;
  std::string error;  ///< PostgreSQL's message when the call does not resolve, "" otherwise
  /// No function of this name exists along the path (or in the schema named), whatever its
  /// arguments: what sqlc's `strict_function_checks: false` lets pass.
  bool name_unknown = false;

  /// True when a function (or cast) was chosen.
  bool ok() const { return error.empty(); }
};

/// Resolves a function call like PostgreSQL's ParseFuncOrColumn / func_get_detail:
/// candidates by name along `search_path` (pg_catalog first unless listed), with VARIADIC
/// expansion, default arguments and named arguments (`arg_names` name the last
/// arg_names.size() arguments; it may also hold one entry per argument, "" for the leading
/// positional ones); exact match, then function-style casts (`int4('1')`), then
/// implicit-coercion filtering and func_select_candidate; polymorphic arguments and result are
/// bound from the actual types. `name` is {"f"} or {"schema", "f"}. Errors read
/// "function lower(integer) does not exist" or "function f(unknown) is not unique".
FunctionMatch resolve_function(const catalog::Catalog& cat, const std::vector<std::string>& name,
                               const std::vector<ExprType>& args,
                               const std::vector<std::string>& search_path,
                               const CallFlags& flags = {},
                               const std::vector<std::string>& arg_names = {});

// --- shared by operator and function resolution ---------------------------

namespace detail {

/// One overload under consideration (PostgreSQL's FuncCandidateList entry).
struct Candidate {
  Oid oid = 0;                  ///< proc or operator oid; 0 marks an ambiguous duplicate
  int path_pos = 0;             ///< position of its schema in the search path
  std::vector<Oid> args;        ///< argument types in call order (variadics expanded)
  int nvargs = 0;               ///< arguments taken by the expanded VARIADIC parameter
  int ndargs = 0;               ///< arguments supplied by defaults
  std::vector<int> argnumbers;  ///< named calls: call position → parameter position
  size_t source = 0;            ///< the caller's index of the overload behind this candidate
};

/// PostgreSQL's func_match_argtypes: the candidates whose first `input.size()` argument
/// types accept `input` by implicit coercion.
std::vector<const Candidate*> match_argtypes(const catalog::Catalog& cat,
                                             std::span<const Oid> input,
                                             const std::vector<Candidate>& candidates);

/// PostgreSQL's func_select_candidate: narrows several viable candidates by exact matches,
/// preferred types, unknown-argument categories and the "all known types are equal"
/// heuristic. Returns null when no single candidate wins.
const Candidate* select_candidate(const catalog::Catalog& cat, std::span<const Oid> input,
                                  std::vector<const Candidate*> candidates);

/// The schemas PostgreSQL searches for an unqualified name: pg_catalog first unless the path
/// lists it, then the path's schemas that exist ("$user" is skipped).
std::vector<std::string> effective_path(const catalog::Catalog& cat,
                                        const std::vector<std::string>& search_path);

}  // namespace detail

}  // namespace sqlgen::analyze
