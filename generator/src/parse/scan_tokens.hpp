#pragma once
/// Internal to parse/: PostgreSQL's scanner (libpg_query's pg_query_scan) token by token, for
/// the statement splitter and the depth prescan. Include only from parse/*.cpp.

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <cstdint>
#include <string>

#include "diag/source_buffer.hpp"
#include "parse/pb_arena.hpp"

namespace sqlgen::parse::detail {

/// Calls fn(token) for every token PostgreSQL's scanner finds in `text`, false when the text
/// does not scan (an unterminated quote or comment): then fn sees the tokens before the one that
/// fails, so the statements and comments ahead of it (a query's name) are still found.
template <class Fn>
bool for_each_token(const std::string& text, Fn&& fn) {
  PgQueryScanResult scan = pg_query_scan(text.c_str());
  if (scan.error) {
    // cursorpos is 1-based and counts characters; it points at the token that fails.
    const int pos = scan.error->cursorpos;
    pg_query_free_scan_result(scan);
    const uint32_t cut = pos > 0 ? diag::char_to_byte(text, static_cast<uint32_t>(pos - 1)) : 0;
    if (cut > 0 && cut < text.size()) for_each_token(text.substr(0, cut), fn);
    return false;
  }
  PbArena arena(scan.pbuf.len);
  PgQuery__ScanResult* tokens = pg_query__scan_result__unpack(
      arena.allocator(), scan.pbuf.len, reinterpret_cast<const uint8_t*>(scan.pbuf.data));
  if (tokens) {
    for (size_t i = 0; i < tokens->n_tokens; ++i) fn(*tokens->tokens[i]);
  }
  pg_query_free_scan_result(scan);
  return tokens != nullptr;
}

}  // namespace sqlgen::parse::detail
