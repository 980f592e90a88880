#include "diag/source_buffer.hpp"

#include <algorithm>

namespace sqlgen::diag {

namespace {

/// Length of the UTF-8 sequence a lead byte announces; 1 for invalid bytes.
uint32_t utf8_len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

/// Length of the valid UTF-8 sequence at text[i], or 1 when it is invalid.
uint32_t seq_len(std::string_view text, size_t i) {
  uint32_t n = utf8_len(static_cast<unsigned char>(text[i]));
  if (n == 1 || i + n > text.size()) return 1;
  for (uint32_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

}  // namespace

// A leading UTF-8 byte order mark is dropped (see the constructor).
SourceBuffer::SourceBuffer(std::string path, std::string text)
    : m_path(std::move(path)), m_text(std::move(text)) {
  // A UTF-8 byte order mark (editors on Windows write one) is not part of the SQL or YAML.
  if (m_text.rfind("\xEF\xBB\xBF", 0) == 0) m_text.erase(0, 3);
  m_line_starts.push_back(0);
  for (size_t i = 0; i < m_text.size(); ++i) {
    if (m_text[i] == '\n') m_line_starts.push_back(static_cast<uint32_t>(i + 1));
  }
}

LineCol SourceBuffer::line_col(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(m_text.size()));
  auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - m_line_starts.begin());
  uint32_t start = m_line_starts[line - 1];
  std::string_view before(m_text.data() + start, offset - start);
  return LineCol{line, count_chars(before) + 1};
}

uint32_t SourceBuffer::line_start(uint32_t line) const {
  if (line == 0) return 0;
  if (line > m_line_starts.size()) return static_cast<uint32_t>(m_text.size());
  return m_line_starts[line - 1];
}

std::string_view SourceBuffer::line_text(uint32_t line) const {
  if (line == 0 || line > m_line_starts.size()) return {};
  uint32_t start = m_line_starts[line - 1];
  uint32_t end =
      line < m_line_starts.size() ? m_line_starts[line] - 1 : static_cast<uint32_t>(m_text.size());
  if (end > start && m_text[end - 1] == '\r') --end;
  return std::string_view(m_text).substr(start, end - start);
}

SourcePtr make_source(std::string path, std::string text) {
  return std::make_shared<const SourceBuffer>(std::move(path), std::move(text));
}

uint32_t count_chars(std::string_view bytes) {
  uint32_t n = 0;
  for (size_t i = 0; i < bytes.size(); i += seq_len(bytes, i)) ++n;
  return n;
}

uint32_t char_to_byte(std::string_view text, uint32_t chars) {
  size_t i = 0;
  for (uint32_t n = 0; n < chars && i < text.size(); ++n) i += seq_len(text, i);
  return static_cast<uint32_t>(std::min(i, text.size()));
}

}  // namespace sqlgen::diag
