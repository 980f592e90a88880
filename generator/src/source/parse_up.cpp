#include "source/parse_up.hpp"

#include <utility>

#include "parse/parse.hpp"
#include "util/parallel.hpp"

namespace sqlgen::source {

bool parsed_up_matches(const Migration& m, const ParsedUp& parsed) {
  if (parsed.source != m.source || parsed.up.size() != m.up.size() ||
      parsed.stmts.size() != m.up.size()) {
    return false;
  }
  for (size_t i = 0; i < m.up.size(); ++i) {
    if (parsed.up[i].offset != m.up[i].offset || parsed.up[i].length != m.up[i].length) {
      return false;
    }
  }
  return true;
}

std::vector<std::shared_ptr<const ParsedUp>> parse_up(const std::vector<Migration>& migrations,
                                                      diag::DiagnosticEngine& diags) {
  std::vector<std::shared_ptr<const ParsedUp>> out(migrations.size());
  std::vector<std::shared_ptr<ParsedUp>> fresh(migrations.size());
  std::vector<std::pair<size_t, size_t>> jobs;  // (migration, statement)
  for (size_t i = 0; i < migrations.size(); ++i) {
    const Migration& m = migrations[i];
    if (m.source && m.parsed_up && parsed_up_matches(m, *m.parsed_up)) {
      out[i] = m.parsed_up;
      continue;
    }
    fresh[i] = std::make_shared<ParsedUp>();
    out[i] = fresh[i];
    if (!m.source) continue;
    fresh[i]->source = m.source;
    fresh[i]->up = m.up;
    fresh[i]->stmts.resize(m.up.size());
    for (size_t j = 0; j < m.up.size(); ++j) jobs.emplace_back(i, j);
  }
  util::parallel_for_rethrow(jobs.size(), [&](size_t k) {
    auto [i, j] = jobs[k];
    const Migration& m = migrations[i];
    fresh[i]->stmts[j] =
        parse::parse_range(m.source, parse::StatementRange{m.up[j].offset, m.up[j].length}, diags);
  });
  return out;
}

}  // namespace sqlgen::source
