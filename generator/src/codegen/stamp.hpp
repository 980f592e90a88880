#pragma once
/// The generate stamp: what lets a repeated `sqlgen generate` with unchanged inputs skip the
/// parse, catalog, analysis and rendering, and answer after little more than stat() calls.
///
/// What a stamp proves. It records (1) the inputs hash: SHA-256 of the stamp format, sqlgen's
/// version and build (size and mtime of the executable, as the dump cache keys it), the config
/// file's absolute path and bytes, the output directory, every file under each module's
/// `migrations` and `queries` paths (relative path and the SHA-256 of its bytes; fixtures
/// included, which only makes the stamp stricter) and every `*.mustache` file of the templates
/// directory (or "built-in", whose text is part of the build); (2) every input file with its
/// stat (size, mtime and ctime in ns, inode, device) and content hash; (3) every file the run
/// produced, with its stat and content hash. A run is up to date when its inputs hash equals
/// the stamp's, every listed output still has its recorded content, and the output directory
/// holds no other generated file (a real run would remove it). Only runs that wrote everything
/// without an error store a stamp; their warnings (and remarks) are part of it and printed
/// again by every run it answers (diag/saved.hpp), so skipping never hides one.
///
/// How it is checked without reading files (as git's index, ninja's log and ccache's manifests
/// do): a file whose stat equals the recorded one reuses the recorded hash, unless it is
/// "racily clean" (git's term): its recorded mtime or ctime is not older than the stamp's own
/// mtime, truncated to whole seconds. Every other file is read and hashed, as before. The
/// stamp's mtime is not the time it was written: it is set to a time taken before any file of
/// the run was stat'ed (and moved forward by every successful check, which is also what keeps
/// recently used stamps). So a file that was modified after its stat was recorded has an mtime
/// at or after the stamp's, and is re-hashed; whole seconds because some filesystems store
/// only those. ctime is part of the stat, as in git (core.trustctime, its default): an edit
/// that keeps the size and puts the old mtime back (`touch -d`) still moves the ctime and is
/// seen, racily clean or not. What cannot be seen is an edit that also restores the ctime (it
/// needs the system clock set back) or a clock that jumps back across the run.
///
/// Checked files whose stat changed but whose content did not (a `touch`, a rewrite with the
/// same bytes) give a no-op and refresh their records, so the next check reads nothing again.
/// Inputs are stat'ed before the real run reads them and hashed before it starts (by
/// stamp_up_to_date), so an input edited while a run works makes the next run miss rather than
/// trust outputs made from older bytes.
///
/// Stamps live outside the output directory, under `<cache dir>/generate/<key>.stamp` with
/// `key` the SHA-256 of the config's absolute path and the output directory: generated/ stays
/// exactly what the templates produce (so `--check`, stale-file removal and golden trees are
/// unaffected). The content has no timestamps of its own: the same files give the same stamp.
/// `--check` never uses a stamp.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/codegen.hpp"
#include "config/config.hpp"

namespace sqlgen::codegen {

/// Stamps kept in `<cache dir>/generate/`; the least recently used beyond this are removed.
inline constexpr size_t k_stamp_entries = 64;

/// What generating with `config` (its `output` already as the run will use it) depends on, for
/// stamp_up_to_date and write_stamp: every input file's stat and the hash of everything else.
/// Reads no file; call it before the run reads its inputs.
std::string generate_inputs_hash(const config::Config& config);

/// The stamp file of `config` under `cache_dir`.
std::filesystem::path stamp_path(const std::filesystem::path& cache_dir,
                                 const config::Config& config);

/// The input files' hashes as stamp_up_to_date found them before the run (recorded or read),
/// for write_stamp; opaque to callers.
struct InputHashes {
  std::string inputs;              ///< the generate_inputs_hash they belong to
  std::vector<std::string> slots;  ///< per input file, in the description's order
};

/// True when the stamp at `stamp_file` was written for the same inputs and the outputs it lists
/// are on disk unchanged, with no other generated file in the output directory. Hashes the
/// inputs whose recorded stat cannot be trusted (all of them without a stamp) into `hashes`
/// (when given), which write_stamp then records. `files` receives the number of outputs
/// checked.
/// `diagnostics` receives what the run that wrote the stamp reported (diag::save_diagnostics's
/// text, "" for none).
bool stamp_up_to_date(const std::filesystem::path& stamp_file, const std::string& inputs_hash,
                      const config::Config& config, size_t* files = nullptr,
                      InputHashes* hashes = nullptr, std::string* diagnostics = nullptr);

/// Writes the stamp of a successful run (atomically, only when its content changes) and keeps
/// the `keep` most recently used stamps of its directory. `hashes` are those stamp_up_to_date
/// computed before the run; without them (or for other inputs) they are computed now, and no
/// stamp is written when an input's stat changed since generate_inputs_hash. `diagnostics`: the
/// run's warnings as diag::save_diagnostics wrote them ("" for none). Returns an error message
/// or "".
std::string write_stamp(const std::filesystem::path& stamp_file, const std::string& inputs_hash,
                        const std::vector<GeneratedFile>& files, const std::string& diagnostics,
                        const InputHashes* hashes = nullptr, size_t keep = k_stamp_entries);

// --- command stamps: `sqlgen vet` and `sqlgen schema` answered without their work -----------
//
// The same proof as the generate stamp's, for a command whose result is text and diagnostics
// rather than files: the inputs hash covers sqlgen's build, the command and the options that
// change its result (`command`, e.g. "vet single"), the config's path and bytes and every file
// under each module's migrations and queries paths (no output directory, no templates). The
// stamp records the input files' stats and hashes (trusted as in generate stamps, racily clean
// files re-read), the command's output and every diagnostic it reported, errors included:
// a run it answers prints the same output and diagnostics, so it exits with the same code.
// Stamps live under `<cache dir>/<first word of command>/`.

/// What `command` on `config` depends on, as generate_inputs_hash (reads no file).
std::string command_inputs_hash(const config::Config& config, std::string_view command);

/// The stamp file of `command` on `config` under `cache_dir`.
std::filesystem::path command_stamp_path(const std::filesystem::path& cache_dir,
                                         const config::Config& config, std::string_view command);

/// What a command stamp keeps of a run.
struct CommandResult {
  std::string output;       ///< what the command printed on stdout (any bytes)
  std::string diagnostics;  ///< diag::save_diagnostics's text, "" for none
};

/// The result the stamp at `stamp_file` holds when it was written for the same inputs, else
/// nullopt. Hashes the inputs whose recorded stat cannot be trusted into `hashes` (when given),
/// for write_command_stamp after the real run.
std::optional<CommandResult> command_stamp_lookup(const std::filesystem::path& stamp_file,
                                                  const std::string& inputs_hash,
                                                  InputHashes* hashes);

/// Writes the stamp of a run (atomically, only when its content changes) and keeps the `keep`
/// most recently used stamps of its directory. `hashes`: those command_stamp_lookup computed
/// before the run (without them nothing is written). Returns an error message or "".
std::string write_command_stamp(const std::filesystem::path& stamp_file,
                                const std::string& inputs_hash, const CommandResult& result,
                                const InputHashes* hashes, size_t keep = k_stamp_entries);

}  // namespace sqlgen::codegen
