// The files against the tracking table, and the module list against the recorded one.
#include "pg/migrate_plan.hpp"

#include <algorithm>
#include <map>

namespace sqlgen::pg {

using diag::DiagId;

std::string_view state_name(MigrationState state) {
  switch (state) {
    case MigrationState::Applied:
      return "applied";
    case MigrationState::Pending:
      return "pending";
    case MigrationState::Missing:
      return "missing";
    case MigrationState::Edited:
      return "edited";
    case MigrationState::OutOfOrder:
      return "out of order";
    case MigrationState::Dirty:
      return "dirty";
  }
  return "?";
}

std::vector<MigrationStatus> migration_status(const std::vector<source::Migration>& files,
                                              const TrackingState& state) {
  std::map<int64_t, MigrationStatus> by_version;
  for (const source::Migration& m : files) {
    if (m.unversioned || !m.source) continue;
    MigrationStatus& s = by_version[m.version];
    s.module = m.module;
    s.version = m.version;
    s.local_version = m.local_version;
    s.path = m.path;
    s.file = &m;
  }
  std::map<std::string, int64_t> latest;  // module → highest applied version
  for (const AppliedMigration& row : state.rows) {
    MigrationStatus& s = by_version[row.version];
    if (!s.file) {
      s.module = row.module;
      s.version = row.version;
      s.local_version = row.local_version;
      s.path = row.name;
    }
    s.row = &row;
    int64_t& top = latest[row.module];
    top = std::max(top, row.version);
  }
  std::vector<MigrationStatus> out;
  for (auto& [version, s] : by_version) {
    if (!s.row) {
      auto top = latest.find(s.module);
      s.state = top != latest.end() && top->second > version ? MigrationState::OutOfOrder
                                                             : MigrationState::Pending;
    } else if (s.row->dirty) {
      s.state = MigrationState::Dirty;
    } else if (!s.file) {
      s.state = MigrationState::Missing;
    } else if (s.row->checksum != up_checksum(*s.file)) {
      s.state = MigrationState::Edited;
    } else {
      s.state = MigrationState::Applied;
    }
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

std::string range_text(const config::VersionRange& r) {
  return std::to_string(r.first) + ".." + std::to_string(r.last);
}

/// "a, b, c".
std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<diag::Diagnostic> check_module_order(const config::Config& config,
                                                 const TrackingState& state) {
  std::vector<diag::Diagnostic> out;
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < config.modules.size(); ++i) index[config.modules[i].name] = i;
  for (size_t was = 0; was < state.modules.size(); ++was) {
    auto found = index.find(state.modules[was]);
    if (found == index.end() || found->second == was) continue;
    const size_t now = found->second;
    const config::Module& module = config.modules[now];
    diag::Diagnostic d =
        diag::make(DiagId::err_migrate_module_order, module.name_loc,
                   {module.name, std::to_string(was + 1), std::to_string(now + 1),
                    range_text(config::module_version_range(was, config.namespace_width)),
                    range_text(config.version_range(now))});
    std::vector<std::string> inserted;
    for (size_t i = 0; i < now; ++i) {
      const std::string& name = config.modules[i].name;
      if (std::find(state.modules.begin(), state.modules.end(), name) == state.modules.end()) {
        inserted.push_back("\"" + name + "\"");
      }
    }
    std::string what = inserted.empty() ? std::string("the modules were reordered")
                                        : "module(s) " + inserted.front() +
                                              (inserted.size() > 1 ? " and others" : "") +
                                              " were inserted before it";
    d.note(DiagId::note_generic, {},
           {what + ": a module's versions follow from its position, so the applied migrations "
                   "of the modules after it would no longer match their files"});
    d.note(DiagId::note_generic, {},
           {"keep the recorded order (" + comma_list(state.modules) +
            ") and append new modules at the end of \"modules:\" in sqlgen.yaml"});
    out.push_back(std::move(d));
    return out;  // one explanation is enough: every later module moved too
  }
  for (const AppliedMigration& row : state.rows) {
    auto found = index.find(row.module);
    if (found == index.end()) continue;
    const config::VersionRange range = config.version_range(found->second);
    if (row.version >= range.first && row.version <= range.last) continue;
    const config::Module& module = config.modules[found->second];
    diag::Diagnostic d = diag::make(DiagId::err_migrate_module_range, module.name_loc,
                                    {std::to_string(row.version), row.module,
                                     std::to_string(range.first), std::to_string(range.last)});
    d.note(DiagId::note_generic, {},
           {"a module's versions follow from its position in \"modules:\"; put the modules back "
            "in the order the database was migrated with and append new ones at the end"});
    out.push_back(std::move(d));
    return out;
  }
  return out;
}

}  // namespace sqlgen::pg
