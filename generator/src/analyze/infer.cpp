// Expression typing: PostgreSQL's resolution (types.hpp) applied to the
// AST, parameters typed from their context, and nullability by the rules
// of the analyzer issue.
#include <algorithm>
#include <set>

#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;
using catalog::Oid;
namespace builtin_type = catalog::builtins::type_oid;

constexpr Oid k_unknown_oid = pseudo_oid::k_unknown_oid;

/// Strict functions that still return NULL for non-null input.
const std::set<std::string>& null_returning_functions() {
  static const std::set<std::string> k = {"regexp_match",
                                          "array_position",
                                          "nullif",
                                          "jsonb_extract_path",
                                          "jsonb_extract_path_text",
                                          "json_extract_path",
                                          "json_extract_path_text",
                                          "jsonb_path_query_first",
                                          "array_lower",
                                          "array_upper",
                                          "array_length",
                                          "to_regclass",
                                          "to_regtype",
                                          "substring",
                                          "lag",
                                          "lead",
                                          "first_value",
                                          "last_value",
                                          "nth_value",
                                          "json_object_field",
                                          "jsonb_object_field",
                                          "json_object_field_text",
                                          "jsonb_object_field_text",
                                          "array_ndims",
                                          "array_dims",
                                          "current_setting",
                                          "pg_get_serial_sequence"};
  return k;
}

/// Non-strict functions that never return NULL.
const std::set<std::string>& never_null_functions() {
  static const std::set<std::string> k = {"now",
                                          "clock_timestamp",
                                          "statement_timestamp",
                                          "transaction_timestamp",
                                          "timeofday",
                                          "random",
                                          "gen_random_uuid",
                                          "uuid_generate_v4",
                                          "concat",
                                          "concat_ws",
                                          "jsonb_build_object",
                                          "json_build_object",
                                          "jsonb_build_array",
                                          "json_build_array",
                                          "count",
                                          "row_number",
                                          "rank",
                                          "dense_rank",
                                          "percent_rank",
                                          "cume_dist",
                                          "ntile",
                                          "current_database",
                                          "version",
                                          "pg_backend_pid",
                                          "format"};
  return k;
}

ExprType sql_value_function_type(const std::string& op) {
  if (op == "SVFOP_CURRENT_DATE") return {builtin_type::k_date, -1};
  if (op == "SVFOP_CURRENT_TIME" || op == "SVFOP_CURRENT_TIME_N")
    return {builtin_type::k_timetz, -1};
  if (op == "SVFOP_CURRENT_TIMESTAMP" || op == "SVFOP_CURRENT_TIMESTAMP_N") {
    return {builtin_type::k_timestamptz, -1};
  }
  if (op == "SVFOP_LOCALTIME" || op == "SVFOP_LOCALTIME_N") return {builtin_type::k_time, -1};
  if (op == "SVFOP_LOCALTIMESTAMP" || op == "SVFOP_LOCALTIMESTAMP_N") {
    return {builtin_type::k_timestamp, -1};
  }
  return {builtin_type::k_name, -1};  // CURRENT_USER, SESSION_USER, CURRENT_SCHEMA, ...
}

/// True for an optionally negative decimal integer within int8's range.
bool fits_int8(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || !std::all_of(text.begin(), text.end(), ::isdigit)) return false;
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
  return text.size() < limit.size() || (text.size() == limit.size() && text <= limit);
}

}  // namespace

void Analyzer::hint_param_name(const Expr& e, const std::string& name, int priority) {
  int n = positional_param(m_plan, &e);
  if (n == 0 || name.empty()) return;
  m_name_hints[n].push_back(NameHint{priority, e.span.offset, name});
}

void Analyzer::typed_array(const ArrayExpr& arr, Scope& scope, ExprType elem) {
  for (const ExprPtr& el : arr.elements) {
    if (el->kind == ExprKind::Array) {
      typed_array(el->as<ArrayExpr>(), scope, elem);  // a dimension of a multidimensional array
    } else {
      infer(*el, scope);
      bind(*el, elem);
    }
  }
}

int Analyzer::param_number(const Expr& e) const {
  auto it = m_plan.number_of.find(&e);
  return it == m_plan.number_of.end() ? 0 : it->second;
}

void Analyzer::bind(const Expr& e, ExprType type) {
  if (type.oid == 0 || type.oid == k_unknown_oid) return;
  check_literal(e, type);  // an untyped literal is read by the type's input function
  int n = param_number(e);
  if (n == 0) {
    // `(@x)::int` style nesting: a cast's operand already took its type.
    return;
  }
  // `@p::type` is typed by its cast (in infer()), not by where the value goes.
  if (param_under_cast(e) && !m_binding_cast) return;
  ParamState& st = m_params[n];
  if (!st.typed) {
    st.type = type;
    st.typed = true;
    st.typed_at = &e;
    return;
  }
  if (st.type.oid == type.oid) return;
  // `$1::text` after `$1` got its type elsewhere is an ordinary cast of that value
  // (PostgreSQL types a parameter at its first coercion; later casts convert it).
  if (m_binding_cast) return;
  // Typed by an earlier use, the parameter is a value of that type here: PostgreSQL coerces it
  // (`@n >= 0 ... LIMIT @n`: int4, then int4 → int8).
  if (can_coerce(m_cat, st.type.oid, type.oid, CoercionContext::Implicit)) return;
  // Underline the whole `@name` / `sqlgen.arg(name)`, as the SQL edit covers it.
  auto where = [&](const Expr& node) {
    uint32_t length = node.span.length;
    for (const Edit& edit : m_plan.edits) {
      if (edit.offset == node.span.offset) length = edit.length;
    }
    return diag::Location::at(source(), node.span.offset, length);
  };
  diag::Diagnostic d = diag::make(diag::DiagId::err_param_conflict, where(e),
                                  {std::to_string(n), format(m_cat, st.type), format(m_cat, type)});
  if (st.typed_at) {
    d.note(diag::DiagId::note_param_first_use, where(*st.typed_at),
           {std::to_string(n), format(m_cat, st.type)});
  }
  m_diags.report(std::move(d));
  m_failed = true;
}

void Analyzer::bind_nullable(const Expr& e) {
  if (int n = param_number(e)) m_params[n].nullable = true;
}

Typed Analyzer::infer_as(const Expr& e, Scope& scope, ExprType target, bool nullable_target) {
  Typed t = infer(e, scope);
  if (param_number(e)) {
    bind(e, target);
    if (nullable_target) bind_nullable(e);
    t.type = target;
    t.is_param = false;
    return t;
  }
  if (is_unknown(t)) {
    t.type = target;  // an unknown literal takes the target type
    check_literal(e, target);
  }
  return t;
}

std::string Analyzer::figure_name(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::ColumnRef: {
      const auto& c = e.as<ColumnRefExpr>();
      return c.fields.empty() ? "?column?" : c.fields.back();
    }
    case ExprKind::FuncCall: {
      const auto& f = e.as<FuncCallExpr>();
      if (param_number(e)) return f.args.empty() ? "?column?" : figure_name(*f.args[0]);
      return f.name.empty() ? "?column?" : f.name.back();
    }
    case ExprKind::TypeCast: {
      const auto& c = e.as<TypeCastExpr>();
      std::string inner = c.arg ? figure_name(*c.arg) : "?column?";
      if (inner != "?column?") return inner;
      return c.type.names.empty() ? inner : c.type.names.back();
    }
    case ExprKind::Case:
      return "case";
    case ExprKind::Coalesce:
      return "coalesce";
    case ExprKind::MinMax:
      return e.as<MinMaxExpr>().greatest ? "greatest" : "least";
    case ExprKind::Array:
      return "array";
    case ExprKind::Row:
      return "row";
    case ExprKind::SubLink: {
      const auto& s = e.as<SubLinkExpr>();
      if (s.type == SubLinkExpr::Type::Exists) return "exists";
      if (s.type == SubLinkExpr::Type::Array) return "array";
      if (s.type == SubLinkExpr::Type::Expr && s.subselect &&
          s.subselect->kind == StmtKind::Select) {
        const auto& sel = s.subselect->as<SelectStmt>();
        if (!sel.targets.empty()) {
          if (!sel.targets[0].name.empty()) return sel.targets[0].name;
          if (sel.targets[0].value) return figure_name(*sel.targets[0].value);
        }
      }
      return "?column?";
    }
    case ExprKind::Indirection: {
      const auto& i = e.as<IndirectionExpr>();
      for (auto it = i.steps.rbegin(); it != i.steps.rend(); ++it) {
        if (it->kind == IndirectionExpr::Step::Kind::Field) return it->field;
      }
      return i.arg ? figure_name(*i.arg) : "?column?";
    }
    case ExprKind::SqlValueFunction: {
      std::string op = e.as<SqlValueFunctionExpr>().op;
      std::string n = op.rfind("SVFOP_", 0) == 0 ? op.substr(6) : op;
      if (n.size() > 2 && n.compare(n.size() - 2, 2, "_N") == 0) n.resize(n.size() - 2);
      std::transform(n.begin(), n.end(), n.begin(), [](char c) { return std::tolower(c); });
      return n;
    }
    case ExprKind::Collate:
      return e.as<CollateExpr>().arg ? figure_name(*e.as<CollateExpr>().arg) : "?column?";
    default:
      return "?column?";
  }
}

Typed Analyzer::infer(const Expr& e, Scope& scope) {
  if (int n = param_number(e)) return infer_param(e, n);
  switch (e.kind) {
    case ExprKind::ColumnRef:
      return infer_expr(e.as<ColumnRefExpr>(), scope);
    case ExprKind::ParamRef:
      return Typed{k_unknown, false, nullptr, true};
    case ExprKind::Const:
      return infer_expr(e.as<ConstExpr>());
    case ExprKind::AExpr:
      return infer_expr(e.as<AExpr>(), scope);
    case ExprKind::BoolExpr:
      return infer_expr(e.as<BoolExpr>(), scope);
    case ExprKind::FuncCall:
      return infer_expr(e.as<FuncCallExpr>(), scope);
    case ExprKind::TypeCast:
      return infer_expr(e.as<TypeCastExpr>(), scope);
    case ExprKind::NullTest:
      infer(*e.as<NullTestExpr>().arg, scope);
      bind_nullable(*e.as<NullTestExpr>().arg);
      return Typed{{builtin_type::k_bool, -1}, false, nullptr, false};
    case ExprKind::BooleanTest:
      infer_as(*e.as<BooleanTestExpr>().arg, scope, {builtin_type::k_bool, -1}, true);
      return Typed{{builtin_type::k_bool, -1}, false, nullptr, false};
    case ExprKind::SubLink:
      return infer_expr(e.as<SubLinkExpr>(), scope);
    case ExprKind::Case:
      return infer_expr(e.as<CaseExpr>(), scope);
    case ExprKind::Coalesce:
      return infer_common(e.as<CoalesceExpr>().args, "COALESCE", e.span, scope);
    case ExprKind::MinMax:
      return infer_common(e.as<MinMaxExpr>().args,
                          e.as<MinMaxExpr>().greatest ? "GREATEST" : "LEAST", e.span, scope);
    case ExprKind::Array:
      return infer_expr(e.as<ArrayExpr>(), scope);
    case ExprKind::Indirection:
      return infer_expr(e.as<IndirectionExpr>(), scope);
    case ExprKind::Row:
      for (const ExprPtr& a : e.as<RowExpr>().args) infer(*a, scope);
      return Typed{{pseudo_oid::k_record, -1}, false, nullptr, false};
    case ExprKind::SqlValueFunction:
      return Typed{sql_value_function_type(e.as<SqlValueFunctionExpr>().op), false, nullptr, false};
    case ExprKind::NamedArg:
      return infer(*e.as<NamedArgExpr>().arg, scope);
    case ExprKind::Collate:
      return infer(*e.as<CollateExpr>().arg, scope);
    case ExprKind::SetToDefault:
      return Typed{k_unknown, true, nullptr, false};
    case ExprKind::Unsupported:
      error(diag::DiagId::err_unsupported_sql, e.span,
            {"expression " + e.as<UnsupportedExpr>().node});
      return Typed{};
  }
  return Typed{};
}

Typed Analyzer::infer_param(const Expr& e, int n) {
  // `@name::type`: the parameter sits under the cast(s) PostgreSQL parsed.
  if (param_under_cast(e)) {
    // `@p::a::b`: the innermost cast types the parameter, the outermost the value.
    std::vector<const TypeCastExpr*> casts;
    for (const Expr* c = e.as<AExpr>().rhs.get(); c && c->kind == ExprKind::TypeCast;
         c = c->as<TypeCastExpr>().arg.get()) {
      casts.push_back(&c->as<TypeCastExpr>());
    }
    ExprType inner = type_name(casts.back()->type);
    ExprType outer = casts.size() == 1 ? inner : type_name(casts.front()->type);
    if (inner.oid == 0 || outer.oid == 0) return Typed{};
    m_binding_cast = true;
    bind(e, inner);
    m_binding_cast = false;
    return Typed{outer, m_params[n].nullable, nullptr, false};
  }
  ParamState& st = m_params[n];
  Typed t;
  t.type = st.typed ? st.type : k_unknown;
  t.nullable = st.nullable;
  t.is_param = !st.typed;
  return t;
}

Typed Analyzer::infer_expr(const ColumnRefExpr& c, Scope& scope) {
  if (c.star && c.fields.size() == 1) {
    // `count(t.*)`, `json_agg(t.*)`, `ROW(t.*)`: the whole row of FROM item t. Unlike a bare
    // `t`, `t.*` names only FROM items (never a column called t), innermost level first.
    for (const Scope* s = &scope; s; s = s->parent) {
      for (const RangeEntry& e : s->entries) {
        if (e.name != c.fields[0]) continue;
        return Typed{
            {e.row_type ? e.row_type : pseudo_oid::k_record, -1}, e.nullable_side, nullptr, false};
      }
    }
    for (const Scope* s = &scope; s; s = s->parent) {
      if (s->broken) return Typed{};  // already reported at the FROM item
    }
    error(diag::DiagId::err_missing_from, c.span, {c.fields[0]});
    return Typed{};
  }
  if (c.star) {
    error(diag::DiagId::err_unsupported_sql, c.span, {"\"*\" outside a select list"});
    return Typed{};
  }
  auto t = column_ref(c, scope);
  return t ? *t : Typed{};
}

Typed Analyzer::infer_expr(const ConstExpr& c) {
  Typed t;
  t.nullable = false;
  switch (c.type) {
    case ConstExpr::Type::Integer:
      t.type = {builtin_type::k_int4, -1};
      break;
    case ConstExpr::Type::Float:
      // Integers too large for int4 arrive as "float" strings of digits (a minus folded
      // in); as in PostgreSQL's make_const, those within int8's range are bigint.
      if (fits_int8(c.text)) {
        t.type = {builtin_type::k_int8, -1};
      } else {
        t.type = {builtin_type::k_numeric, -1};
      }
      break;
    case ConstExpr::Type::String:
      t.type = k_unknown;
      t.is_param = true;
      break;
    case ConstExpr::Type::Bool:
      t.type = {builtin_type::k_bool, -1};
      break;
    case ConstExpr::Type::BitString:
      t.type = {builtin_type::k_bit, -1};
      break;
    case ConstExpr::Type::Null:
      t.type = k_unknown;
      t.nullable = true;
      t.is_param = true;
      break;
  }
  return t;
}

Typed Analyzer::infer_expr(const FuncCallExpr& f, Scope& scope) {
  std::vector<ExprType> types;
  std::vector<std::string> names;
  std::vector<const Expr*> args;
  bool any_null = false;
  bool named = false;
  for (const ExprPtr& a : f.args) {
    const Expr* arg = a.get();
    std::string n;
    if (arg->kind == ExprKind::NamedArg) {
      n = arg->as<NamedArgExpr>().name;
      arg = arg->as<NamedArgExpr>().arg.get();
      named = true;
    }
    Typed t = infer(*arg, scope);
    any_null = any_null || t.nullable;
    types.push_back(t.type);
    names.push_back(n);
    args.push_back(arg);
  }
  for (const ExprType& t : types) {
    if (t.oid == 0) return Typed{};  // an argument already failed
  }
  FunctionMatch m = resolve_function(m_cat, f.name, types, m_search_path, call_flags(f),
                                     named ? names : std::vector<std::string>{});
  if (!m.ok() && m.name_unknown && !m_opts.strict_function_checks) {
    // sqlc's default: the function may come from outside the schema files. Its result
    // is `unknown`, coerced like an untyped literal (text when nothing else decides).
    error(diag::DiagId::warn_function_unknown, f.span, {m.error});
    return Typed{k_unknown, true, nullptr, false};
  }
  if (!m.ok()) {
    error(diag::DiagId::err_type_resolution, f.span, {m.error});
    return Typed{};
  }
  m_call_kinds[&f] = m.kind == 'f' && m.retset ? 's' : m.kind;
  // The SQL sent names the function's schema (pg_catalog's need none), as it names a table's,
  // so the call means the same on a connection with any search_path.
  if (f.name.size() == 1 && !m.coercion) qualify(m.schema, f.span);
  if (m.kind == 'a' && !f.has_over && types.size() == 1 && m.schema == "pg_catalog" &&
      (m.name == "array_agg" || m.name == "json_agg" || m.name == "jsonb_agg")) {
    // A list of a table's rows: what the generated code reads as std::vector<Row>.
    const catalog::Type* row = m_cat.type(types[0].oid);
    if (row && row->relation != 0) m_row_lists[&f] = types[0].oid;
  }
  if (f.filter) infer_as(*f.filter, scope, {catalog::builtins::type_oid::k_bool, -1}, false);
  for (size_t i = 0; i < args.size() && i < m.declared.size(); ++i) {
    Oid decl = m.declared[i];
    if (decl != pseudo_oid::k_any) bind(*args[i], {decl, -1});
    // sqlc names `f($1)` after f's declared argument, else after f itself.
    if (names[i].empty() && macro_name(f).empty()) {
      std::string declared = i < m.arg_names.size() ? m.arg_names[i] : "";
      hint_param_name(*args[i], declared.empty() ? m.name : declared, declared.empty());
    }
  }
  return Typed{{m.result, -1}, call_nullable(f, m, any_null), nullptr, false};
}

CallFlags Analyzer::call_flags(const FuncCallExpr& f) const {
  CallFlags flags;
  flags.agg_star = f.agg_star;
  flags.agg_distinct = f.agg_distinct;
  flags.has_filter = f.has_filter;
  flags.within_group = f.within_group;
  flags.agg_order = f.agg_order;
  flags.has_over = f.has_over;
  flags.variadic = f.variadic;
  flags.procedure = &f == m_procedure_call;
  return flags;
}

bool Analyzer::call_nullable(const FuncCallExpr& f, const FunctionMatch& m, bool any_null) {
  std::string fname = f.name.empty() ? "" : f.name.back();
  if (m.kind == 'a' || m.kind == 'w') return !never_null_functions().count(fname);
  if (never_null_functions().count(fname)) return false;
  if (m.strict) return any_null || null_returning_functions().count(fname) > 0;
  return true;
}

Typed Analyzer::infer_expr(const TypeCastExpr& c, Scope& scope) {
  if (c.arg && c.arg->kind == ExprKind::Array) {
    // `ARRAY[...]::t[]` (also `ARRAY[]::t[]`): PostgreSQL types the elements with t.
    ExprType target = type_name(c.type);
    if (target.oid == 0) return Typed{};
    if (Oid elem = element_of(m_cat, base_type(m_cat, target.oid))) {
      typed_array(c.arg->as<ArrayExpr>(), scope, {elem, target.typmod});
      return Typed{target, false, nullptr, false};
    }
  }
  Typed inner = infer(*c.arg, scope);
  ExprType target = type_name(c.type);
  if (target.oid == 0) return Typed{};
  m_binding_cast = true;  // a cast types an untyped parameter, else converts its value
  bind(*c.arg, target);
  m_binding_cast = false;
  return Typed{target, inner.nullable, nullptr, false};
}

Typed Analyzer::infer_expr(const CaseExpr& c, Scope& scope) {
  if (c.arg) {
    Typed arg = infer(*c.arg, scope);
    for (const auto& [when, then] : c.whens) {
      resolve_binary({"="}, c.arg.get(), when.get(), when->span, scope, &arg);
    }
  } else {
    for (const auto& [when, then] : c.whens) {
      infer_as(*when, scope, {builtin_type::k_bool, -1}, false);
    }
  }
  // Like transformCaseExpr: the ELSE result (or an untyped NULL) comes
  // first, then the THEN results; the order decides the common type.
  std::vector<ExprType> types;
  std::vector<const Expr*> results;
  bool nullable = !c.default_result;
  if (c.default_result) {
    results.push_back(c.default_result.get());
  } else {
    types.push_back(k_unknown);
  }
  for (const auto& [when, then] : c.whens) results.push_back(then.get());
  for (const Expr* r : results) {
    Typed t = infer(*r, scope);
    types.push_back(t.type);
    nullable = nullable || t.nullable;
  }
  std::string err;
  size_t culprit = 0;
  ExprType common = select_common_type(m_cat, types, "CASE", &err, &culprit);
  if (!err.empty()) {
    // At the result PostgreSQL reports (`types` has a placeholder first when there is no ELSE).
    const size_t r = c.default_result ? culprit : culprit - 1;
    // Converting a result to the common type, PostgreSQL names the branch: CASE/ELSE, CASE/WHEN.
    if (const std::string convert = "CASE could not convert"; err.rfind(convert, 0) == 0) {
      err.replace(0, 4, c.default_result && culprit == 0 ? "CASE/ELSE" : "CASE/WHEN");
    }
    error(diag::DiagId::err_type_resolution, r < results.size() ? results[r]->span : c.span, {err});
    return Typed{};
  }
  for (const Expr* r : results) bind(*r, common);
  return Typed{common, nullable, nullptr, false};
}

Typed Analyzer::infer_common(const std::vector<ExprPtr>& list, const char* ctx, Span span,
                             Scope& scope) {
  std::vector<ExprType> types;
  bool all_null = true;
  for (const ExprPtr& a : list) {
    Typed t = infer(*a, scope);
    types.push_back(t.type);
    all_null = all_null && t.nullable;
  }
  std::string err;
  size_t culprit = 0;
  ExprType common = select_common_type(m_cat, types, ctx, &err, &culprit);
  if (!err.empty()) {
    error(diag::DiagId::err_type_resolution, culprit < list.size() ? list[culprit]->span : span,
          {err});
    return Typed{};
  }
  for (const ExprPtr& a : list) bind(*a, common);
  return Typed{common, all_null, nullptr, false};
}

Typed Analyzer::infer_expr(const ArrayExpr& arr, Scope& scope) {
  std::vector<ExprType> types;
  for (const ExprPtr& el : arr.elements) types.push_back(infer(*el, scope).type);
  if (types.empty()) {
    error(diag::DiagId::err_type_resolution, arr.span, {"cannot determine type of empty array"});
    return Typed{};
  }
  std::string err;
  size_t culprit = 0;
  ExprType common = select_common_type(m_cat, types, "ARRAY", &err, &culprit);
  if (!err.empty()) {
    error(diag::DiagId::err_type_resolution,
          culprit < arr.elements.size() ? arr.elements[culprit]->span : arr.span, {err});
    return Typed{};
  }
  for (const ExprPtr& el : arr.elements) bind(*el, common);
  Oid result = element_of(m_cat, common.oid) ? common.oid : array_of(m_cat, common.oid);
  return Typed{{result, -1}, false, nullptr, false};
}

Typed Analyzer::infer_expr(const IndirectionExpr& ind, Scope& scope) {
  Typed t = infer(*ind.arg, scope);
  ExprType cur = t.type;
  for (const IndirectionExpr::Step& step : ind.steps) {
    if (step.lower) infer_as(*step.lower, scope, {builtin_type::k_int4, -1}, false);
    if (step.upper) infer_as(*step.upper, scope, {builtin_type::k_int4, -1}, false);
    if (step.kind == IndirectionExpr::Step::Kind::Subscript) {
      Oid elem = element_of(m_cat, base_type(m_cat, cur.oid));
      if (elem) {
        cur = {elem, cur.typmod};
      } else if (cur.oid != builtin_type::k_jsonb) {
        error(diag::DiagId::err_type_resolution, ind.span,
              {"cannot subscript type " + format(m_cat, cur) +
               " because it does not support subscripting"});
        return Typed{};
      }
    } else if (step.kind == IndirectionExpr::Step::Kind::Field) {
      std::optional<ExprType> field = field_type(cur, step.field);
      if (!field) {
        error(diag::DiagId::err_column_unknown, ind.span, {step.field, ""});
        return Typed{};
      }
      cur = *field;
    }
  }
  return Typed{cur, true, nullptr, false};
}

std::optional<ExprType> Analyzer::field_type(ExprType composite, const std::string& name) const {
  const catalog::Type* ty = m_cat.type(base_type(m_cat, composite.oid));
  const std::vector<catalog::Column>* fields = nullptr;
  if (ty && ty->relation) fields = &m_cat.relation(ty->relation)->columns;
  if (ty && !ty->relation) fields = &ty->fields;
  const catalog::Column* found = nullptr;
  if (fields) {
    for (const catalog::Column& f : *fields) {
      if (f.name == name) found = &f;
    }
  }
  if (!found) return std::nullopt;
  return type_of(found->type);
}

}  // namespace sqlgen::analyze
