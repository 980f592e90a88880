#include "support/expect_diag.hpp"

#include <algorithm>
#include <tuple>

namespace sqlgen::testing {

std::vector<DiagLine> expected_diagnostics(const diag::SourceBuffer& source) {
  std::vector<DiagLine> out;
  const std::string& text = source.text();
  const std::string marker = "expected-";
  for (size_t pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos + 1)) {
    size_t p = pos + marker.size();
    size_t word_end = text.find_first_of("@ {", p);
    if (word_end == std::string::npos) break;
    DiagLine d;
    d.severity = text.substr(p, word_end - p);
    d.line = source.line_col(static_cast<uint32_t>(pos)).line;
    if (text[word_end] == '@') {
      size_t num_end = text.find_first_of(" {", word_end);
      d.line = static_cast<uint32_t>(static_cast<int>(d.line) +
                                     std::stoi(text.substr(word_end + 1, num_end - word_end - 1)));
      word_end = num_end;
    }
    size_t open = text.find("{{", word_end);
    size_t close = text.find("}}", open);
    if (open == std::string::npos || close == std::string::npos) break;
    d.message = text.substr(open + 2, close - open - 2);
    out.push_back(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<DiagLine> actual_diagnostics(const diag::DiagnosticEngine& engine,
                                         const diag::SourceBuffer& source) {
  std::vector<DiagLine> out;
  for (const diag::Diagnostic& d : engine.sorted()) {
    if (!d.loc.source || d.loc.source->path() != source.path()) continue;
    DiagLine l;
    l.severity = d.severity == diag::Severity::Error     ? "error"
                 : d.severity == diag::Severity::Warning ? "warning"
                                                         : "remark";
    l.line = d.loc.offset >= 0 ? source.line_col(static_cast<uint32_t>(d.loc.offset)).line : 0;
    l.message = d.message;
    out.push_back(l);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string to_string(const std::vector<DiagLine>& lines) {
  std::string out;
  for (const DiagLine& l : lines) {
    out += "  line " + std::to_string(l.line) + ": " + l.severity + ": " + l.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace sqlgen::testing
