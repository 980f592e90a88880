// Rules on queries: "delete-without-where" and "update-without-where" (a query that
// touches every row of its table).
#include "parse/parse.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet {

namespace {

using namespace detail;

void check_query(const source::Query& q, const parse::Stmt& s, VetState& st) {
  diag::Location at = diag::Location::at(q.source, s.span.offset,
                                         parse::token_length(q.source->text(), s.span.offset));
  if (s.kind == parse::StmtKind::Delete) {
    const auto& d = s.as<parse::DeleteStmt>();
    if (!d.where) {
      report(st, "delete-without-where",
             diag::make(diag::DiagId::warn_vet_delete_without_where, at, {d.table.to_string()}));
    }
  } else if (s.kind == parse::StmtKind::Update) {
    const auto& u = s.as<parse::UpdateStmt>();
    if (!u.where) {
      report(st, "update-without-where",
             diag::make(diag::DiagId::warn_vet_update_without_where, at, {u.table.to_string()}));
    }
  }
}

}  // namespace

void check_queries(const std::vector<QueryInput>& queries, const Options& options,
                   diag::DiagnosticEngine& diags) {
  const std::vector<source::Migration> none;
  VetState st(none, options, diags);
  diag::DiagnosticEngine unknown_ids;  // check() reports those
  resolve_levels(options, st.levels, unknown_ids);
  for (const QueryInput& in : queries) {
    if (!in.query || !in.query->source) continue;
    const source::Query& q = *in.query;
    diag::DiagnosticEngine quiet;  // syntax errors are the analysis's to report
    for (const parse::StmtPtr& s : parse::parse_range(q.source, {q.offset, q.length}, quiet)) {
      if (!s) continue;
      st.statement_source = q.source;
      st.statement = s->span;
      check_query(q, *s, st);
    }
  }
}

}  // namespace sqlgen::vet
