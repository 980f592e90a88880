#pragma once
/// Query files: `-- name: GetUserByID :one` (or `/* name: ... */`) above each
/// statement, other comment lines as its doc comment, and `-- @nullable col`
/// style annotations for what no analysis can know.

#include <cstdint>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "parse/parse.hpp"

namespace sqlgen::source {

/// The commands a query may have, as sqlc spells them.
enum class QueryCommand {
  One,
  Many,
  Exec,
  ExecRows,
  ExecResult,
  CopyFrom,
  BatchExec,
  BatchMany,
  BatchOne,
};

/// "one", "many", ... for a command.
const char* command_name(QueryCommand c);

/// `-- @word arg...` above a query, e.g. `@nullable email` or
/// `@override created_at my::Time "my/time.hpp"` (at least two words).
struct QueryAnnotation {
  std::string kind;  ///< "nullable", "not-null", ...
  std::vector<std::string> args;
  uint32_t offset = 0;  ///< of the comment, in the file
  uint32_t length = 0;
};

/// One named query of a file.
struct Query {
  std::string name;
  QueryCommand command = QueryCommand::Exec;
  std::vector<std::string> doc;  ///< comment lines above it, without the comment markers
  std::vector<QueryAnnotation> annotations;
  uint32_t name_offset = 0;  ///< the name comment, for diagnostics
  uint32_t name_length = 0;
  uint32_t offset = 0;  ///< the statement's byte range in the file (no ';')
  uint32_t length = 0;
  diag::SourcePtr source;
};

/// The annotation kinds sqlgen understands.
const std::vector<std::string>& known_annotations();

/// The queries of one file, in order. Problems (no name, unknown command,
/// missing semicolon, unknown annotation) are reported; broken queries are skipped.
/// The file is split by parsing it whole (parse::split_and_parse); `parsed`, when given,
/// receives one entry per query returned: its statement from that parse (nullopt: left to
/// parse::parse_range).
std::vector<Query> read_query_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags,
                                   std::vector<parse::ParsedRange>* parsed = nullptr);

/// Reports queries of one module that share a name (with a note at the first).
void check_duplicate_names(const std::vector<Query>& queries, diag::DiagnosticEngine& diags);

}  // namespace sqlgen::source
