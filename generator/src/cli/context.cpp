#include "cli/context.hpp"

#include <cstdlib>
#include <ostream>

namespace sqlgen::cli {

int Context::finish(std::ostream& err, bool err_is_tty) const {
  diag::RenderOptions opts;
  opts.verbose = verbose;
  opts.color = color == "always" || (color == "auto" && err_is_tty && !std::getenv("NO_COLOR"));
  std::string text = diag::render_all(diags, json_diagnostics, opts);
  if (!text.empty()) err << text;
  if (!json_diagnostics && (diags.error_count() > 0 || diags.warning_count() > 0)) {
    size_t e = diags.error_count();
    size_t w = diags.warning_count();
    err << (e > 0 ? std::to_string(e) + (e == 1 ? " error" : " errors") : std::string())
        << (e > 0 && w > 0 ? " and " : "")
        << (w > 0 ? std::to_string(w) + (w == 1 ? " warning" : " warnings") : std::string())
        << " generated.\n";
  }
  return diags.has_errors() ? k_exit_diagnostics : k_exit_ok;
}

}  // namespace sqlgen::cli
