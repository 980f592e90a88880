#pragma once
/// PostgreSQL's scanner token by token, for the stages that edit SQL at token boundaries
/// (analyze/'s SQL variants: an AND term left out, `sqlgen.sort(name: ...)` read before the
/// parse). Comments are not tokens here.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sqlgen::parse {

/// One token of PostgreSQL's scanner.
struct Token {
  uint32_t offset = 0;  ///< in the text given to scan_tokens
  uint32_t length = 0;
  bool keyword = false;  ///< a keyword of PostgreSQL's grammar (a quoted "and" is not one)
  std::string text;      ///< the token's text; keywords in lower case
};

/// The tokens of [offset, offset + length) of `text`, offsets in `text`; the tokens before the
/// first one that does not scan (an unterminated quote) when the range does not scan.
std::vector<Token> scan_tokens(std::string_view text, uint32_t offset, uint32_t length);

}  // namespace sqlgen::parse
