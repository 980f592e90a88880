#pragma once
/// A source file's text and the arithmetic that turns byte offsets into
/// 1-based line and column numbers (columns count characters, not bytes).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sqlgen::diag {

/// 1-based line and column; the column counts UTF-8 characters.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};

/// An immutable file text with the path printed in diagnostics.
class SourceBuffer {
 public:
  SourceBuffer(std::string path, std::string text);

  /// The path as given by the user (relative paths stay relative).
  const std::string& path() const { return m_path; }
  const std::string& text() const { return m_text; }
  /// Line and column of a byte offset (clamped to the end of the text).
  LineCol line_col(uint32_t offset) const;
  /// The text of a 1-based line without its line terminator.
  std::string_view line_text(uint32_t line) const;
  /// Byte offset where a 1-based line starts.
  uint32_t line_start(uint32_t line) const;

 private:
  std::string m_path;
  std::string m_text;
  std::vector<uint32_t> m_line_starts;
};

using SourcePtr = std::shared_ptr<const SourceBuffer>;

/// Makes a shared buffer; the usual way to hand text to the pipeline.
SourcePtr make_source(std::string path, std::string text);

/// Number of UTF-8 characters in `bytes` (an invalid byte counts as one).
uint32_t count_chars(std::string_view bytes);
/// Byte offset of the `chars`-th character (0-based) of `text`.
uint32_t char_to_byte(std::string_view text, uint32_t chars);

}  // namespace sqlgen::diag
