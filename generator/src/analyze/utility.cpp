// Utility statements under a query name: TRUNCATE, LOCK, VACUUM/ANALYZE, REFRESH
// MATERIALIZED VIEW, CALL, DO, NOTIFY/LISTEN/UNLISTEN, SET/RESET, CREATE/DROP, ... run as
// `:exec` with no columns. The relations they name must exist; CALL's procedure resolves
// and types its arguments like any call.
#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

void Analyzer::utility(const parse::Stmt& s) {
  if (s.kind != parse::StmtKind::Other) return;  // SET, CREATE ..., DROP ...: nothing to type
  const auto& other = s.as<parse::OtherStmt>();
  for (const parse::QualName& name : other.relations) find_relation(name);
  if (other.call) {
    Scope scope;
    m_procedure_call = other.call.get();
    infer(*other.call, scope);
    m_procedure_call = nullptr;
  }
}

}  // namespace sqlgen::analyze
