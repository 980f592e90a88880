// Writing generated files: atomically, only when changed; removing generated files no input
// produces any more (recognized by their first line); or, for --check, diffing instead.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <utility>
#include <vector>

#include "codegen/internal.hpp"
#include "util/fs.hpp"

namespace sqlgen::codegen {

namespace fs = std::filesystem;

bool is_generated_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  char buf[64];  // more than the marker line
  static_assert(k_generated_marker.size() < sizeof buf);
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n < static_cast<ssize_t>(k_generated_marker.size())) return false;
  std::string_view head(buf, static_cast<size_t>(n));
  return head.starts_with(k_generated_marker) &&
         (head.size() == k_generated_marker.size() || head[k_generated_marker.size()] == '\n');
}

StrayFiles stray_generated_files(const fs::path& out_dir, const std::set<fs::path>& expected,
                                 size_t limit) {
  StrayFiles out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(out_dir, ec);
       !ec && it != fs::recursive_directory_iterator() && out.files.size() < limit;
       it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) continue;
    fs::path p = it->path().lexically_normal();
    if (!expected.count(p) && is_generated_file(p)) out.files.push_back(std::move(p));
  }
  out.complete = !ec;
  return out;
}

namespace {

/// The directories above `target` that do not exist yet, deepest first.
void missing_dirs(const fs::path& target, std::vector<fs::path>& out) {
  std::error_code ec;
  for (fs::path dir = target.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (fs::exists(dir, ec) || ec) break;
    out.push_back(dir);
  }
}

/// Puts the staged files in place, all of them or (when one could not be staged) none: then
/// the staged files are removed, and the directories staging made that are still empty.
void commit_all(std::vector<std::pair<std::string, util::StagedFile>>& staged,
                std::vector<fs::path>& made_dirs, bool failed, diag::DiagnosticEngine& diags) {
  if (failed) {
    staged.clear();
    std::sort(made_dirs.begin(), made_dirs.end(), [](const fs::path& a, const fs::path& b) {
      return a.string().size() > b.string().size();  // deepest first
    });
    std::error_code ec;
    for (const fs::path& dir : made_dirs) fs::remove(dir, ec);  // only removes empty ones
    return;
  }
  for (auto& [path, file] : staged) {
    if (std::string err = file.commit(); !err.empty()) {
      diags.report(diag::make(diag::DiagId::err_file_write, {}, {path, err}));
    }
  }
}

}  // namespace

WriteSummary write_files(const config::Config& config, const std::vector<GeneratedFile>& files,
                         bool check, std::ostream& diff_out, diag::DiagnosticEngine& diags) {
  WriteSummary summary;
  std::set<fs::path> expected;
  // Every changed output is written under a temporary name first; only when all were written
  // do they take their places (a header and its .cpp, a module and the aggregator, change
  // together). A failure leaves every output as it was.
  std::vector<std::pair<std::string, util::StagedFile>> staged;
  std::vector<fs::path> made_dirs;
  bool stage_failed = false;
  for (const GeneratedFile& f : files) {
    fs::path target = config.resolve(f.path).lexically_normal();
    expected.insert(target);
    util::ReadResult existing = util::read_file(target);
    if (existing.text && *existing.text == f.content) {
      summary.unchanged.push_back(f.path);
      continue;
    }
    summary.written.push_back(f.path);
    if (check) {
      diff_out << unified_diff(existing.text ? "a/" + f.path : "/dev/null",
                               existing.text.value_or(""), "b/" + f.path, f.content);
      diags.report(diag::make(diag::DiagId::err_codegen_stale, {}, {f.path}));
      continue;
    }
    if (stage_failed) continue;  // nothing will be committed: the first error is the one
    missing_dirs(target, made_dirs);
    util::StagedFile file;
    if (std::string err = util::stage_file(target, f.content, file); !err.empty()) {
      diags.report(diag::make(diag::DiagId::err_file_write, {}, {f.path, err}));
      stage_failed = true;
      continue;
    }
    staged.emplace_back(f.path, std::move(file));
  }
  commit_all(staged, made_dirs, stage_failed, diags);
  if (stage_failed) {  // stale files stay too: the run changed nothing
    summary.written.clear();
    return summary;
  }

  fs::path out_dir = config.resolve(config.output).lexically_normal();
  std::error_code ec;
  if (!fs::is_directory(out_dir, ec)) return summary;
  std::vector<fs::path> stale = stray_generated_files(out_dir, expected).files;
  std::sort(stale.begin(), stale.end());
  for (const fs::path& p : stale) {
    std::string shown = (fs::path(config.output) / p.lexically_relative(out_dir)).generic_string();
    summary.removed.push_back(shown);
    if (check) {
      util::ReadResult old = util::read_file(p);
      diff_out << unified_diff("a/" + shown, old.text.value_or(""), "/dev/null", "");
      diags.report(diag::make(diag::DiagId::err_codegen_stale_extra, {}, {shown}));
      continue;
    }
    if (!fs::remove(p, ec) || ec) {
      diags.report(diag::make(diag::DiagId::err_codegen_remove, {}, {shown, ec.message()}));
      continue;
    }
    // Directories the removal left empty go too (not the output directory itself).
    for (fs::path dir = p.parent_path();
         dir != out_dir && dir.string().size() > out_dir.string().size(); dir = dir.parent_path()) {
      if (!fs::is_empty(dir, ec) || ec || !fs::remove(dir, ec)) break;
    }
  }
  return summary;
}

}  // namespace sqlgen::codegen
