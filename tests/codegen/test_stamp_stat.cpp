// The generate stamp's stat shortcut (codegen/stamp.hpp): a file whose recorded stat (size,
// mtime, ctime, inode, device) still holds and is settled (older than the stamp's mtime, whole
// seconds) reuses its recorded hash; a racily clean one is always read. Every change to an
// input or output still makes the run do real work; a touched but identical file is a no-op
// and has its record refreshed. The stamp's own mtime is set explicitly where a test needs a
// record to be settled or racy, so nothing depends on timing.
#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "codegen/codegen_support.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_skipped = "sqlgen: up to date (no inputs changed); 0 files written, ";

/// A one-module project with its own cache dir. The migration and the query file end with a
/// comment whose digit can be changed without changing the file's size or the generated code.
class Project : public CachedProject {
 public:
  Project() : CachedProject("sqlgen-stamp-stat") {
    write("sqlgen.yaml",
          "version: \"1\"\noutput: out\nmodules:\n  - name: m\n    migrations: migrations\n"
          "    queries: queries\n    schema: m\n    search_path: [m, public]\n");
    write(
        "migrations/001_init.sql",
        "-- +goose Up\nCREATE SCHEMA m;\nCREATE TABLE m.items (id bigint PRIMARY KEY, name text);\n"
        "-- rev 1\n");
    write("queries/items.sql",
          "-- name: GetItem :one\nSELECT id, name FROM m.items WHERE id = @id;\n-- rev 1\n");
  }

  /// Rewrites a file in place (same inode), as an editor that does not rename would.
  void overwrite(const std::string& rel, const std::string& text) const {
    std::ofstream out(dir() / rel, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    REQUIRE(out.good());
  }

  RunResult run() const { return run_sqlgen("generate"); }

  /// The one stamp file.
  fs::path stamp() const {
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(cache() / "generate")) {
      if (e.path().extension() == ".stamp") found.push_back(e.path());
    }
    REQUIRE(found.size() == 1);
    return found[0];
  }
};

bool skipped(const RunResult& r) {
  return r.exit_code == 0 && r.err.empty() && r.out.find(k_skipped) == 0;
}

/// A run that did the work (whatever it found to write).
bool ran(const RunResult& r) {
  return r.exit_code == 0 && r.err.empty() && r.out.find("sqlgen: 1 migration, ") == 0;
}

struct timespec mtime_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mtim;
}

void set_mtime(const fs::path& p, struct timespec t) {
  struct timespec times[2] = {{0, UTIME_OMIT}, t};
  REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

struct timespec seconds_from_now(long s) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return {now.tv_sec + s, 0};
}

/// Makes every record of the stamp settled: its mtime well after every file's mtime and ctime.
void settle(const Project& p) { set_mtime(p.stamp(), seconds_from_now(10)); }

/// The stamp's lines.
std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(p));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The "in" record of the input whose path ends with `suffix`.
std::string input_record(const Project& p, const std::string& suffix) {
  for (const std::string& line : lines_of(p.stamp())) {
    if (line.starts_with("in ") && line.ends_with(suffix)) return line;
  }
  FAIL("no input record for " << suffix);
  return {};
}

/// Replaces the stat fields of the "in" record ending with `suffix` with the file's current
/// stat, keeping its recorded hash: what the stamp would hold if the file had been changed
/// without moving any stat field (same size, mtime, ctime, inode).
void forge_record(const Project& p, const std::string& suffix) {
  struct stat st {};
  REQUIRE(::stat((p.dir() / suffix).c_str(), &st) == 0);
  std::string text;
  for (const std::string& line : lines_of(p.stamp())) {
    std::string out = line;
    if (line.starts_with("in ") && line.ends_with(suffix)) {
      std::istringstream fields(line);
      std::string tag, size, mtime, ctime, ino, dev, hash;
      fields >> tag >> size >> mtime >> ctime >> ino >> dev >> hash;
      auto ns = [](const struct timespec& t) {
        return std::to_string(static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec);
      };
      out = "in " + std::to_string(st.st_size) + " " + ns(st.st_mtim) + " " + ns(st.st_ctim) + " " +
            std::to_string(st.st_ino) + " " + std::to_string(st.st_dev) + " " + hash + " " +
            line.substr(line.rfind(' ') + 1);
    }
    text += out + "\n";
  }
  struct timespec keep = mtime_of(p.stamp());
  std::ofstream(p.stamp(), std::ios::binary | std::ios::trunc) << text;
  set_mtime(p.stamp(), keep);
}

}  // namespace

TEST_CASE("stamp stat: an in-place edit that keeps the size and restores the mtime is seen",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  REQUIRE(skipped(p.run()));
  fs::path query = p.dir() / "queries/items.sql";
  struct timespec before = mtime_of(query);
  std::string text = read_text(query);
  std::string edited = text.substr(0, text.size() - 2) + "2\n";  // "-- rev 2"
  REQUIRE(edited.size() == text.size());
  p.overwrite("queries/items.sql", edited);
  set_mtime(query, before);  // touch -d: size, mtime and inode as recorded

  SECTION("settled: the ctime moved, so the file is read") {
    settle(p);
    CHECK(ran(p.run()));
  }
  SECTION(
      "racily clean (a stat that matches in every field): read, since it is not older "
      "than the stamp") {
    forge_record(p, "queries/items.sql");
    set_mtime(p.stamp(), mtime_of(query));  // the stamp is not newer than the file
    CHECK(ran(p.run()));
  }
  SECTION(
      "a stat that matches in every field and is settled is trusted without reading "
      "(the documented limit: only a forged ctime gets there)") {
    forge_record(p, "queries/items.sql");
    settle(p);
    CHECK(skipped(p.run()));
  }
}

TEST_CASE(
    "stamp stat: changed, added and removed inputs run for real even when every record "
    "is settled",
    "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  REQUIRE(skipped(p.run()));
  settle(p);

  SECTION("a query edited to the same size, with a new mtime") {
    std::string text = read_text(p.dir() / "queries/items.sql");
    p.overwrite("queries/items.sql", text.substr(0, text.size() - 2) + "3\n");
    set_mtime(p.dir() / "queries/items.sql", seconds_from_now(-100));
    CHECK(ran(p.run()));
  }
  SECTION("a migration rewritten by rename (new inode) with the same size and mtime") {
    fs::path migration = p.dir() / "migrations/001_init.sql";
    struct timespec before = mtime_of(migration);
    std::string text = read_text(migration);
    p.write("migrations/001_init.sql", text.substr(0, text.size() - 2) + "2\n");
    set_mtime(migration, before);
    CHECK(ran(p.run()));
  }
  SECTION("an added query file, then its removal") {
    p.write("queries/more.sql", "-- name: CountItems :one\nSELECT count(*) FROM m.items;\n");
    RunResult added = p.run();
    CHECK(ran(added));
    CHECK(added.out.find("2 queries") != std::string::npos);
    CHECK(skipped(p.run()));
    settle(p);
    fs::remove(p.dir() / "queries/more.sql");
    RunResult removed = p.run();
    CHECK(ran(removed));
    CHECK(removed.out.find("1 query;") != std::string::npos);
  }
  SECTION("a file in a subdirectory of the migrations, added then edited") {
    p.write("migrations/fixtures/1.sql", "INSERT INTO m.items VALUES (1, 'a');\n");
    CHECK(ran(p.run()));
    CHECK(skipped(p.run()));
    settle(p);
    p.overwrite("migrations/fixtures/1.sql", "INSERT INTO m.items VALUES (2, 'a');\n");
    CHECK(ran(p.run()));
  }
  SECTION("an output edited in place to the same size, its mtime restored") {
    fs::path models = p.dir() / "out/m/models.hpp";
    struct timespec before = mtime_of(models);
    std::string text = read_text(models);
    std::string edited = text;
    edited[edited.size() - 2] = edited[edited.size() - 2] == 'x' ? 'y' : 'x';
    p.overwrite("out/m/models.hpp", edited);
    set_mtime(models, before);
    CHECK(ran(p.run()));
    CHECK(read_text(models) == text);  // repaired
  }
  SECTION("a removed output") {
    fs::remove(p.dir() / "out/m/queries.hpp");
    CHECK(ran(p.run()));
    CHECK(fs::exists(p.dir() / "out/m/queries.hpp"));
  }
  CHECK(skipped(p.run()));
}

TEST_CASE("stamp stat: a touched but identical file is a no-op and its record is refreshed",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  REQUIRE(skipped(p.run()));
  settle(p);
  fs::path query = p.dir() / "queries/items.sql";
  fs::path models = p.dir() / "out/m/models.hpp";
  std::string query_record = input_record(p, "queries/items.sql");
  std::string stamp_before = read_text(p.stamp());

  set_mtime(query, seconds_from_now(-50));  // touch, content unchanged
  set_mtime(models, seconds_from_now(-50));
  p.write("migrations/001_init.sql", read_text(p.dir() / "migrations/001_init.sql"));  // new inode
  CHECK(skipped(p.run()));
  // The new stats are recorded: the stamp changed, the record of the touched query too.
  CHECK(read_text(p.stamp()) != stamp_before);
  CHECK(input_record(p, "queries/items.sql") != query_record);
  std::string refreshed = read_text(p.stamp());
  settle(p);
  CHECK(skipped(p.run()));
  CHECK(read_text(p.stamp()) == refreshed);  // nothing left to refresh
}
