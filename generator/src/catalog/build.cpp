// Building the catalog from migrations: parse every Up statement (files in
// parallel), then apply them in version order.
#include "catalog/catalog.hpp"
#include "parse/parse.hpp"
#include "source/migrations.hpp"
#include "util/parallel.hpp"

namespace sqlgen::catalog {

Catalog build_catalog(const std::vector<source::Migration>& migrations,
                      diag::DiagnosticEngine& diags, ViewBinder binder) {
  std::vector<std::vector<parse::StmtPtr>> parsed(migrations.size());
  util::parallel_for(migrations.size(), [&](size_t i) {
    const source::Migration& m = migrations[i];
    for (const source::Statement& st : m.up) {
      for (parse::StmtPtr& s :
           parse::parse_range(m.source, parse::StatementRange{st.offset, st.length}, diags)) {
        parsed[i].push_back(std::move(s));
      }
    }
  });
  Catalog cat;
  cat.set_view_binder(std::move(binder));
  for (size_t i = 0; i < migrations.size(); ++i) {
    cat.set_applying_plain_schema(migrations[i].unversioned);
    for (const parse::StmtPtr& s : parsed[i]) cat.apply(*s, migrations[i].source, diags);
  }
  cat.set_applying_plain_schema(false);
  cat.set_view_binder({});
  return cat;
}

}  // namespace sqlgen::catalog
