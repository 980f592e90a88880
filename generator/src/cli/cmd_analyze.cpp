// `sqlgen analyze`: the driver analyzes the project (paths or every module of sqlgen.yaml);
// this prints the analysis contract as JSON.
#include "cli/cmd_analyze.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyze/analyze.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"
#include "util/parallel.hpp"
#include "util/retire.hpp"

namespace sqlgen::cli {

namespace {

/// `value.dump(2)` as it reads nested `depth` levels deep in a document dumped with indent 2:
/// every line after the first indented by 2 * depth spaces (JSON strings hold no raw newline).
/// Bytes that are not UTF-8 (a doc comment in Latin-1) become U+FFFD.
std::string dump_nested(const nlohmann::json& value, size_t depth) {
  std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string indent(2 * depth, ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.append(text, start, nl + 1 - start);
    out += indent;
    start = nl + 1;
  }
  out.append(text, start, std::string::npos);
  return out;
}

/// A JSON array of already dumped elements, as `dump(2)` prints it at depth 1.
void write_array(std::ostream& out, const std::vector<std::string>& elements) {
  if (elements.empty()) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (size_t i = 0; i < elements.size(); ++i) {
    out << "    " << elements[i] << (i + 1 < elements.size() ? ",\n" : "\n");
  }
  out << "  ]";
}

}  // namespace

int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out) {
  driver::Project project = driver::analyze(
      {ctx.config_path, opts.schema_paths, opts.query_paths, opts.search_path}, ctx.diags);
  // Each query's JSON is built and printed on its own (in parallel: for a large project this
  // is a tenth of the run), then joined as one `{"diagnostics": [...], "queries": [...]}`
  // document dumped with indent 2 would print it, byte for byte.
  std::vector<const analyze::AnalyzedQuery*> all;
  for (const codegen::ModuleQueries& mq : project.modules) {
    for (const analyze::AnalyzedQuery& q : mq.analyzed) all.push_back(&q);
  }
  std::vector<std::string> queries(all.size());
  util::parallel_for_rethrow(all.size(), [&](size_t i) {
    queries[i] = dump_nested(analyze::to_json(project.catalog, *all[i]), 2);
  });
  std::vector<std::string> diags;
  for (const diag::Diagnostic& d : ctx.diags.sorted()) {
    diags.push_back(dump_nested(diag::render_json(d), 2));
  }
  out << "{\n  \"diagnostics\": ";
  write_array(out, diags);
  out << ",\n  \"queries\": ";
  write_array(out, queries);
  out << "\n}\n";
  util::retire(std::move(project));
  return k_exit_ok;
}

Subcommand add_analyze_command(CLI::App& app) {
  auto opts = std::make_shared<AnalyzeCmdOptions>();
  CLI::App* cmd =
      app.add_subcommand("analyze", "types, nullability and parameters of every query, as JSON");
  add_input_options(*cmd, opts->schema_paths, opts->query_paths, opts->search_path);
  return runs(cmd, opts, run_analyze);
}

}  // namespace sqlgen::cli
