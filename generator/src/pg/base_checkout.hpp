#pragma once
/// `sqlgen dump --base REV`'s checkout: the config file and the schema sources it lists, as they
/// were at a git revision, extracted with `git archive` into a directory (the working tree and
/// the index are never touched). git and tar run with a time limit and are stopped after it.

#include <filesystem>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::pg {

/// Extracts the config at `config_path` (a path in a git work tree) and every schema source it
/// lists as of revision `rev` under `into`, and reads that config. Sources outside the
/// repository or missing at `rev` are left out (loading them reports them). Returns the config
/// of the extracted tree, or nullopt when git, tar or the config failed (reported: err_dump_tool
/// with the tool's first line of stderr, or the config's own diagnostics).
std::optional<config::Config> checkout_base(const std::filesystem::path& config_path,
                                            const std::string& rev,
                                            const std::filesystem::path& into,
                                            diag::DiagnosticEngine& diags);

}  // namespace sqlgen::pg
