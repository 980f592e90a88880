// PostgreSQL's operator resolution: OpernameGetOprid / OpernameGetCandidates
// (namespace.c), oper() / left_oper() / binary_oper_exact / oper_select_candidate
// and make_op's polymorphic resolution (parse_oper.c).
#include <map>
#include <set>
#include <utility>

#include "analyze/types.hpp"

namespace sqlgen::analyze {

namespace builtins = catalog::builtins;
using detail::Candidate;
using namespace pseudo_oid;

namespace {

/// An operator with the schema it lives in and that schema's position on the path.
struct PathOperator {
  const builtins::BuiltinOperator* op = nullptr;
  int path_pos = 0;
};

/// Extension `ext`'s operators named `name`, in the extension's order (indexed once: the lists
/// are long, btree_gist alone has hundreds, and every operator of a query looks here).
const std::vector<const builtins::BuiltinOperator*>& extension_operators(std::string_view ext,
                                                                         std::string_view name) {
  using ByName =
      std::map<std::string_view, std::vector<const builtins::BuiltinOperator*>, std::less<>>;
  // Never destroyed (as builtins' index): freeing it would be work at every exit.
  static const std::map<std::string_view, ByName, std::less<>>& k_index = *[] {
    auto* out = new std::map<std::string_view, ByName, std::less<>>;
    for (std::string_view e : builtins::known_extensions()) {
      ByName& by_name = (*out)[e];
      if (const builtins::ExtensionObjects* objects = builtins::extension_objects(e)) {
        for (const builtins::BuiltinOperator* op : objects->operators) {
          by_name[op->name].push_back(op);
        }
      }
    }
    return out;
  }();
  static const std::vector<const builtins::BuiltinOperator*> k_none;
  auto by_name = k_index.find(ext);
  if (by_name == k_index.end()) return k_none;
  auto ops = by_name->second.find(name);
  return ops == by_name->second.end() ? k_none : ops->second;
}

/// The operators named `name` of the wanted kind in the searched schemas, in path order:
/// pg_catalog's builtins plus the operators of installed extensions.
std::vector<PathOperator> operators_on_path(const catalog::Catalog& cat, const std::string& name,
                                            char kind, const std::vector<std::string>& path) {
  // The installed extensions (in their known order) and the schema each one is in.
  std::vector<std::pair<std::string_view, std::string_view>> installed;
  for (std::string_view ext : builtins::known_extensions()) {
    std::string_view schema = cat.extension_schema(ext);
    if (!schema.empty()) installed.emplace_back(ext, schema);
  }
  std::vector<PathOperator> out;
  for (size_t pos = 0; pos < path.size(); ++pos) {
    if (path[pos] == "pg_catalog") {
      for (const builtins::BuiltinOperator* op : builtins::find_operators(name)) {
        if (op->kind == kind) out.push_back({op, static_cast<int>(pos)});
      }
    }
    for (const auto& [ext, schema] : installed) {
      if (schema != path[pos]) continue;
      for (const builtins::BuiltinOperator* op : extension_operators(ext, name)) {
        if (op->kind == kind) out.push_back({op, static_cast<int>(pos)});
      }
    }
  }
  return out;
}

/// OpernameGetOprid: the operator with exactly these operand types, first on the path.
const builtins::BuiltinOperator* exact_operator(const std::vector<PathOperator>& ops, Oid left,
                                                Oid right) {
  for (const PathOperator& p : ops) {
    if (p.op->left == left && p.op->right == right) return p.op;
  }
  return nullptr;
}

/// binary_oper_exact: an unknown side takes the other side's type (or its domain's base).
const builtins::BuiltinOperator* binary_oper_exact(const catalog::Catalog& cat,
                                                   const std::vector<PathOperator>& ops, Oid left,
                                                   Oid right) {
  bool was_unknown = false;
  if (left == k_unknown_oid && right != 0) {
    left = right;
    was_unknown = true;
  } else if (right == k_unknown_oid && left != 0) {
    right = left;
    was_unknown = true;
  }
  if (const builtins::BuiltinOperator* op = exact_operator(ops, left, right)) return op;
  if (was_unknown) {
    Oid base = base_type(cat, left);
    if (base != left) return exact_operator(ops, base, base);
  }
  return nullptr;
}

/// op_signature_string: "integer = text", "- text".
std::string op_signature(const catalog::Catalog& cat, const std::vector<std::string>& name,
                         Oid left, Oid right, bool prefix) {
  std::string op;
  for (const std::string& n : name) op += (op.empty() ? "" : ".") + n;
  return (prefix ? "" : format(cat, left) + " ") + op + " " + format(cat, right);
}

}  // namespace

OperatorMatch resolve_operator(const catalog::Catalog& cat, const std::vector<std::string>& name,
                               Oid left, Oid right, const std::vector<std::string>& search_path) {
  OperatorMatch m;
  const bool prefix = left == 0;
  const std::string schema = name.size() >= 2 ? name[name.size() - 2] : "";
  const std::string opname = name.empty() ? "" : name.back();
  std::vector<std::string> path;
  if (!schema.empty()) {
    if (schema != "pg_catalog" && schema != "information_schema" && !cat.schemas().count(schema)) {
      m.error = "schema \"" + schema + "\" does not exist";
      return m;
    }
    path = {schema};
  } else {
    path = detail::effective_path(cat, search_path);
  }
  std::vector<PathOperator> ops = operators_on_path(cat, opname, prefix ? 'l' : 'b', path);

  // Exact match first.
  const builtins::BuiltinOperator* chosen =
      prefix ? exact_operator(ops, 0, right) : binary_oper_exact(cat, ops, left, right);
  bool multiple = false;
  if (!chosen && !ops.empty()) {
    // OpernameGetCandidates: one entry per signature, the earliest on the path.
    std::vector<Candidate> candidates;
    std::set<std::pair<Oid, Oid>> signatures;  // (left, right); left 0 for prefix operators
    for (size_t i = 0; i < ops.size(); ++i) {
      // `ops` is in path order: of two with one signature the earlier one stays.
      if (!signatures.emplace(prefix ? 0 : ops[i].op->left, ops[i].op->right).second) continue;
      std::vector<Oid> args = prefix ? std::vector<Oid>{ops[i].op->right}
                                     : std::vector<Oid>{ops[i].op->left, ops[i].op->right};
      Candidate c;
      c.oid = ops[i].op->oid;
      c.path_pos = ops[i].path_pos;
      c.args = std::move(args);
      c.source = i;
      candidates.push_back(std::move(c));
    }
    std::vector<Oid> input = prefix ? std::vector<Oid>{right} : std::vector<Oid>{left, right};
    std::vector<const Candidate*> viable = detail::match_argtypes(cat, input, candidates);
    const Candidate* best = nullptr;
    if (viable.size() == 1) {
      best = viable.front();
    } else if (viable.size() > 1) {
      best = detail::select_candidate(cat, input, viable);
      multiple = best == nullptr;
    }
    if (best) chosen = ops[best->source].op;
  }
  if (!chosen) {
    m.error = std::string(multiple ? "operator is not unique: " : "operator does not exist: ") +
              op_signature(cat, name, left, right, prefix);
    return m;
  }

  // make_op: bind polymorphic operand and result types.
  std::vector<Oid> actual = prefix ? std::vector<Oid>{right} : std::vector<Oid>{left, right};
  std::vector<Oid> declared =
      prefix ? std::vector<Oid>{chosen->right} : std::vector<Oid>{chosen->left, chosen->right};
  PolymorphicResult poly = resolve_polymorphic(cat, actual, declared, chosen->result);
  if (!poly.error.empty()) {
    m.error = poly.error;
    return m;
  }
  m.op = chosen;
  m.left = prefix ? 0 : poly.declared[0];
  m.right = poly.declared.back();
  m.result = poly.result;
  const builtins::BuiltinProc* proc = builtins::find_proc(chosen->proc);
  m.strict = proc && proc->strict;
  return m;
}

}  // namespace sqlgen::analyze
