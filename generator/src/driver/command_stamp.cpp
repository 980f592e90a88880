// The command stamps of vet and schema: looked up before the run reads anything, stored after.
#include "driver/command_stamp.hpp"

#include "diag/saved.hpp"
#include "driver/driver.hpp"
#include "pg/cluster.hpp"
#include "util/cache.hpp"

namespace sqlgen::driver {

CommandStamp::CommandStamp(const Inputs& inputs, std::string command,
                           const diag::DiagnosticEngine& diags) {
  if (!inputs.stamp || !inputs.uses_config() || util::cache_disabled_by_env() ||
      !diags.sorted().empty()) {
    return;
  }
  diag::DiagnosticEngine loading;
  std::optional<config::Config> config = config::load_config(inputs.config_path, loading);
  if (!config || !loading.sorted().empty()) return;  // the real run reports why
  m_use = true;
  m_inputs_hash = codegen::command_inputs_hash(*config, command);
  m_file = codegen::command_stamp_path(pg::default_cache_dir(), *config, command);
}

std::optional<std::string> CommandStamp::lookup(
    diag::DiagnosticEngine& diags, const std::function<bool(const std::string&)>& accept) {
  if (!m_use) return std::nullopt;
  std::optional<codegen::CommandResult> hit =
      codegen::command_stamp_lookup(m_file, m_inputs_hash, &m_input_hashes);
  if (!hit || (accept && !accept(hit->output))) return std::nullopt;
  std::vector<diag::Diagnostic> replay;
  if (!hit->diagnostics.empty()) {
    std::optional<std::vector<diag::Diagnostic>> saved = diag::load_diagnostics(hit->diagnostics);
    if (!saved) return std::nullopt;  // unreadable: run for real
    replay = std::move(*saved);
  }
  for (diag::Diagnostic& d : replay) diags.report(std::move(d));
  return std::move(hit->output);
}

void CommandStamp::store(const std::string& output, const diag::DiagnosticEngine& diags) const {
  if (!m_use) return;
  codegen::CommandResult result{output, {}};
  if (std::vector<diag::Diagnostic> reported = diags.sorted(); !reported.empty()) {
    std::optional<std::string> text = diag::save_diagnostics(reported);
    if (!text) return;
    result.diagnostics = std::move(*text);
  }
  if (util::prepare_cache_entry_dir(m_file.parent_path()).empty()) {
    (void)codegen::write_command_stamp(m_file, m_inputs_hash, result, &m_input_hashes);
  }
}

}  // namespace sqlgen::driver
