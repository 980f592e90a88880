// Where the generated to_json / from_json go (`options: json`). nlohmann/json.hpp is most of
// the compile time of a generated header, so with `auto` (the default) only a module whose
// headers hold a View (a json or jsonb value) gets JSON in its models.hpp and
// queries.hpp. A module with JSON needs the JSON of every model type its structs hold; a type
// of a module without JSON of its own gets it from that module's companion json.hpp, which the
// module with JSON includes instead of the models.hpp (which json.hpp includes).
#include <deque>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

using json = View;

void HeaderUses::add(const CppType& t) {
  modules.insert(t.modules.begin(), t.modules.end());
  if (t.name.find("nlohmann::") != std::string::npos) json_values = true;
}

JsonPlan plan_json(const Options& options, const std::vector<HeaderUses>& models,
                   const std::vector<HeaderUses>& queries) {
  size_t n = models.size();
  JsonPlan plan{std::vector<bool>(n), std::vector<bool>(n)};
  for (size_t i = 0; i < n; ++i) {
    plan.own[i] = options.json.value_or(models[i].json_values || queries[i].json_values);
  }
  // Companions: the modules a header with JSON uses, then the modules their types use.
  std::deque<size_t> todo;
  auto need = [&](size_t m) {
    if (plan.own[m] || plan.companion[m]) return;
    plan.companion[m] = true;
    todo.push_back(m);
  };
  for (size_t i = 0; i < n; ++i) {
    if (!plan.own[i]) continue;
    for (size_t m : models[i].modules) need(m);
    for (size_t m : queries[i].modules) need(m);
  }
  while (!todo.empty()) {
    size_t m = todo.front();
    todo.pop_front();
    for (size_t used : models[m].modules) need(used);
  }
  return plan;
}

namespace {

/// `first`, then per other module used its models.hpp, or its json.hpp when `json` is set and
/// that module has a companion.
json includes(const Plan& plan, const JsonPlan& jp, size_t module, const std::set<size_t>& used,
              bool json_wanted, const std::string& first) {
  json out = json::array();
  if (!first.empty()) out.push_back(first);
  for (size_t m : used) {
    if (m == module) continue;
    const char* file = json_wanted && jp.companion[m] ? "/json.hpp" : "/models.hpp";
    out.push_back("../" + plan.modules[m]->name + file);
  }
  return out;
}

}  // namespace

void set_json_includes(json& view, const Plan& plan, const JsonPlan& jp, size_t module,
                       const HeaderUses& uses, const std::string& first) {
  bool own = jp.own[module];
  view["json"] = own;
  view["module_includes"] = includes(plan, jp, module, uses.modules, own, first);
}

json companion_view(const json& models_view, const Plan& plan, const JsonPlan& jp, size_t module,
                    const HeaderUses& models_uses) {
  json view = models_view;
  view["json"] = true;
  view["module_includes"] = includes(plan, jp, module, models_uses.modules, true, "models.hpp");
  return view;
}

}  // namespace sqlgen::codegen
