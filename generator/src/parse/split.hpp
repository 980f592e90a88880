#pragma once
/// SQL text below the parser: splitting into statements with byte offsets, by libpg_query's
/// own splitter (the parser's when the text parses, else the scanner's), comments, and the
/// length of the token at an offset (what a diagnostic underlines).

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace sqlgen::parse {

/// One statement's byte range in the text that was split, from its first
/// token (leading whitespace and comments trimmed) to its end, without the
/// terminating semicolon.
struct StatementRange {
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// Statements of `text`, in order; statements that hold only whitespace or
/// comments are dropped. Never fails: syntax errors surface when parsing. `*parsed`, when
/// given, tells whether the parser split it (every statement parses; else the scanner did).
std::vector<StatementRange> split_statements(std::string_view text, bool* parsed = nullptr);

/// A comment found by PostgreSQL's scanner: `-- ...` or `/* ... */`.
struct Comment {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool block = false;  ///< `/* */`
};

/// Every comment of `text` in order, as PostgreSQL's scanner sees them (so
/// `--` inside strings is no comment). Empty when the text does not scan.
std::vector<Comment> scan_comments(std::string_view text);

/// scan_comments(text) for a text the parser split into `stmts` (split_statements said
/// `parsed`): then every statement, and every stretch between two, starts and ends at a token
/// boundary, so the scanner reads the stretches between statements and only the statements
/// that hold `--` or `/*` (no comment can hide in the others). Same comments, a fraction of
/// the scanning: most statements of a query file have no comment inside. With
/// `inside_markers`, a statement is scanned only when its text also holds one of them: the
/// comments inside a statement that cannot hold one are left out (a query file needs only its
/// `name:` comments and migration markers).
std::vector<Comment> scan_comments_between(
    std::string_view text, const std::vector<StatementRange>& stmts,
    std::initializer_list<std::string_view> inside_markers = {});

/// Offset of the first byte of `text` at or after `from` that is neither
/// whitespace nor inside a `--` or `/* */` comment.
uint32_t skip_space_and_comments(std::string_view text, uint32_t from);

/// Length in bytes of the SQL token starting at `offset`: a quoted identifier or string
/// literal up to its closing quote (a doubled quote is part of it), a word (letters, digits,
/// `_`, `$`, non-ASCII bytes), a run of operator characters, else one byte; 0 at the end.
/// What a diagnostic at a position (libpg_query's, PostgreSQL's) underlines.
uint32_t token_length(std::string_view text, uint32_t offset);

}  // namespace sqlgen::parse
