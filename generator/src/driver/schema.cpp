// `sqlgen schema`: the catalog the migrations build, printed as SQL or JSON; answered from a
// command stamp when the project's inputs did not change.
#include <nlohmann/json.hpp>

#include "driver/command_stamp.hpp"
#include "driver/driver.hpp"

namespace sqlgen::driver {

std::string schema(const Inputs& inputs, const std::string& format, diag::DiagnosticEngine& diags) {
  CommandStamp stamp(inputs, "schema " + format, diags);
  if (std::optional<std::string> saved = stamp.lookup(diags)) return std::move(*saved);
  Project project = load(inputs, diags);
  build_catalog(project, diags);
  std::string text = format == "sql"
                         ? project.catalog.to_sql()
                         : project.catalog.to_json().dump(
                               2, ' ', false, nlohmann::json::error_handler_t::replace) +
                               '\n';
  stamp.store(text, diags);
  return text;
}

}  // namespace sqlgen::driver
