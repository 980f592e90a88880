#include "cli/inputs.hpp"

#include <algorithm>
#include <filesystem>

#include "util/fs.hpp"

namespace sqlgen::cli {

namespace fs = std::filesystem;

std::vector<diag::SourcePtr> read_inputs(const std::vector<std::string>& paths,
                                         diag::DiagnosticEngine& diags) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".sql") {
          found.push_back(it->path().lexically_normal().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(p);
    }
  }
  std::vector<diag::SourcePtr> out;
  for (const std::string& f : files) {
    util::ReadResult r = util::read_file(f);
    if (!r.text) {
      auto loc = diag::Location::file(diag::make_source(f, ""));
      diags.report(r.not_found ? diag::make(diag::DiagId::err_file_not_found, loc, {f})
                               : diag::make(diag::DiagId::err_file_unreadable, loc, {f, r.error}));
      continue;
    }
    auto src = diag::make_source(f, std::move(*r.text));
    if (src->text().find_first_not_of(" \t\r\n") == std::string::npos) {
      diags.report(diag::make(diag::DiagId::warn_file_empty, diag::Location::file(src)));
    }
    out.push_back(std::move(src));
  }
  return out;
}

}  // namespace sqlgen::cli
