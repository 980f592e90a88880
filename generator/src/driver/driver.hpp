#pragma once
/// The driver stage's public header: one way in for every command. A config (sqlgen.yaml) or
/// `--schema`/`--queries` paths become the same in-memory Project (modules, ordered schema
/// sources, query files, options); it is loaded, parsed, its catalog built (views bound once by
/// analyze::view_binder()) and its queries analyzed on one path. Below that, the work of each
/// command (generate with its no-op stamp, dump, fixture, vet, verify), returning what happened
/// for cli/ to print. The driver reads no command line and prints nothing; problems are
/// reported to the caller's DiagnosticEngine.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "codegen/codegen.hpp"
#include "config/config.hpp"
#include "diag/diag.hpp"
#include "source/migrations.hpp"
#include "util/parallel.hpp"
#include "verify/verify.hpp"
#include "vet/vet.hpp"

namespace sqlgen::driver {

// --- the project (project.cpp) -----------------------------------------------

/// Where a command's schema and queries come from: the paths when any is given, else the config.
struct Inputs {
  std::string config_path = "sqlgen.yaml";  ///< -c/--config
  std::vector<std::string> schema_paths;    ///< --schema: migration files or directories
  std::vector<std::string> query_paths;     ///< --queries: query files or directories
  std::vector<std::string> search_path;     ///< --search-path (paths only; a config has its own)
  /// `vet` and `schema` may be answered from a command stamp (driver/command_stamp.hpp): set by
  /// the command line. A stamped run prints what the real run printed, but the diagnostics it
  /// replays point into the saved excerpts of their files, not at the files' own offsets, so
  /// callers that read diagnostics' offsets leave it off.
  bool stamp = false;

  /// True when the config is read (no paths given).
  bool uses_config() const { return schema_paths.empty() && query_paths.empty(); }
};

/// One project, whichever way it was named. With paths it has one module named "" (no config).
struct Project {
  bool from_config = false;              ///< named by a config (Inputs::uses_config())
  std::optional<config::Config> config;  ///< the config read; nullopt with paths or when unreadable
  std::vector<std::string> query_paths;  ///< with paths: --queries
  std::vector<std::string> search_path;  ///< with paths: --search-path
  std::vector<source::Migration> migrations;  ///< every module's, in the order they apply
  /// A module's `migrations:` or a `--schema` path names a path that does not exist (reported,
  /// and told by source/'s loading): the catalog lacks its schema, so queries are not analyzed
  /// (their errors would follow from that one).
  bool migrations_missing = false;
  catalog::Catalog catalog;                     ///< after build_catalog
  std::vector<codegen::ModuleQueries> modules;  ///< after analyze_queries: modules with queries
  /// catalog::warm_up() as a task of the pool, posted by load() when it also starts the query
  /// preparation (with more than one job, a worker runs it): the index of built-in objects is
  /// ready when build_catalog, on one core, first needs it. Destroying the project drops it if
  /// no worker took it, else waits for it; a retired project leaves it to the exit.
  util::Task warm_up;
};

/// The part of analyze_queries that needs no catalog (every module's query files found, read,
/// split and their statements parsed), started by start_queries() (or load) as a task of the
/// pool (util::Task) so that it overlaps loading the migrations and build_catalog;
/// analyze_queries takes it (helping its parallel parse). What it finds is reported only then,
/// so a command that stops at the catalog's errors shows none of it. Destroying one drops it if
/// no worker has started it, else waits for it.
struct QueryPrep;

/// The project `inputs` name, its migrations loaded (not yet its queries). With `queries`, the
/// query preparation (start_queries) starts before the migrations load and lands there (null
/// when there is nothing to prepare).
Project load(const Inputs& inputs, diag::DiagnosticEngine& diags,
             std::shared_ptr<QueryPrep>* queries = nullptr);

/// The project of a config already read (e.g. with its output changed), migrations loaded;
/// `queries` as above.
Project load(config::Config config, diag::DiagnosticEngine& diags,
             std::shared_ptr<QueryPrep>* queries = nullptr);

/// Builds the catalog from the project's migrations, views bound by analyze::view_binder().
void build_catalog(Project& project, diag::DiagnosticEngine& diags);

/// Each query's own analysis diagnostics, [module][query] as Project::modules holds them.
using QueryDiagnostics = std::vector<std::vector<std::vector<diag::Diagnostic>>>;

/// Starts the query preparation of `project` (what it reads of the project is copied first);
/// nullptr when there is nothing to prepare (`migrations_missing`).
std::shared_ptr<QueryPrep> start_queries(const Project& project);

/// Finds, reads, parses and analyzes every module's query files against the catalog; duplicate
/// query names are reported. Nothing is analyzed when `migrations_missing`. Reading and analyzing
/// run on every core; the results are in file and query order whatever the scheduling. With
/// `kept`, what analyze_query reports goes there instead of to `diags` (`verify --all`).
/// With `prep` (start_queries's, for this project), the queries it read and parsed are
/// analyzed; without it they are read and parsed first, here.
void analyze_queries(Project& project, diag::DiagnosticEngine& diags,
                     QueryDiagnostics* kept = nullptr, std::shared_ptr<QueryPrep> prep = nullptr);

/// `sqlgen schema`: the catalog the migrations build, as SQL (`format` "sql") or JSON, the
/// text the command prints. A project named by its config is answered from its command stamp
/// when nothing changed (driver/command_stamp.hpp).
std::string schema(const Inputs& inputs, const std::string& format, diag::DiagnosticEngine& diags);

/// load(), build_catalog() and analyze_queries(): what `analyze` and `verify` start from.
Project analyze(const Inputs& inputs, diag::DiagnosticEngine& diags);

/// SQL files named on the command line (files, or directories searched for `*.sql` as
/// source::list_query_paths does), read; missing and unreadable files are errors at the file,
/// empty ones warnings.
std::vector<diag::SourcePtr> read_sql_files(const std::vector<std::string>& paths,
                                            diag::DiagnosticEngine& diags);

// --- generate (generate.cpp) ---------------------------------------------------

/// How `sqlgen generate` runs.
struct GenerateOptions {
  bool check = false;       ///< write nothing: diff to `diff_out`, stale files are errors
  std::string output = "";  ///< output directory instead of the config's (from the cwd)
};

/// What generate() did.
struct GenerateResult {
  bool completed = false;   ///< rendered and written (or compared); false: see the diagnostics
  bool up_to_date = false;  ///< answered from the stamp, nothing read or written
  size_t files = 0;         ///< generated files (from the stamp: files it found unchanged)
  size_t migrations = 0;    ///< migrations read
  size_t queries = 0;       ///< queries read
  codegen::WriteSummary summary;  ///< what was (with check: would be) written and removed
};

/// `sqlgen generate`: catalog.sql and every module's headers, written atomically with stale
/// generated files removed; nothing is written when any error is reported. A repeated run whose
/// inputs, config, templates and build are unchanged, and whose outputs are on disk as written,
/// is answered from the generate stamp (codegen/stamp.hpp) without parsing anything; only a
/// clean run (not even a warning) stores one. `check` and SQLGEN_NO_CACHE=1 never use it.
GenerateResult generate(const std::string& config_path, const GenerateOptions& options,
                        std::ostream& diff_out, diag::DiagnosticEngine& diags);

// --- dump (dump.cpp) -------------------------------------------------------------

/// How `sqlgen dump` runs.
struct DumpOptions {
  std::string db_url;  ///< "" = $SQLGEN_DATABASE_URL, else a throwaway server
  source::TransactionMode mode = source::TransactionMode::Single;
  bool check = false;     ///< compare with the committed dump, write nothing
  std::string output;     ///< "" = the config's schema_dump
  std::string base;       ///< compare with the migrations at this git revision
  bool no_cache = false;  ///< neither read nor write the dump cache
};

/// What dump() did.
struct DumpResult {
  /// How the run ended.
  enum class Outcome {
    Failed,           ///< see the diagnostics
    Written,          ///< the dump file was written
    UpToDate,         ///< check: the committed dump is current
    Drifted,          ///< check: it is not (`diff`; err_dump_drift reported)
    SameAsBase,       ///< base: both revisions build the same schema
    DiffersFromBase,  ///< base: they do not (`diff`; err_dump_base_differs reported)
  };
  Outcome outcome = Outcome::Failed;
  std::string path;         ///< the dump file as shown to the user
  std::string diff;         ///< Drifted, DiffersFromBase: a unified diff
  size_t applied = 0;       ///< migrations applied (the working tree's with base)
  size_t schema_files = 0;  ///< plain schema files among the migrations
  size_t fixtures = 0;      ///< fixture files run
  size_t base_applied = 0;  ///< base: migrations applied at the revision
};

/// `sqlgen dump`: the config's migrations (and fixtures) applied to a fresh database, its
/// normalized pg_dump written, compared with the committed one (check) or with the schema the
/// migrations at `base` build. Dumps come from the dump cache when it holds the same inputs.
DumpResult dump(const std::string& config_path, const DumpOptions& options,
                diag::DiagnosticEngine& diags);

// --- fixture (fixture.cpp) ----------------------------------------------------------

/// `sqlgen fixture`: creates `<migrations>/fixtures/<version>.sql` (with a header comment) for
/// migration `version` (local 1 or namespaced 5001) of `module`; the path created, or nullopt
/// (reported: unknown module, version outside its range, no such migration, file exists).
std::optional<std::string> create_fixture(const std::string& config_path, const std::string& module,
                                          long long version, diag::DiagnosticEngine& diags);

// --- migrate (migrate.cpp) ---------------------------------------------------------

/// What `sqlgen migrate` is asked to do.
enum class MigrateCommand { Up, Down, Redo, Status, Version, Rehash };

/// How `sqlgen migrate` runs.
struct MigrateOptions {
  MigrateCommand command = MigrateCommand::Up;
  /// --db; "" = $SQLGEN_DATABASE_URL, else the config's `database:`, else the embedded
  /// development database.
  std::string db_url;
  std::optional<int64_t> to;  ///< up: apply up to this version; down: roll back above it
  size_t steps = 1;           ///< down N: how many to roll back (without `to`)
  source::TransactionMode mode = source::TransactionMode::Single;  ///< --per-migration
  bool allow_missing = false;  ///< apply pending migrations older than the latest applied
  std::chrono::milliseconds lock_timeout{60000};  ///< how long to wait for another runner
  bool rollback = false;  ///< up: roll back applied migrations that have no file first
  bool reset = false;     ///< up: drop everything and apply from scratch
  std::string confirm;    ///< --confirm: the database's name, for --reset on a server not ours
  int64_t version = 0;    ///< rehash: the migration whose edit to accept
};

/// One migration in a result: where it stands, or what was done to it.
struct MigrationLine {
  std::string module;
  int64_t version = 0;
  int64_t local_version = 0;
  std::string path;
  std::string state;       ///< status: "applied", "pending", "missing", "edited", ...
  std::string applied_at;  ///< when applied ("" when not)
};

/// What migrate() did.
struct MigrateResult {
  bool ok = false;                         ///< false: see the diagnostics
  std::string database;                    ///< the database's name
  bool embedded = false;                   ///< the embedded development database
  std::vector<MigrationLine> status;       ///< status: every migration, by version
  std::vector<MigrationLine> rolled_back;  ///< down, redo, --rollback: in the order undone
  std::vector<MigrationLine> applied;      ///< up, redo: in the order applied
  bool reset = false;                      ///< --reset dropped everything first
  size_t transactions = 0;                 ///< transactions committed by up
  std::vector<std::pair<std::string, int64_t>> versions;  ///< version: module → latest (0: none)
};

/// `sqlgen migrate`: the config's migrations compared with the database's tracking table
/// (pg/migrate_plan.hpp) and, for up/down/redo/rehash, applied or rolled back under the
/// migration lock. Nothing runs while the database is dirty, its module list changed, an
/// applied migration was edited, or (unless rolled back) applied versions have no file.
MigrateResult migrate(const std::string& config_path, const MigrateOptions& options,
                      diag::DiagnosticEngine& diags);

// --- db (db.cpp) -------------------------------------------------------------------

/// What `sqlgen db` is asked to do with the embedded development database.
enum class DbCommand { Start, Stop, Status, Url, Psql, Reset };

/// What db() did.
struct DbResult {
  bool ok = false;           ///< false: see the diagnostics
  std::string dir;           ///< `.sqlgen/postgres`, as a path to show (relative to the cwd)
  bool initialized = false;  ///< a cluster exists
  bool running = false;      ///< its server runs (after the command)
  bool started = false;      ///< this command started it
  bool stopped = false;      ///< this command stopped it
  long pid = 0;              ///< the postmaster when running
  std::string url;           ///< postgresql:// URL of its database
  std::string conninfo;      ///< key=value connection string of its database
  std::string psql;          ///< Psql: the psql program to run
};

/// `sqlgen db`: the embedded development database of the project `config_path` names, found
/// running or started (start, url, psql, reset), stopped, or described (status, which starts
/// nothing). Reset drops and recreates its database.
DbResult db(const std::string& config_path, DbCommand command, diag::DiagnosticEngine& diags);

// --- create (create.cpp) -------------------------------------------------------------

/// The file style `sqlgen create` writes.
enum class MigrationStyle { Existing, Goose, Pair };

/// `sqlgen create`: the next free migration of `module` (its highest local version + 1,
/// numbered like its existing files: local or namespaced, with their digits), named `name`
/// (letters, digits, `_`, `-`), in the module's first migrations directory, in the module's
/// existing style (a goose file with Up and Down sections, else an `.up.sql`/`.down.sql` pair)
/// unless `style` says; never overwrites. The paths created (nothing on error, reported).
std::vector<std::string> create_migration(const std::string& config_path, const std::string& module,
                                          const std::string& name, MigrationStyle style,
                                          diag::DiagnosticEngine& diags);

// --- renumber (renumber.cpp) ---------------------------------------------------------

/// How `sqlgen renumber` runs.
struct RenumberOptions {
  std::string module;    ///< "" = every module
  bool dry_run = false;  ///< print the renames, change nothing
  std::string base;      ///< a git revision: its files count as applied somewhere
  std::string db_url;    ///< a database whose tracking table counts ("" = none)
};

/// One file moved to a new number.
struct Rename {
  std::string from;  ///< as a path to show
  std::string to;
};

/// What renumber() did.
struct RenumberResult {
  bool ok = false;              ///< false: see the diagnostics
  std::vector<Rename> renames;  ///< in the order done (or, dry run, to do)
  bool git = false;             ///< renamed with `git mv`
};

/// `sqlgen renumber`: after a merge, migration files of a module that share a version; those
/// not applied anywhere (not in the tracking table of `db_url`, not at `base`) move to the
/// module's next free numbers, in file name order, keeping their names' digit count (a pair's
/// two files together). Refused when two of a version are applied. `git mv` in a work tree.
RenumberResult renumber(const std::string& config_path, const RenumberOptions& options,
                        diag::DiagnosticEngine& diags);

// --- vet (vet.cpp) ------------------------------------------------------------------

/// What vet() did.
struct VetResult {
  std::vector<vet::FileFix> fixes;  ///< with fix: the files rewritten
  bool fix_blocked = false;  ///< with fix: unsafe statements found, nothing rewritten (errors)
  size_t migrations = 0;     ///< versioned migrations checked
  size_t schema_files = 0;   ///< plain schema files (list-form `migrations:`) checked
  size_t findings = 0;       ///< errors and warnings of the (last) check, load problems included
};

/// `sqlgen vet`: the migrations' transaction plan checked (vet::check). With `fix`, each unsafe
/// `ALTER TYPE ... ADD VALUE` is rewritten in its file into the recreate pattern, unless other
/// errors make the plan doubtful, and the rewritten files are checked again.
VetResult vet(const Inputs& inputs, const vet::Options& options, bool fix,
              diag::DiagnosticEngine& diags);

// --- init (init.cpp) ----------------------------------------------------------------

/// What `sqlgen init` (without --from-sqlc) is asked to write.
struct InitOptions {
  std::string config_path = "sqlgen.yaml";  ///< the config to write; the other files go next to it
  std::string module;  ///< the module's name; "" = config::module_name_from(its directory's name)
};

/// What init_project() wrote.
struct InitResult {
  bool written = false;            ///< false: nothing was written (see the diagnostics)
  std::string module;              ///< the module's name
  std::string output;              ///< the config's output directory, as a path to show
  std::string schema_dump;         ///< the config's schema_dump, as a path to show
  std::vector<std::string> files;  ///< the files written, as paths to show, config first
};

/// `sqlgen init`: a starter project next to `options.config_path`: the commented config
/// (config::starter_config), `migrations/<module>/001_init.sql` (goose, Up and Down) and
/// `queries/<module>/queries.sql` with a query that analyzes against it. It never overwrites:
/// when any of the files exists, each one that does is an error and nothing is written.
InitResult init_project(const InitOptions& options, diag::DiagnosticEngine& diags);

// --- init --from-sqlc (import_sqlc.cpp) ------------------------------------------------

/// What `sqlgen init --from-sqlc` is asked to do.
struct ImportOptions {
  std::string sqlc_file;  ///< "" = the first of config::k_sqlc_config_names in the cwd
  bool force = false;     ///< overwrite an existing sqlgen.yaml
};

/// What import_sqlc_project() did.
struct ImportResult {
  bool written = false;              ///< false: nothing was written (see the diagnostics)
  std::string from;                  ///< the sqlc config read, as a path to show
  std::string config;                ///< the sqlgen.yaml next to it, as a path to show
  size_t modules = 0;                ///< modules written (PostgreSQL packages)
  std::vector<std::string> skipped;  ///< "module.query" for each query put in skip_queries
};

/// `sqlgen init --from-sqlc`: the sqlc config translated (config::import_sqlc) into sqlgen.yaml
/// next to it, written atomically, never over an existing one unless `force`. The project it
/// describes is analyzed first, as `sqlgen generate` would; each query with an error (SQL
/// written for another engine, or that PostgreSQL rejects) goes into its module's
/// skip_queries with its first error in a comment, and is reported as a warning with that
/// error as a note, so that generate succeeds as written. When there are errors outside the
/// queries (the schema, a query file), no query is skipped and a warning names the first.
ImportResult import_sqlc_project(const ImportOptions& options, diag::DiagnosticEngine& diags);

// --- verify (verify.cpp) ----------------------------------------------------------------

/// `sqlgen verify`: the project analyzed, then every query without errors PREPAREd on a
/// database the migrations built and compared with the analysis (verify::verify_queries). With
/// `options.all` every query is PREPAREd, and the errors of the queries' analyses are results
/// (QueryRef::errors), not diagnostics; their warnings are still reported.
verify::Report verify(const Inputs& inputs, const verify::Options& options,
                      diag::DiagnosticEngine& diags);

}  // namespace sqlgen::driver
