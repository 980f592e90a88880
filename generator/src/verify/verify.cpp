// Queries PREPAREd on PostgreSQL and compared with sqlgen's analysis (see verify.hpp): a
// scratch database gets the migrations (pg/migrate), every analyzed query is described on it
// (pg/describe), and each parameter and column is compared.
#include "verify/verify.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analyze/types.hpp"
#include "catalog/builtins.hpp"
#include "pg/describe.hpp"
#include "pg/migrate.hpp"

namespace sqlgen::verify {

using diag::DiagId;

namespace {

/// A type as sqlgen has it, in the server's terms.
struct OurType {
  std::string name;     ///< "schema.typname"
  std::string display;  ///< format_type()
};

OurType our_type(const catalog::Catalog& cat, analyze::ExprType t) {
  auto [schema, name] = cat.type_name(t.oid);
  return OurType{schema + "." + name, analyze::format(cat, t)};
}

/// The two spellings of types that differ: format_type(), or "schema.typname" when that
/// reads the same on both sides (same name in two schemas).
std::pair<std::string, std::string> spell(const pg::ServerType& theirs, const OurType& ours) {
  if (theirs.display != ours.display) return {theirs.display, ours.display};
  return {theirs.name, ours.name};
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

/// "1 parameter", "3 columns".
std::string count(size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

/// Compares one described query with its analysis; reports each difference at `loc`.
void compare(const catalog::Catalog& cat, const pg::Described& theirs,
             const analyze::AnalyzedQuery& ours, const diag::Location& loc, bool strict,
             QueryResult& result, diag::DiagnosticEngine& diags) {
  auto report = [&](DiagId id, std::vector<std::string> args) {
    diag::Diagnostic d = diag::make(id, loc, std::move(args));
    if (strict) d.severity = diag::Severity::Error;
    result.mismatches.push_back(d.message);
    diags.report(std::move(d));
  };

  const size_t np = std::min(theirs.params.size(), ours.params.size());
  result.params.compared = std::max(theirs.params.size(), ours.params.size());
  if (theirs.params.size() != ours.params.size()) {
    report(DiagId::warn_verify_param_count, {ours.name, count(theirs.params.size(), "parameter"),
                                             std::to_string(ours.params.size())});
  }
  for (size_t i = 0; i < np; ++i) {
    OurType t = our_type(cat, ours.params[i].type);
    if (theirs.params[i].name == t.name) {
      ++result.params.agreeing;
      continue;
    }
    auto [pg_type, sg_type] = spell(theirs.params[i], t);
    report(DiagId::warn_verify_param_type, {std::to_string(i + 1), pg_type, sg_type});
  }

  const size_t nc = std::min(theirs.columns.size(), ours.columns.size());
  result.columns.compared = std::max(theirs.columns.size(), ours.columns.size());
  if (theirs.columns.size() != ours.columns.size()) {
    report(DiagId::warn_verify_column_count, {ours.name, count(theirs.columns.size(), "column"),
                                              std::to_string(ours.columns.size())});
  }
  for (size_t i = 0; i < nc; ++i) {
    const pg::DescribedColumn& pc = theirs.columns[i];
    const analyze::ResultColumn& sc = ours.columns[i];
    OurType t = our_type(cat, sc.type);
    if (pc.name == sc.name && pc.type.name == t.name && pc.type.typmod == sc.type.typmod) {
      ++result.columns.agreeing;
      continue;
    }
    auto [pg_type, sg_type] = spell(pc.type, t);
    report(DiagId::warn_verify_column, {std::to_string(i + 1), quoted(pc.name) + " " + pg_type,
                                        quoted(sc.name) + " " + sg_type});
  }
  result.status = result.mismatches.empty() ? Status::Agrees : Status::Differs;
}

/// Describes `sqls` on a scratch database built from `migrations`; nullopt when the server,
/// the database or the migrations failed (reported).
std::optional<std::vector<pg::Described>> describe(const catalog::Catalog& cat,
                                                   const std::vector<source::Migration>& migrations,
                                                   const std::vector<std::string>& sqls,
                                                   const Options& options,
                                                   diag::DiagnosticEngine& diags) {
  pg::Result<std::unique_ptr<pg::Server>> server = pg::acquire(options.db_url);
  if (!server) {
    diags.report(server.error());
    return std::nullopt;
  }
  pg::Result<std::unique_ptr<pg::ScratchDatabase>> scratch =
      pg::ScratchDatabase::create(**server, "sqlgen_verify");
  if (!scratch) {
    diags.report(scratch.error());
    return std::nullopt;
  }
  // A scratch schema needs no atomicity: every statement runs on its own (autocommit), so
  // statements PostgreSQL refuses in a transaction block (CREATE INDEX CONCURRENTLY, used in
  // migrations whose runner sends them alone) build the schema as in production.
  std::vector<source::Migration> autocommit = migrations;
  for (source::Migration& m : autocommit) m.no_transaction = true;
  // The extensions the catalog assumed (a schema file uses their types without creating
  // them) are created first, and statements naming a setting or role this server lacks (a
  // newer server's SET, a dump's OWNER TO) are skipped, as psql would go on after them.
  pg::MigrateOptions how;
  for (const catalog::AssumedExtension& e : cat.assumed_extensions()) {
    how.prelude.push_back("CREATE EXTENSION IF NOT EXISTS " +
                          catalog::builtins::double_quote(e.name) + " SCHEMA " +
                          catalog::builtins::double_quote(e.schema) + " CASCADE");
  }
  how.skip_server_objects = &diags;
  pg::Result<pg::MigrateReport> applied =
      pg::apply_migrations((*scratch)->conninfo(), autocommit, {}, how);
  if (!applied) {
    diags.report(applied.error());
    return std::nullopt;
  }
  pg::Result<std::vector<pg::Described>> described =
      pg::describe_statements((*scratch)->conninfo(), sqls);
  if (!described) {
    diags.report(described.error());
    return std::nullopt;
  }
  return std::move(*described);
}

/// "99.86%": truncated, so that 100% means every item agrees.
std::string percent(size_t part, size_t whole) {
  if (whole == 0) return "100%";
  const unsigned long long hundredths = part * 10000ULL / whole;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llu.%02llu%%", hundredths / 100, hundredths % 100);
  return buf;
}

nlohmann::json tally_json(const Tally& t) {
  return {{"compared", t.compared}, {"agreeing", t.agreeing}};
}

/// Records what PostgreSQL said of one query sent (`d`) in `r`: a rejection (reported when
/// sqlgen accepted the query), an acceptance of what sqlgen rejected, or the comparison.
void record(const catalog::Catalog& cat, const source::Query& src,
            const analyze::AnalyzedQuery& ours, const pg::Described& d, const Options& options,
            QueryResult& r, diag::DiagnosticEngine& diags) {
  const diag::Location loc = diag::Location::at(src.source, src.name_offset, src.name_length);
  if (!d.ok) {
    r.error = d.error;
    r.sqlstate = d.sqlstate;
    if (!ours.ok) {
      r.status = Status::BothReject;
      return;
    }
    r.status = Status::Rejected;
    diag::Diagnostic diag = diag::make(DiagId::err_verify_rejected, loc,
                                       {r.name, d.error, d.sqlstate.empty() ? "?" : d.sqlstate});
    // Measuring acceptance (`all`), a disagreement is a result, not a failure of the run.
    if (options.all && !options.strict) diag.severity = diag::Severity::Warning;
    if (!d.detail.empty()) diag.note(DiagId::note_generic, {}, {"detail: " + d.detail});
    if (!d.hint.empty()) diag.note(DiagId::note_generic, {}, {"hint: " + d.hint});
    diags.report(std::move(diag));
    return;
  }
  if (!ours.ok) {
    r.status = Status::SqlgenOnly;
    return;
  }
  compare(cat, d, ours, loc, options.strict, r, diags);
}

/// The totals of `queries`.
Totals totals(const std::vector<QueryResult>& queries) {
  Totals t;
  for (const QueryResult& r : queries) {
    ++t.queries;
    if (r.analyzed) ++t.analyzed;
    if (r.status == Status::Rejected) ++t.rejected;
    if (r.status == Status::Agrees || r.status == Status::Differs) ++t.prepared;
    if (!r.analyzed && r.status != Status::NotAnalyzed) ++t.sqlgen_rejected;
    if (r.status == Status::BothReject) ++t.both_reject;
    if (r.status != Status::NotAnalyzed && r.status != Status::NotPrepared) {
      ++t.acceptance.compared;
      if (r.status != Status::Rejected && r.status != Status::SqlgenOnly) ++t.acceptance.agreeing;
    }
    t.params += r.params;
    t.columns += r.columns;
  }
  return t;
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::NotAnalyzed:
      return "not_analyzed";
    case Status::NotPrepared:
      return "not_prepared";
    case Status::Rejected:
      return "rejected";
    case Status::Agrees:
      return "agrees";
    case Status::Differs:
      return "differs";
    case Status::BothReject:
      return "both_reject";
    case Status::SqlgenOnly:
      return "sqlgen_only";
  }
  return "?";
}

Tally& Tally::operator+=(const Tally& other) {
  compared += other.compared;
  agreeing += other.agreeing;
  return *this;
}

Report verify_queries(const catalog::Catalog& cat, const std::vector<source::Migration>& migrations,
                      const std::vector<QueryRef>& queries, const Options& options,
                      diag::DiagnosticEngine& diags) {
  Report report;
  report.all = options.all;
  std::vector<size_t> sent;  // indexes of the queries sent to the server
  std::vector<std::string> sqls;
  for (size_t i = 0; i < queries.size(); ++i) {
    const analyze::AnalyzedQuery& q = *queries[i].analyzed;
    QueryResult r;
    r.module = q.module;
    r.name = q.name;
    r.file = q.file;
    r.line = q.line;
    r.analyzed = q.ok;
    if (!q.ok && queries[i].errors && !queries[i].errors->empty()) {
      r.sqlgen_error = queries[i].errors->front().message;
      r.sqlgen_sqlstate = queries[i].errors->front().sqlstate;
    }
    if (q.ok || options.all) {
      r.status = Status::NotPrepared;
      sent.push_back(i);
      sqls.push_back(q.sql);
    }
    report.queries.push_back(std::move(r));
  }
  // Without a query to send, no server is needed.
  std::optional<std::vector<pg::Described>> described;
  if (sqls.empty()) {
    described.emplace();
  } else {
    described = describe(cat, migrations, sqls, options, diags);
  }
  report.schema_applied = described.has_value();

  for (size_t k = 0; described && k < sent.size(); ++k) {
    const size_t i = sent[k];
    record(cat, *queries[i].query, *queries[i].analyzed, (*described)[k], options,
           report.queries[i], diags);
  }
  report.totals = totals(report.queries);
  return report;
}

std::string summary(const Report& report) {
  const Totals& t = report.totals;
  // No query at all (none written, or none read because the schema could not be): nothing
  // was compared, which "0/0 types agree (100%)" would hide.
  if (t.queries == 0) return "no query to verify";
  const std::string counts =
      report.all ? "(" + std::to_string(t.sqlgen_rejected) + " rejected by sqlgen, " +
                       std::to_string(t.rejected + t.both_reject) + " by PostgreSQL, " +
                       std::to_string(t.both_reject) + " by both)"
                 : "(" + std::to_string(t.queries - t.analyzed) + " not analyzed, " +
                       std::to_string(t.rejected) + " rejected by PostgreSQL)";
  const size_t sent = report.all ? t.queries : t.analyzed;
  if (!report.schema_applied && sent > 0) {
    return "verified no query of " + std::to_string(t.queries) + " " + counts +
           ": the schema could not be built on PostgreSQL";
  }
  Tally all = t.params;
  all += t.columns;
  std::string acceptance;
  if (report.all) {
    acceptance = "acceptance agrees on " + std::to_string(t.acceptance.agreeing) + "/" +
                 std::to_string(t.acceptance.compared) + " (" +
                 percent(t.acceptance.agreeing, t.acceptance.compared) + "), ";
  }
  return "verified " + std::to_string(t.queries) + (t.queries == 1 ? " query " : " queries ") +
         counts + ": " + acceptance + std::to_string(all.agreeing) + "/" +
         std::to_string(all.compared) + " types agree (" + percent(all.agreeing, all.compared) +
         ")";
}

nlohmann::json to_json(const Report& report) {
  nlohmann::json queries = nlohmann::json::array();
  for (const QueryResult& r : report.queries) {
    nlohmann::json q = {{"module", r.module},
                        {"name", r.name},
                        {"file", r.file},
                        {"line", r.line},
                        {"status", status_name(r.status)},
                        {"params", tally_json(r.params)},
                        {"columns", tally_json(r.columns)},
                        {"mismatches", r.mismatches}};
    if (!r.error.empty()) {
      q["error"] = r.error;
      q["sqlstate"] = r.sqlstate;
    }
    if (!r.sqlgen_error.empty()) {
      q["sqlgen_error"] = r.sqlgen_error;
      q["sqlgen_sqlstate"] = r.sqlgen_sqlstate;
    }
    queries.push_back(std::move(q));
  }
  const Totals& t = report.totals;
  Tally all = t.params;
  all += t.columns;
  nlohmann::json totals = {{"queries", t.queries},           {"analyzed", t.analyzed},
                           {"prepared", t.prepared},         {"rejected", t.rejected},
                           {"params", tally_json(t.params)}, {"columns", tally_json(t.columns)},
                           {"compared", all.compared},       {"agreeing", all.agreeing}};
  if (report.all) {
    totals["sqlgen_rejected"] = t.sqlgen_rejected;
    totals["both_reject"] = t.both_reject;
    totals["sqlgen_only"] = t.sqlgen_rejected - t.both_reject;
    totals["acceptance"] = tally_json(t.acceptance);
  }
  return {{"schema_applied", report.schema_applied},
          {"queries", std::move(queries)},
          {"totals", std::move(totals)}};
}

}  // namespace sqlgen::verify
