// The rule registry and the one way findings are reported: the rule id attached, the level
// the config gives the rule, and `-- sqlgen:disable=rule reason` comments honoured.
#include <algorithm>

#include "parse/split.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet {

namespace {

const std::vector<RuleInfo> k_rules = {
    {"enum-value-used-in-transaction", Level::Error,
     "an enum value used in the transaction that adds it (SQLSTATE 55P04)"},
    {"non-transactional-in-transaction", Level::Error,
     "a statement PostgreSQL refuses inside a transaction block, in a migration run in one"},
    {"missing-down", Level::Warning, "a migration without a down, or with an empty one"},
    {"version-conflict", Level::Error,
     "two migrations of a module share a version, or one lies outside the module's range"},
    {"version-gap", Level::Off, "a module's migration versions skip a number"},
    {"goose-statement-block", Level::Warning,
     "a goose statement that goose's line splitter would cut at an inner \";\""},
    {"delete-without-where", Level::Warning, "a query that deletes every row of a table"},
    {"update-without-where", Level::Warning, "a query that updates every row of a table"},
    {"select-star-in-view", Level::Warning, "a view defined with \"*\", frozen at CREATE"},
    {"table-repeats-schema", Level::Warning,
     "a table whose name starts with its schema's name (billing.billing_accounts)"},
    {"query-naming", Level::Warning, "a query named ...ByX that groups by X (call it ...PerX)"},
    {"one-many-rows", Level::Warning,
     "a :one query that can return several rows: no key equality, LIMIT 1 or lone aggregate"},
    {"one-without-returning", Level::Error,
     "a :one or :many INSERT, UPDATE or DELETE without RETURNING"},
    {"unused-parameter", Level::Error, "a parameter number the query skips ($1 and $3 but no $2)"},
    {"drop-read-by-query", Level::Error,
     "a migration drops a table or column that a query still reads"},
    {"add-column-not-null", Level::Warning,
     "ADD COLUMN ... NOT NULL without a DEFAULT on a table of an earlier migration"},
    {"set-not-null", Level::Warning,
     "SET NOT NULL on a table of an earlier migration without a validated CHECK first"},
    {"alter-column-type", Level::Warning,
     "ALTER COLUMN ... TYPE on a table of an earlier migration"},
    {"rename-read-column", Level::Warning, "a migration renames a column that a query reads"},
    {"index-not-concurrent", Level::Warning,
     "CREATE INDEX without CONCURRENTLY on a table of an earlier migration"},
    {"audit-coverage", Level::Error,
     "a column of a table under `audit:` without a class, or a classified one that is gone"},
};

/// Diagnostics of earlier stages that are findings of a vet rule.
struct StageFinding {
  diag::DiagId id;
  std::string_view rule;
};

const StageFinding k_stage_findings[] = {
    {diag::DiagId::err_migration_duplicate_version, "version-conflict"},
    {diag::DiagId::err_migration_version_range, "version-conflict"},
    {diag::DiagId::err_one_without_returning, "one-without-returning"},
    {diag::DiagId::err_param_unused, "unused-parameter"},
};

}  // namespace

const std::vector<RuleInfo>& rules() { return k_rules; }

const RuleInfo* find_rule(std::string_view id) {
  for (const RuleInfo& r : k_rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string_view rule_of(diag::DiagId id) {
  for (const StageFinding& f : k_stage_findings) {
    if (f.id == id) return f.rule;
  }
  return {};
}

void report_stage_findings(const std::vector<diag::Diagnostic>& found, const Options& options,
                           bool keep_others, diag::DiagnosticEngine& diags) {
  const std::vector<source::Migration> none;
  detail::VetState st(none, options, diags);
  diag::DiagnosticEngine unknown_ids;  // check() reports those
  detail::resolve_levels(options, st.levels, unknown_ids);
  for (const diag::Diagnostic& d : found) {
    std::string_view rule = rule_of(d.id);
    if (!rule.empty()) {
      detail::report(st, rule, d);
    } else if (keep_others) {
      diags.report(d);
    }
  }
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "error") return Level::Error;
  if (text == "warning") return Level::Warning;
  if (text == "off") return Level::Off;
  return std::nullopt;
}

namespace detail {

void resolve_levels(const Options& options, std::map<std::string, Level>& levels,
                    diag::DiagnosticEngine& diags) {
  std::vector<std::string> ids;
  for (const RuleInfo& r : k_rules) {
    levels[std::string(r.id)] = r.level;
    ids.emplace_back(r.id);
  }
  for (const RuleLevel& given : options.levels) {
    if (!find_rule(given.rule)) {
      std::string hint = diag::did_you_mean(given.rule, ids);
      diags.report(diag::make(diag::DiagId::err_vet_unknown_rule, given.loc,
                              {given.rule, hint.empty() ? "" : ", " + hint}));
      continue;
    }
    levels[given.rule] = given.level;
  }
}

namespace {

/// The rule ids a `sqlgen:disable=a,b reason` comment names, and whether it gives a reason;
/// nullopt for other comments.
struct Disable {
  std::vector<std::string> rules;
  bool has_reason = false;
  uint32_t offset = 0, length = 0;
};

std::optional<Disable> read_disable(std::string_view text, const parse::Comment& c) {
  std::string_view body = text.substr(c.offset, c.length);
  body.remove_prefix(body.starts_with("--") || body.starts_with("/*") ? 2 : 0);
  if (c.block && body.ends_with("*/")) body.remove_suffix(2);
  while (!body.empty() && (body.front() == ' ' || body.front() == '\t')) body.remove_prefix(1);
  constexpr std::string_view k_marker = "sqlgen:disable=";
  if (!body.starts_with(k_marker)) return std::nullopt;
  body.remove_prefix(k_marker.size());
  size_t end = body.find_first_of(" \t\r\n");
  std::string_view list = body.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? std::string_view() : body.substr(end);
  Disable d;
  d.offset = c.offset;
  d.length = c.length;
  d.has_reason = rest.find_first_not_of(" \t\r\n") != std::string_view::npos;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view id = list.substr(start, comma - start);
    if (!id.empty()) d.rules.emplace_back(id);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return d;
}

/// The first byte of the run of comment-only lines right above `offset`'s line.
uint32_t comment_lines_above(const diag::SourceBuffer& src, uint32_t offset) {
  uint32_t line = src.line_col(offset).line;
  while (line > 1) {
    std::string_view prev = src.line_text(line - 1);
    size_t first = prev.find_first_not_of(" \t");
    if (first == std::string_view::npos || prev.substr(first, 2) != "--") break;
    --line;
  }
  return src.line_start(line);
}

}  // namespace

bool suppressed(VetState& st, std::string_view rule, const diag::Location& loc) {
  if (!loc.source) return false;
  const diag::SourceBuffer& src = *loc.source;
  auto cached = st.disables.find(src.path());
  if (cached == st.disables.end()) {
    std::vector<DisableComment> found;
    for (const parse::Comment& c : parse::scan_comments(src.text())) {
      std::optional<Disable> d = read_disable(src.text(), c);
      if (!d) continue;
      if (!d->has_reason) {
        std::string ids;
        for (const std::string& r : d->rules) ids += (ids.empty() ? "" : ",") + r;
        st.diags.report(diag::make(diag::DiagId::err_vet_disable_no_reason,
                                   diag::Location::at(loc.source, d->offset, d->length), {ids}));
        continue;
      }
      for (const std::string& r : d->rules) {
        if (!find_rule(r)) {
          std::vector<std::string> ids;
          for (const RuleInfo& info : k_rules) ids.emplace_back(info.id);
          std::string hint = diag::did_you_mean(r, ids);
          st.diags.report(diag::make(diag::DiagId::err_vet_unknown_rule,
                                     diag::Location::at(loc.source, d->offset, d->length),
                                     {r, hint.empty() ? "" : ", " + hint}));
        }
      }
      found.push_back(DisableComment{d->rules, d->offset});
    }
    cached = st.disables.emplace(src.path(), std::move(found)).first;
  }
  // The statement the finding is in: the comment lines above it through the end of its
  // last line (a trailing comment); a finding about the whole file: any comment in it.
  uint32_t from = 0, to = static_cast<uint32_t>(src.text().size());
  if (loc.offset >= 0) {
    parse::Span stmt{static_cast<uint32_t>(loc.offset), loc.length};
    if (st.statement_source == loc.source && st.statement.offset <= loc.offset &&
        loc.offset <= st.statement.offset + st.statement.length) {
      stmt = st.statement;
    }
    from = comment_lines_above(src, stmt.offset);
    uint32_t last_line = src.line_col(stmt.offset + stmt.length).line;
    to = src.line_start(last_line) + static_cast<uint32_t>(src.line_text(last_line).size());
  }
  for (const DisableComment& d : cached->second) {
    if (d.offset < from || d.offset > to) continue;
    if (std::find(d.rules.begin(), d.rules.end(), rule) != d.rules.end()) return true;
  }
  return false;
}

bool report(VetState& st, std::string_view rule, diag::Diagnostic d) {
  auto level = st.levels.find(std::string(rule));
  Level configured = level == st.levels.end() ? Level::Warning : level->second;
  if (configured == Level::Off) return false;
  if (suppressed(st, rule, d.loc)) return false;
  // A configured level replaces the finding's own; by default a rule reports each finding at
  // the severity of its diagnostic (the enum rule has data-dependent warnings among errors).
  bool given = std::any_of(st.options.levels.begin(), st.options.levels.end(),
                           [&](const RuleLevel& l) { return l.rule == rule; });
  if (given) {
    d.severity = configured == Level::Error ? diag::Severity::Error : diag::Severity::Warning;
  }
  d.rule = std::string(rule);
  st.diags.report(std::move(d));
  return true;
}

}  // namespace detail

}  // namespace sqlgen::vet
