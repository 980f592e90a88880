// Rule "non-transactional-in-transaction": statements PostgreSQL refuses inside a
// transaction block (PreventInTransactionBlock, SQLSTATE 25001) in a migration the runner
// runs in one; and BEGIN/COMMIT written in such a migration, which end the runner's
// transaction early.
#include <cctype>
#include <filesystem>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

constexpr std::string_view k_rule = "non-transactional-in-transaction";

/// What PostgreSQL calls the statement when it refuses it in a transaction block; "" when it
/// does not.
std::string non_transactional(const parse::Stmt& s) {
  switch (s.kind) {
    case parse::StmtKind::Drop:
      return s.as<parse::DropStmt>().concurrently ? "DROP INDEX CONCURRENTLY" : "";
    case parse::StmtKind::AlterTable:
      for (const parse::AlterTableCmd& cmd : s.as<parse::AlterTableStmt>().cmds) {
        if (cmd.type == parse::AlterTableCmd::Type::DetachPartition && cmd.concurrently) {
          return "ALTER TABLE ... DETACH PARTITION CONCURRENTLY";
        }
      }
      return "";
    case parse::StmtKind::Other:
      break;
    default:
      return "";
  }
  const auto& o = s.as<parse::OtherStmt>();
  if (s.node == "IndexStmt" && o.concurrently) return "CREATE INDEX CONCURRENTLY";
  if (s.node == "ReindexStmt" && o.concurrently) return "REINDEX CONCURRENTLY";
  if (s.node == "VacuumStmt" && o.vacuum) return "VACUUM";
  if (s.node == "CreatedbStmt") return "CREATE DATABASE";
  if (s.node == "DropdbStmt") return "DROP DATABASE";
  if (s.node == "AlterSystemStmt") return "ALTER SYSTEM";
  if (s.node == "CreateTableSpaceStmt") return "CREATE TABLESPACE";
  if (s.node == "DropTableSpaceStmt") return "DROP TABLESPACE";
  return "";
}

/// The first keyword of a TransactionStmt, upper-cased ("BEGIN", "COMMIT", ...).
std::string transaction_keyword(const parse::Stmt& s, const diag::SourcePtr& source) {
  std::string word;
  const std::string& text = source->text();
  for (uint32_t i = s.span.offset;
       i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])); ++i) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
  }
  return word;
}

/// How the migration's format runs one outside a transaction.
std::string no_transaction_hint(const source::Migration& m) {
  switch (m.format) {
    case source::Migration::Goose:
      return "mark the migration \"-- +goose NO TRANSACTION\", alone in a migration of its own";
    case source::Migration::Dbmate:
      return "mark the migration \"-- migrate:up transaction:false\", alone in a migration of its "
             "own";
    default:
      return "run it in a goose migration marked \"-- +goose NO TRANSACTION\"";
  }
}

}  // namespace

void check_non_transactional(const parse::Stmt& stmt, const diag::SourcePtr& source,
                             VetState& state) {
  if (!state.in_transaction) return;
  const source::Migration& m = state.migrations[state.migration];
  if (m.unversioned) return;  // plain schema files are not run by the migration runner
  diag::Location at = diag::Location::at(source, stmt.span.offset, stmt.span.length);
  if (stmt.node == "TransactionStmt") {
    std::string keyword = transaction_keyword(stmt, source);
    if (keyword == "SAVEPOINT" || keyword == "RELEASE") return;
    diag::Diagnostic d = diag::make(diag::DiagId::warn_vet_transaction_control, at, {keyword});
    d.note(diag::DiagId::note_vet_no_transaction_hint, {},
           {"remove it, or split the migration where it commits"});
    report(state, k_rule, std::move(d));
    return;
  }
  std::string what = non_transactional(stmt);
  if (what.empty()) return;
  diag::Diagnostic d =
      diag::make(diag::DiagId::err_vet_non_transactional, at,
                 {what, std::filesystem::path(source->path()).filename().string()});
  d.note(diag::DiagId::note_vet_no_transaction_hint, {}, {no_transaction_hint(m)});
  if (report(state, k_rule, std::move(d))) plan_move_to_no_transaction(stmt, source, state);
}

}  // namespace sqlgen::vet::detail
