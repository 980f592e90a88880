#pragma once
/// Every Up statement of a list of migrations, parsed: what the catalog build and `sqlgen vet`
/// both walk, in migration order.

#include <memory>
#include <vector>

#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "source/migrations.hpp"

namespace sqlgen::source {

/// The Up statements of one migration, parsed.
struct ParsedUp {
  /// The file `up` points into.
  diag::SourcePtr source;
  /// The statements parsed, as Migration::up held them.
  std::vector<Statement> up;
  /// `[s]`: the statements libpg_query finds in `up[s]` (one, unless the range holds several;
  /// none after a syntax error).
  std::vector<std::vector<parse::StmtPtr>> stmts;
};

/// Whether `parsed` holds the Up statements `m` has now (its source and ranges).
bool parsed_up_matches(const Migration& m, const ParsedUp& parsed);

/// `[m]`: the Up statements of `migrations[m]` parsed (empty for a migration without a file).
/// A migration's `parsed_up` (the parses that split its file) is used as it is; the others'
/// statements are parsed on every core, one job each (a project's schema is often one or two
/// large files), syntax errors reported.
std::vector<std::shared_ptr<const ParsedUp>> parse_up(const std::vector<Migration>& migrations,
                                                      diag::DiagnosticEngine& diags);

}  // namespace sqlgen::source
