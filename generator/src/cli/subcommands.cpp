// What the subcommands' command lines share (subcommands.hpp).
#include "cli/subcommands.hpp"

namespace sqlgen::cli {

std::string counted(size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many.empty() ? one + "s" : many);
}

void add_input_options(CLI::App& cmd, std::vector<std::string>& schema_paths,
                       std::vector<std::string>& query_paths,
                       std::vector<std::string>& search_path) {
  cmd.add_option("--schema", schema_paths, "migration files or directories (default: sqlgen.yaml)");
  cmd.add_option("--queries", query_paths, "query files or directories");
  cmd.add_option("--search-path", search_path, "schemas, comma-separated")->delimiter(',');
}

}  // namespace sqlgen::cli
