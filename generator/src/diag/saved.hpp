#pragma once
/// Diagnostics saved as text and read back, so a run answered from a cache prints what the run
/// that filled it printed (the generate stamp keeps a run's warnings this way). Each source a
/// diagnostic points into is kept as far as printing needs: the lines its locations cover, at
/// their line numbers, so lines, columns, source lines and carets come out the same in text
/// and JSON.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::diag {

/// `diags` (with their notes) as one line of JSON; nullopt when a text is not UTF-8.
std::optional<std::string> save_diagnostics(const std::vector<Diagnostic>& diags);

/// What save_diagnostics wrote, as diagnostics again; nullopt when `text` is not such a save.
std::optional<std::vector<Diagnostic>> load_diagnostics(std::string_view text);

}  // namespace sqlgen::diag
