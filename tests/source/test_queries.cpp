// Tests for source/queries: listing query files.
#include <catch2/catch.hpp>

#include "config/config.hpp"
#include "source/queries.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

std::vector<std::string> paths_of(const std::vector<source::QueryFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path);
  return out;
}

}  // namespace

TEST_CASE("source: query files of a module, recursively, sorted by path", "[source]") {
  util::TempDir tmp;
  for (const char* rel : {"q/users.sql", "q/a/b.sql", "q/10.sql", "q/2.sql", "q/notes.txt",
                          "q/fixtures/f.sql", "other/x.sql"}) {
    REQUIRE(util::write_file_atomic(tmp.path() / rel, "SELECT 1;") == "");
  }
  REQUIRE(util::write_file_atomic(tmp.path() / "sqlgen.yaml",
                                  "modules:\n  - name: core\n    queries: ./q/\n"
                                  "  - name: none\n") == "");
  diag::DiagnosticEngine diags;
  auto cfg = config::load_config(tmp.path() / "sqlgen.yaml", diags);
  REQUIRE(cfg);
  std::vector<source::QueryFile> files = source::list_all_query_files(*cfg, diags);
  CHECK(diags.sorted().empty());
  CHECK(paths_of(files) ==
        std::vector<std::string>{"q/10.sql", "q/2.sql", "q/a/b.sql", "q/users.sql"});
  CHECK(files[0].module == "core");
  CHECK(files[0].fs_path == tmp.path() / "q/10.sql");
}

TEST_CASE("source: query paths from the command line", "[source]") {
  util::TempDir tmp;
  REQUIRE(util::write_file_atomic(tmp.path() / "q/b.sql", "SELECT 1;") == "");
  REQUIRE(util::write_file_atomic(tmp.path() / "q/a.sql", "SELECT 1;") == "");
  REQUIRE(util::write_file_atomic(tmp.path() / "one.sql", "SELECT 1;") == "");
  diag::DiagnosticEngine diags;
  std::vector<source::QueryFile> files =
      source::list_query_paths({(tmp.path() / "one.sql").string(), (tmp.path() / "q").string(),
                                (tmp.path() / "none").string()},
                               diags);
  CHECK(paths_of(files) == std::vector<std::string>{(tmp.path() / "one.sql").generic_string(),
                                                    (tmp.path() / "q/a.sql").generic_string(),
                                                    (tmp.path() / "q/b.sql").generic_string()});
  CHECK(diags.error_count() == 1);
}
