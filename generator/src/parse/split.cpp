#include "parse/split.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cctype>
#include <string>

#include "diag/source_buffer.hpp"
#include "parse/pb_arena.hpp"
#include "parse/scan_tokens.hpp"
#include "parse/split_internal.hpp"

namespace sqlgen::parse {

using detail::for_each_token;

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

uint32_t token_length(std::string_view text, uint32_t offset) {
  if (offset >= text.size()) return 0;
  size_t i = offset;
  char c = text[i];
  auto word = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$' ||
           static_cast<unsigned char>(ch) >= 0x80;
  };
  if (c == '"' || c == '\'') {
    for (++i; i < text.size(); ++i) {
      if (text[i] != c) continue;
      if (i + 1 < text.size() && text[i + 1] == c) {
        ++i;  // a doubled quote
        continue;
      }
      ++i;
      break;
    }
  } else if (word(c)) {
    while (i < text.size() && word(text[i])) ++i;
  } else {
    static constexpr std::string_view k_op_chars = "+-*/<>=~!@#%^&|`?:";
    while (i < text.size() && k_op_chars.find(text[i]) != std::string_view::npos) ++i;
    if (i == offset) ++i;
  }
  return static_cast<uint32_t>(i - offset);
}

namespace {

/// `end` moved back over the whitespace that ends text[begin, end).
uint32_t before_trailing_space(std::string_view text, uint32_t begin, uint32_t end) {
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return end;
}

}  // namespace

namespace detail {

void push_trimmed(std::string_view text, uint32_t begin, uint32_t end,
                  std::vector<StatementRange>& out) {
  begin = skip_space_and_comments(text, begin);
  end = before_trailing_space(text, begin, end);
  if (end > begin && text[end - 1] == ';') --end;
  if (end > begin) out.push_back(StatementRange{begin, end - begin});
}

// Splits at `;` tokens of libpg_query's scanner. Used when the text does not parse:
// libpg_query's own scanner splitter drops statements that start with a non-keyword, which
// would hide them from diagnostics.
std::vector<StatementRange> split_by_tokens(std::string_view text, const std::string& buf) {
  std::vector<StatementRange> out;
  uint32_t begin = 0;
  const bool scanned = for_each_token(buf, [&](const PgQuery__ScanToken& t) {
    if (t.token != PG_QUERY__TOKEN__ASCII_59) return;
    uint32_t semi = static_cast<uint32_t>(t.start);
    push_trimmed(text, begin, semi, out);
    begin = semi + 1;
  });
  if (scanned) {
    push_trimmed(text, begin, static_cast<uint32_t>(text.size()), out);
    return out;
  }
  // Where the scanner fails (an unterminated quote or comment), the rest goes on as one
  // statement so the parser reports the error in place, even when all of it is the comment.
  size_t n = out.size();
  push_trimmed(text, begin, static_cast<uint32_t>(text.size()), out);
  if (out.size() == n) {
    // All of it is a comment (push_trimmed skipped it): keep it, trimmed of space only.
    while (begin < text.size() && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    uint32_t end = before_trailing_space(text, begin, static_cast<uint32_t>(text.size()));
    if (end > begin) out.push_back(StatementRange{begin, end - begin});
  }
  return out;
}

}  // namespace detail

namespace {

/// Appends the comments of text[begin, end) to `out`, at their offsets in `text`.
void scan_comments_in(std::string_view text, uint32_t begin, uint32_t end,
                      std::vector<Comment>& out) {
  for_each_token(std::string(text.substr(begin, end - begin)), [&](const PgQuery__ScanToken& t) {
    if (t.token == PG_QUERY__TOKEN__SQL_COMMENT || t.token == PG_QUERY__TOKEN__C_COMMENT) {
      out.push_back(Comment{begin + static_cast<uint32_t>(t.start),
                            static_cast<uint32_t>(t.end - t.start),
                            t.token == PG_QUERY__TOKEN__C_COMMENT});
    }
  });
}

}  // namespace

std::vector<Comment> scan_comments(std::string_view text) {
  std::vector<Comment> out;
  scan_comments_in(text, 0, static_cast<uint32_t>(text.size()), out);
  return out;
}

std::vector<Comment> scan_comments_between(std::string_view text,
                                           const std::vector<StatementRange>& stmts,
                                           std::initializer_list<std::string_view> inside_markers) {
  std::vector<Comment> out;
  uint32_t pos = 0;
  auto marked = [&](std::string_view body) {
    if (inside_markers.size() == 0) return true;
    for (std::string_view m : inside_markers) {
      if (body.find(m) != std::string_view::npos) return true;
    }
    return false;
  };
  for (const StatementRange& st : stmts) {
    if (st.offset > pos) scan_comments_in(text, pos, st.offset, out);
    std::string_view body = text.substr(st.offset, st.length);
    if ((body.find("--") != std::string_view::npos || body.find("/*") != std::string_view::npos) &&
        marked(body)) {
      scan_comments_in(text, st.offset, st.offset + st.length, out);
    }
    pos = st.offset + st.length;
  }
  if (pos < text.size()) scan_comments_in(text, pos, static_cast<uint32_t>(text.size()), out);
  return out;
}

std::vector<StatementRange> split_statements(std::string_view text, bool* parsed) {
  // libpg_query wants a NUL-terminated string.
  std::string buf(text);
  PgQuerySplitResult r = pg_query_split_with_parser(buf.c_str());
  if (parsed) *parsed = !r.error;
  if (r.error) {
    pg_query_free_split_result(r);
    return detail::split_by_tokens(text, buf);
  }
  std::vector<StatementRange> out;
  for (int i = 0; i < r.n_stmts; ++i) {
    const PgQuerySplitStmt* s = r.stmts[i];
    uint32_t begin = static_cast<uint32_t>(s->stmt_location);
    uint32_t end = s->stmt_len == 0 ? static_cast<uint32_t>(text.size())
                                    : begin + static_cast<uint32_t>(s->stmt_len);
    detail::push_trimmed(text, begin, end, out);
  }
  pg_query_free_split_result(r);
  return out;
}

}  // namespace sqlgen::parse
