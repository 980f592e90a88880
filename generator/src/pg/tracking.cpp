// The tracking tables' definition and what a migration's row records about it.
#include "pg/tracking.hpp"

#include "util/sha256.hpp"

namespace sqlgen::pg {

namespace {

/// The statements of `stmts` in `source`, each followed by ";\n".
std::string joined(const diag::SourcePtr& source, const std::vector<source::Statement>& stmts) {
  std::string out;
  if (!source) return out;
  for (const source::Statement& s : stmts) {
    out.append(source->text(), s.offset, s.length);
    out += ";\n";
  }
  return out;
}

}  // namespace

std::string up_checksum(const source::Migration& m) {
  return util::sha256_hex(joined(m.source, m.up));
}

std::string down_sql(const source::Migration& m) {
  // A goose file's Down section is in the file itself; a pair's in its .down.sql.
  return joined(m.down_source, m.down);
}

std::string applied_by() { return std::string("sqlgen ") + SQLGEN_VERSION; }

namespace detail {

std::string tracking_tables_sql() {
  return std::string("CREATE SCHEMA IF NOT EXISTS ") + k_tracking_schema +
         ";\n"
         "CREATE TABLE IF NOT EXISTS " +
         k_tracking_table +
         " (\n"
         "  version bigint PRIMARY KEY,\n"
         "  module text NOT NULL,\n"
         "  local_version bigint NOT NULL,\n"
         "  name text NOT NULL,\n"
         "  checksum text NOT NULL,\n"
         "  down_sql text NOT NULL,\n"
         "  no_transaction boolean NOT NULL,\n"
         "  dirty boolean NOT NULL DEFAULT false,\n"
         "  batch bigint NOT NULL,\n"
         "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
         "  applied_by text NOT NULL);\n"
         "CREATE TABLE IF NOT EXISTS " +
         k_batches_table +
         " (\n"
         "  id bigint PRIMARY KEY,\n"
         "  modules text[] NOT NULL,\n"
         "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
         "  applied_by text NOT NULL)";
}

}  // namespace detail

}  // namespace sqlgen::pg
