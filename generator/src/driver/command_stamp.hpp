#pragma once
/// The command stamp policy of `sqlgen vet` and `sqlgen schema` (codegen/stamp.hpp holds the
/// proof): when a run is answered from its stamp, and when it stores one.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "codegen/stamp.hpp"
#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::driver {

struct Inputs;

class CommandStamp {
 public:
  /// Used only when `inputs.stamp` is set, for a project named by its config (no
  /// `--schema`/`--queries` paths) whose config
  /// loads without a diagnostic, without SQLGEN_NO_CACHE=1, and when nothing was reported yet
  /// (the stamp holds only the run's diagnostics). `command`: the command and the options that
  /// change its result. Hashes the inputs now, before the real run reads them.
  CommandStamp(const Inputs& inputs, std::string command, const diag::DiagnosticEngine& diags);

  /// The stamped output when the stamp answers the run (and `accept`, when given, takes it);
  /// then its diagnostics are reported to `diags`.
  std::optional<std::string> lookup(diag::DiagnosticEngine& diags,
                                    const std::function<bool(const std::string&)>& accept = {});

  /// Stores the result of a run that printed `output` and reported what `diags` holds. A stamp
  /// that cannot be stored only costs the next run its skip.
  void store(const std::string& output, const diag::DiagnosticEngine& diags) const;

 private:
  bool m_use = false;
  std::string m_inputs_hash;
  codegen::InputHashes m_input_hashes;
  std::filesystem::path m_file;
};

}  // namespace sqlgen::driver
