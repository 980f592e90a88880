#pragma once
// clang -verify style fixtures: a file states the diagnostics it must
// produce in comments, `-- expected-error {{message}}` (same line) or
// `-- expected-warning@+1 {{message}}` (line offset).

#include <string>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::testing {

/// One expected or actual diagnostic: severity word, line, message.
struct DiagLine {
  std::string severity;
  uint32_t line = 0;
  std::string message;
  bool operator==(const DiagLine&) const = default;
  bool operator<(const DiagLine& o) const {
    return std::tie(line, severity, message) < std::tie(o.line, o.severity, o.message);
  }
};

/// The expectations written in `source`'s comments, sorted.
std::vector<DiagLine> expected_diagnostics(const diag::SourceBuffer& source);
/// The diagnostics `engine` holds for `source` (notes excluded), sorted.
std::vector<DiagLine> actual_diagnostics(const diag::DiagnosticEngine& engine,
                                         const diag::SourceBuffer& source);
/// A readable listing for failure messages.
std::string to_string(const std::vector<DiagLine>& lines);

}  // namespace sqlgen::testing
