#pragma once
// Internal to analyze/: optional parameters (`-- @optional name`, `sqlgen.opt(name)`) and
// `ORDER BY sqlgen.sort(name: col, ...)`, the SQL variants of a query. Each variant is a text
// made at generate time by edits placed on PostgreSQL's tokens (an AND term left out, the
// sort call replaced by one column and a direction) and analyzed as a query of its own.

#include <cstdint>
#include <string>
#include <vector>

#include "analyze/params.hpp"
#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "source/query_file.hpp"

namespace sqlgen::analyze {

/// `sqlgen.sort(name: col, ...)` as written in a query.
struct SortSlot {
  std::string name;
  std::vector<std::string> columns;       ///< each column as written (`u.name`)
  std::vector<std::string> labels;        ///< its enum value: the last name, as PostgreSQL reads it
  std::vector<parse::Span> column_spans;  ///< where each column is written
  parse::Span call;                       ///< from `sqlgen` to `)`
  parse::Span head;  ///< `name:` (or `name,`), blanked for the parser, which reads the columns
  bool bad = false;  ///< malformed (reported): the query fails
};

/// The `sqlgen.sort(...)` calls of the query's text; malformed ones are reported (and kept,
/// marked `bad`, when their name was read). Cheap when the text does not mention `sqlgen`.
std::vector<SortSlot> find_sorts(const source::Query& query, diag::DiagnosticEngine& diags);

/// The file's text with each sort's `name:` blanked (same length): `sqlgen.sort(   a, b)`, a
/// function call PostgreSQL's parser reads, at the same byte offsets.
std::string sort_placeholder_text(const std::string& text, const std::vector<SortSlot>& sorts);

/// An AND term of a condition, from its first token to its last.
struct AndTerm {
  uint32_t begin = 0;
  uint32_t end = 0;
  int sub = -1;                ///< a parenthesized AND of several terms: its group
  std::vector<int> optionals;  ///< the optional parameters (bits) it uses
};

/// The AND terms of one condition, or of a parenthesized AND inside one.
struct AndGroup {
  std::vector<AndTerm> terms;
  int clause = -1;  ///< the clause whose whole condition this is, else -1
};

/// A WHERE, HAVING or JOIN ON condition.
struct Condition {
  bool join_on = false;  ///< JOIN ON: an emptied condition becomes TRUE, not nothing
  uint32_t keyword = 0;  ///< where the keyword starts
  uint32_t begin = 0;    ///< the condition's first token
  uint32_t end = 0;      ///< just past its last token
  int group = -1;
};

/// The variants of one query.
struct VariantPlan {
  std::vector<std::string> optionals;  ///< by parameter number; bit i of a variant's mask
  std::vector<SortSlot> sorts;
  std::vector<Condition> conditions;
  std::vector<AndGroup> groups;
  bool failed = false;  ///< problems were reported
  bool needed() const { return !optionals.empty() || !sorts.empty(); }
  /// 2^optionals times 2 × columns of each sort.
  size_t count() const;
};

/// The optional parameters and sorts of `stmt` (`params`: its parameters, `sorts`:
/// find_sorts' answer), checked; problems reported to `diags`.
VariantPlan plan_variants(const parse::Stmt& stmt, const source::Query& query, ParamPlan& params,
                          std::vector<SortSlot> sorts, diag::DiagnosticEngine& diags);

/// One variant: the file's text it is analyzed as (same length, what is left out blanked) and
/// the edits that make the SQL sent.
struct Variant {
  std::string text;
  std::vector<Edit> edits;
  std::vector<bool> set;  ///< per optional parameter
  /// Per sort: the chosen column and direction.
  std::vector<size_t> sort_column;
  std::vector<bool> sort_desc;
  /// "with \"team\" empty, sorted by \"name\" descending", for messages.
  std::string describe(const VariantPlan& plan) const;
};

/// Variant `index` (mask of the set optionals + 2^k × the sorts' choices, each `2 × column +
/// descending`, the first sort varying fastest).
Variant make_variant(const VariantPlan& plan, const std::string& file_text, size_t index);

}  // namespace sqlgen::analyze
