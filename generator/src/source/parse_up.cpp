#include "source/parse_up.hpp"

#include <utility>

#include "parse/parse.hpp"
#include "util/parallel.hpp"

namespace sqlgen::source {

std::vector<std::vector<std::vector<parse::StmtPtr>>> parse_up(
    const std::vector<Migration>& migrations, diag::DiagnosticEngine& diags) {
  std::vector<std::pair<size_t, size_t>> jobs;  // (migration, statement)
  std::vector<std::vector<std::vector<parse::StmtPtr>>> parsed(migrations.size());
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (!migrations[i].source) continue;
    parsed[i].resize(migrations[i].up.size());
    for (size_t j = 0; j < migrations[i].up.size(); ++j) jobs.emplace_back(i, j);
  }
  util::parallel_for_rethrow(jobs.size(), [&](size_t k) {
    auto [i, j] = jobs[k];
    const Migration& m = migrations[i];
    parsed[i][j] =
        parse::parse_range(m.source, parse::StatementRange{m.up[j].offset, m.up[j].length}, diags);
  });
  return parsed;
}

}  // namespace sqlgen::source
