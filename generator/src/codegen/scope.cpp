// Names declared per C++ scope: two SQL names that become one C++ name are an error.
#include "codegen/internal.hpp"

namespace sqlgen::codegen {

bool NameScope::declare(const std::string& cpp_name, const std::string& what,
                        const diag::Location& where, bool report) {
  auto [it, inserted] = m_names.emplace(cpp_name, Entry{what, where});
  if (inserted || !report) return inserted;
  diag::Diagnostic d = diag::make(diag::DiagId::err_codegen_name_collision, where,
                                  {what, it->second.what, cpp_name, m_scope});
  d.note(diag::DiagId::note_generic, it->second.where, {it->second.what + " is declared here"});
  m_diags.report(std::move(d));
  return false;
}

}  // namespace sqlgen::codegen
