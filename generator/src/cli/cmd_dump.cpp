// `sqlgen dump`: the schema the migrations build on a real PostgreSQL, as a normalized pg_dump
// written to the config's schema_dump, compared with it (--check), or compared with the schema
// the migrations at a git revision build (--base). Dumps come from the dump cache
// (pg/dump_cache.hpp) when it holds one for the same inputs. Also `sqlgen fixture`.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "codegen/codegen.hpp"
#include "pg/cluster.hpp"
#include "pg/dump.hpp"
#include "pg/dump_cache.hpp"
#include "pg/migrate.hpp"
#include "pg/process.hpp"
#include "util/fs.hpp"

extern char** environ;

namespace sqlgen::cli {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// How long a helper program may take (git on a large repository, tar); then it is stopped.
constexpr std::chrono::minutes k_tool_timeout{10};

/// Exit code and output of a helper program (git, tar).
struct ToolRun {
  bool started = false;
  int exit_code = -1;  ///< -1 when killed by a signal
  std::string out;
  std::string err;
  std::string error;  ///< why it could not start
};

/// Runs `argv` (argv[0] looked up in PATH), stdin from /dev/null, capturing stdout and stderr.
ToolRun run_tool(const std::vector<std::string>& argv) {
  ToolRun r;
  util::TempDir tmp("sqlgen-tool");
  const std::string out_path = (tmp.path() / "out").string();
  const std::string err_path = (tmp.path() / "err").string();
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT, 0600);
  ::posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT, 0600);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    r.error = argv[0] + ": " + std::strerror(rc);
    return r;
  }
  std::optional<int> waited = pg::detail::wait_for(pid, k_tool_timeout);
  if (!waited) {
    pg::detail::terminate(pid, SIGTERM, std::chrono::seconds(5));
    r.error =
        argv[0] + ": did not finish within " + std::to_string(k_tool_timeout.count()) + " minutes";
    return r;
  }
  int status = *waited;
  r.started = true;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = util::read_file(out_path).text.value_or("");
  r.err = util::read_file(err_path).text.value_or("");
  return r;
}

/// The first line of a tool's stderr (or why it did not run).
std::string tool_error(const ToolRun& r) {
  if (!r.started) return r.error;
  std::string msg = r.err.substr(0, r.err.find('\n'));
  for (std::string_view prefix : {"fatal: ", "error: "}) {
    if (msg.rfind(prefix, 0) == 0) msg.erase(0, prefix.size());
  }
  return msg.empty() ? "exit status " + std::to_string(r.exit_code) : msg;
}

/// Runs a tool that must succeed; reports err_dump_tool and returns nullopt when it does not.
std::optional<std::string> must_run(Context& ctx, const std::vector<std::string>& argv,
                                    const std::string& what) {
  ToolRun r = run_tool(argv);
  if (r.started && r.exit_code == 0) return r.out;
  ctx.diags.report(diag::make(DiagId::err_dump_tool, {}, {what, tool_error(r)}));
  return std::nullopt;
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

/// "1 fixture", "3 fixtures".
std::string count(size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// A schema dump and how it was built.
struct BuiltDump {
  std::string text;
  pg::MigrateReport report;
};

/// Applies `migrations` with `fixtures` to a new database on `server` and dumps it.
std::optional<BuiltDump> build_dump(Context& ctx, pg::Server& server,
                                    const std::vector<source::Migration>& migrations,
                                    const std::vector<pg::Fixture>& fixtures,
                                    pg::TransactionMode mode) {
  pg::Result<std::unique_ptr<pg::ScratchDatabase>> scratch =
      pg::ScratchDatabase::create(server, "sqlgen_dump");
  if (!scratch) {
    ctx.diags.report(scratch.error());
    return std::nullopt;
  }
  pg::Result<pg::MigrateReport> report =
      pg::apply_migrations((*scratch)->conninfo(), migrations, fixtures, {mode});
  if (!report) {
    ctx.diags.report(report.error());
    return std::nullopt;
  }
  pg::DumpOptions dump_options;
  if (auto* cluster = dynamic_cast<pg::Cluster*>(&server)) {
    dump_options.bindir = cluster->binaries().bindir.string();
  }
  pg::Result<std::string> dump = pg::dump_schema((*scratch)->conninfo(), dump_options);
  if (!dump) {
    ctx.diags.report(dump.error());
    return std::nullopt;
  }
  return BuiltDump{std::move(*dump), *report};
}

/// Makes the dumps of one run: from the dump cache when it may be used and holds the dump,
/// else on a server acquired at the first miss and shared by the run's later dumps. Successful
/// dumps built on a throwaway cluster are stored in the cache.
class DumpMaker {
 public:
  DumpMaker(Context& ctx, const DumpOptions& opts, pg::TransactionMode mode)
      : m_ctx(ctx), m_opts(opts), m_mode(mode) {
    // Only clusters sqlgen starts itself: an external server's identity is not in the key.
    const char* env_url = std::getenv("SQLGEN_DATABASE_URL");
    m_use_cache = opts.db_url.empty() && !(env_url && *env_url) && !opts.no_cache &&
                  !pg::dump_cache_disabled_by_env();
  }

  /// The dump `migrations` and `config`'s fixtures build; nullopt when that failed (reported).
  std::optional<BuiltDump> make(const config::Config& config,
                                const std::vector<source::Migration>& migrations) {
    std::vector<pg::Fixture> fixtures = pg::load_fixtures(config, migrations, m_ctx.diags);
    if (m_ctx.diags.has_errors()) return std::nullopt;
    std::string key;
    if (const pg::Binaries* binaries = cache_binaries()) {
      key = pg::dump_cache_key(config, migrations, fixtures, m_mode, binaries->version);
      if (std::optional<pg::CachedDump> hit = m_cache.load(key)) {
        pg::MigrateReport report;
        report.applied = hit->applied;
        report.fixtures = hit->fixtures;
        return BuiltDump{std::move(hit->text), report};
      }
    }
    pg::Server* srv = server();
    if (!srv) return std::nullopt;
    std::optional<BuiltDump> built = build_dump(m_ctx, *srv, migrations, fixtures, m_mode);
    auto* cluster = dynamic_cast<pg::Cluster*>(srv);
    // Stored only when the dump was made by the very server version the key names.
    if (built && !key.empty() && cluster && cluster->binaries().version == m_binaries->version) {
      (void)m_cache.store(key, {built->text, built->report.applied, built->report.fixtures});
    }
    return built;
  }

 private:
  /// The binaries a throwaway cluster would run, when the cache may be used; nullptr when not
  /// (finding them failed: starting the server reports why).
  const pg::Binaries* cache_binaries() {
    if (!m_use_cache) return nullptr;
    if (!m_binaries_looked_up) {
      m_binaries_looked_up = true;
      if (pg::Result<pg::Binaries> found = pg::find_binaries(); found) m_binaries = *found;
    }
    return m_binaries ? &*m_binaries : nullptr;
  }

  /// The run's server, acquired on first use; nullptr when that failed (reported once).
  pg::Server* server() {
    if (m_server) return m_server.get();
    if (m_acquire_failed) return nullptr;
    pg::ClusterOptions options;
    if (m_binaries) options.bindir = m_binaries->bindir.string();  // the version in the key
    pg::Result<std::unique_ptr<pg::Server>> acquired = pg::acquire(m_opts.db_url, options);
    if (!acquired) {
      m_ctx.diags.report(acquired.error());
      m_acquire_failed = true;
      return nullptr;
    }
    m_server = std::move(*acquired);
    return m_server.get();
  }

  Context& m_ctx;
  const DumpOptions& m_opts;
  pg::TransactionMode m_mode;
  bool m_use_cache = false;
  bool m_binaries_looked_up = false;
  bool m_acquire_failed = false;
  std::optional<pg::Binaries> m_binaries;
  pg::DumpCache m_cache;
  std::unique_ptr<pg::Server> m_server;
};

/// The config and migration dirs as they were at git revision `rev`, extracted under `into`;
/// the extracted config, or nullopt (reported).
std::optional<config::Config> checkout_base(Context& ctx, const std::string& rev,
                                            const fs::path& into) {
  const fs::path config_path(ctx.config_path);
  const std::string config_dir =
      config_path.parent_path().empty() ? "." : config_path.parent_path().string();
  std::optional<std::string> top =
      must_run(ctx, {"git", "-C", config_dir, "rev-parse", "--show-toplevel"}, "git rev-parse");
  std::optional<std::string> prefix =
      must_run(ctx, {"git", "-C", config_dir, "rev-parse", "--show-prefix"}, "git rev-parse");
  if (!top || !prefix) return std::nullopt;
  const std::string repo = trim_newline(*top);
  std::optional<std::string> commit =
      must_run(ctx, {"git", "-C", repo, "rev-parse", "--verify", "--quiet", rev + "^{commit}"},
               "git rev-parse \"" + rev + "\"");
  if (!commit) return std::nullopt;
  const std::string sha = trim_newline(*commit);
  const fs::path tree = into / "tree";
  fs::create_directories(tree);
  auto extract = [&](const std::vector<std::string>& paths) {
    std::vector<std::string> argv = {
        "git", "-C", repo, "archive", "--format=tar", "--output=" + (into / "base.tar").string(),
        sha,   "--"};
    argv.insert(argv.end(), paths.begin(), paths.end());
    return must_run(ctx, argv, "git archive " + rev) &&
           must_run(ctx, {"tar", "-xf", (into / "base.tar").string(), "-C", tree.string()}, "tar");
  };
  const fs::path rel_prefix = trim_newline(*prefix);
  const fs::path rel_config = (rel_prefix / config_path.filename()).lexically_normal();
  if (!extract({rel_config.generic_string()})) return std::nullopt;
  std::optional<config::Config> config = config::load_config(tree / rel_config, ctx.diags);
  if (!config) return std::nullopt;
  std::vector<std::string> dirs;
  for (const config::Module& m : config->modules) {
    for (const config::SourcePath& source_path : m.migrations) {
      std::string rel = (rel_prefix / source_path.path).lexically_normal().generic_string();
      while (rel.size() > 1 && rel.back() == '/') rel.pop_back();
      if (rel.starts_with("..")) continue;  // outside the repository: reported as missing
      // A directory or a file (list-form schema sources name files too).
      std::optional<std::string> listed = must_run(
          ctx, {"git", "-C", repo, "ls-tree", "--name-only", sha, "--", rel}, "git ls-tree");
      if (!listed) return std::nullopt;
      if (!listed->empty()) dirs.push_back(rel);
    }
  }
  if (!dirs.empty() && !extract(dirs)) return std::nullopt;
  return config;
}

/// --base: the schema at `opts.base` against the working tree's; diff on stdout when they differ.
int compare_with_base(Context& ctx, const DumpOptions& opts, pg::TransactionMode mode,
                      const config::Config& config,
                      const std::vector<source::Migration>& migrations, std::ostream& out) {
  util::TempDir tmp("sqlgen-base");
  std::optional<config::Config> base_config = checkout_base(ctx, opts.base, tmp.path());
  if (!base_config) return k_exit_ok;
  std::vector<source::Migration> base_migrations =
      source::load_all_migrations(*base_config, ctx.diags);
  if (ctx.diags.has_errors()) return k_exit_ok;
  DumpMaker maker(ctx, opts, mode);
  std::optional<BuiltDump> before = maker.make(*base_config, base_migrations);
  if (!before) return k_exit_ok;
  std::optional<BuiltDump> after = maker.make(config, migrations);
  if (!after) return k_exit_ok;
  std::string diff = codegen::unified_diff("schema at " + opts.base, before->text,
                                           "schema of the working tree", after->text);
  if (!diff.empty()) {
    out << diff;
    ctx.diags.report(diag::make(DiagId::err_dump_base_differs, {}, {opts.base}));
    return k_exit_ok;
  }
  out << "sqlgen: the migrations at " << opts.base
      << " and in the working tree build identical schemas (" << before->report.applied << " and "
      << after->report.applied << " migrations)\n";
  return k_exit_ok;
}

}  // namespace

int run_dump(Context& ctx, const DumpOptions& opts, std::ostream& out) {
  std::optional<pg::TransactionMode> mode = pg::parse_transaction_mode(opts.mode);
  if (!mode) return k_exit_usage;  // main.cpp checks the spelling
  std::optional<config::Config> config;
  std::vector<source::Migration> migrations = load_migrations(ctx, {}, &config);
  if (!config || ctx.diags.has_errors()) return k_exit_ok;  // diagnostics explain why
  if (!opts.base.empty()) return compare_with_base(ctx, opts, *mode, *config, migrations, out);

  const fs::path target =
      opts.output.empty() ? config->resolve(config->schema_dump) : fs::path(opts.output);
  const std::string display = target.lexically_normal().generic_string();
  DumpMaker maker(ctx, opts, *mode);
  std::optional<BuiltDump> built = maker.make(*config, migrations);
  if (!built) return k_exit_ok;
  // Plain schema files (list-form `migrations:`) are applied too but are not migrations.
  const size_t schema_files = static_cast<size_t>(std::count_if(
      migrations.begin(), migrations.end(), [](const auto& m) { return m.unversioned; }));
  const std::string summary =
      count(built->report.applied, "migration") + ", " +
      (schema_files > 0 ? count(schema_files, "schema file") + ", " : std::string()) +
      count(built->report.fixtures, "fixture") + ", " +
      std::string(pg::transaction_mode_name(*mode)) + " mode";

  if (opts.check) {
    util::ReadResult committed = util::read_file(target);
    if (!committed.text && !committed.not_found) {
      ctx.diags.report(diag::make(DiagId::err_file_unreadable, {}, {display, committed.error}));
      return k_exit_ok;
    }
    std::string diff = codegen::unified_diff(display + " (committed)", committed.text.value_or(""),
                                             display + " (from the migrations)", built->text);
    if (!diff.empty()) {
      out << diff;
      ctx.diags.report(diag::make(DiagId::err_dump_drift, {}, {display}));
      return k_exit_ok;
    }
    out << "sqlgen: " << display << " is up to date (" << summary << ")\n";
    return k_exit_ok;
  }

  if (std::string err = util::write_file_atomic(target, built->text); !err.empty()) {
    ctx.diags.report(diag::make(DiagId::err_file_write, {}, {display, err}));
    return k_exit_ok;
  }
  out << "sqlgen: " << summary << ", wrote " << display << '\n';
  return k_exit_ok;
}

int run_fixture(Context& ctx, const std::string& module, long long version, std::ostream& out) {
  std::optional<config::Config> config;
  std::vector<source::Migration> migrations = load_migrations(ctx, {}, &config);
  if (!config || ctx.diags.has_errors()) return k_exit_ok;
  std::vector<std::string> names;
  size_t index = 0;
  for (; index < config->modules.size() && config->modules[index].name != module; ++index) {
    names.push_back(config->modules[index].name);
  }
  if (index == config->modules.size()) {
    std::string hint = diag::did_you_mean(module, names);
    ctx.diags.report(
        diag::make(DiagId::err_module_not_found, {}, {module, hint.empty() ? "" : ", " + hint}));
    return k_exit_ok;
  }
  const config::Module& m = config->modules[index];
  std::optional<int64_t> namespaced = pg::fixture_version(*config, index, version);
  if (!namespaced) {
    config::VersionRange range = config->version_range(index);
    ctx.diags.report(diag::make(DiagId::err_fixture_version, m.name_loc,
                                {std::to_string(version), m.name, std::to_string(range.first),
                                 std::to_string(range.last)}));
    return k_exit_ok;
  }
  const source::Migration* migration = nullptr;
  for (const source::Migration& candidate : migrations) {
    if (candidate.module == m.name && candidate.version == *namespaced && !candidate.unversioned) {
      migration = &candidate;
    }
  }
  if (!migration) {
    ctx.diags.report(diag::make(DiagId::err_fixture_no_migration, m.name_loc,
                                {m.name, std::to_string(*namespaced)}));
    return k_exit_ok;
  }
  // `fixtures/` of the listed directory the migration was found in.
  std::string fixture_dir = fs::path(migration->path).parent_path().generic_string();
  for (const config::SourcePath& source_path : m.migrations) {
    if (migration->path.starts_with(source_path.path + "/")) {
      fixture_dir = source_path.path;
      break;
    }
  }
  const fs::path path =
      config->resolve(fixture_dir) / "fixtures" / (std::to_string(*namespaced) + ".sql");
  const std::string display = path.lexically_normal().generic_string();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    ctx.diags.report(diag::make(DiagId::err_fixture_exists, {}, {display}));
    return k_exit_ok;
  }
  const std::string header =
      "-- Fixture for migration " + std::to_string(*namespaced) + " (" + migration->path +
      ") of module \"" + m.name +
      "\".\n"
      "-- `sqlgen dump` runs it right after that migration, in the same transaction, to seed\n"
      "-- rows like production's that later migrations must cope with (e.g. values they cast).\n"
      "-- Plain SQL, statements end with \";\". Never applied in production.\n\n";
  if (std::string err = util::write_file_atomic(path, header); !err.empty()) {
    ctx.diags.report(diag::make(DiagId::err_file_write, {}, {display, err}));
    return k_exit_ok;
  }
  out << "sqlgen: created " << display << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
