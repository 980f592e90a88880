#include "support/migrations.hpp"

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

namespace sqlgen::testing {

void apply_up_statements(const std::string& conninfo,
                         const std::vector<source::Migration>& migrations) {
  pqxx::connection conn(conninfo);
  pqxx::work tx(conn);
  for (const source::Migration& m : migrations) {
    for (const source::Statement& st : m.up) {
      std::string sql = m.source->text().substr(st.offset, st.length);
      INFO(m.path << ": " << sql);
      tx.exec(sql);
    }
  }
  tx.commit();
}

std::vector<source::Migration> load_case_migrations(const std::string& relative_dir) {
  diag::DiagnosticEngine diags;
  auto migrations =
      source::load_schema_paths({std::string(SQLGEN_TESTS_DIR) + "/cases/" + relative_dir}, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  return migrations;
}

}  // namespace sqlgen::testing
