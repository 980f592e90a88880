#include "parse/split.hpp"

#include <pg_query.h>

#include <cctype>
#include <string>

namespace sqlgen::parse {

uint32_t skip_space_and_comments(std::string_view text, uint32_t from) {
  size_t i = from;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      // PostgreSQL block comments nest.
      int depth = 0;
      do {
        if (text.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (text.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < text.size());
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(i);
}

std::vector<StatementRange> split_statements(std::string_view text) {
  // libpg_query wants a NUL-terminated string.
  std::string buf(text);
  PgQuerySplitResult r = pg_query_split_with_parser(buf.c_str());
  if (r.error) {
    pg_query_free_split_result(r);
    r = pg_query_split_with_scanner(buf.c_str());
  }
  std::vector<StatementRange> out;
  if (!r.error) {
    for (int i = 0; i < r.n_stmts; ++i) {
      const PgQuerySplitStmt* s = r.stmts[i];
      uint32_t begin = static_cast<uint32_t>(s->stmt_location);
      uint32_t end = s->stmt_len == 0 ? static_cast<uint32_t>(text.size())
                                      : begin + static_cast<uint32_t>(s->stmt_len);
      begin = skip_space_and_comments(text, begin);
      while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
      if (end > begin && text[end - 1] == ';') --end;
      if (end > begin) out.push_back(StatementRange{begin, end - begin});
    }
  } else if (skip_space_and_comments(text, 0) < text.size()) {
    // Even the scanner failed (e.g. an unterminated quote): hand the whole
    // text on as one statement so the parser reports the error in place.
    uint32_t begin = skip_space_and_comments(text, 0);
    out.push_back(StatementRange{begin, static_cast<uint32_t>(text.size()) - begin});
  }
  pg_query_free_split_result(r);
  return out;
}

}  // namespace sqlgen::parse
