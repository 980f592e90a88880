// Applying the fixer's rewrites: each file's unsafe ADD VALUE statements
// replaced by their recreate pattern, every other byte kept, written atomically.
#include <algorithm>
#include <map>

#include "util/fs.hpp"
#include "vet/vet.hpp"

namespace sqlgen::vet {

std::vector<FileFix> plan_fixes(const Report& report, diag::DiagnosticEngine& diags) {
  std::map<std::string, std::vector<const UnsafeAddValue*>> by_file;
  std::map<std::string, diag::SourcePtr> sources;
  for (const UnsafeAddValue& u : report.unsafe_add_values) {
    if (!u.source) continue;
    if (u.replacement.empty()) {
      diags.report(diag::make(diag::DiagId::warn_vet_cannot_fix,
                              diag::Location::at(u.source, u.offset, u.length),
                              {u.type, u.not_fixable}));
      continue;
    }
    by_file[u.source->path()].push_back(&u);
    sources[u.source->path()] = u.source;
  }
  std::vector<FileFix> out;
  for (auto& [path, sites] : by_file) {
    FileFix fix;
    fix.path = path;
    fix.text = sources[path]->text();
    // From the end of the file backwards, so earlier offsets stay valid.
    std::sort(sites.begin(), sites.end(), [](const UnsafeAddValue* a, const UnsafeAddValue* b) {
      return a->offset > b->offset;
    });
    for (const UnsafeAddValue* u : sites) {
      fix.text.replace(u->offset, u->length, u->replacement);
      ++fix.rewritten;
    }
    out.push_back(std::move(fix));
  }
  return out;
}

bool write_fixes(const std::vector<FileFix>& fixes, diag::DiagnosticEngine& diags) {
  bool ok = true;
  for (const FileFix& fix : fixes) {
    std::string error = util::write_file_atomic(fix.path, fix.text);
    if (error.empty()) continue;
    diags.report(diag::make(diag::DiagId::err_file_write, {}, {fix.path, error}));
    ok = false;
  }
  return ok;
}

}  // namespace sqlgen::vet
