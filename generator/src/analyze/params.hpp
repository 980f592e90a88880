#pragma once
// Internal to analyze/: the parameters of a query — `$n`, `@name`,
// `sqlgen.arg/narg/slice(name)` and sqlc's `sqlc.*` spellings — and
// `sqlgen.embed(table)`, with the edits that turn them into `$n`.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "parse/ast.hpp"

namespace sqlgen::analyze {

/// A text replacement in the query's file: [offset, offset+length) → text.
struct Edit {
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;
};

/// One parameter of a query, with every place it is used.
struct ParamSlot {
  int number = 0;                        ///< the `$n` it becomes
  std::string name;                      ///< empty for positional parameters
  bool narg = false;                     ///< sqlgen.narg: forced nullable
  bool slice = false;                    ///< sqlgen.slice: an array parameter
  bool optional = false;                 ///< sqlgen.opt or `-- @optional`: left out when empty
  std::vector<const parse::Expr*> uses;  ///< the nodes that stand for it
};

/// `sqlgen.embed(table)` in a select list.
struct EmbedUse {
  std::string table;  ///< the FROM item's name or alias
  const parse::Expr* expr = nullptr;
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// Parameters and embeds of one query.
struct ParamPlan {
  std::vector<ParamSlot> params;                ///< ordered by number
  std::map<const parse::Expr*, int> number_of;  ///< node → `$n`
  std::vector<EmbedUse> embeds;
  std::vector<Edit> edits;  ///< named forms → `$n`
  /// `x [NOT] IN (sqlgen.slice(ids))`, sent as `x = ANY($n)` / `x <> ALL($n)` (the slice is
  /// one array parameter, as sqlc's runtime expansion of the list means).
  std::set<const parse::Expr*> slice_lists;
};

/// Finds the parameters of `stmt` (text in `source`); problems are reported.
ParamPlan plan_params(const parse::Stmt& stmt, const diag::SourcePtr& source,
                      diag::DiagnosticEngine& diags);

/// A name a positional parameter may take, from one of its uses.
struct NameHint {
  int priority = 0;     ///< 0: a column, LIMIT/OFFSET, an argument name; 1: a function's name
  uint32_t offset = 0;  ///< of the use: among equal priorities the first use wins
  std::string name;
};
/// Name hints per parameter number.
using NameHints = std::map<int, std::vector<NameHint>>;

/// The number of `e` when it is a positional parameter (under casts or COLLATE), else 0.
int positional_param(const ParamPlan& plan, const parse::Expr* e);

/// Adds the hints the statement's shape gives: the column a `$n` is compared with (`=`, `<`,
/// `IN`, `BETWEEN`, `ANY`, ...), `limit`, `offset`, `f(name => $n)`.
void syntactic_name_hints(const parse::Stmt& stmt, const ParamPlan& plan, NameHints& hints);

/// The name of every positional parameter: its best hint, else `dollar_N`; a name already
/// taken gets `_2`, `_3`, ... as sqlc does.
std::map<int, std::string> choose_param_names(const ParamPlan& plan, const NameHints& hints);

/// The text [offset, offset+length) of `source` with `edits` applied.
std::string apply_edits(const std::string& text, uint32_t offset, uint32_t length,
                        std::vector<Edit> edits);

/// True for a named parameter under its own cast(s), `@name::type` (which PostgreSQL parses as
/// `@ (name::type)`): the cast, not where the value goes, types it.
bool param_under_cast(const parse::Expr& param);

/// "arg", "narg", "slice", "opt", "sort", "embed" when `call` is `sqlgen.X(...)` or `sqlc.X(...)`,
/// else "".
std::string macro_name(const parse::FuncCallExpr& call);

}  // namespace sqlgen::analyze
