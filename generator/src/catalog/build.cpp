// Building the catalog from migrations: every Up statement parsed (source::parse_up), then
// applied in version order.
#include "catalog/builtins.hpp"
#include "catalog/catalog.hpp"
#include "source/parse_up.hpp"

namespace sqlgen::catalog {

Catalog build_catalog(const std::vector<source::Migration>& migrations,
                      diag::DiagnosticEngine& diags, ViewBinder binder) {
  std::vector<std::shared_ptr<const source::ParsedUp>> parsed = source::parse_up(migrations, diags);
  Catalog cat;
  cat.set_view_binder(std::move(binder));
  for (size_t i = 0; i < migrations.size(); ++i) {
    cat.set_applying_plain_schema(migrations[i].unversioned);
    for (const std::vector<parse::StmtPtr>& stmts : parsed[i]->stmts) {
      for (const parse::StmtPtr& s : stmts) cat.apply(*s, migrations[i].source, diags);
    }
  }
  cat.set_applying_plain_schema(false);
  cat.set_view_binder({});
  return cat;
}

void warm_up() { (void)builtins::find_relation(0); }

}  // namespace sqlgen::catalog
