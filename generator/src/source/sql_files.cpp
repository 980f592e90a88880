#include "source/sql_files.hpp"

#include <system_error>

#include "util/fs.hpp"

namespace sqlgen::source::detail {

namespace fs = std::filesystem;

namespace {

/// Why `path`, which stat() does not show as a regular file, cannot be read as one.
std::string describe_not_regular(const std::string& path) {
  std::error_code ec;
  fs::file_status target = fs::status(path, ec);
  if (ec) {
    const std::string why = ec.message();
    std::error_code link_ec;
    if (fs::is_symlink(fs::symlink_status(path, link_ec))) {
      return "a symbolic link that leads nowhere (" + why + ")";
    }
    return why;
  }
  switch (target.type()) {
    case fs::file_type::fifo:
      return "a FIFO, not a regular file";
    case fs::file_type::socket:
      return "a socket, not a regular file";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device, not a regular file";
    default:
      return "not a regular file";
  }
}

}  // namespace

bool has_sql_extension(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".sql") == 0;
}

std::vector<FoundFile> find_sql_files(const fs::path& dir, diag::DiagnosticEngine& diags,
                                      const diag::Location& where, FindMode mode) {
  std::vector<FoundFile> out;
  std::error_code ec;
  fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    diags.report(diag::make(diag::DiagId::err_file_not_found, where, {dir.generic_string()}));
    return out;
  }
  if (!fs::is_directory(status)) {
    diags.report(diag::make(diag::DiagId::err_file_unreadable, where,
                            {dir.generic_string(), "not a directory"}));
    return out;
  }
  const bool top_level = mode == FindMode::TopLevelOnly;
  // Test fixtures live next to migrations and queries but are neither.
  util::DirWalk walk = util::walk_files(dir, [&](std::string_view, std::string_view name) {
    return !top_level && name != "fixtures";
  });
  for (util::WalkedFile& f : walk.files) {
    std::string name = f.rel.substr(f.rel.rfind('/') + 1);
    if (!has_sql_extension(name) || (top_level && name[0] == '.')) continue;
    if (!f.stat.regular) {
      // A dangling or looping symlink, a FIFO, a socket: a file the user meant to be read that
      // cannot be (reading a FIFO would block). Editors' lock files (".#x.sql", dangling
      // symlinks) are not meant to be read: hidden names are skipped.
      if (name[0] != '.') {
        diags.report(diag::make(diag::DiagId::err_file_unreadable, where,
                                {f.path, describe_not_regular(f.path)}));
      }
      continue;
    }
    out.push_back(FoundFile{std::move(f.rel), fs::path(std::move(f.path)), top_level});
  }
  if (!walk.error.empty()) {
    diags.report(
        diag::make(diag::DiagId::err_file_unreadable, where, {dir.generic_string(), walk.error}));
  }
  return out;
}

diag::SourcePtr read_source(const fs::path& path, const std::string& display,
                            diag::DiagnosticEngine& diags, const diag::Location& where) {
  util::ReadResult read = util::read_file(path);
  if (!read.text) {
    if (read.not_found) {
      diags.report(diag::make(diag::DiagId::err_file_not_found, where, {display}));
    } else {
      diags.report(diag::make(diag::DiagId::err_file_unreadable, where, {display, read.error}));
    }
    return nullptr;
  }
  diag::SourcePtr source = diag::make_source(display, std::move(*read.text));
  if (!diag::check_encoding(source, diags)) return nullptr;
  return source;
}

}  // namespace sqlgen::source::detail

namespace sqlgen::source::detail {

std::vector<FoundFile> module_source_files(const std::vector<config::SourcePath>& sources,
                                           bool listed, const config::Config& config,
                                           diag::DiagnosticEngine& diags, bool* missing) {
  std::vector<FoundFile> out;
  for (const config::SourcePath& entry : sources) {
    const fs::path resolved = config.resolve(entry.path);
    std::error_code ec;
    fs::file_status status = fs::status(resolved, ec);
    if (fs::exists(status) && !fs::is_directory(status)) {
      // A file is read whatever its name, as sqlc reads a listed file.
      out.push_back(FoundFile{entry.path, resolved, true});
      continue;
    }
    if (missing && !fs::exists(status)) *missing = true;  // reported by find_sql_files
    const FindMode mode = listed ? FindMode::TopLevelOnly : FindMode::Recursive;
    for (FoundFile& f : find_sql_files(resolved, diags, entry.loc, mode)) {
      f.rel = (fs::path(entry.path) / f.rel).lexically_normal().generic_string();
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace sqlgen::source::detail
