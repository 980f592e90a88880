// `sqlgen parse`: a debugging aid listing each file's statements.
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"
#include "parse/parse.hpp"
#include "util/parallel.hpp"

namespace sqlgen::cli {

int run_parse(Context& ctx, const std::vector<std::string>& paths, bool json, std::ostream& out) {
  std::vector<diag::SourcePtr> sources = driver::read_sql_files(paths, ctx.diags);
  std::vector<std::vector<parse::StmtPtr>> parsed(sources.size());
  util::parallel_for(sources.size(),
                     [&](size_t i) { parsed[i] = parse::parse_file(sources[i], ctx.diags); });

  nlohmann::json files = nlohmann::json::array();
  for (size_t i = 0; i < sources.size(); ++i) {
    const diag::SourceBuffer& src = *sources[i];
    nlohmann::json stmts = nlohmann::json::array();
    for (const parse::StmtPtr& s : parsed[i]) {
      diag::LineCol lc = src.line_col(s->span.offset);
      if (json) {
        stmts.push_back({{"kind", parse::describe(*s)},
                         {"node", s->node},
                         {"line", lc.line},
                         {"column", lc.column},
                         {"offset", s->span.offset},
                         {"length", s->span.length}});
      } else {
        out << src.path() << ':' << lc.line << ':' << lc.column << ": " << parse::describe(*s)
            << " [" << s->node << "] bytes " << s->span.offset << ".."
            << s->span.offset + s->span.length << '\n';
      }
    }
    if (json) files.push_back({{"file", src.path()}, {"statements", std::move(stmts)}});
  }
  if (json)
    out << nlohmann::json{{"files", std::move(files)}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
  return k_exit_ok;
}

Subcommand add_parse_command(CLI::App& app) {
  struct Options {
    std::vector<std::string> paths;
    bool json = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("parse", "list the statements of SQL files");
  cmd->add_option("paths", opts->paths, "files or directories")->required();
  cmd->add_flag("--json", opts->json, "print JSON");
  return {cmd, [opts](Context& ctx, std::ostream& out) {
            return run_parse(ctx, opts->paths, opts->json, out);
          }};
}

}  // namespace sqlgen::cli
