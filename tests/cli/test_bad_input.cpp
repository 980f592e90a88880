// The bad-input corpus (tests/cases/bad_input/*.case): every hostile or broken input gives a
// diagnostic, exit 1 (never 3, never a signal), within a time limit, and writes nothing.
//
// A case file:
//   # args: generate                       the sqlgen command line (words split at spaces)
//   # expect: queries/users.sql:2:8: error: ...   a substring of stderr (several allowed)
//   # exit: 1                              (optional, default 1)
//   # no-default                           (optional) start from an empty directory
//   --- path                               a file of the project, its content up to the next ---
//   --- path @dir | @delete | @fifo | @symlink TARGET | @unreadable or @noeol (content follows;
//       @noeol: without the last line's newline, a file cut short)
// Unless `# no-default`, the project starts as a valid one (sqlgen.yaml, a goose migration,
// a query file); a `---` block replaces or adds a file. In contents, `%%hex ff 00%%` stands for
// raw bytes and `%%repeat N TEXT%%` for TEXT repeated N times (10 MB lines, 10,000 levels).
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/bad_input.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using namespace sqlgen::testing;

namespace {

constexpr const char* k_default_config =
    "version: \"1\"\n"
    "output: gen\n"
    "modules:\n"
    "  - name: app\n"
    "    migrations: migrations\n"
    "    queries: queries\n";

constexpr const char* k_default_migration =
    "-- +goose Up\n"
    "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, email text);\n"
    "-- +goose Down\n"
    "DROP TABLE users;\n";

constexpr const char* k_default_queries =
    "-- name: GetUser :one\n"
    "SELECT id, name FROM users WHERE id = $1;\n";

struct CaseFile {
  std::string path;
  std::string kind;  // "", "dir", "delete", "fifo", "symlink", "unreadable", "noeol"
  std::string arg;   // the symlink's target
  std::string content;
};

struct Case {
  std::string args;
  std::vector<std::string> expects;
  int exit_code = 1;
  bool no_default = false;
  std::vector<CaseFile> files;
};

/// Expands %%hex ..%% and %%repeat N TEXT%%.
std::string expand(const std::string& text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("%%", i);
    if (open == std::string::npos) break;
    size_t close = text.find("%%", open + 2);
    REQUIRE(close != std::string::npos);
    out.append(text, i, open - i);
    std::string macro = text.substr(open + 2, close - open - 2);
    if (macro.rfind("hex ", 0) == 0) {
      std::istringstream in(macro.substr(4));
      std::string byte;
      while (in >> byte) out += static_cast<char>(std::stoi(byte, nullptr, 16));
    } else {
      REQUIRE(macro.rfind("repeat ", 0) == 0);
      size_t space = macro.find(' ', 7);
      REQUIRE(space != std::string::npos);
      size_t n = std::stoul(macro.substr(7, space - 7));
      std::string unit = macro.substr(space + 1);
      out.reserve(out.size() + n * unit.size());
      for (size_t k = 0; k < n; ++k) out += unit;
    }
    i = close + 2;
  }
  out.append(text, i, std::string::npos);
  return out;
}

Case parse_case(const std::string& text) {
  Case c;
  std::istringstream in(text);
  std::string line;
  CaseFile* current = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("--- ", 0) == 0) {
      CaseFile f;
      std::string rest = line.substr(4);
      size_t at = rest.find(" @");
      f.path = rest.substr(0, at);
      if (at != std::string::npos) {
        std::string directive = rest.substr(at + 2);
        size_t space = directive.find(' ');
        f.kind = directive.substr(0, space);
        if (space != std::string::npos) f.arg = directive.substr(space + 1);
      }
      c.files.push_back(std::move(f));
      current = &c.files.back();
      continue;
    }
    if (!current) {
      if (line.rfind("# args: ", 0) == 0) c.args = line.substr(8);
      if (line.rfind("# expect: ", 0) == 0) c.expects.push_back(line.substr(10));
      if (line.rfind("# exit: ", 0) == 0) c.exit_code = std::stoi(line.substr(8));
      if (line == "# no-default") c.no_default = true;
      continue;
    }
    current->content += line + "\n";
  }
  for (CaseFile& f : c.files) {
    if (f.kind == "noeol" && !f.content.empty()) f.content.pop_back();
    f.content = expand(f.content);
  }
  return c;
}

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  REQUIRE(util::write_file_atomic(path, content).empty());
}

/// Writes the project; true when a file is unreadable (the run then drops root's rights).
bool materialize(const Case& c, const fs::path& dir) {
  if (!c.no_default) {
    write(dir / "sqlgen.yaml", k_default_config);
    write(dir / "migrations/001_init.sql", k_default_migration);
    write(dir / "queries/users.sql", k_default_queries);
  }
  bool unreadable = false;
  for (const CaseFile& f : c.files) {
    fs::path p = dir / f.path;
    fs::create_directories(p.parent_path());
    if (f.kind == "delete") {
      fs::remove_all(p);
    } else if (f.kind == "dir") {
      fs::remove_all(p);
      fs::create_directories(p);
    } else if (f.kind == "fifo") {
      fs::remove_all(p);
      REQUIRE(::mkfifo(p.c_str(), 0644) == 0);
    } else if (f.kind == "symlink") {
      fs::remove_all(p);
      fs::create_symlink(f.arg, p);
    } else {
      REQUIRE((f.kind.empty() || f.kind == "unreadable" || f.kind == "noeol"));
      if (fs::is_directory(fs::symlink_status(p))) fs::remove_all(p);
      write(p, f.content);
      if (f.kind == "unreadable") {
        fs::permissions(p, fs::perms::none);
        unreadable = true;
      }
    }
  }
  return unreadable;
}

/// The entries that differ between two snapshots, for a failure's message.
std::string difference(const TreeSnapshot& a, const TreeSnapshot& b) {
  std::string out;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end())
      out += "gone: " + k + "\n";
    else if (it->second != v)
      out += "changed: " + k + " (" + v + " -> " + it->second + ")\n";
  }
  for (const auto& [k, v] : b) {
    if (!a.count(k)) out += "new: " + k + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("bad-input corpus: a diagnostic, exit 1, in time, nothing written", "[cli][bad_input]") {
  const fs::path root = fs::path(SQLGEN_TESTS_DIR) / "cases" / "bad_input";
  std::vector<fs::path> paths;
  for (const auto& e : fs::directory_iterator(root)) {
    if (e.path().extension() == ".case") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  // The issue asks for at least 150; fewer means cases were lost.
  CHECK(paths.size() >= 150);

  for (const fs::path& path : paths) {
    INFO("case " << path.filename().string());
    Case c = parse_case(util::read_file(path).text.value_or(""));
    REQUIRE(!c.args.empty());
    util::TempDir tmp("sqlgen-bad");
    const fs::path dir = tmp.path() / "p";
    fs::create_directories(dir);
    const bool unreadable = materialize(c, dir);
    if (unreadable) share_with_nobody(tmp.path());
    const TreeSnapshot before = snapshot_tree(tmp.path());

    SpawnOptions options;
    options.deadline = std::chrono::seconds(60);
    options.drop_root = unreadable;
    SpawnResult r = spawn_sqlgen(split_words(c.args), dir, options);
    INFO("stderr:\n" << r.err.substr(0, 4000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.err.find("error:") != std::string::npos);
    CHECK(r.err.find("internal error") == std::string::npos);
    for (const std::string& e : c.expects) CHECK(r.err.find(e) != std::string::npos);
    CHECK(every_position_has_a_caret(r.err));
    const TreeSnapshot after = snapshot_tree(tmp.path());
    INFO(difference(before, after));
    CHECK(after == before);
    restore_permissions(tmp.path());
  }
}

namespace {

/// A valid project generated once, so `gen/` holds the previous outputs.
void generated_project(const fs::path& dir) {
  write(dir / "sqlgen.yaml", k_default_config);
  write(dir / "migrations/001_init.sql", k_default_migration);
  write(dir / "queries/users.sql", k_default_queries);
  REQUIRE(spawn_sqlgen({"generate"}, dir).exit_code == 0);
  // The next run has new outputs to write.
  write(dir / "queries/users.sql", std::string(k_default_queries) +
                                       "-- name: ListUsers :many\nSELECT id, email FROM users;\n");
}

}  // namespace

TEST_CASE("a read-only output directory: a clear error, the old outputs untouched",
          "[cli][bad_input]") {
  util::TempDir tmp("sqlgen-ro");
  const fs::path dir = tmp.path() / "p";
  generated_project(dir);
  fs::permissions(dir / "gen" / "app", fs::perms::owner_read | fs::perms::owner_exec |
                                           fs::perms::others_read | fs::perms::others_exec);
  share_with_nobody(tmp.path());
  const TreeSnapshot before = snapshot_tree(tmp.path());
  SpawnOptions options;
  options.drop_root = true;  // root writes anywhere: run as nobody
  SpawnResult r = spawn_sqlgen({"generate"}, dir, options);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: cannot write \"gen/app/") != std::string::npos);
  CHECK(r.err.find("Permission denied") != std::string::npos);
  const TreeSnapshot after = snapshot_tree(tmp.path());
  INFO(difference(before, after));
  CHECK(after == before);
  restore_permissions(tmp.path());
}

TEST_CASE("a full disk (writes fail with EFBIG): a clear error, no half-written file",
          "[cli][bad_input]") {
  util::TempDir tmp("sqlgen-full");
  const fs::path dir = tmp.path() / "p";
  generated_project(dir);
  const TreeSnapshot before = snapshot_tree(tmp.path());
  SpawnOptions options;
  options.file_size_limit = 512;  // the files this run changes are longer
  SpawnResult r = spawn_sqlgen({"generate"}, dir, options);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: cannot write \"gen/app/") != std::string::npos);
  CHECK(r.err.find("File too large") != std::string::npos);
  const TreeSnapshot after = snapshot_tree(tmp.path());
  INFO(difference(before, after));
  CHECK(after == before);
}

TEST_CASE("a write that fails midway changes no output: the run's files change together",
          "[cli][bad_input]") {
  // A second module: its new headers are longer than the limit, the aggregator that includes
  // its .cpp (sqlgen_queries.cpp) is shorter. Written one by one, the aggregator would name a
  // .cpp that was never written, and gen/b/ would be left behind.
  util::TempDir tmp("sqlgen-midway");
  const fs::path dir = tmp.path() / "p";
  generated_project(dir);
  REQUIRE(spawn_sqlgen({"generate"}, dir).exit_code == 0);
  write(dir / "sqlgen.yaml",
        std::string(k_default_config) +
            "  - name: b\n    migrations: b/migrations\n    queries: b/queries\n");
  write(dir / "b/migrations/001_t.sql", "-- +goose Up\nCREATE TABLE t (id int PRIMARY KEY);\n");
  write(dir / "b/queries/t.sql", "-- name: GetT :one\nSELECT id FROM t WHERE id = $1;\n");
  const std::string aggregator = util::read_file(dir / "gen/sqlgen_queries.cpp").text.value_or("");
  const TreeSnapshot before = snapshot_tree(tmp.path());
  SpawnOptions options;
  options.file_size_limit = static_cast<long>(aggregator.size()) + 200;
  SpawnResult r = spawn_sqlgen({"generate"}, dir, options);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error: cannot write \"gen/") != std::string::npos);
  CHECK(r.err.find("File too large") != std::string::npos);
  const TreeSnapshot after = snapshot_tree(tmp.path());
  INFO(difference(before, after));
  CHECK(after == before);
  // Without the limit, the same run writes them all.
  r = spawn_sqlgen({"generate"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(util::read_file(dir / "gen/sqlgen_queries.cpp").text.value_or("").find("b/queries.cpp") !=
        std::string::npos);
  CHECK(fs::exists(dir / "gen/b/queries.cpp"));
}

TEST_CASE("an editor's lock file (a dangling hidden .sql symlink) is skipped, not an error",
          "[cli][bad_input]") {
  // The visible counterpart is queries_sql_symlink_dangling.case: an error.
  util::TempDir tmp("sqlgen-lock");
  const fs::path dir = tmp.path() / "p";
  write(dir / "sqlgen.yaml", k_default_config);
  write(dir / "migrations/001_init.sql", k_default_migration);
  write(dir / "queries/users.sql", k_default_queries);
  fs::create_symlink("root@host.1234:1700000000", dir / "queries/.#users.sql");
  SpawnResult r = spawn_sqlgen({"generate"}, dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("error") == std::string::npos);
  CHECK(fs::exists(dir / "gen/app/queries.hpp"));
}
