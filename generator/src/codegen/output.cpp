// Writing generated files: atomically, only when changed; removing generated files no input
// produces any more (recognized by their first line); or, for --check, diffing instead.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

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

WriteSummary write_files(const config::Config& config, const std::vector<GeneratedFile>& files,
                         bool check, std::ostream& diff_out, diag::DiagnosticEngine& diags) {
  WriteSummary summary;
  std::set<fs::path> expected;
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
    std::string err = util::write_file_atomic(target, f.content);
    if (!err.empty()) {
      diags.report(diag::make(diag::DiagId::err_file_write, {}, {f.path, err}));
    }
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
