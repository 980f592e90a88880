// libFuzzer target: `sqlgen.yaml` text → config::parse_config (the YAML reader, every key's
// checks, module version namespaces), then its diagnostics rendered as text and JSON.
#include "config/config.hpp"
#include "fixture.hpp"

using namespace sqlgen;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  diag::DiagnosticEngine diags;
  std::optional<config::Config> config = config::parse_config(
      diag::make_source("/sqlgen-fuzz/sqlgen.yaml", fuzz::text_of(data, size)), diags);
  if (config) {
    for (size_t i = 0; i < config->modules.size(); ++i) {
      (void)config->modules[i].effective_search_path(*config);
      (void)config->version_range(i);
    }
  }
  (void)diag::render_all(diags, false);
  (void)diag::render_all(diags, true);
  return 0;
}
