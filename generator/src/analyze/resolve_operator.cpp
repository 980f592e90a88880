// PostgreSQL's operator resolution: OpernameGetOprid / OpernameGetCandidates
// (namespace.c), oper() / left_oper() / binary_oper_exact / oper_select_candidate
// and make_op's polymorphic resolution (parse_oper.c).
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

/// The operators named `name` of the wanted kind in the searched schemas, in path order:
/// pg_catalog's builtins plus the operators of installed extensions.
std::vector<PathOperator> operators_on_path(const catalog::Catalog& cat, const std::string& name,
                                            char kind, const std::vector<std::string>& path) {
  std::vector<PathOperator> out;
  for (size_t pos = 0; pos < path.size(); ++pos) {
    if (path[pos] == "pg_catalog") {
      for (const builtins::BuiltinOperator* op : builtins::find_operators(name)) {
        if (op->kind == kind) out.push_back({op, static_cast<int>(pos)});
      }
    }
    for (std::string_view ext : builtins::known_extensions()) {
      if (cat.extension_schema(ext) != path[pos]) continue;
      const builtins::ExtensionObjects* objects = builtins::extension_objects(ext);
      if (!objects) continue;
      for (const builtins::BuiltinOperator* op : objects->operators) {
        if (op->name == name && op->kind == kind) out.push_back({op, static_cast<int>(pos)});
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
    for (size_t i = 0; i < ops.size(); ++i) {
      std::vector<Oid> args = prefix ? std::vector<Oid>{ops[i].op->right}
                                     : std::vector<Oid>{ops[i].op->left, ops[i].op->right};
      bool duplicate = false;
      for (const Candidate& c : candidates) duplicate = duplicate || c.args == args;
      if (duplicate) continue;  // `ops` is in path order: the earlier one stays
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
