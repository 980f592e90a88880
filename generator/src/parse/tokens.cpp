#include "parse/tokens.hpp"

#include <cctype>

#include "parse/scan_tokens.hpp"

namespace sqlgen::parse {

std::vector<Token> scan_tokens(std::string_view text, uint32_t offset, uint32_t length) {
  std::vector<Token> out;
  const std::string range(text.substr(offset, length));
  detail::for_each_token(range, [&](const PgQuery__ScanToken& t) {
    if (t.token == PG_QUERY__TOKEN__SQL_COMMENT || t.token == PG_QUERY__TOKEN__C_COMMENT) return;
    Token tok;
    tok.offset = offset + static_cast<uint32_t>(t.start);
    tok.length = static_cast<uint32_t>(t.end - t.start);
    tok.keyword = t.keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD;
    tok.text = range.substr(static_cast<size_t>(t.start), tok.length);
    if (tok.keyword) {
      for (char& c : tok.text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    out.push_back(std::move(tok));
  });
  return out;
}

}  // namespace sqlgen::parse
