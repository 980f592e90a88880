#include "source/queries.hpp"

#include <system_error>

#include "source/sql_files.hpp"

namespace sqlgen::source {

namespace fs = std::filesystem;

std::vector<QueryFile> list_query_files(const config::Module& module, const config::Config& config,
                                        diag::DiagnosticEngine& diags) {
  std::vector<QueryFile> out;
  for (const detail::FoundFile& f :
       detail::module_source_files(module.queries, module.queries_listed, config, diags)) {
    out.push_back(QueryFile{module.name, f.rel, f.path.lexically_normal()});
  }
  return out;
}

std::vector<QueryFile> list_all_query_files(const config::Config& config,
                                            diag::DiagnosticEngine& diags) {
  std::vector<QueryFile> out;
  for (const config::Module& m : config.modules) {
    std::vector<QueryFile> files = list_query_files(m, config, diags);
    out.insert(out.end(), files.begin(), files.end());
  }
  return out;
}

std::vector<QueryFile> list_query_paths(const std::vector<std::string>& paths,
                                        diag::DiagnosticEngine& diags) {
  std::vector<QueryFile> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(p, ec);
    if (!fs::exists(status)) {
      diags.report(diag::make(diag::DiagId::err_file_not_found, {}, {p}));
    } else if (!fs::is_directory(status)) {
      fs::path file = fs::path(p).lexically_normal();
      out.push_back(QueryFile{"", file.generic_string(), file});
    } else {
      for (const detail::FoundFile& f : detail::find_sql_files(p, diags)) {
        fs::path file = f.path.lexically_normal();
        out.push_back(QueryFile{"", file.generic_string(), file});
      }
    }
  }
  return out;
}

}  // namespace sqlgen::source
