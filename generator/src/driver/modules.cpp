// What the commands that name a module share.
#include "driver/modules.hpp"

#include <vector>

namespace sqlgen::driver {

using diag::DiagId;

/// The index of the module named `name` in `config`; nullopt (reported, with did-you-mean)
/// when there is none.
std::optional<size_t> find_module(const config::Config& config, const std::string& name,
                                  diag::DiagnosticEngine& diags) {
  std::vector<std::string> names;
  for (size_t i = 0; i < config.modules.size(); ++i) {
    if (config.modules[i].name == name) return i;
    names.push_back(config.modules[i].name);
  }
  std::string hint = diag::did_you_mean(name, names);
  diags.report(
      diag::make(DiagId::err_module_not_found, {}, {name, hint.empty() ? "" : ", " + hint}));
  return std::nullopt;
}

}  // namespace sqlgen::driver
