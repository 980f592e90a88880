#pragma once
/// Internal to driver/: the config's `audit:` tables as vet's rule audit-coverage reads them
/// (vet and generate check them; config/ is not a stage vet uses).

#include <vector>

#include "config/config.hpp"
#include "vet/vet.hpp"

namespace sqlgen::driver {

/// `config.audit` for vet: unqualified tables looked up along the top-level `search_path`
/// (empty: the catalog's, what the migrations leave).
std::vector<vet::AuditTable> audit_tables(const config::Config& config);

}  // namespace sqlgen::driver
