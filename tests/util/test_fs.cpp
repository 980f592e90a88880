// util/fs: the one directory walker.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "util/fs.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> rels(const util::DirWalk& walk) {
  std::vector<std::string> out;
  for (const util::WalkedFile& f : walk.files) out.push_back(f.rel);
  return out;
}

}  // namespace

TEST_CASE("walk_files: files sorted by relative path, with their stats", "[util]") {
  util::TempDir tmp("sqlgen-walk-test");
  const fs::path& dir = tmp.path();
  for (const char* p : {"b.sql", "a/2.sql", "a/1.sql", "fixtures/f.sql", ".hidden"}) {
    REQUIRE(util::write_file_atomic(dir / p, "12345").empty());
  }
  fs::create_directory(dir / "empty");
  fs::create_symlink(dir / "b.sql", dir / "link.sql");          // to a file: listed
  fs::create_directory_symlink(dir / "a", dir / "linked_dir");  // to a directory: not followed
  fs::create_symlink(dir / "nowhere", dir / "dangling.sql");    // listed, not regular

  util::DirWalk all = util::walk_files(dir.string() + "/");
  CHECK(all.error.empty());
  CHECK(rels(all) == std::vector<std::string>{".hidden", "a/1.sql", "a/2.sql", "b.sql",
                                              "dangling.sql", "fixtures/f.sql", "link.sql"});
  for (const util::WalkedFile& f : all.files) {
    CHECK(f.path == dir.string() + "/" + f.rel);
    CHECK(f.stat.regular == (f.rel != "dangling.sql"));
    if (f.stat.regular) CHECK(f.stat.size == 5);
  }
  CHECK(util::stat_file(dir / "link.sql") == util::stat_file(dir / "b.sql"));
  CHECK_FALSE(util::stat_file(dir / "a").regular);

  util::DirWalk some = util::walk_files(dir, [](std::string_view rel, std::string_view name) {
    return name != "fixtures" && rel != "x";
  });
  CHECK(rels(some) == std::vector<std::string>{".hidden", "a/1.sql", "a/2.sql", "b.sql",
                                               "dangling.sql", "link.sql"});
  util::DirWalk top =
      util::walk_files(dir, [](std::string_view, std::string_view) { return false; });
  CHECK(rels(top) == std::vector<std::string>{".hidden", "b.sql", "dangling.sql", "link.sql"});
}

TEST_CASE("walk_files: a directory that cannot be opened is an error, not an exception", "[util]") {
  util::TempDir tmp("sqlgen-walk-test");
  util::DirWalk walk = util::walk_files(tmp.path() / "missing");
  CHECK(walk.files.empty());
  CHECK(walk.error_path == (tmp.path() / "missing").string());
  CHECK(walk.error == "No such file or directory");
}
