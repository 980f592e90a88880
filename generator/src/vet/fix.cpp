// Applying the fixer's rewrites: each file's unsafe ADD VALUE statements replaced by their
// recreate pattern and the other rules' edits applied, every other byte kept, new migration
// files added, all written atomically.
#include <algorithm>
#include <map>

#include "util/fs.hpp"
#include "vet/vet.hpp"

namespace sqlgen::vet {

std::vector<FileFix> plan_fixes(const Report& report, diag::DiagnosticEngine& diags) {
  struct Planned {
    const Edit* edit = nullptr;           ///< another rule's edit
    const UnsafeAddValue* add = nullptr;  ///< or an ADD VALUE rewrite
    uint32_t offset() const { return edit ? edit->offset : add->offset; }
  };
  std::map<std::string, std::vector<Planned>> by_file;
  std::map<std::string, diag::SourcePtr> sources;
  for (const UnsafeAddValue& u : report.unsafe_add_values) {
    if (!u.source) continue;
    if (u.replacement.empty()) {
      diags.report(diag::make(diag::DiagId::warn_vet_cannot_fix,
                              diag::Location::at(u.source, u.offset, u.length),
                              {u.type, u.not_fixable}));
      continue;
    }
    by_file[u.source->path()].push_back(Planned{nullptr, &u});
    sources[u.source->path()] = u.source;
  }
  for (const Edit& e : report.edits) {
    if (!e.source) continue;
    by_file[e.source->path()].push_back(Planned{&e, nullptr});
    sources[e.source->path()] = e.source;
  }
  for (const diag::Diagnostic& d : report.not_fixable) diags.report(d);
  std::vector<FileFix> out;
  for (auto& [path, planned] : by_file) {
    FileFix fix;
    fix.path = path;
    fix.text = sources[path]->text();
    // From the end of the file backwards, so earlier offsets stay valid; the lines describing
    // what was done stay in file order.
    std::stable_sort(planned.begin(), planned.end(),
                     [](const Planned& a, const Planned& b) { return a.offset() > b.offset(); });
    for (const Planned& p : planned) {
      if (p.add) {
        fix.text.replace(p.add->offset, p.add->length, p.add->replacement);
        ++fix.rewritten;
      } else {
        fix.text.replace(p.edit->offset, p.edit->length, p.edit->text);
        fix.changes.push_back(p.edit->what);
      }
    }
    std::reverse(fix.changes.begin(), fix.changes.end());
    out.push_back(std::move(fix));
  }
  for (const NewFile& f : report.new_files) {
    FileFix fix;
    fix.path = f.path;
    fix.text = f.text;
    fix.created = true;
    fix.changes.push_back(f.what);
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
