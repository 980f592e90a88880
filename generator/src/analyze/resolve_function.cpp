// PostgreSQL's function-call resolution: FuncnameGetCandidates (namespace.c),
// func_get_detail, func_match_argtypes, func_select_candidate and the checks of
// ParseFuncOrColumn (parse_func.c).
#include <algorithm>
#include <functional>
#include <optional>

#include "analyze/types.hpp"

namespace sqlgen::analyze {

namespace builtins = catalog::builtins;
using detail::Candidate;
using namespace pseudo_oid;

// ---- func_match_argtypes / func_select_candidate --------------------------

namespace detail {

std::vector<const Candidate*> match_argtypes(const catalog::Catalog& cat,
                                             std::span<const Oid> input,
                                             const std::vector<Candidate>& candidates) {
  std::vector<const Candidate*> out;
  for (const Candidate& c : candidates) {
    if (c.args.size() < input.size()) continue;
    std::span<const Oid> declared(c.args.data(), input.size());
    if (can_coerce_all(cat, input, declared, CoercionContext::Implicit)) out.push_back(&c);
  }
  return out;
}

namespace {

/// Keeps the candidates with the highest `score`; all of them when every score is 0.
std::vector<const Candidate*> keep_best(const std::vector<const Candidate*>& candidates,
                                        const std::function<int(const Candidate&)>& score) {
  std::vector<const Candidate*> best;
  int best_score = 0;
  for (const Candidate* c : candidates) {
    int n = score(*c);
    if (best.empty() || n > best_score) {
      best_score = n;
      best.assign(1, c);
    } else if (n == best_score) {
      best.push_back(c);
    }
  }
  return best;
}

/// func_select_candidate's third step: each unknown argument's category (string wins) and
/// whether a candidate takes a preferred type there; then the candidates that accept that
/// category (and a preferred type, when any candidate does). Unchanged when the categories
/// conflict.
std::vector<const Candidate*> by_unknown_categories(const catalog::Catalog& cat,
                                                    const std::vector<Oid>& base,
                                                    std::vector<const Candidate*> candidates) {
  const size_t nargs = base.size();
  std::vector<char> slot_category(nargs);
  std::vector<bool> slot_has_preferred(nargs, false);
  for (size_t i = 0; i < nargs; ++i) {
    if (base[i] != k_unknown_oid) continue;
    char category = 0;
    bool has_preferred = false;
    bool have_conflict = false;
    for (const Candidate* c : candidates) {
      char current = type_category(cat, c->args[i]);
      bool preferred = is_preferred(cat, c->args[i]);
      if (category == 0) {
        category = current;
        has_preferred = preferred;
      } else if (current == category) {
        has_preferred = has_preferred || preferred;
      } else if (current == 'S') {
        category = current;
        has_preferred = preferred;
      } else {
        have_conflict = true;
      }
    }
    if (have_conflict && category != 'S') return candidates;
    slot_category[i] = category;
    slot_has_preferred[i] = has_preferred;
  }
  std::vector<const Candidate*> kept;
  for (const Candidate* c : candidates) {
    bool keep = true;
    for (size_t i = 0; i < nargs && keep; ++i) {
      if (base[i] != k_unknown_oid) continue;
      if (type_category(cat, c->args[i]) != slot_category[i]) keep = false;
      if (slot_has_preferred[i] && !is_preferred(cat, c->args[i])) keep = false;
    }
    if (keep) kept.push_back(c);
  }
  return kept.empty() ? candidates : kept;
}

/// func_select_candidate's last gasp: when every known argument has one type, the one
/// candidate that accepts it for the unknown arguments too, if exactly one does.
const Candidate* same_type_for_unknowns(const catalog::Catalog& cat, const std::vector<Oid>& base,
                                        const std::vector<const Candidate*>& candidates) {
  const size_t nargs = base.size();
  Oid known = k_unknown_oid;
  for (size_t i = 0; i < nargs; ++i) {
    if (base[i] == k_unknown_oid) continue;
    if (known == k_unknown_oid) {
      known = base[i];
    } else if (known != base[i]) {
      return nullptr;
    }
  }
  if (known == k_unknown_oid) return nullptr;
  std::vector<Oid> all(nargs, known);
  const Candidate* unique = nullptr;
  int matches = 0;
  for (const Candidate* c : candidates) {
    std::span<const Oid> declared(c->args.data(), nargs);
    if (can_coerce_all(cat, all, declared, CoercionContext::Implicit)) {
      if (++matches > 1) return nullptr;
      unique = c;
    }
  }
  return matches == 1 ? unique : nullptr;
}

}  // namespace

const Candidate* select_candidate(const catalog::Catalog& cat, std::span<const Oid> input,
                                  std::vector<const Candidate*> candidates) {
  const size_t nargs = input.size();
  // Domains count as their base types; unknowns are counted for later.
  std::vector<Oid> base(nargs);
  size_t nunknowns = 0;
  for (size_t i = 0; i < nargs; ++i) {
    base[i] = input[i] == k_unknown_oid ? k_unknown_oid : base_type(cat, input[i]);
    if (input[i] == k_unknown_oid) ++nunknowns;
  }

  // 1. Most exact matches on known arguments.
  candidates = keep_best(candidates, [&](const Candidate& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) n += base[i] != k_unknown_oid && c.args[i] == base[i];
    return n;
  });
  if (candidates.size() == 1) return candidates.front();

  // 2. Most exact-or-preferred matches (preferred within the input's category).
  std::vector<char> slot_category(nargs);
  for (size_t i = 0; i < nargs; ++i) slot_category[i] = type_category(cat, base[i]);
  candidates = keep_best(candidates, [&](const Candidate& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) {
      if (base[i] == k_unknown_oid) continue;
      bool preferred =
          type_category(cat, c.args[i]) == slot_category[i] && is_preferred(cat, c.args[i]);
      n += c.args[i] == base[i] || preferred;
    }
    return n;
  });
  if (candidates.size() == 1) return candidates.front();
  if (nunknowns == 0) return nullptr;

  // 3. Unknown arguments: find each position's category (string wins), then keep the
  // candidates accepting that category (and a preferred type, when any candidate does).
  candidates = by_unknown_categories(cat, base, std::move(candidates));
  if (candidates.size() == 1) return candidates.front();

  // 4. Last gasp: if all known inputs have one type, assume the unknowns have it too.
  if (nunknowns < nargs) return same_type_for_unknowns(cat, base, candidates);
  return nullptr;
}

}  // namespace detail

namespace {

/// One pg_proc row seen uniformly, whether builtin or from the catalog.
struct Proc {
  const builtins::BuiltinProc* builtin = nullptr;
  const catalog::Function* function = nullptr;
  Oid oid = 0;
  std::string schema;
  char kind = 'f';
  char agg_kind = 0;
  bool retset = false;
  bool strict = false;
  Oid ret_type = 0;
  std::vector<Oid> arg_types;  ///< proargtypes (inputs)
  Oid variadic_type = 0;
  int nargdefaults = 0;
  std::vector<std::string> arg_names;  ///< over all arguments; empty = proargnames null
  std::string arg_modes;               ///< over all arguments; "" = all IN
  std::vector<std::pair<std::string, Oid>> out_columns;
  int path_pos = 0;  ///< position of `schema` in the searched path
};

Proc from_builtin(const builtins::BuiltinProc& b, std::string schema) {
  Proc p;
  p.builtin = &b;
  p.oid = b.oid;
  p.schema = std::move(schema);
  p.kind = b.kind;
  p.agg_kind = b.agg_kind;
  p.retset = b.retset;
  p.strict = b.strict;
  p.ret_type = b.ret_type;
  p.arg_types = b.arg_types;
  p.variadic_type = b.variadic_type;
  p.nargdefaults = b.nargdefaults;
  for (std::string_view n : b.arg_names) p.arg_names.emplace_back(n);
  p.arg_modes = std::string(b.arg_modes);
  for (const builtins::ProcOutColumn& c : builtins::out_columns(b)) {
    p.out_columns.emplace_back(std::string(c.name), c.type);
  }
  return p;
}

Proc from_function(const catalog::Catalog& cat, const catalog::Function& f) {
  if (!f.extension.empty()) {
    if (const builtins::BuiltinProc* b = builtins::find_proc(f.oid)) {
      Proc p = from_builtin(*b, f.schema);
      p.function = &f;
      return p;
    }
  }
  Proc p;
  p.function = &f;
  p.oid = f.oid;
  p.schema = f.schema;
  p.kind = f.is_procedure ? 'p' : 'f';
  p.retset = f.returns_set;
  p.strict = f.strict;
  p.ret_type = f.returns.oid;
  bool any_name = false;
  for (const catalog::FunctionArg& a : f.args) {
    p.arg_names.push_back(a.name);
    p.arg_modes.push_back(a.mode);
    any_name = any_name || !a.name.empty();
    if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') {
      p.arg_types.push_back(a.type.oid);
      if (a.has_default) ++p.nargdefaults;
      if (a.mode == 'v') {
        p.variadic_type = a.type.oid == k_any ? k_any : element_of(cat, a.type.oid);
        if (a.type.oid == k_anyarray) p.variadic_type = k_anyelement;
        if (a.type.oid == k_anycompatiblearray) p.variadic_type = k_anycompatible;
      }
    }
    if (a.mode == 'o' || a.mode == 'b' || a.mode == 't')
      p.out_columns.emplace_back(a.name, a.type.oid);
  }
  if (!any_name) p.arg_names.clear();
  if (p.arg_modes.find_first_not_of('i') == std::string::npos) p.arg_modes.clear();
  return p;
}

/// MatchNamedCall: maps call positions to parameter positions for a named/mixed call.
std::optional<std::vector<int>> match_named_call(const Proc& p, size_t nargs,
                                                 const std::vector<std::string>& argnames) {
  if (p.arg_names.empty()) return std::nullopt;
  const size_t pronargs = p.arg_types.size();
  const size_t numposargs = nargs - argnames.size();
  std::vector<int> argnumbers(pronargs, 0);
  std::vector<bool> given(pronargs, false);
  size_t ap = 0;
  for (; ap < numposargs; ++ap) {
    argnumbers[ap] = static_cast<int>(ap);
    given[ap] = true;
  }
  for (const std::string& name : argnames) {
    size_t pp = 0;
    bool found = false;
    for (size_t i = 0; i < p.arg_names.size(); ++i) {
      char mode = i < p.arg_modes.size() ? p.arg_modes[i] : 'i';
      if (mode != 'i' && mode != 'b' && mode != 'v') continue;
      if (p.arg_names[i] == name) {
        if (pp >= pronargs || given[pp]) return std::nullopt;
        given[pp] = true;
        argnumbers[ap] = static_cast<int>(pp);
        found = true;
        break;
      }
      ++pp;
    }
    if (!found) return std::nullopt;
    ++ap;
  }
  if (nargs < pronargs) {
    size_t first_default = pronargs - static_cast<size_t>(p.nargdefaults);
    for (size_t pp = numposargs; pp < pronargs; ++pp) {
      if (given[pp]) continue;
      if (pp < first_default) return std::nullopt;
      argnumbers[ap++] = static_cast<int>(pp);
    }
  }
  return argnumbers;
}

/// FuncnameGetCandidates' per-function step; false when the function cannot match.
bool make_candidate(const Proc& p, int path_pos, size_t nargs,
                    const std::vector<std::string>& argnames, bool expand_variadic,
                    bool& any_special, Candidate& out) {
  const size_t pronargs = p.arg_types.size();
  bool variadic = false;
  bool use_defaults = false;
  std::vector<int> argnumbers;
  if (!argnames.empty()) {
    // Named notation cannot match an expanded variadic.
    if (p.variadic_type != 0 && expand_variadic) return false;
    if (pronargs > nargs) {
      if (nargs + static_cast<size_t>(p.nargdefaults) < pronargs) return false;
      use_defaults = true;
    }
    if (pronargs != nargs && !use_defaults) return false;
    auto numbers = match_named_call(p, nargs, argnames);
    if (!numbers) return false;
    argnumbers = std::move(*numbers);
    any_special = true;
  } else {
    if (pronargs <= nargs && expand_variadic) {
      variadic = p.variadic_type != 0;
      any_special = any_special || variadic;
    }
    if (pronargs > nargs) {
      if (nargs + static_cast<size_t>(p.nargdefaults) < pronargs) return false;
      use_defaults = true;
      any_special = true;
    }
    if (pronargs != nargs && !variadic && !use_defaults) return false;
  }
  const size_t effective = std::max(pronargs, nargs);
  out = Candidate{};
  out.oid = p.oid;
  out.path_pos = path_pos;
  out.args.assign(effective, 0);
  for (size_t j = 0; j < pronargs; ++j) {
    out.args[j] = argnumbers.empty() ? p.arg_types[j] : p.arg_types[argnumbers[j]];
  }
  if (variadic) {
    out.nvargs = static_cast<int>(effective - pronargs + 1);
    for (size_t j = pronargs - 1; j < effective; ++j) out.args[j] = p.variadic_type;
  }
  out.ndargs = use_defaults ? static_cast<int>(pronargs - nargs) : 0;
  out.argnumbers = std::move(argnumbers);
  return true;
}

/// Adds `c` unless an earlier-path or non-variadic duplicate wins; ambiguous duplicates
/// leave the old entry with oid 0.
void add_candidate(std::vector<Candidate>& list, Candidate c, bool any_special, bool qualified) {
  if (!list.empty() && (any_special || !qualified)) {
    for (size_t k = 0; k < list.size(); ++k) {
      // Compare the arguments the call supplies (defaults aside).
      Candidate& prev = list[k];
      size_t n = c.args.size() - static_cast<size_t>(c.ndargs);
      if (n != prev.args.size() - static_cast<size_t>(prev.ndargs) ||
          !std::equal(c.args.begin(), c.args.begin() + static_cast<std::ptrdiff_t>(n),
                      prev.args.begin())) {
        continue;
      }
      int preference = 0;
      if (c.path_pos != prev.path_pos) {
        preference = c.path_pos - prev.path_pos;
      } else if (c.nvargs > 0 && prev.nvargs == 0) {
        preference = 1;
      } else if (c.nvargs == 0 && prev.nvargs > 0) {
        preference = -1;
      }
      if (preference > 0) return;
      if (preference < 0) {
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
        break;
      }
      prev.oid = 0;  // ambiguous
      return;
    }
  }
  list.push_back(std::move(c));
}

/// What the namespace search found.
struct Lookup {
  std::vector<Proc> procs;            ///< every overload seen; Candidate::source indexes it
  std::vector<Candidate> candidates;  ///< FuncnameGetCandidates' result
  std::string error;                  ///< e.g. a missing schema
};

/// FuncnameGetCandidates: the overloads of `name` along the path (or in `schema`).
Lookup find_candidates(const catalog::Catalog& cat, const std::string& schema,
                       const std::string& name, size_t nargs,
                       const std::vector<std::string>& argnames, bool expand_variadic,
                       const std::vector<std::string>& search_path) {
  Lookup out;
  std::vector<std::string> path;
  if (!schema.empty()) {
    if (schema != "pg_catalog" && schema != "information_schema" && !cat.schemas().count(schema)) {
      out.error = "schema \"" + schema + "\" does not exist";
      return out;
    }
    path = {schema};
  } else {
    path = detail::effective_path(cat, search_path);
  }
  for (size_t pos = 0; pos < path.size(); ++pos) {
    const std::string& s = path[pos];
    std::vector<Proc> here;
    if (s == "pg_catalog") {
      for (const builtins::BuiltinProc* b : builtins::find_procs(name)) {
        here.push_back(from_builtin(*b, "pg_catalog"));
      }
    }
    auto sit = cat.schemas().find(s);
    if (sit != cat.schemas().end()) {
      auto range = sit->second.functions.equal_range(name);
      for (auto it = range.first; it != range.second; ++it) {
        if (const catalog::Function* f = cat.function(it->second)) {
          here.push_back(from_function(cat, *f));
        }
      }
    }
    for (Proc& p : here) {
      p.path_pos = static_cast<int>(pos);
      out.procs.push_back(std::move(p));
    }
  }
  bool any_special = false;
  for (size_t i = 0; i < out.procs.size(); ++i) {
    Candidate c;
    const Proc& p = out.procs[i];
    if (!make_candidate(p, p.path_pos, nargs, argnames, expand_variadic, any_special, c)) {
      continue;
    }
    c.source = i;
    add_candidate(out.candidates, std::move(c), any_special, !schema.empty());
  }
  return out;
}

/// func_signature_string: "name(type, name => type)".
std::string signature(const catalog::Catalog& cat, const std::vector<std::string>& name,
                      const std::vector<Oid>& args, const std::vector<std::string>& argnames) {
  std::string out;
  for (const std::string& n : name) out += (out.empty() ? "" : ".") + n;
  out += "(";
  size_t numposargs = args.size() - std::min(args.size(), argnames.size());
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    if (i >= numposargs) out += argnames[i - numposargs] + " => ";
    out += format(cat, args[i]);
  }
  return out + ")";
}

/// FuncNameAsType: the non-composite type named like the function, or 0.
Oid func_name_as_type(const catalog::Catalog& cat, const std::string& schema,
                      const std::string& name, const std::vector<std::string>& search_path) {
  std::vector<std::string> path =
      schema.empty() ? detail::effective_path(cat, search_path) : std::vector<std::string>{schema};
  for (const std::string& s : path) {
    if (s == "pg_catalog" || s == "information_schema") {
      if (const builtins::BuiltinType* b = builtins::find_type(s, name)) {
        return b->typtype == 'c' ? 0 : b->oid;
      }
    }
    auto sit = cat.schemas().find(s);
    if (sit == cat.schemas().end()) continue;
    auto it = sit->second.types.find(name);
    if (it == sit->second.types.end()) continue;
    const catalog::Type* t = cat.type(it->second);
    return t && (t->typtype != 'c' || t->elem != 0) ? t->oid : 0;
  }
  return 0;
}

/// func_get_detail's "typename(x)" rule: is the call a cast to `target`?
bool is_function_style_cast(const catalog::Catalog& cat, Oid target, Oid source) {
  if (source == k_unknown_oid) return true;  // typename('literal') is always a cast
  switch (find_coercion_path(cat, source, target, CoercionContext::Explicit)) {
    case CoercionPath::Relabel:
      return true;
    case CoercionPath::ViaIO:
      return !((source == k_record || is_complex(cat, source)) &&
               type_category(cat, target) == 'S');
    default:
      return false;
  }
}

/// The checks ParseFuncOrColumn makes on the kind of routine found; "" when fine.
std::string check_call_kind(const FunctionMatch& m, const std::string& fname,
                            const std::string& sig, const CallFlags& flags) {
  if (flags.procedure) return m.kind == 'p' && !m.coercion ? "" : sig + " is not a procedure";
  if (m.kind == 'p' && !m.coercion) return sig + " is a procedure";  // not in a CALL
  if (m.kind == 'f' || m.kind == 'p') {
    if (flags.agg_star) {
      return fname + "(*) specified, but " + fname + " is not an aggregate function";
    }
    if (flags.agg_distinct)
      return "DISTINCT specified, but " + fname + " is not an aggregate function";
    if (flags.within_group) {
      return "WITHIN GROUP specified, but " + fname + " is not an aggregate function";
    }
    if (flags.agg_order)
      return "ORDER BY specified, but " + fname + " is not an aggregate function";
    if (flags.has_filter) return "FILTER specified, but " + fname + " is not an aggregate function";
    if (flags.has_over) {
      return "OVER specified, but " + fname + " is not a window function nor an aggregate function";
    }
    return "";
  }
  if (m.kind == 'a') {
    if (m.agg_kind == 'o' || m.agg_kind == 'h') {
      if (!flags.within_group) return "WITHIN GROUP is required for ordered-set aggregate " + fname;
      if (flags.has_over) return "OVER is not supported for ordered-set aggregate " + fname;
    } else if (flags.within_group) {
      return fname + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP";
    }
  } else if (m.kind == 'w') {
    if (!flags.has_over) return "window function " + fname + " requires an OVER clause";
    if (flags.within_group) return "window function " + fname + " cannot have WITHIN GROUP";
  }
  return "";
}

/// Checks after type resolution: parameterless aggregates, window-call restrictions.
std::string check_after_resolution(const FunctionMatch& m, const std::string& fname, size_t nargs,
                                   const CallFlags& flags) {
  if (m.kind == 'a' && nargs == 0 && !flags.agg_star && !flags.within_group) {
    return fname + "(*) must be used to call a parameterless aggregate function";
  }
  if (flags.has_over && (m.kind == 'a' || m.kind == 'w')) {
    if (flags.agg_distinct) return "DISTINCT is not implemented for window functions";
    if (flags.agg_order) return "aggregate ORDER BY is not implemented for window functions";
    if (flags.has_filter && m.kind == 'w') {
      return "FILTER is not implemented for non-aggregate window functions";
    }
    if (m.retset) return "window functions cannot return sets";
  }
  return "";
}

/// func_get_detail's choice among the candidates.
struct Choice {
  const Candidate* best = nullptr;  ///< the chosen overload, if any
  bool multiple = false;            ///< several equally good overloads
  Oid cast_to = 0;                  ///< `typename(x)` is a cast to this type
};

Choice choose(const catalog::Catalog& cat, const Lookup& lookup, const std::string& schema,
              const std::string& fname, const std::vector<Oid>& argtypes,
              const std::vector<std::string>& argnames, const CallFlags& flags,
              const std::vector<std::string>& search_path) {
  Choice out;
  // An exact match on the given types (there can be only one).
  for (const Candidate& c : lookup.candidates) {
    if (std::equal(argtypes.begin(), argtypes.end(), c.args.begin())) {
      out.best = &c;
      break;
    }
  }
  if (!out.best) {
    // `typename(x)` as a cast, before any coercion-based match.
    if (argtypes.size() == 1 && argnames.empty()) {
      Oid target = func_name_as_type(cat, schema, fname, search_path);
      if (target != 0 && is_function_style_cast(cat, target, argtypes[0])) {
        out.cast_to = target;
        return out;
      }
    }
    std::vector<const Candidate*> viable = detail::match_argtypes(cat, argtypes, lookup.candidates);
    if (viable.size() == 1) {
      out.best = viable.front();
    } else if (viable.size() > 1) {
      out.best = detail::select_candidate(cat, argtypes, viable);
      out.multiple = out.best == nullptr;
    }
  }
  // Equally good duplicates (defaults, variadics, named orders) are ambiguous.
  if (out.best && out.best->oid == 0) out.multiple = true;
  // Named arguments with VARIADIC: the last argument must be the variadic parameter.
  size_t nargs = argtypes.size();
  if (out.best && !out.multiple && !argnames.empty() && flags.variadic && nargs > 0 &&
      out.best->argnumbers[nargs - 1] != static_cast<int>(nargs - 1)) {
    out.best = nullptr;
  }
  return out;
}

/// Binds polymorphic types and finishes `m` from the chosen overload.
void complete(const catalog::Catalog& cat, const Proc& proc, const Candidate& best,
              const std::vector<Oid>& argtypes, const CallFlags& flags, FunctionMatch& m) {
  const size_t nargs = argtypes.size();
  // Defaults take part in polymorphic resolution with their declared types.
  std::vector<Oid> actual = argtypes;
  const std::vector<Oid>& declared = best.args;
  for (size_t j = nargs; j < declared.size(); ++j) actual.push_back(declared[j]);
  PolymorphicResult poly = resolve_polymorphic(cat, actual, declared, proc.ret_type);
  if (!poly.error.empty()) {
    m.error = poly.error;
    return;
  }
  m.declared.assign(poly.declared.begin(),
                    poly.declared.begin() + static_cast<std::ptrdiff_t>(nargs));
  m.result = poly.result;
  // Declared names of the input parameters, per actual argument.
  std::vector<std::string> in_names;
  for (size_t i = 0; i < proc.arg_names.size(); ++i) {
    char mode = i < proc.arg_modes.size() ? proc.arg_modes[i] : 'i';
    if (mode == 'i' || mode == 'b' || mode == 'v') in_names.push_back(proc.arg_names[i]);
  }
  for (size_t i = 0; i < nargs; ++i) {
    size_t param = best.argnumbers.empty() ? i : static_cast<size_t>(best.argnumbers[i]);
    if (param >= in_names.size() && !in_names.empty() && proc.variadic_type != 0) {
      param = in_names.size() - 1;  // the VARIADIC parameter took the rest
    }
    m.arg_names.push_back(param < in_names.size() ? in_names[param] : "");
  }
  if (proc.variadic_type == k_any && flags.variadic && nargs > 0 &&
      element_of(cat, base_type(cat, argtypes.back())) == 0) {
    m.error = "VARIADIC argument must be an array";
    return;
  }
  if (m.nvargs > 0 && proc.variadic_type != k_any && !m.declared.empty() &&
      array_of(cat, m.declared.back()) == 0) {
    m.error = "could not find array type for data type " + format(cat, m.declared.back());
    return;
  }
  for (const auto& [col, type] : proc.out_columns) {
    Oid resolved = type;
    if (is_polymorphic(type)) resolved = resolve_polymorphic(cat, actual, declared, type).result;
    m.out_columns.emplace_back(col, resolved);
  }
}

/// The names of the trailing named arguments: leading "" entries (positional arguments)
/// are dropped; "" when a name repeats.
std::string named_arguments(const std::vector<std::string>& given, std::vector<std::string>& out) {
  size_t first = 0;
  while (first < given.size() && given[first].empty()) ++first;
  out.assign(given.begin() + static_cast<std::ptrdiff_t>(first), given.end());
  for (size_t i = 0; i < out.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (out[i] == out[j]) return "argument name \"" + out[i] + "\" used more than once";
    }
  }
  return "";
}

}  // namespace

FunctionMatch resolve_function(const catalog::Catalog& cat, const std::vector<std::string>& name,
                               const std::vector<ExprType>& args,
                               const std::vector<std::string>& search_path, const CallFlags& flags,
                               const std::vector<std::string>& arg_names) {
  FunctionMatch m;
  const std::string schema = name.size() >= 2 ? name[name.size() - 2] : "";
  const std::string fname = name.empty() ? "" : name.back();
  std::string display;
  for (const std::string& n : name) display += (display.empty() ? "" : ".") + n;
  // count(*) is resolved as count().
  std::vector<Oid> argtypes;
  std::vector<std::string> argnames;
  if (!flags.agg_star) {
    for (const ExprType& a : args) argtypes.push_back(a.oid);
    m.error = named_arguments(arg_names, argnames);
    if (!m.error.empty()) return m;
  }
  const std::string sig = signature(cat, name, argtypes, argnames);

  Lookup lookup =
      find_candidates(cat, schema, fname, argtypes.size(), argnames, !flags.variadic, search_path);
  if (!lookup.error.empty()) {
    m.error = lookup.error;
    return m;
  }
  Choice choice = choose(cat, lookup, schema, fname, argtypes, argnames, flags, search_path);
  m.name = fname;
  if (choice.cast_to != 0) {
    m.coercion = true;
    m.result = choice.cast_to;
    m.declared = {choice.cast_to};
    m.strict = true;
    m.error = check_call_kind(m, display, sig, flags);
    return m;
  }
  if (choice.multiple || !choice.best) {
    m.error = "function " + sig + (choice.multiple ? " is not unique" : " does not exist");
    m.name_unknown = lookup.procs.empty();
    return m;
  }

  const Proc& proc = lookup.procs[choice.best->source];
  m.builtin = proc.builtin;
  m.function = proc.function;
  m.oid = proc.oid;
  m.schema = proc.schema;
  m.retset = proc.retset;
  m.strict = proc.strict;
  m.kind = proc.kind;
  m.agg_kind = proc.agg_kind;
  m.nvargs = choice.best->nvargs;
  m.variadic_type = proc.variadic_type;
  m.error = check_call_kind(m, display, sig, flags);
  if (!m.error.empty()) return m;
  complete(cat, proc, *choice.best, argtypes, flags, m);
  if (!m.error.empty()) return m;
  m.error = check_after_resolution(m, display, argtypes.size(), flags);
  return m;
}

}  // namespace sqlgen::analyze
