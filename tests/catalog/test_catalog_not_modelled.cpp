// Statements the catalog cannot model are never errors: a rule is a warning naming what stays
// invisible (once), the rest is recorded as not modelled.
#include <catch2/catch.hpp>
#include <set>

#include "catalog/catalog.hpp"
#include "source/migrations.hpp"

using namespace sqlgen;

TEST_CASE("catalog: a rule is a warning, and triggers, policies and grants are recorded",
          "[catalog]") {
  const std::string text =
      "CREATE TABLE t (id int PRIMARY KEY, n int);\n"
      "CREATE TABLE log (id int);\n"
      "CREATE RULE t_log AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.id);\n"
      "CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
      "CREATE TRIGGER t_bump BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION bump();\n"
      "CREATE TRIGGER t_bump2 BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump();\n"
      "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
      "CREATE POLICY p ON t USING (n > 0);\n"
      "GRANT SELECT ON t TO PUBLIC;\n"
      "REVOKE SELECT ON t FROM PUBLIC;\n"
      "INSERT INTO t VALUES (1, 2);\n"
      "SELECT * FROM t;\n";
  diag::DiagnosticEngine diags;
  source::Migration m;
  m.source = diag::make_source("schema.sql", text);
  m.up = source::parse_migration_file(m.source, diags).up;
  catalog::Catalog cat = catalog::build_catalog({m}, diags);
  std::vector<std::string> lines;
  for (const diag::Diagnostic& d : diags.sorted()) {
    std::string t = diag::render_text(d);
    lines.push_back(t.substr(0, t.find('\n')));
  }
  CHECK(diags.error_count() == 0);
  // Only the rule changes what a query does; the others are listed, not warned about.
  CHECK(lines == std::vector<std::string>{
                     "schema.sql:3:1: warning: CREATE RULE is not modelled by the catalog: the "
                     "query rewrite it adds is invisible to sqlgen (reported once)",
                 });
  std::set<std::string> kinds;
  for (const catalog::NotModelled& n : cat.not_modelled()) kinds.insert(n.kind);
  CHECK(kinds.count("create trigger"));
  CHECK(kinds.count("grant"));
  CHECK(kinds.count("create policy"));
  CHECK(cat.find_relation("public", "t", {}));
}
