#pragma once
/// Internal to parse/: the pieces of split_statements that parse.cpp's split_and_parse shares, so
/// both split a text the same way. Include only from parse/*.cpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/split.hpp"

namespace sqlgen::parse::detail {

/// Appends text[begin, end) trimmed of leading comments and space, trailing space and one `;`
/// (nothing when that leaves it empty): a statement's range as split_statements gives it.
void push_trimmed(std::string_view text, uint32_t begin, uint32_t end,
                  std::vector<StatementRange>& out);

/// The statements of a text that does not parse, split at the `;` tokens of PostgreSQL's scanner
/// (`buf`: `text` NUL-terminated).
std::vector<StatementRange> split_by_tokens(std::string_view text, const std::string& buf);

}  // namespace sqlgen::parse::detail
