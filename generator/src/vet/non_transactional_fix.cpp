// The fix for "non-transactional-in-transaction": a goose migration's CREATE INDEX
// CONCURRENTLY moves into a new migration of its own marked `-- +goose NO TRANSACTION`, with
// the version right after its old migration's (or, when it is the migration's only statement,
// the migration itself is marked). Its Down is the DROP INDEX of the old Down, moved along, or
// a DROP INDEX CONCURRENTLY IF EXISTS. Everything else is left alone, saying why.
#include <algorithm>
#include <filesystem>
#include <optional>

#include "parse/parse.hpp"
#include "source/migrations.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// The bytes a statement occupies with its ";": whole lines (with the newline) when nothing
/// else is on them, else the statement and its ";" alone.
parse::Span removal(std::string_view text, const parse::Span& span) {
  size_t start = span.offset;
  while (start > 0 && blank(text[start - 1])) --start;
  bool line_start = start == 0 || text[start - 1] == '\n';
  size_t end = span.offset + span.length;
  while (end < text.size() && (blank(text[end]) || text[end] == '\n')) {
    if (text[end] == '\n') break;
    ++end;
  }
  if (end < text.size() && text[end] == ';') ++end;
  size_t after = end;
  while (after < text.size() && blank(text[after])) ++after;
  bool line_end = after >= text.size() || text[after] == '\n';
  if (line_start && line_end) {
    return {static_cast<uint32_t>(start),
            static_cast<uint32_t>(std::min(after + 1, text.size()) - start)};
  }
  return {span.offset, static_cast<uint32_t>(end - span.offset)};
}

/// The Down statement of `m` that drops index `name` (its range), if any.
std::optional<source::Statement> matching_drop(const source::Migration& m,
                                               const std::string& name) {
  if (!m.down_source) return std::nullopt;
  for (const source::Statement& d : m.down) {
    diag::DiagnosticEngine quiet;
    std::vector<parse::StmtPtr> stmts =
        parse::parse_range(m.down_source, {d.offset, d.length}, quiet);
    if (stmts.size() != 1 || !stmts[0] || stmts[0]->kind != parse::StmtKind::Drop) continue;
    const auto& drop = stmts[0]->as<parse::DropStmt>();
    if (drop.object_type != parse::ObjectType::Index || drop.objects.size() != 1) continue;
    if (!drop.objects[0].names.empty() && drop.objects[0].names.back() == name) return d;
  }
  return std::nullopt;
}

void not_fixable(const parse::Stmt& stmt, const diag::SourcePtr& source, std::string why,
                 VetState& st) {
  st.not_fixable.push_back(
      diag::make(diag::DiagId::warn_vet_fix_skipped,
                 diag::Location::at(source, stmt.span.offset, stmt.span.length), {std::move(why)}));
}

/// `n` written with at least `width` digits.
std::string padded(int64_t n, size_t width) {
  std::string digits = std::to_string(n);
  return digits.size() >= width ? digits : std::string(width - digits.size(), '0') + digits;
}

}  // namespace

void plan_move_to_no_transaction(const parse::Stmt& stmt, const diag::SourcePtr& source,
                                 VetState& st) {
  const source::Migration& m = st.migrations[st.migration];
  if (m.format != source::Migration::Goose) {
    not_fixable(stmt, source,
                m.format == source::Migration::Dbmate
                    ? "only goose migrations are split: give the statement a dbmate migration "
                      "of its own marked \"-- migrate:up transaction:false\""
                    : "only goose migrations have a marker that runs them outside a transaction",
                st);
    return;
  }
  const auto* other = stmt.kind == parse::StmtKind::Other ? &stmt.as<parse::OtherStmt>() : nullptr;
  if (stmt.node != "IndexStmt" || !other || !other->index || other->index->name.empty()) {
    not_fixable(stmt, source,
                "only a named CREATE INDEX CONCURRENTLY is moved (its Down, DROP INDEX, is "
                "known)",
                st);
    return;
  }
  const std::string& index = other->index->name;
  std::string_view text = source->text();
  // The migration's only statement: mark the migration itself.
  if (m.up.size() == 1) {
    Edit e;
    e.source = source;
    e.text = "-- +goose NO TRANSACTION\n";
    e.rule = "non-transactional-in-transaction";
    e.what =
        "marked the migration \"-- +goose NO TRANSACTION\" (its only statement is CREATE "
        "INDEX CONCURRENTLY \"" +
        index + "\")";
    st.edits.push_back(std::move(e));
    return;
  }
  // A new migration right after this one: its version must be free.
  std::filesystem::path path(source->path());
  std::string file = path.filename().string();
  size_t digits = 0;
  while (digits < file.size() && file[digits] >= '0' && file[digits] <= '9') ++digits;
  std::optional<int64_t> number = source::leading_version(file);
  if (!number || m.unversioned) {
    not_fixable(stmt, source, "the migration has no version number to follow", st);
    return;
  }
  for (const source::Migration& other_m : st.migrations) {
    if (other_m.module == m.module && !other_m.unversioned && other_m.version == m.version + 1) {
      not_fixable(stmt, source,
                  "version " + std::to_string(*number + 1) + " is taken by \"" +
                      std::filesystem::path(other_m.path).filename().string() +
                      "\": no free version right after this migration (renumber first)",
                  st);
      return;
    }
  }
  std::string new_path =
      (path.parent_path() / (padded(*number + 1, digits) + "_" + index + "_concurrently.sql"))
          .generic_string();
  for (const NewFile& f : st.new_files) {
    if (f.path == new_path) {
      not_fixable(stmt, source, "\"" + new_path + "\" already takes another moved statement", st);
      return;
    }
  }
  parse::Span up = removal(text, stmt.span);
  std::string statement = std::string(text.substr(stmt.span.offset, stmt.span.length)) + ";";
  std::string down;
  if (std::optional<source::Statement> drop = matching_drop(m, index)) {
    down = std::string(m.down_source->text().substr(drop->offset, drop->length)) + ";";
    parse::Span gone = removal(m.down_source->text(), {drop->offset, drop->length});
    Edit e;
    e.source = m.down_source;
    e.offset = gone.offset;
    e.length = gone.length;
    e.rule = "non-transactional-in-transaction";
    e.what = "moved the Down's DROP INDEX \"" + index + "\" into \"" + new_path + "\"";
    st.edits.push_back(std::move(e));
  } else {
    std::string schema = other->index->table.schema;
    down =
        "DROP INDEX CONCURRENTLY IF EXISTS " + (schema.empty() ? "" : schema + ".") + index + ";";
  }
  Edit e;
  e.source = source;
  e.offset = up.offset;
  e.length = up.length;
  e.rule = "non-transactional-in-transaction";
  e.what = "moved CREATE INDEX CONCURRENTLY \"" + index + "\" (line " +
           std::to_string(source->line_col(stmt.span.offset).line) + ") into \"" + new_path + "\"";
  st.edits.push_back(std::move(e));
  NewFile f;
  f.path = new_path;
  f.text = "-- +goose NO TRANSACTION\n-- Moved out of " + file +
           " by sqlgen vet --fix: CREATE INDEX CONCURRENTLY cannot run in a transaction.\n"
           "-- +goose Up\n" +
           statement + "\n\n-- +goose Down\n" + down + "\n";
  f.what = "new migration, marked \"-- +goose NO TRANSACTION\", with CREATE INDEX CONCURRENTLY \"" +
           index + "\"";
  st.new_files.push_back(std::move(f));
}

}  // namespace sqlgen::vet::detail
