#pragma once
/// Reading user-named input files into source buffers, with diagnostics for
/// missing, unreadable and empty files.

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::cli {

/// Expands PATHs (files, or directories searched recursively for *.sql, in
/// sorted order) and reads them. Problems are reported; readable files are returned.
std::vector<diag::SourcePtr> read_inputs(const std::vector<std::string>& paths,
                                         diag::DiagnosticEngine& diags);

}  // namespace sqlgen::cli
