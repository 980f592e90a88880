// `sqlgen init` without --from-sqlc: a starter project (config, one migration, one query file)
// that generates as written, and never overwrites a file.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "driver/driver.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// `@M@` in `text` replaced by `module`.
std::string fill(std::string_view text, const std::string& module) {
  std::string out;
  for (size_t at = 0;;) {
    size_t next = text.find("@M@", at);
    out += text.substr(at, next - at);
    if (next == std::string_view::npos) return out;
    out += module;
    at = next + 3;
  }
}

constexpr std::string_view k_migration =
    R"(-- The first migration of module @M@, goose style: the Up part is the schema change, the
-- Down part reverts it. Files are numbered within the module: 001 is version 1001 in the
-- database for the first module (the second owns 2001..2999, see namespace_width).
-- Add the next change as a new file (002_add_tags.sql); never edit one that was applied.

-- +goose Up
CREATE TABLE items (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE items;
)";

constexpr std::string_view k_queries =
    R"(-- Queries of module @M@. Each starts with `-- name: <Name> :<command>`: :one (one row or
-- none), :many (all rows), :exec (no result), :execrows (the number of rows changed).
-- Parameters are @name (named) or $1 (positional); `sqlgen generate` writes one C++
-- function per query into <output>/@M@/queries.hpp (defined in queries.cpp).

-- name: GetItem :one
SELECT id, name, note, created_at FROM items WHERE id = @id;
)";

/// One file init writes: where, how it is shown, what it holds.
struct StarterFile {
  fs::path path;
  std::string shown;
  std::string text;
};

}  // namespace

InitResult init_project(const InitOptions& options, diag::DiagnosticEngine& diags) {
  InitResult result;
  const fs::path config_path = fs::path(options.config_path).lexically_normal();
  const fs::path dir = config_path.parent_path();
  std::error_code ec;
  result.module = options.module;
  if (result.module.empty()) {
    fs::path absolute = fs::absolute(dir.empty() ? fs::path(".") : dir, ec).lexically_normal();
    std::string dir_name = absolute.filename().string();
    if (dir_name.empty()) dir_name = absolute.parent_path().filename().string();  // "a/b/"
    result.module = config::module_name_from(dir_name);
  } else if (config::module_name_from(result.module) != result.module) {
    diags.report(diag::make(DiagId::err_init_module_name, {},
                            {result.module, config::module_name_from(result.module)}));
    return result;
  }
  const std::string& m = result.module;
  auto shown = [&](const fs::path& rel) { return (dir / rel).lexically_normal().generic_string(); };
  std::vector<StarterFile> files = {
      {config_path, config_path.generic_string(), config::starter_config(m)},
      {dir / "migrations" / m / "001_init.sql", shown(fs::path("migrations") / m / "001_init.sql"),
       fill(k_migration, m)},
      {dir / "queries" / m / "queries.sql", shown(fs::path("queries") / m / "queries.sql"),
       fill(k_queries, m)},
  };
  bool exists = false;
  for (const StarterFile& f : files) {
    if (fs::exists(f.path, ec) || fs::is_symlink(f.path, ec)) {
      diags.report(diag::make(DiagId::err_init_file_exists, {}, {f.shown}));
      exists = true;
    }
  }
  if (exists) return result;
  for (const StarterFile& f : files) {
    if (std::string err = util::write_file_atomic(f.path, f.text); !err.empty()) {
      diags.report(diag::make(DiagId::err_file_write, {}, {f.shown, err}));
      return result;  // the files written before stay: each is whole, and a re-run names them
    }
    result.files.push_back(f.shown);
  }
  const config::Config defaults;
  result.output = shown(defaults.output);
  result.schema_dump = shown(defaults.schema_dump);
  result.written = true;
  return result;
}

}  // namespace sqlgen::driver
