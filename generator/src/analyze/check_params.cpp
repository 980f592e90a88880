// Parameters PostgreSQL would accept but that cannot mean what the query says: a
// `sqlgen.slice(x)` (sqlc.slice) that the query uses as one value. On PostgreSQL a slice is
// an array parameter and belongs where an array goes: `= ANY(...)`, `<> ALL(...)`, an array
// argument; `IN (sqlgen.slice(x))` would silently compare with a single value.
#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

void Analyzer::check_slices() {
  if (m_failed) return;
  for (const ParamSlot& slot : m_plan.params) {
    if (!slot.slice || slot.uses.empty()) continue;
    const ParamState& st = m_params[slot.number];
    if (!st.typed || element_of(m_cat, base_type(m_cat, st.type.oid)) != 0) continue;
    const parse::Expr& use = *slot.uses.front();
    std::string macro = "sqlgen.slice";
    if (use.kind == parse::ExprKind::FuncCall && use.as<parse::FuncCallExpr>().name.size() == 2) {
      macro = use.as<parse::FuncCallExpr>().name[0] + ".slice";
    }
    uint32_t length = use.span.length;
    for (const Edit& e : m_plan.edits) {
      if (e.offset == use.span.offset) length = e.length;
    }
    diag::Location where = diag::Location::at(source(), use.span.offset, length);
    diag::Diagnostic d = diag::make(diag::DiagId::err_slice_not_array, where, {macro, slot.name});
    d.note(diag::DiagId::note_generic, where,
           {"here it is one " + format(m_cat, st.type) + " value: write \"= ANY(" + macro + "(" +
            slot.name + "))\" (or \"<> ALL(...)\") to compare with each element"});
    m_diags.report(std::move(d));
    m_failed = true;
  }
}

}  // namespace sqlgen::analyze
