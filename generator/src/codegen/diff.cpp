// A line-based unified diff for `sqlgen generate --check`: longest common subsequence over
// the lines between the common prefix and suffix, hunks with 3 lines of context.
#include <algorithm>
#include <cstdint>

#include "codegen/codegen.hpp"

namespace sqlgen::codegen {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// One line of the edit script: ' ' kept, '-' removed, '+' added.
struct Edit {
  char op;
  std::string_view line;
  size_t a = 0;  ///< 0-based line in `before` (kept/removed) or where it goes
  size_t b = 0;  ///< 0-based line in `after` (kept/added) or where it goes
};

std::vector<Edit> edit_script(const std::vector<std::string_view>& a,
                              const std::vector<std::string_view>& b) {
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  std::vector<Edit> out;
  for (size_t i = 0; i < prefix; ++i) out.push_back({' ', a[i], i, i});
  if (n * m <= 40'000'000) {
    // lcs[i][j]: LCS length of a[prefix+i..] and b[prefix+j..].
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                  : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
        out.push_back({' ', a[prefix + i], prefix + i, prefix + j});
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        out.push_back({'-', a[prefix + i], prefix + i, prefix + j});
        ++i;
      } else {
        out.push_back({'+', b[prefix + j], prefix + i, prefix + j});
        ++j;
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) out.push_back({'-', a[prefix + i], prefix + i, prefix});
    for (size_t j = 0; j < m; ++j) out.push_back({'+', b[prefix + j], prefix + n, prefix + j});
  }
  for (size_t k = 0; k < suffix; ++k) {
    out.push_back({' ', a[prefix + n + k], prefix + n + k, prefix + m + k});
  }
  return out;
}

std::string range(size_t start, size_t count) {
  // GNU diff: an empty range names the line before it.
  size_t first = count == 0 ? start : start + 1;
  return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string unified_diff(std::string_view before_name, std::string_view before,
                         std::string_view after_name, std::string_view after) {
  if (before == after) return "";
  std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
  std::vector<Edit> edits = edit_script(a, b);
  constexpr size_t k_context = 3;
  std::string out;
  out += "--- " + std::string(before_name) + "\n";
  out += "+++ " + std::string(after_name) + "\n";
  size_t k = 0;
  while (k < edits.size()) {
    while (k < edits.size() && edits[k].op == ' ') ++k;
    if (k == edits.size()) break;
    size_t begin = k >= k_context ? k - k_context : 0;
    // Extend the hunk while changes are closer than 2 * context lines apart.
    size_t end = k;
    while (true) {
      while (end < edits.size() && edits[end].op != ' ') ++end;
      size_t next = end;
      while (next < edits.size() && edits[next].op == ' ') ++next;
      if (next < edits.size() && next - end <= 2 * k_context) {
        end = next;
        continue;
      }
      end = std::min(edits.size(), end + k_context);
      break;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t i = begin; i < end; ++i) {
      if (edits[i].op != '+') ++a_count;
      if (edits[i].op != '-') ++b_count;
    }
    out +=
        "@@ -" + range(edits[begin].a, a_count) + " +" + range(edits[begin].b, b_count) + " @@\n";
    for (size_t i = begin; i < end; ++i) {
      out += edits[i].op;
      out += edits[i].line;
      out += '\n';
    }
    k = end;
  }
  bool a_nl = before.empty() || before.back() == '\n';
  bool b_nl = after.empty() || after.back() == '\n';
  if (a_nl != b_nl) out += "\\ No newline at end of file\n";
  return out;
}

}  // namespace sqlgen::codegen
