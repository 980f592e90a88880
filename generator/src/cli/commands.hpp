#pragma once
/// One function per subcommand, each a thin adapter: options in, a driver call, what happened
/// printed, an exit code out. main.cpp only wires the command line to them (subcommands.hpp).

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

/// `sqlgen parse FILE...`: statements with kinds and positions.
int run_parse(Context& ctx, const std::vector<std::string>& paths, bool json, std::ostream& out);

/// Options of `sqlgen schema`.
struct SchemaOptions {
  std::vector<std::string> schema_paths;  ///< --schema; empty: read the config
  std::string format = "json";            ///< json | sql
};

/// `sqlgen schema`: the catalog built from the migrations, as JSON or SQL.
int run_schema(Context& ctx, const SchemaOptions& opts, std::ostream& out);

/// Options of `sqlgen generate`.
struct GenerateOptions {
  bool check = false;       ///< --check (and `sqlgen diff`): write nothing, diff, exit 1 when stale
  std::string output = "";  ///< --output: directory instead of the config's `output` (from the cwd)
};

/// `sqlgen generate [--check]`: writes (or with --check, compares) catalog.sql and every
/// module's models.hpp / queries.hpp; stale generated files are removed (or reported).
int run_generate(Context& ctx, const GenerateOptions& opts, std::ostream& out);

/// Options of `sqlgen dump`.
struct DumpOptions {
  std::string db_url;           ///< --db; "" = $SQLGEN_DATABASE_URL, else a throwaway server
  std::string mode = "single";  ///< --mode: single | per-migration
  bool check = false;           ///< --check: compare with the committed dump, write nothing
  std::string output;           ///< --output; "" = the config's schema_dump
  std::string base;             ///< --base: compare with the migrations at this git revision
  bool no_cache = false;        ///< --no-cache: neither read nor write the dump cache
};

/// `sqlgen dump`: applies every module's migrations to a fresh database and writes (or, with
/// --check / --base, compares) the normalized pg_dump of its schema.
int run_dump(Context& ctx, const DumpOptions& opts, std::ostream& out);

/// Options of `sqlgen init`.
struct InitOptions {
  bool from_sqlc = false;  ///< --from-sqlc given
  std::string sqlc_file;   ///< --from-sqlc FILE; "" = sqlc.yaml, sqlc.yml or sqlc.json in the cwd
  bool force = false;      ///< --force (with --from-sqlc): overwrite an existing sqlgen.yaml
  std::string module;      ///< --module NAME (without --from-sqlc); "" = from the directory
};

/// `sqlgen init [--module NAME]`: a starter project (sqlgen.yaml, a migration, a query file;
/// never overwriting), then the next commands printed. `sqlgen init --from-sqlc [FILE]
/// [--force]`: writes sqlgen.yaml next to a sqlc config, translated from it; an existing
/// sqlgen.yaml is kept unless --force.
int run_init(Context& ctx, const InitOptions& opts, std::ostream& out);

/// `sqlgen fixture MODULE VERSION`: creates `<migrations>/fixtures/<version>.sql` for seed data;
/// VERSION is local (1) or namespaced (5001).
int run_fixture(Context& ctx, const std::string& module, long long version, std::ostream& out);

/// Options of `sqlgen migrate`.
struct MigrateOptions {
  driver::MigrateCommand command = driver::MigrateCommand::Status;  ///< the subcommand given
  std::string db_url;                                               ///< --db
  double lock_timeout = 60;                                         ///< --lock-timeout, seconds
  long long to = 0;                                                 ///< --to
  bool to_given = false;                                            ///< --to was given
  size_t steps = 1;                                                 ///< down N
  bool per_migration = false;                                       ///< --per-migration
  bool allow_missing = false;                                       ///< --allow-missing
  bool rollback = false;                                            ///< up --rollback
  bool reset = false;                                               ///< up --reset
  std::string confirm;                                              ///< up --confirm NAME
  std::string format = "text";                                      ///< status --format
  long long version = 0;                                            ///< rehash V
};

/// `sqlgen migrate up|down|redo|status|version|rehash`.
int run_migrate(Context& ctx, const MigrateOptions& opts, std::ostream& out);

/// `sqlgen db start|stop|status|url|psql|reset`: the embedded development database.
int run_db(Context& ctx, driver::DbCommand command, std::ostream& out);

}  // namespace sqlgen::cli
