// util/cache: what the dump cache, the template cache and the generate stamp share.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>

#include "util/cache.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

/// Sets `path`'s mtime to `age` before now.
void age(const fs::path& path, std::chrono::seconds by) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - by);
}

}  // namespace

TEST_CASE("cache: directories are made private, and a symlink is never trusted", "[util]") {
  util::TempDir tmp("sqlgen-cache-test");
  fs::path dir = tmp.path() / "a" / "b";
  REQUIRE(util::prepare_cache_dir(dir));
  struct stat st {};
  REQUIRE(::lstat(dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  CHECK(util::owned_dir(dir));
  CHECK(util::prepare_cache_dir(dir));  // again: already there

  fs::path link = tmp.path() / "link";
  fs::create_directory_symlink(dir, link);
  CHECK_FALSE(util::owned_dir(link));
  CHECK_FALSE(util::prepare_cache_dir(link));
  // An entry that is there is read through the directory, never through the link to it.
  REQUIRE(util::write_file_atomic(dir / "entry", "x").empty());
  CHECK(util::read_cache_file(dir / "entry"));
  CHECK_FALSE(util::read_cache_file(link / "entry"));
}

TEST_CASE("cache: an entry directory is made with the cache dir above it, both private", "[util]") {
  util::TempDir tmp("sqlgen-cache-test");
  fs::path dir = tmp.path() / "cache" / "dumps";
  REQUIRE(util::prepare_cache_entry_dir(dir).empty());
  for (const fs::path& d : {dir.parent_path(), dir}) {
    struct stat st {};
    REQUIRE(::lstat(d.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
  }
  fs::create_directory_symlink(tmp.path() / "cache", tmp.path() / "link");
  CHECK(util::prepare_cache_entry_dir(tmp.path() / "link" / "dumps") ==
        "cache dir \"" + (tmp.path() / "link").string() + "\" unusable");
}

TEST_CASE("cache: files are read only when they and their directory are ours", "[util]") {
  util::TempDir tmp("sqlgen-cache-test");
  REQUIRE(util::write_file_atomic(tmp.path() / "entry", "text").empty());
  std::optional<util::CacheFile> file = util::read_cache_file(tmp.path() / "entry");
  REQUIRE(file);
  CHECK(file->text == "text");
  CHECK(file->ino != 0);
  CHECK(file->mtime_ns > 0);
  CHECK_FALSE(util::read_cache_file(tmp.path() / "missing"));
  fs::create_symlink(tmp.path() / "entry", tmp.path() / "link");
  CHECK_FALSE(util::read_cache_file(tmp.path() / "link"));
}

TEST_CASE("cache: eviction keeps the most recently used entries and the current one", "[util]") {
  util::TempDir tmp("sqlgen-cache-test");
  const fs::path& dir = tmp.path();
  for (int i = 0; i < 5; ++i) {
    fs::path p = dir / (std::to_string(i) + ".entry");
    REQUIRE(util::write_file_atomic(p, "x").empty());
    age(p, std::chrono::seconds(100 * (i + 1)));  // 0 is the newest
  }
  REQUIRE(util::write_file_atomic(dir / "other.txt", "not an entry").empty());
  REQUIRE(util::write_file_atomic(dir / ".old.tmp.abc", "crashed writer").empty());
  age(dir / ".old.tmp.abc", std::chrono::hours(2));
  REQUIRE(util::write_file_atomic(dir / ".new.tmp.abc", "a writer at work").empty());

  util::evict_cache_entries(
      dir, 2, [](const std::string& name) { return name.ends_with(".entry"); }, dir / "4.entry");
  CHECK(fs::exists(dir / "0.entry"));
  CHECK(fs::exists(dir / "1.entry"));
  CHECK_FALSE(fs::exists(dir / "2.entry"));
  CHECK_FALSE(fs::exists(dir / "3.entry"));
  CHECK(fs::exists(dir / "4.entry"));  // the entry just written stays
  CHECK(fs::exists(dir / "other.txt"));
  CHECK_FALSE(fs::exists(dir / ".old.tmp.abc"));
  CHECK(fs::exists(dir / ".new.tmp.abc"));
}

TEST_CASE("cache: SQLGEN_NO_CACHE disables caches unless empty or 0", "[util]") {
  const char* saved = std::getenv("SQLGEN_NO_CACHE");
  std::string old = saved ? saved : "";
  ::unsetenv("SQLGEN_NO_CACHE");
  CHECK_FALSE(util::cache_disabled_by_env());
  ::setenv("SQLGEN_NO_CACHE", "0", 1);
  CHECK_FALSE(util::cache_disabled_by_env());
  ::setenv("SQLGEN_NO_CACHE", "", 1);
  CHECK_FALSE(util::cache_disabled_by_env());
  ::setenv("SQLGEN_NO_CACHE", "1", 1);
  CHECK(util::cache_disabled_by_env());
  if (saved) {
    ::setenv("SQLGEN_NO_CACHE", old.c_str(), 1);
  } else {
    ::unsetenv("SQLGEN_NO_CACHE");
  }
}
