// PostgreSQL's parse_coerce.c: coercion pathways, polymorphic type binding and
// common types of CASE/UNION/VALUES/...
#include <array>

#include "analyze/types.hpp"

namespace sqlgen::analyze {

namespace builtins = catalog::builtins;
using namespace pseudo_oid;

namespace {

bool is_family1(Oid t) {
  return t == k_anyelement || t == k_anyarray || t == k_anynonarray || t == k_anyenum ||
         t == k_anyrange || t == k_anymultirange;
}

/// The pg_cast row from `source` to `target`; extension casts only when installed.
const builtins::BuiltinCast* find_cast(const catalog::Catalog& cat, Oid source, Oid target) {
  const builtins::BuiltinCast* c = builtins::find_cast(source, target);
  if (c && !c->extension.empty() && !extension_installed(cat, c->extension)) return nullptr;
  return c;
}

int context_rank(char castcontext) {
  switch (castcontext) {
    case 'i':
      return 0;
    case 'a':
      return 1;
    default:
      return 2;
  }
}

int context_rank(CoercionContext ctx) { return static_cast<int>(ctx); }

/// typeInheritsFrom: is `sub` the row type of a table that (transitively) inherits the
/// table whose row type is `super`?
bool type_inherits_from(const catalog::Catalog& cat, Oid sub, Oid super, int depth = 0) {
  const catalog::Type* t = cat.type(sub);
  if (!t || t->relation == 0 || depth > 32) return false;
  const catalog::Relation* rel = cat.relation(t->relation);
  if (!rel) return false;
  for (Oid parent : rel->parents) {
    const catalog::Relation* p = cat.relation(parent);
    if (!p) continue;
    if (p->row_type == super || type_inherits_from(cat, p->row_type, super, depth + 1)) {
      return true;
    }
  }
  return false;
}

bool is_complex_array(const catalog::Catalog& cat, Oid oid) {
  Oid elem = element_of(cat, oid);
  return elem != 0 && is_complex(cat, elem);
}

/// type_is_array_domain: an array type or a domain over one.
bool is_array_or_array_domain(const catalog::Catalog& cat, Oid oid) {
  return element_of(cat, base_type(cat, oid)) != 0;
}

}  // namespace

CoercionPath find_coercion_path(const catalog::Catalog& cat, Oid from, Oid to,
                                CoercionContext ctx) {
  // Domains are coercible to and from their base types.
  if (from != 0) from = base_type(cat, from);
  if (to != 0) to = base_type(cat, to);
  if (from == to) return CoercionPath::Relabel;

  if (const builtins::BuiltinCast* c = find_cast(cat, from, to)) {
    if (context_rank(ctx) < context_rank(c->context)) return CoercionPath::None;
    switch (c->method) {
      case 'f':
        return CoercionPath::Func;
      case 'i':
        return CoercionPath::ViaIO;
      default:
        return CoercionPath::Relabel;
    }
  }

  // No pg_cast row: arrays whose elements coerce (never to oidvector/int2vector).
  CoercionPath result = CoercionPath::None;
  if (to != k_oidvector && to != k_int2vector) {
    Oid to_elem = element_of(cat, to);
    Oid from_elem = element_of(cat, from);
    if (to_elem != 0 && from_elem != 0 &&
        find_coercion_path(cat, from_elem, to_elem, ctx) != CoercionPath::None) {
      result = CoercionPath::ArrayCoerce;
    }
  }
  // Automatic I/O conversion to string types (assignment) and from them (explicit).
  if (result == CoercionPath::None) {
    if (ctx >= CoercionContext::Assignment && type_category(cat, to) == 'S') {
      result = CoercionPath::ViaIO;
    } else if (ctx >= CoercionContext::Explicit && type_category(cat, from) == 'S') {
      result = CoercionPath::ViaIO;
    }
  }
  return result;
}

bool can_coerce_all(const catalog::Catalog& cat, std::span<const Oid> from, std::span<const Oid> to,
                    CoercionContext ctx) {
  bool have_generics = false;
  for (size_t i = 0; i < from.size() && i < to.size(); ++i) {
    Oid in = from[i];
    Oid target = to[i];
    if (in == target || target == k_any) continue;
    if (is_polymorphic(target)) {
      have_generics = true;  // checked below
      continue;
    }
    if (in == k_unknown_oid) continue;
    if (find_coercion_path(cat, in, target, ctx) != CoercionPath::None) continue;
    if (in == k_record && is_complex(cat, target)) continue;
    if (target == k_record && is_complex(cat, in)) continue;
    if (target == k_record_array && is_complex_array(cat, in)) continue;
    if (type_inherits_from(cat, in, target)) continue;
    return false;
  }
  return !have_generics || check_polymorphic(cat, from, to);
}

bool can_coerce(const catalog::Catalog& cat, Oid from, Oid to, CoercionContext ctx) {
  return can_coerce_all(cat, std::span<const Oid>(&from, 1), std::span<const Oid>(&to, 1), ctx);
}

namespace {

/// select_common_type_from_oids: 0 when the types' categories differ (`what` names the
/// inputs in the error: "argument", "UNION", "CASE", ...).
Oid common_type_from_oids(const catalog::Catalog& cat, const std::vector<Oid>& types,
                          std::string* error, std::string_view what = "argument",
                          size_t* culprit = nullptr) {
  Oid ptype = types[0];
  size_t i = 1;
  if (ptype != k_unknown_oid) {
    while (i < types.size() && types[i] == ptype) ++i;
    if (i == types.size()) return ptype;
  }
  ptype = base_type(cat, ptype);
  char pcategory = type_category(cat, ptype);
  bool pispreferred = is_preferred(cat, ptype);
  for (; i < types.size(); ++i) {
    Oid ntype = base_type(cat, types[i]);
    if (ntype == k_unknown_oid || ntype == ptype) continue;
    char ncategory = type_category(cat, ntype);
    if (ptype == k_unknown_oid) {
      // So far only unknowns: take anything.
      ptype = ntype;
      pcategory = ncategory;
      pispreferred = is_preferred(cat, ntype);
    } else if (ncategory != pcategory) {
      if (error) {
        *error = std::string(what) + " types " + format(cat, ptype) + " and " + format(cat, ntype) +
                 " cannot be matched";
      }
      if (culprit) *culprit = i;
      return 0;
    } else if (!pispreferred && can_coerce(cat, ptype, ntype, CoercionContext::Implicit) &&
               !can_coerce(cat, ntype, ptype, CoercionContext::Implicit)) {
      // Take the new type if it can be coerced to implicitly but not the other way.
      ptype = ntype;
      pcategory = ncategory;
      pispreferred = is_preferred(cat, ntype);
    }
  }
  return ptype == k_unknown_oid ? k_text : ptype;
}

bool verify_common_type(const catalog::Catalog& cat, Oid common, const std::vector<Oid>& types) {
  for (Oid t : types) {
    if (!can_coerce(cat, t, common, CoercionContext::Implicit)) return false;
  }
  return true;
}

/// The types polymorphic arguments take, as check_polymorphic and
/// enforce_generic_type_consistency find them walking the arguments.
struct PolyState {
  Oid elem = 0, array = 0, range = 0, multirange = 0;
  Oid compat = 0, compat_array = 0, compat_range = 0, compat_range_elem = 0;
  Oid compat_multirange = 0, compat_multirange_elem = 0;
  bool have_poly_unknowns = false, have_compat = false;
  bool have_anynonarray = false, have_anyenum = false, have_anymultirange = false;
  bool have_compat_nonarray = false, have_compat_array = false, have_compat_range = false;
  bool have_compat_multirange = false;
  int n_poly_args = 0;
  std::vector<Oid> compat_actual;
};

/// check_polymorphic's pass over the arguments: the type each polymorphic family takes (in
/// `s`); false when two arguments of one family disagree or a container has no element.
bool match_polymorphic_args(const catalog::Catalog& cat, std::span<const Oid> actual,
                            std::span<const Oid> declared, PolyState& s) {
  for (size_t j = 0; j < declared.size() && j < actual.size(); ++j) {
    Oid decl = declared[j];
    Oid act = actual[j];
    if (decl == k_anyelement || decl == k_anynonarray || decl == k_anyenum) {
      if (decl == k_anynonarray) s.have_anynonarray = true;
      if (decl == k_anyenum) s.have_anyenum = true;
      if (act == k_unknown_oid) continue;
      if (s.elem != 0 && act != s.elem) return false;
      s.elem = act;
    } else if (decl == k_anyarray || decl == k_anyrange || decl == k_anymultirange) {
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      Oid& slot = decl == k_anyarray ? s.array : decl == k_anyrange ? s.range : s.multirange;
      if (slot != 0 && act != slot) return false;
      slot = act;
    } else if (decl == k_anycompatible || decl == k_anycompatiblenonarray) {
      if (decl == k_anycompatiblenonarray) s.have_compat_nonarray = true;
      if (act == k_unknown_oid) continue;
      s.compat_actual.push_back(act);
    } else if (decl == k_anycompatiblearray) {
      if (act == k_unknown_oid) continue;
      Oid elem = element_of(cat, base_type(cat, act));
      if (elem == 0) return false;
      s.compat_actual.push_back(elem);
    } else if (decl == k_anycompatiblerange) {
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      if (s.compat_range != 0) {
        if (s.compat_range != act) return false;
      } else {
        s.compat_range = act;
        s.compat_range_elem = range_subtype(cat, act);
        if (s.compat_range_elem == 0) return false;
        s.compat_actual.push_back(s.compat_range_elem);
      }
    } else if (decl == k_anycompatiblemultirange) {
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      if (s.compat_multirange != 0) {
        if (s.compat_multirange != act) return false;
      } else {
        s.compat_multirange = act;
        s.compat_multirange_elem = multirange_range(cat, act);
        if (s.compat_multirange_elem == 0) return false;
      }
    }
  }
  return true;
}

/// check_polymorphic's checks of what the families imply about one another: an array's or a
/// range's element is the element type, a multirange's range the range type, anynonarray and
/// anyenum hold, and the anycompatible family has a common type.
bool polymorphic_args_agree(const catalog::Catalog& cat, PolyState& s) {
  // A type derived from a container (0: none) must agree with what `slot` holds already.
  auto unify = [](Oid derived, Oid& slot) {
    if (derived == 0) return false;
    if (slot == 0) slot = derived;
    return slot == derived;
  };
  if (s.array != 0 && s.array != k_anyarray && !unify(element_of(cat, s.array), s.elem)) {
    return false;
  }
  if (s.multirange != 0 && !unify(multirange_range(cat, s.multirange), s.range)) return false;
  if (s.range != 0 && !unify(range_subtype(cat, s.range), s.elem)) return false;
  if (s.have_anynonarray && is_array_or_array_domain(cat, s.elem)) return false;
  if (s.have_anyenum && type_kind(cat, s.elem) != 'e') return false;

  if (s.compat_multirange != 0) {
    if (s.compat_range != 0) {
      if (s.compat_multirange_elem != s.compat_range) return false;
    } else {
      s.compat_range = s.compat_multirange_elem;
      s.compat_range_elem = range_subtype(cat, s.compat_range);
      if (s.compat_range_elem == 0) return false;
      s.compat_actual.push_back(s.compat_range_elem);
    }
  }
  if (!s.compat_actual.empty()) {
    Oid common = common_type_from_oids(cat, s.compat_actual, nullptr);
    if (common == 0 || !verify_common_type(cat, common, s.compat_actual)) return false;
    if (s.have_compat_nonarray && is_array_or_array_domain(cat, common)) return false;
    if (s.compat_range_elem != 0 && s.compat_range_elem != common) return false;
  }
  return true;
}

}  // namespace

bool check_polymorphic(const catalog::Catalog& cat, std::span<const Oid> actual,
                       std::span<const Oid> declared) {
  PolyState s;
  return match_polymorphic_args(cat, actual, declared, s) && polymorphic_args_agree(cat, s);
}

namespace {

std::string not_alike(const char* what) {
  return std::string("arguments declared \"") + what + "\" are not all alike";
}

std::string cannot_determine(const char* what) {
  return std::string("could not determine polymorphic type ") + what +
         " because input has type unknown";
}

/// First pass: collect what each polymorphic argument says; "" or an error message.
std::string collect_polymorphic(const catalog::Catalog& cat, std::span<const Oid> actual,
                                std::span<const Oid> declared, PolyState& s) {
  for (size_t j = 0; j < declared.size() && j < actual.size(); ++j) {
    Oid decl = declared[j];
    Oid act = actual[j];
    if (decl == k_anyelement || decl == k_anynonarray || decl == k_anyenum) {
      ++s.n_poly_args;
      if (decl == k_anynonarray) s.have_anynonarray = true;
      if (decl == k_anyenum) s.have_anyenum = true;
      if (act == k_unknown_oid) {
        s.have_poly_unknowns = true;
        continue;
      }
      if (s.elem != 0 && act != s.elem) return not_alike("anyelement");
      s.elem = act;
    } else if (decl == k_anyarray || decl == k_anyrange || decl == k_anymultirange) {
      ++s.n_poly_args;
      if (decl == k_anymultirange) s.have_anymultirange = true;
      if (act == k_unknown_oid) {
        s.have_poly_unknowns = true;
        continue;
      }
      act = base_type(cat, act);
      Oid& slot = decl == k_anyarray ? s.array : decl == k_anyrange ? s.range : s.multirange;
      if (slot != 0 && act != slot) {
        return not_alike(decl == k_anyarray   ? "anyarray"
                         : decl == k_anyrange ? "anyrange"
                                              : "anymultirange");
      }
      slot = act;
    } else if (decl == k_anycompatible || decl == k_anycompatiblenonarray) {
      s.have_compat = true;
      if (decl == k_anycompatiblenonarray) s.have_compat_nonarray = true;
      if (act == k_unknown_oid) continue;
      s.compat_actual.push_back(act);
    } else if (decl == k_anycompatiblearray) {
      s.have_compat = true;
      s.have_compat_array = true;
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      Oid elem = element_of(cat, act);
      if (elem == 0) {
        return "argument declared anycompatiblearray is not an array but type " + format(cat, act);
      }
      s.compat_actual.push_back(elem);
    } else if (decl == k_anycompatiblerange) {
      s.have_compat = true;
      s.have_compat_range = true;
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      if (s.compat_range != 0) {
        if (s.compat_range != act) return not_alike("anycompatiblerange");
      } else {
        s.compat_range = act;
        s.compat_range_elem = range_subtype(cat, act);
        if (s.compat_range_elem == 0) {
          return "argument declared anycompatiblerange is not a range type but type " +
                 format(cat, act);
        }
        s.compat_actual.push_back(s.compat_range_elem);
      }
    } else if (decl == k_anycompatiblemultirange) {
      s.have_compat = true;
      s.have_compat_multirange = true;
      if (act == k_unknown_oid) continue;
      act = base_type(cat, act);
      if (s.compat_multirange != 0) {
        if (s.compat_multirange != act) return not_alike("anycompatiblemultirange");
      } else {
        s.compat_multirange = act;
        s.compat_multirange_elem = multirange_range(cat, act);
        if (s.compat_multirange_elem == 0) {
          return "argument declared anycompatiblemultirange is not a multirange type but type " +
                 format(cat, act);
        }
      }
    }
  }
  return "";
}

/// Binds the family-1 types (anyelement ... anymultirange); "" or an error message.
std::string bind_family1(const catalog::Catalog& cat, Oid rettype, PolyState& s) {
  if (s.array != 0) {
    Oid array_elem = 0;
    if (s.array == k_anyarray) {
      // anyarray input to an anyarray argument: only as the sole polymorphic argument.
      if (s.n_poly_args != 1 || (rettype != k_anyarray && is_family1(rettype))) {
        return "cannot determine element type of \"anyarray\" argument";
      }
      array_elem = k_anyelement;
    } else {
      array_elem = element_of(cat, s.array);
      if (array_elem == 0) {
        return "argument declared anyarray is not an array but type " + format(cat, s.array);
      }
    }
    if (s.elem == 0) {
      s.elem = array_elem;
    } else if (array_elem != s.elem) {
      return "argument declared anyarray is not consistent with argument declared anyelement";
    }
  }
  if (s.multirange != 0) {
    Oid multirange_elem = multirange_range(cat, s.multirange);
    if (multirange_elem == 0) {
      return "argument declared anymultirange is not a multirange type but type " +
             format(cat, s.multirange);
    }
    if (s.range == 0) {
      s.range = multirange_elem;
    } else if (multirange_elem != s.range) {
      return "argument declared anymultirange is not consistent with argument declared "
             "anyrange";
    }
  } else if (s.have_anymultirange && s.range != 0) {
    s.multirange = range_multirange(cat, s.range);
  }
  if (s.range != 0) {
    Oid range_elem = range_subtype(cat, s.range);
    if (range_elem == 0) {
      return "argument declared anyrange is not a range type but type " + format(cat, s.range);
    }
    if (s.elem == 0) {
      s.elem = range_elem;
    } else if (range_elem != s.elem) {
      return "argument declared anyrange is not consistent with argument declared anyelement";
    }
  }
  if (s.elem == 0) return "could not determine polymorphic type because input has type unknown";
  if (s.have_anynonarray && s.elem != k_anyelement && is_array_or_array_domain(cat, s.elem)) {
    return "type matched to anynonarray is an array type: " + format(cat, s.elem);
  }
  if (s.have_anyenum && s.elem != k_anyelement && type_kind(cat, s.elem) != 'e') {
    return "type matched to anyenum is not an enum type: " + format(cat, s.elem);
  }
  return "";
}

/// Binds the anycompatible family; "" or an error message.
std::string bind_family2(const catalog::Catalog& cat, PolyState& s) {
  if (s.compat_multirange != 0) {
    if (s.compat_range != 0) {
      if (s.compat_multirange_elem != s.compat_range) {
        return "argument declared anycompatiblemultirange is not consistent with argument "
               "declared anycompatiblerange";
      }
    } else {
      s.compat_range = s.compat_multirange_elem;
      s.compat_range_elem = range_subtype(cat, s.compat_range);
      if (s.compat_range_elem == 0) {
        return "argument declared anycompatiblemultirange is not a multirange type but type " +
               format(cat, s.compat_multirange);
      }
      s.have_compat_range = true;
      s.compat_actual.push_back(s.compat_range_elem);
    }
  } else if (s.have_compat_multirange && s.compat_range != 0) {
    s.compat_multirange = range_multirange(cat, s.compat_range);
  }

  if (s.compat_actual.empty()) {
    // Every anycompatible argument is unknown: resolve as text, like select_common_type.
    s.compat = k_text;
    s.compat_array = k_text_array;
    if (s.have_compat_range) return cannot_determine("anycompatiblerange");
    if (s.have_compat_multirange) return cannot_determine("anycompatiblemultirange");
    return "";
  }
  std::string error;
  s.compat = common_type_from_oids(cat, s.compat_actual, &error);
  if (s.compat == 0) return error;
  if (!verify_common_type(cat, s.compat, s.compat_actual)) {
    return "arguments of anycompatible family cannot be cast to a common type";
  }
  if (s.have_compat_array) {
    s.compat_array = array_of(cat, s.compat);
    if (s.compat_array == 0) {
      return "could not find array type for data type " + format(cat, s.compat);
    }
  }
  if (s.have_compat_range) {
    if (s.compat_range == 0) return cannot_determine("anycompatiblerange");
    if (s.compat_range_elem != s.compat) {
      return "anycompatiblerange type " + format(cat, s.compat_range) +
             " does not match anycompatible type " + format(cat, s.compat);
    }
  }
  if (s.have_compat_multirange) {
    if (s.compat_multirange == 0) return cannot_determine("anycompatiblemultirange");
    if (s.compat_range_elem != s.compat) {
      return "anycompatiblemultirange type " + format(cat, s.compat_multirange) +
             " does not match anycompatible type " + format(cat, s.compat);
    }
  }
  if (s.have_compat_nonarray && is_array_or_array_domain(cat, s.compat)) {
    return "type matched to anycompatiblenonarray is an array type: " + format(cat, s.compat);
  }
  return "";
}

/// The array type over the bound element type; "" or an error message.
std::string need_array(const catalog::Catalog& cat, PolyState& s) {
  if (s.array != 0) return "";
  s.array = array_of(cat, s.elem);
  if (s.array == 0) return "could not find array type for data type " + format(cat, s.elem);
  return "";
}

/// The concrete type for one declared polymorphic type; 0 with `*error` set on failure.
Oid substitute(const catalog::Catalog& cat, Oid decl, PolyState& s, std::string* error) {
  switch (decl) {
    case k_anyelement:
    case k_anynonarray:
    case k_anyenum:
      return s.elem;
    case k_anyarray:
      *error = need_array(cat, s);
      return error->empty() ? s.array : 0;
    case k_anyrange:
      if (s.range == 0) *error = cannot_determine("anyrange");
      return s.range;
    case k_anymultirange:
      if (s.multirange == 0) *error = cannot_determine("anymultirange");
      return s.multirange;
    case k_anycompatible:
    case k_anycompatiblenonarray:
      if (s.compat == 0) *error = "could not identify anycompatible type";
      return s.compat;
    case k_anycompatiblearray:
      if (s.compat_array == 0) *error = "could not identify anycompatiblearray type";
      return s.compat_array;
    case k_anycompatiblerange:
      if (s.compat_range == 0) *error = "could not identify anycompatiblerange type";
      return s.compat_range;
    case k_anycompatiblemultirange:
      if (s.compat_multirange == 0) *error = "could not identify anycompatiblemultirange type";
      return s.compat_multirange;
    default:
      return decl;
  }
}

}  // namespace

PolymorphicResult resolve_polymorphic(const catalog::Catalog& cat, std::span<const Oid> actual,
                                      std::span<const Oid> declared, Oid rettype) {
  PolymorphicResult out;
  out.declared.assign(declared.begin(), declared.end());
  out.result = rettype;
  PolyState s;
  s.have_anynonarray = rettype == k_anynonarray;
  s.have_anyenum = rettype == k_anyenum;
  s.have_anymultirange = rettype == k_anymultirange;
  s.have_compat_nonarray = rettype == k_anycompatiblenonarray;
  s.have_compat_array = rettype == k_anycompatiblearray;
  s.have_compat_range = rettype == k_anycompatiblerange;
  s.have_compat_multirange = rettype == k_anycompatiblemultirange;

  out.error = collect_polymorphic(cat, actual, declared, s);
  if (!out.error.empty()) return out;
  if (s.n_poly_args == 0 && !s.have_compat) return out;  // nothing polymorphic
  if (s.n_poly_args > 0) {
    out.error = bind_family1(cat, rettype, s);
    if (!out.error.empty()) return out;
  }
  if (s.have_compat) {
    out.error = bind_family2(cat, s);
    if (!out.error.empty()) return out;
    for (Oid& d : out.declared) {
      if (!is_family1(d) && is_polymorphic(d)) d = substitute(cat, d, s, &out.error);
    }
  }
  // Family-1 arguments take the bound types (PostgreSQL rewrites the unknown ones; the known
  // ones keep their own type, which the bound type equals up to domains).
  for (size_t j = 0; j < out.declared.size(); ++j) {
    Oid d = out.declared[j];
    if (!is_family1(d)) continue;
    bool unknown = j < actual.size() && actual[j] == k_unknown_oid;
    if (unknown) {
      Oid t = substitute(cat, d, s, &out.error);
      if (!out.error.empty()) return out;
      out.declared[j] = t;
    } else if (j < actual.size()) {
      // anyarray/anyrange/anymultirange see a domain's base type (coerce_type relabels it).
      bool container = d == k_anyarray || d == k_anyrange || d == k_anymultirange;
      out.declared[j] = container ? base_type(cat, actual[j]) : actual[j];
    }
  }
  if (is_polymorphic(rettype)) {
    std::string error;
    out.result = substitute(cat, rettype, s, &error);
    if (!error.empty()) out.error = error;
  }
  return out;
}

ExprType select_common_type(const catalog::Catalog& cat, const std::vector<ExprType>& types,
                            const char* context, std::string* error, size_t* culprit) {
  if (types.empty()) return {};
  std::string ctx = context ? context : "";
  std::vector<Oid> oids;
  for (const ExprType& t : types) {
    // An input that already failed was reported where it failed: no second error here.
    if (t.oid == 0) return {};
    oids.push_back(t.oid);
  }
  Oid ptype = common_type_from_oids(cat, oids, error, ctx, culprit);
  if (ptype == 0) return {};
  // coerce_to_common_type: every input must reach the common type implicitly.
  for (size_t i = 0; i < types.size(); ++i) {
    const ExprType& t = types[i];
    if (t.oid == ptype || can_coerce(cat, t.oid, ptype, CoercionContext::Implicit)) continue;
    if (error) {
      *error = ctx + " could not convert type " + format(cat, t.oid) + " to " + format(cat, ptype);
    }
    if (culprit) *culprit = i;
    return {};
  }
  // select_common_typmod: kept only when every input has the common type and that typmod.
  int32_t typmod = types[0].typmod;
  for (const ExprType& t : types) {
    if (t.oid != ptype || t.typmod != typmod) {
      typmod = -1;
      break;
    }
  }
  return ExprType{ptype, typmod};
}

}  // namespace sqlgen::analyze
