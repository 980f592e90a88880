// Tests for config/: parsing and validating sqlgen.yaml.
#include <catch2/catch.hpp>

#include "config/config.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

/// Parses `text` as "proj/sqlgen.yaml".
std::optional<config::Config> parse(const std::string& text, diag::DiagnosticEngine& diags) {
  return config::parse_config(diag::make_source("proj/sqlgen.yaml", text), diags);
}

/// First line of the rendered diagnostic number `i` (in sorted order).
std::string first_line(const diag::DiagnosticEngine& diags, size_t i = 0) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  if (i >= all.size()) return "<no diagnostic " + std::to_string(i) + ">";
  std::string text = diag::render_text(all[i]);
  return text.substr(0, text.find('\n'));
}

/// The one error a config should produce.
std::string only_error(const std::string& text) {
  diag::DiagnosticEngine diags;
  std::optional<config::Config> cfg = parse(text, diags);
  CHECK_FALSE(cfg.has_value());
  CHECK(diags.error_count() == 1);
  return first_line(diags);
}

}  // namespace

TEST_CASE("config: defaults for a minimal config", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse("modules:\n  - name: core\n    migrations: migrations/core\n", diags);
  REQUIRE(cfg);
  CHECK(diags.sorted().empty());
  CHECK(cfg->version == "1");
  CHECK(cfg->output == "generated");
  CHECK(cfg->templates == "templates");
  CHECK(cfg->schema_dump == "generated/schema.sql");
  CHECK(cfg->namespace_width == 1000);
  CHECK(cfg->search_path.empty());
  CHECK(cfg->dir == "proj");
  REQUIRE(cfg->modules.size() == 1);
  const config::Module& m = cfg->modules[0];
  CHECK(m.name == "core");
  CHECK(m.cpp_namespace == "core");
  REQUIRE(m.migrations.size() == 1);
  CHECK(m.migrations[0].path == "migrations/core");
  CHECK_FALSE(m.migrations_listed);
  CHECK(m.queries.empty());
  CHECK(cfg->resolve(m.migrations[0].path) == "proj/migrations/core");
  CHECK(cfg->version_range(0).first == 1001);
  CHECK(cfg->version_range(0).last == 1999);
}

TEST_CASE("config: every key is read", "[config]") {
  const std::string text = R"(version: "1"
output: ./out/gen/
templates: tpl
schema_dump: out/../dump/schema.sql
namespace_width: 100
search_path: [app, public]
rename:
  usr: User
options:
  json: nlohmann
  strict: true
overrides:
  - db_type: uuid
    cpp_type: boost::uuids::uuid
    include: <boost/uuid/uuid.hpp>
  - column: users.email
    cpp_type: Email
    nullable: yes
modules:
  - name: core
    migrations: migrations/core
    queries: queries/core
    schema: core
    namespace: app::core
    search_path: [core, public]
    rename:
      id: key
    overrides:
      - db_type: text
        cpp_type: std::string_view
  - name: billing
    migrations: ../shared/billing
)";
  diag::DiagnosticEngine diags;
  auto cfg = parse(text, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(cfg);
  CHECK(cfg->output == "out/gen");
  CHECK(cfg->templates == "tpl");
  CHECK(cfg->schema_dump == "dump/schema.sql");
  CHECK(cfg->namespace_width == 100);
  CHECK(cfg->search_path == std::vector<std::string>{"app", "public"});
  CHECK(cfg->rename == std::map<std::string, std::string>{{"usr", "User"}});
  CHECK(cfg->options.at("json") == "nlohmann");
  CHECK(cfg->options.at("strict") == "true");
  REQUIRE(cfg->overrides.size() == 2);
  CHECK(cfg->overrides[0].db_type == "uuid");
  CHECK(cfg->overrides[0].cpp_type == "boost::uuids::uuid");
  CHECK(cfg->overrides[0].include == "<boost/uuid/uuid.hpp>");
  CHECK_FALSE(cfg->overrides[0].nullable);
  CHECK(cfg->overrides[1].column == "users.email");
  CHECK(cfg->overrides[1].nullable);
  REQUIRE(cfg->modules.size() == 2);
  const config::Module& core = cfg->modules[0];
  CHECK(core.queries.size() == 1);
  CHECK(core.queries[0].path == "queries/core");
  CHECK(core.schema == "core");
  CHECK(core.cpp_namespace == "app::core");
  CHECK(core.search_path == std::vector<std::string>{"core", "public"});
  CHECK(core.rename.at("id") == "key");
  REQUIRE(core.overrides.size() == 1);
  CHECK(core.overrides[0].cpp_type == "std::string_view");
  CHECK(cfg->modules[1].name == "billing");
  CHECK(cfg->modules[1].cpp_namespace == "billing");
  CHECK(cfg->modules[1].migrations[0].path == "../shared/billing");
  CHECK(cfg->version_range(1).first == 201);
  CHECK(cfg->version_range(1).last == 299);
}

TEST_CASE("config: YAML merge keys share settings between mappings", "[config]") {
  const std::string text = R"(modules:
  - &base
    name: core
    migrations: migrations/shared
    search_path: [core, public]
    rename: &renames
      id: key
    overrides:
      - &ov
        db_type: uuid
        cpp_type: Uuid
  - <<: *base
    name: billing
    queries: q/billing
  - <<: [{queries: q/first, name: never}, *base]
    name: audit
    search_path: [audit]
    rename:
      <<: *renames
      usr: User
    overrides:
      - <<: *ov
        nullable: true
)";
  diag::DiagnosticEngine diags;
  auto cfg = parse(text, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(cfg);
  CHECK(diags.sorted().empty());
  REQUIRE(cfg->modules.size() == 3);
  const config::Module& core = cfg->modules[0];
  CHECK(core.name == "core");
  CHECK(core.queries.empty());
  const config::Module& billing = cfg->modules[1];
  CHECK(billing.name == "billing");
  REQUIRE(billing.migrations.size() == 1);
  CHECK(billing.migrations[0].path == "migrations/shared");
  REQUIRE(billing.queries.size() == 1);
  CHECK(billing.queries[0].path == "q/billing");
  CHECK(billing.search_path == std::vector<std::string>{"core", "public"});
  CHECK(billing.rename == std::map<std::string, std::string>{{"id", "key"}});
  REQUIRE(billing.overrides.size() == 1);
  CHECK(billing.overrides[0].cpp_type == "Uuid");
  // A list merges its mappings in order, the first holding a key winning; the mapping's own
  // keys win over all of them.
  const config::Module& audit = cfg->modules[2];
  CHECK(audit.name == "audit");
  REQUIRE(audit.queries.size() == 1);
  CHECK(audit.queries[0].path == "q/first");
  REQUIRE(audit.migrations.size() == 1);
  CHECK(audit.migrations[0].path == "migrations/shared");
  CHECK(audit.search_path == std::vector<std::string>{"audit"});
  CHECK(audit.rename == std::map<std::string, std::string>{{"id", "key"}, {"usr", "User"}});
  REQUIRE(audit.overrides.size() == 1);
  CHECK(audit.overrides[0].db_type == "uuid");
  CHECK(audit.overrides[0].cpp_type == "Uuid");
  CHECK(audit.overrides[0].nullable);
}

TEST_CASE("config: a bad merge key, and errors in merged keys, are located", "[config]") {
  CHECK(only_error("modules:\n  - <<: 3\n    name: core\n") ==
        "proj/sqlgen.yaml:2:9: error: \"<<\" must be a mapping or a list of mappings (a merge "
        "key)");
  CHECK(only_error("modules:\n  - <<: [{name: a}, [x]]\n    name: core\n") ==
        "proj/sqlgen.yaml:2:9: error: \"<<\" must be a mapping or a list of mappings (a merge "
        "key)");
  // Quoted, "<<" is an ordinary key.
  CHECK(only_error("modules:\n  - \"<<\": {name: a}\n    name: core\n") ==
        "proj/sqlgen.yaml:2:5: error: unknown key \"<<\"");
  // A key merged in from an anchor is reported where the anchor spells it.
  diag::DiagnosticEngine diags;
  CHECK_FALSE(
      parse("modules:\n  - &m\n    name: core\n    migratons: m\n"
            "  - <<: *m\n    name: billing\n",
            diags));
  CHECK(diags.error_count() == 2);
  CHECK(first_line(diags, 0) ==
        "proj/sqlgen.yaml:4:5: error: unknown key \"migratons\", did you mean \"migrations\"?");
  CHECK(first_line(diags, 1) == first_line(diags, 0));
}

TEST_CASE("config: module version ranges", "[config]") {
  CHECK(config::module_version_range(0, 1000).first == 1001);
  CHECK(config::module_version_range(0, 1000).last == 1999);
  CHECK(config::module_version_range(2, 1000).first == 3001);
  CHECK(config::module_version_range(2, 1000).last == 3999);
  CHECK(config::module_version_range(1, 10).first == 21);
  CHECK(config::module_version_range(1, 10).last == 29);
}

TEST_CASE("config: unknown keys suggest the closest known key", "[config]") {
  CHECK(only_error("output: gen\nmodles:\n  - name: core\n") ==
        "proj/sqlgen.yaml:2:1: error: unknown key \"modles\", did you mean \"modules\"?");
  CHECK(only_error("modules:\n  - name: core\n    migratons: m\n") ==
        "proj/sqlgen.yaml:3:5: error: unknown key \"migratons\", did you mean \"migrations\"?");
  CHECK(only_error("overrides:\n  - db_type: uuid\n    cpp_typ: X\n    cpp_type: Y\n") ==
        "proj/sqlgen.yaml:3:5: error: unknown key \"cpp_typ\", did you mean \"cpp_type\"?");
  CHECK(only_error("zzzzzz: 1\n") == "proj/sqlgen.yaml:1:1: error: unknown key \"zzzzzz\"");
}

TEST_CASE("config: a key known elsewhere says where it belongs", "[config]") {
  CHECK(only_error("json: false\n") ==
        "proj/sqlgen.yaml:1:1: error: unknown key \"json\" here: it belongs under `options:`");
  CHECK(only_error("modules:\n  - name: core\n    output: gen\n") ==
        "proj/sqlgen.yaml:3:5: error: unknown key \"output\" here: it belongs at the top level");
  CHECK(only_error("schema: core\n") ==
        "proj/sqlgen.yaml:1:1: error: unknown key \"schema\" here: it belongs in a module "
        "(under `modules:`)");
  CHECK(only_error("modules:\n  - name: core\n    cpp_type: X\n") ==
        "proj/sqlgen.yaml:3:5: error: unknown key \"cpp_type\" here: it belongs in an override "
        "(under `overrides:`)");
  // A close spelling in the mapping itself wins.
  CHECK(only_error("modules:\n  - name: core\n    schem: x\n") ==
        "proj/sqlgen.yaml:3:5: error: unknown key \"schem\", did you mean \"schema\"?");
}

TEST_CASE("config: invalid YAML is reported where the parser stopped", "[config]") {
  std::string line = only_error("output: gen\nmodules: [a, b\n");
  CHECK(line.rfind("proj/sqlgen.yaml:", 0) == 0);
  CHECK(line.find("error: invalid YAML: ") != std::string::npos);

  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("output: gen\n  bad: indent\n", diags));
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.sorted()[0].loc.source->line_col(diags.sorted()[0].loc.offset).line == 2);
}

TEST_CASE("config: wrong types are reported at the value", "[config]") {
  CHECK(only_error("search_path: public\n") ==
        "proj/sqlgen.yaml:1:14: error: \"search_path\" must be a list of strings");
  CHECK(only_error("namespace_width: wide\n") ==
        "proj/sqlgen.yaml:1:18: error: \"namespace_width\" must be an integer");
  CHECK(only_error("modules: {name: core}\n") ==
        "proj/sqlgen.yaml:1:10: error: \"modules\" must be a list of mappings");
  CHECK(only_error("modules:\n  - core\n") ==
        "proj/sqlgen.yaml:2:5: error: \"modules[0]\" must be a mapping");
  CHECK(only_error("overrides:\n  - db_type: uuid\n    cpp_type: X\n    nullable: maybe\n") ==
        "proj/sqlgen.yaml:4:15: error: \"nullable\" must be a boolean");
  CHECK(only_error("rename:\n  a: [b]\n") ==
        "proj/sqlgen.yaml:2:6: error: \"rename.a\" must be a string");
  CHECK(only_error("output: [a]\n") == "proj/sqlgen.yaml:1:9: error: \"output\" must be a string");
  CHECK(only_error("- a\n- b\n") ==
        "proj/sqlgen.yaml:1:1: error: \"sqlgen.yaml\" must be a mapping");
}

TEST_CASE("config: a key without a value is reported at its key", "[config]") {
  CHECK(only_error("output:\nmodules: []\n") ==
        "proj/sqlgen.yaml:1:1: error: \"output\" must be a string");
  CHECK(only_error("modules:\n  - name:\n") ==
        "proj/sqlgen.yaml:2:5: error: \"name\" must be a string");
}

TEST_CASE("config: module names are required, identifiers and unique", "[config]") {
  CHECK(only_error("modules:\n  - migrations: m\n") ==
        "proj/sqlgen.yaml:2:5: error: missing required key \"name\"");
  CHECK(only_error("modules:\n  - name: my-module\n") ==
        "proj/sqlgen.yaml:2:11: error: invalid value for \"name\": \"my-module\" is not an "
        "identifier");
  CHECK(only_error("modules:\n  - name: a\n    namespace: \"a::1b\"\n") ==
        "proj/sqlgen.yaml:3:16: error: invalid value for \"namespace\": \"a::1b\" is not a C++ "
        "namespace");

  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("modules:\n  - name: core\n  - name: billing\n  - name: core\n", diags));
  REQUIRE(diags.error_count() == 1);
  std::string text = diag::render_text(diags.sorted()[0]);
  CHECK(text.rfind("proj/sqlgen.yaml:4:11: error: duplicate module \"core\"\n", 0) == 0);
  CHECK(text.find("proj/sqlgen.yaml:2:11: note: previous definition is here") != std::string::npos);
}

TEST_CASE("config: duplicate keys are errors", "[config]") {
  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("output: a\noutput: b\n", diags));
  REQUIRE(diags.error_count() == 1);
  std::string text = diag::render_text(diags.sorted()[0]);
  CHECK(text.rfind("proj/sqlgen.yaml:2:1: error: duplicate key \"output\"\n", 0) == 0);
  CHECK(text.find("proj/sqlgen.yaml:1:1: note: previous definition is here") != std::string::npos);
}

TEST_CASE("config: overrides need one target and a C++ type", "[config]") {
  CHECK(only_error("overrides:\n  - cpp_type: X\n") ==
        "proj/sqlgen.yaml:2:5: error: an override needs exactly one of \"db_type\" and "
        "\"column\"");
  CHECK(only_error("overrides:\n  - db_type: a\n    column: t.c\n    cpp_type: X\n") ==
        "proj/sqlgen.yaml:2:5: error: an override needs exactly one of \"db_type\" and "
        "\"column\"");
  CHECK(only_error("overrides:\n  - db_type: uuid\n") ==
        "proj/sqlgen.yaml:2:5: error: missing required key \"cpp_type\"");
  CHECK(only_error("overrides:\n  - column: email\n    cpp_type: X\n") ==
        "proj/sqlgen.yaml:2:13: error: invalid value for \"column\": expected \"table.column\" "
        "or \"schema.table.column\"");
}

TEST_CASE("config: values are validated", "[config]") {
  CHECK(only_error("version: 2\n") ==
        "proj/sqlgen.yaml:1:10: error: invalid value for \"version\": unsupported version "
        "\"2\", expected \"1\"");
  CHECK(only_error("output: /abs/gen\n") ==
        "proj/sqlgen.yaml:1:9: error: invalid value for \"output\": path must be relative to "
        "the config file's directory");
  CHECK(only_error("templates: \"\"\n") ==
        "proj/sqlgen.yaml:1:12: error: invalid value for \"templates\": path is empty");
  CHECK(only_error("namespace_width: 1\n") ==
        "proj/sqlgen.yaml:1:18: error: invalid value for \"namespace_width\": must be between 2 "
        "and 1000000000000000");
  diag::DiagnosticEngine diags;
  CHECK(parse("version: 1\n", diags));
}

TEST_CASE("config: every error is collected", "[config]") {
  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("outptu: a\nmodules:\n  - name: a\n  - nme: b\n  - name: a\n", diags));
  CHECK(diags.error_count() == 4);  // unknown key x2, missing name, duplicate module
}

TEST_CASE("config: an empty config warns and uses defaults", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse("# nothing yet\n", diags);
  REQUIRE(cfg);
  CHECK(cfg->modules.empty());
  CHECK(diags.warning_count() == 1);
  CHECK(first_line(diags) == "proj/sqlgen.yaml: warning: file is empty");
}

TEST_CASE("config: load_config reads a file and resolves paths against its directory", "[config]") {
  util::TempDir tmp;
  const auto path = tmp.path() / "sub" / "sqlgen.yaml";
  REQUIRE(util::write_file_atomic(path, "modules:\n  - name: core\n    migrations: ./m/\n") == "");
  diag::DiagnosticEngine diags;
  auto cfg = config::load_config(path, diags);
  REQUIRE(cfg);
  CHECK(cfg->dir == tmp.path() / "sub");
  CHECK(cfg->modules[0].migrations[0].path == "m");
  CHECK(cfg->resolve("m") == tmp.path() / "sub" / "m");

  diag::DiagnosticEngine missing;
  CHECK_FALSE(config::load_config(tmp.path() / "nope.yaml", missing));
  CHECK(first_line(missing) ==
        "sqlgen: error: no such file or directory \"" + (tmp.path() / "nope.yaml").string() + "\"");
}

TEST_CASE("config: a config in the current directory resolves to plain relative paths",
          "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = config::parse_config(
      diag::make_source("sqlgen.yaml", "modules:\n  - name: a\n    queries: q/\n"), diags);
  REQUIRE(cfg);
  CHECK(cfg->dir.empty());
  CHECK(cfg->resolve(cfg->modules[0].queries[0].path) == "q");
}

TEST_CASE("config: migrations and queries as lists of files and directories", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse(R"(modules:
  - name: app
    migrations:
      - schema/base.sql
      - ./db/migrations/
      - ../shared/views.sql
    queries: [q/users.sql, q/more]
  - name: other
    migrations: m
    queries: q2
)",
                   diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(cfg);
  CHECK(diags.sorted().empty());
  const config::Module& app = cfg->modules[0];
  CHECK(app.migrations_listed);
  CHECK(app.queries_listed);
  REQUIRE(app.migrations.size() == 3);
  CHECK(app.migrations[0].path == "schema/base.sql");
  CHECK(app.migrations[1].path == "db/migrations");
  CHECK(app.migrations[2].path == "../shared/views.sql");
  CHECK(app.migrations[1].loc.source->line_col(uint32_t(app.migrations[1].loc.offset)).line == 5);
  REQUIRE(app.queries.size() == 2);
  CHECK(app.queries[0].path == "q/users.sql");
  CHECK(app.queries[1].path == "q/more");
  const config::Module& other = cfg->modules[1];
  CHECK_FALSE(other.migrations_listed);
  CHECK_FALSE(other.queries_listed);
  CHECK(other.migrations.size() == 1);
}

TEST_CASE("config: bad list entries are located errors", "[config]") {
  CHECK(only_error("modules:\n  - name: a\n    migrations: []\n") ==
        "proj/sqlgen.yaml:3:17: error: invalid value for \"migrations\": list is empty");
  CHECK(only_error("modules:\n  - name: a\n    migrations:\n      - ok\n      - {x: 1}\n") ==
        "proj/sqlgen.yaml:5:9: error: \"migrations[1]\" must be a string");
  CHECK(only_error("modules:\n  - name: a\n    queries:\n      - /abs/q.sql\n") ==
        "proj/sqlgen.yaml:4:9: error: invalid value for \"queries[0]\": path must be relative to "
        "the config file's directory");
}

TEST_CASE("config: namespace_width fits 14-digit timestamp versions", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse("namespace_width: 100000000000000\nmodules:\n  - name: a\n", diags);
  REQUIRE(cfg);
  CHECK(cfg->version_range(0).first == 100000000000001);
}

TEST_CASE("config: a module's search_path defaults to its schema, then public", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse(
      "modules:\n"
      "  - {name: shop, migrations: m/shop, schema: shop}\n"
      "  - {name: own, migrations: m/own, schema: own, search_path: [x, y]}\n"
      "  - {name: plain, migrations: m/plain}\n"
      "  - {name: pub, migrations: m/pub, schema: public}\n",
      diags);
  REQUIRE(cfg);
  using Path = std::vector<std::string>;
  CHECK(cfg->modules[0].effective_search_path(*cfg) == Path{"shop", "public"});
  CHECK(cfg->modules[1].effective_search_path(*cfg) == Path{"x", "y"});
  CHECK(cfg->modules[2].effective_search_path(*cfg).empty());  // the catalog's default
  CHECK(cfg->modules[3].effective_search_path(*cfg) == Path{"public"});
  CHECK(cfg->modules[0].search_path.empty());  // as written

  // A global search_path follows the module's schema, and applies as is without one.
  auto global = parse(
      "search_path: [ext, public]\n"
      "modules:\n"
      "  - {name: shop, migrations: m/shop, schema: shop}\n"
      "  - {name: plain, migrations: m/plain}\n"
      "  - {name: ext, migrations: m/ext, schema: ext}\n",
      diags);
  REQUIRE(global);
  CHECK(global->modules[0].effective_search_path(*global) == Path{"shop", "ext", "public"});
  CHECK(global->modules[1].effective_search_path(*global) == Path{"ext", "public"});
  CHECK(global->modules[2].effective_search_path(*global) == Path{"ext", "public"});
}

// Found by the fuzz target config (fuzz/): a key that is not UTF-8 is quoted in its
// diagnostic, and the JSON rendering threw (nlohmann's invalid UTF-8 error); it prints U+FFFD.
TEST_CASE("config: a key that is not UTF-8 renders as JSON with U+FFFD", "[config]") {
  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("modules:\n  - m\xcdigrations: m\n", diags));
  std::string json = diag::render_all(diags, true);
  CHECK(json.find("m\xef\xbf\xbdigrations") != std::string::npos);
}
