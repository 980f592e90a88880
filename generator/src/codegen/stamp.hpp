#pragma once
/// The generate stamp: what lets a repeated `sqlgen generate` with unchanged inputs skip the
/// parse, catalog, analysis and rendering and exit after reading and hashing files.
///
/// A stamp records (1) the inputs hash: SHA-256 of the stamp format, sqlgen's version and build
/// (size and mtime of the executable, as the dump cache keys it), the config file's absolute
/// path and bytes, the output directory, every file under each module's `migrations` and
/// `queries` paths (relative path and bytes; fixtures included, which only makes the stamp
/// stricter) and every `*.mustache` file of the templates directory (or "built-in", whose text
/// is part of the build); and (2) every file the run produced, with the SHA-256 of its
/// content. A run is up to date when its inputs hash equals the stamp's, every listed file
/// still has its recorded content, and the output directory holds no other generated file (a
/// real run would remove it). Only runs that wrote everything without any diagnostic store a
/// stamp, so skipping never hides a warning.
///
/// Stamps live outside the output directory, under `<cache dir>/generate/<key>.stamp` with
/// `key` the SHA-256 of the config's absolute path and the output directory: generated/ stays
/// exactly what the templates produce (so `--check`, stale-file removal and golden trees are
/// unaffected). The content is deterministic (no timestamps). `--check` never uses a stamp.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "codegen/codegen.hpp"
#include "config/config.hpp"

namespace sqlgen::codegen {

/// Stamps kept in `<cache dir>/generate/`; the least recently used beyond this are removed.
inline constexpr size_t k_stamp_entries = 64;

/// The inputs hash of generating with `config` (its `output` already as the run will use it).
std::string generate_inputs_hash(const config::Config& config);

/// The stamp file of `config` under `cache_dir`.
std::filesystem::path stamp_path(const std::filesystem::path& cache_dir,
                                 const config::Config& config);

/// True when the stamp at `stamp_file` was written for `inputs_hash` and the outputs it lists
/// are on disk unchanged, with no other generated file in the output directory. `files`
/// receives the number of outputs checked.
bool stamp_up_to_date(const std::filesystem::path& stamp_file, const std::string& inputs_hash,
                      const config::Config& config, size_t* files = nullptr);

/// Writes the stamp of a successful run (atomically, only when its content changes) and keeps
/// the `keep` most recently used stamps of its directory. Returns an error message or "".
std::string write_stamp(const std::filesystem::path& stamp_file, const std::string& inputs_hash,
                        const std::vector<GeneratedFile>& files, size_t keep = k_stamp_entries);

/// The stamp's text (exposed for tests): a format line, the inputs hash, then one
/// "<sha256> <path>" line per output, sorted by path.
std::string stamp_text(const std::string& inputs_hash, const std::vector<GeneratedFile>& files);

}  // namespace sqlgen::codegen
