// The config's `audit:` tables handed to vet's rule audit-coverage.
#include "driver/audit.hpp"

namespace sqlgen::driver {

std::vector<vet::AuditTable> audit_tables(const config::Config& config) {
  std::vector<vet::AuditTable> out;
  for (const config::AuditTable& t : config.audit) {
    vet::AuditTable v{t.schema, t.table, config.search_path, {}, t.loc};
    for (const config::AuditColumn& c : t.columns) v.columns.push_back({c.column, c.loc});
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace sqlgen::driver
