#pragma once
/// Schema dumps: `pg_dump --schema-only` of a database, normalized so that the same schema gives
/// the same bytes on every run and every cluster (no server or pg_dump versions, no random
/// `\restrict` keys, single blank lines between objects).

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "pg/cluster.hpp"
#include "pg/migrate.hpp"

namespace sqlgen::pg {

/// How pg_dump is run.
struct DumpOptions {
  /// Directory holding pg_dump; "" = the bindir find_binaries() picks, else PATH.
  std::string bindir;
  /// Tables left out (pg_dump patterns).
  std::vector<std::string> exclude_tables;
  /// Schemas left out (pg_dump patterns); sqlgen's tracking schema by default.
  std::vector<std::string> exclude_schemas = {k_tracking_schema};
  /// pg_dump is killed after this long.
  std::chrono::milliseconds timeout{300000};
};

/// pg_dump's schema-only output for the database `conninfo` names (a key=value string or URL),
/// without owners, privileges or tablespaces, comments kept. pg_dump runs as a client of the
/// server; its failure (message from its stderr) is err_pg_dump.
Result<std::string> run_pg_dump(const std::string& conninfo, const DumpOptions& options = {});

/// `raw` pg_dump output without what varies between runs and clusters: the `-- Dumped from/by`
/// version lines and the `\restrict KEY` / `\unrestrict KEY` lines (pg_dump 15.14+), runs of
/// blank lines collapsed to one, no blank lines at either end, one final newline. Text inside
/// quoted literals, quoted identifiers, dollar-quoted bodies and block comments is kept as is.
std::string normalize_dump(std::string_view raw);

/// run_pg_dump() then normalize_dump().
Result<std::string> dump_schema(const std::string& conninfo, const DumpOptions& options = {});

}  // namespace sqlgen::pg
