// libFuzzer target: a sqlc config (`init --from-sqlc`) → config::import_sqlc. The first byte
// picks the file name (sqlc.yaml or sqlc.json, which decides YAML or JSON); the rest is its text.
// The config sits in an empty directory made at start-up (globs and the version namespace
// width list directories: relative paths find nothing). When the import succeeds, the
// sqlgen.yaml it wrote must parse as a config: an error there is a bug of the translation.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "config/config.hpp"
#include "config/sqlc_import.hpp"
#include "fixture.hpp"

using namespace sqlgen;

namespace {
std::string g_dir;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  std::string tmpl = (std::filesystem::temp_directory_path() / "sqlgen-fuzz-sqlc.XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_dir = tmpl;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* name = data[0] % 2 == 0 ? "sqlc.yaml" : "sqlc.json";
  diag::DiagnosticEngine diags;
  config::QuerySkips skips;
  skips["app"].push_back({"Broken", "queries/broken.sql:1:1: syntax error"});
  std::optional<config::SqlcImport> out = config::import_sqlc(
      diag::make_source(g_dir + "/" + name, fuzz::text_of(data + 1, size - 1)), diags, skips);
  (void)diag::render_all(diags, false);
  if (!out) return 0;
  diag::DiagnosticEngine check;
  if (!config::parse_config(diag::make_source(g_dir + "/sqlgen.yaml", out->yaml), check)) {
    std::fprintf(stderr, "import_sqlc wrote a sqlgen.yaml that does not parse:\n%s\n%s\n",
                 out->yaml.c_str(), diag::render_all(check, false).c_str());
    std::abort();
  }
  return 0;
}
