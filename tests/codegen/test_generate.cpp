// `sqlgen generate` end to end: the golden case (refresh with SQLGEN_UPDATE_GOLDEN=1),
// determinism, stale-file removal, --check / `sqlgen diff`, and the errors the generator
// reports (name collisions, options, templates, :copyfrom shapes).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <thread>

#include "codegen/codegen_support.hpp"
#include "codegen/internal.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

bool updating_golden() {
  const char* v = std::getenv("SQLGEN_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::map<std::string, std::string> repo_templates() {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(SQLGEN_SOURCE_DIR) / "templates")) {
    if (e.path().extension() == ".mustache") out[e.path().stem().string()] = read_text(e.path());
  }
  return out;
}

/// Every file under `dir` but .clang-format, relative path → content.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != ".clang-format") {
      out[e.path().lexically_relative(dir).generic_string()] = read_text(e.path());
    }
  }
  return out;
}

/// A one-module project in `dir`: sqlgen.yaml (with `extra` top-level YAML), one migration,
/// one query file.
void write_project(const fs::path& dir, const std::string& extra, const std::string& migration,
                   const std::string& queries) {
  std::string yaml = "version: \"1\"\noutput: out\n" + extra +
                     "modules:\n  - name: m\n    migrations: migrations\n    queries: queries\n"
                     "    schema: m\n    search_path: [m, public]\n";
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml", yaml).empty());
  REQUIRE(util::write_file_atomic(dir / "migrations/001_init.sql",
                                  "-- +goose Up\nCREATE SCHEMA m;\n" + migration)
              .empty());
  REQUIRE(util::write_file_atomic(dir / "queries/q.sql", queries).empty());
}

/// True when out/m/queries.hpp of the project in `dir` compiles on its own, and so does
/// out/m/queries.cpp, its definitions (the compiler's output is logged otherwise).
bool queries_header_compiles(const fs::path& dir) {
  REQUIRE(util::write_file_atomic(dir / "tu.cpp",
                                  "#include \"m/queries.hpp\"\n#include \"m/queries.cpp\"\n")
              .empty());
  auto [code, output] =
      compile("-fsyntax-only -I" + (dir / "out").string() + " " + (dir / "tu.cpp").string());
  UNSCOPED_INFO(output);
  return code == 0;
}

}  // namespace

TEST_CASE("golden: tests/cases/codegen/types generates its expected/ (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  fs::path config = codegen_case("types") / "sqlgen.yaml";
  cli::GenerateOptions opts;
  opts.check = !updating_golden();
  GenerateRun r = generate(config, opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
}

TEST_CASE("golden: the built-in templates are templates/*.mustache (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  fs::path file = fs::path(SQLGEN_SOURCE_DIR) / "generator/src/codegen/builtin_templates.cpp";
  std::string source = codegen::builtin_templates_source(repo_templates());
  if (updating_golden() && read_text(file) != source) {
    REQUIRE(util::write_file_atomic(file, source).empty());
    WARN("rewrote " << file.string() << ": rebuild for sqlgen to use the new templates");
  }
  CHECK(read_text(file) == source);
  // What this binary has compiled in (stale until the rebuild after a refresh).
  CHECK(codegen::builtin_templates() == repo_templates());
}

TEST_CASE("the example app's generated/ headers are up to date", "[codegen][cli]") {
  GenerateRun r = generate(fs::path(SQLGEN_SOURCE_DIR) / "sqlgen.yaml", {.check = true});
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
}

TEST_CASE("generate is deterministic, independent of the cwd, and skips unchanged files",
          "[codegen][cli]") {
  util::TempDir tmp("sqlgen-codegen");
  copy_case("types", tmp.path() / "case");
  fs::remove_all(tmp.path() / "case/expected");
  fs::path config = tmp.path() / "case/sqlgen.yaml";
  // Two runs from different directories (the config named differently) write the same bytes.
  RunResult a = run_sqlgen("-c " + shell_quote(config.string()) + " generate --output " +
                               shell_quote((tmp.path() / "a").string()),
                           tmp.path().string());
  RunResult b = run_sqlgen("-c sqlgen.yaml generate --output ../b", (tmp.path() / "case").string());
  INFO(a.err << b.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  std::map<std::string, std::string> ta = tree(tmp.path() / "a"), tb = tree(tmp.path() / "b");
  CHECK(ta.size() == 8);  // per module models.hpp, queries.hpp, queries.cpp; sqlgen_queries.cpp
  CHECK(ta == tb);
  // The built-in templates (the copy has no templates/ next to it) give the golden output.
  CHECK(ta == tree(codegen_case("types") / "expected"));

  // A second run writes nothing: unchanged files keep their modification time.
  fs::path header = tmp.path() / "a/app/queries.hpp";
  auto before = fs::last_write_time(header);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  RunResult again = run_sqlgen("-c " + shell_quote(config.string()) + " generate --output " +
                               shell_quote((tmp.path() / "a").string()));
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 files written, 8 unchanged") != std::string::npos);
  CHECK(fs::last_write_time(header) == before);
}

TEST_CASE("generate removes generated files no input produces any more", "[codegen][cli]") {
  util::TempDir tmp("sqlgen-codegen");
  copy_case("types", tmp.path() / "case");
  fs::path out = tmp.path() / "case/expected";
  std::string marker = std::string(codegen::k_generated_marker) + "\n// source: gone.sql\n";
  REQUIRE(util::write_file_atomic(out / "old_module/queries.hpp", marker).empty());
  REQUIRE(util::write_file_atomic(out / "app/extra.hpp", marker).empty());
  REQUIRE(util::write_file_atomic(out / "app/handwritten.hpp", "// mine\n" + marker).empty());
  REQUIRE(util::write_file_atomic(out / "notes.txt", "not generated\n").empty());

  GenerateRun check = generate(tmp.path() / "case/sqlgen.yaml", {.check = true});
  CHECK(check.exit_code == 1);
  CHECK(check.diagnostics.find("error: generated file \"expected/app/extra.hpp\" no longer "
                               "corresponds to any input") != std::string::npos);
  CHECK(check.out.find("--- a/expected/old_module/queries.hpp\n+++ /dev/null\n") !=
        std::string::npos);
  CHECK(fs::exists(out / "app/extra.hpp"));  // --check writes nothing

  GenerateRun r = generate(tmp.path() / "case/sqlgen.yaml");
  INFO(r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("removed expected/app/extra.hpp") != std::string::npos);
  CHECK(!fs::exists(out / "app/extra.hpp"));
  CHECK(!fs::exists(out / "old_module"));  // emptied directories go too
  CHECK(fs::exists(out / "app/handwritten.hpp"));
  CHECK(fs::exists(out / "notes.txt"));
  CHECK(fs::exists(out / "catalog.sql"));
  CHECK(generate(tmp.path() / "case/sqlgen.yaml", {.check = true}).exit_code == 0);
}

TEST_CASE("generate --check and sqlgen diff: exit 1 with a unified diff when stale",
          "[codegen][cli]") {
  util::TempDir tmp("sqlgen-codegen");
  copy_case("types", tmp.path() / "case");
  fs::path dir = tmp.path() / "case";
  RunResult fresh = run_sqlgen("generate --check", dir.string());
  INFO(fresh.out << fresh.err);
  CHECK(fresh.exit_code == 0);
  CHECK(fresh.out.find("up to date") != std::string::npos);

  fs::path models = dir / "expected/app/models.hpp";
  std::string text = read_text(models);
  std::string edited = text;
  edited.replace(edited.find("struct Thing {"), 14, "struct Thingy {");
  REQUIRE(util::write_file_atomic(models, edited).empty());
  fs::remove(dir / "expected/reports/queries.hpp");
  for (const char* cmd : {"generate --check", "diff"}) {
    RunResult stale = run_sqlgen(cmd, dir.string());
    INFO(cmd);
    CHECK(stale.exit_code == 1);
    CHECK(stale.out.find("--- a/expected/app/models.hpp\n+++ b/expected/app/models.hpp\n@@ ") !=
          std::string::npos);
    CHECK(stale.out.find("\n-struct Thingy {\n+struct Thing {\n") != std::string::npos);
    CHECK(stale.out.find("--- /dev/null\n+++ b/expected/reports/queries.hpp\n@@ -0,0 +1,") !=
          std::string::npos);
    CHECK(stale.err.find("error: generated file \"expected/app/models.hpp\" is out of date: "
                         "run \"sqlgen generate\"") != std::string::npos);
  }
  CHECK(read_text(models) == edited);  // nothing written
  CHECK(!fs::exists(dir / "expected/reports/queries.hpp"));
  CHECK(run_sqlgen("generate", dir.string()).exit_code == 0);
  CHECK(read_text(models) == text);
  CHECK(run_sqlgen("diff", dir.string()).exit_code == 0);
}

TEST_CASE("unified_diff: hunks with context", "[codegen]") {
  CHECK(codegen::unified_diff("a", "x\n", "b", "x\n").empty());
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
  std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n";
  CHECK(codegen::unified_diff("a/f", before, "b/f", after) ==
        "--- a/f\n+++ b/f\n@@ -2,9 +2,10 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n+11\n");
  CHECK(codegen::unified_diff("a/f", "", "b/f", "x\n") == "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
}

TEST_CASE("two SQL names that become one C++ name are an error naming both", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "",
                "CREATE TABLE m.things (id int, \"class\" text, class_ text);\n"
                "CREATE TABLE m.thing (id int);\n",
                "-- name: GetThings :many\nSELECT id, 1 AS \"a b\", 2 AS a_b FROM m.things;\n"
                "-- name: getThings :one\nSELECT id FROM m.things;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  INFO(r.diagnostics);
  CHECK(r.diagnostics.find("migrations/001_init.sql:3:46: error: column \"class_\" and column "
                           "\"class\" both become the C++ name \"class_\" in struct \"Thing\"") !=
        std::string::npos);
  CHECK(r.diagnostics.find("migrations/001_init.sql:3:32: note: column \"class\" is declared "
                           "here") != std::string::npos);
  CHECK(r.diagnostics.find("table \"m.things\" and table \"m.thing\" both become the C++ name "
                           "\"Thing\" in namespace \"m\"") != std::string::npos);
  CHECK(r.diagnostics.find("column \"a_b\" and column \"a b\" both become the C++ name \"a_b\" "
                           "in struct \"GetThingsRow\"") != std::string::npos);
  CHECK(r.diagnostics.find("queries/q.sql:3:1: error: query \"getThings\" and query "
                           "\"GetThings\" both become the C++ name \"get_things\" in class "
                           "\"Queries\"") != std::string::npos);
  CHECK(r.diagnostics.find("4 errors generated") != std::string::npos);
  CHECK(!fs::exists(tmp.path() / "out"));  // nothing written after errors
}

TEST_CASE("renames must be identifiers, a query named like a generated member collides",
          "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "rename:\n  m_thing: \"Bad Name\"\n",
                "CREATE TABLE m.things (id int);\n",
                "-- name: Prepare :exec\nDELETE FROM m.things;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("error: \"Bad Name\" is not a valid C++ name") != std::string::npos);
}

TEST_CASE("unknown options and bad option values are errors", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "options:\n  max_param: 3\n  json: maybe\n  function_naming: kebab\n",
                "CREATE TABLE m.t (id int);\n", "-- name: GetT :many\nSELECT id FROM m.t;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("sqlgen.yaml:4:3: error: unknown option \"max_param\", did you mean "
                           "\"max_params\"?") != std::string::npos);
  CHECK(r.diagnostics.find("invalid value \"maybe\" for option \"json\": expected auto (JSON for "
                           "modules with json or jsonb values), true or false") !=
        std::string::npos);
  CHECK(r.diagnostics.find("invalid value \"kebab\" for option \"function_naming\"") !=
        std::string::npos);
}

TEST_CASE("options: max_params, json, function_naming, nullable_array_elements", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(
      tmp.path(),
      "options:\n  max_params: 1\n  json: false\n  function_naming: camelCase\n"
      "  nullable_array_elements: true\n",
      "CREATE TABLE m.t (id int NOT NULL, tags text[] NOT NULL);\n",
      "-- name: GetTByID :many\nSELECT id, tags FROM m.t WHERE id = @id AND @x::int > 0;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  // The columns are exactly m.t's: the row is its model struct.
  CHECK(queries.find("std::vector<T> getTById(const GetTByIDParams& params)") != std::string::npos);
  CHECK(queries.find("void getTByIdEach(const GetTByIDParams& params, "
                     "sqlgen::runtime::FunctionRef<void(T&&)> on_row);") != std::string::npos);
  CHECK(queries.find("to_json") == std::string::npos);
  std::string models = read_text(tmp.path() / "out/m/models.hpp");
  CHECK(models.find("std::vector<std::optional<std::string>> tags{};") != std::string::npos);
}

TEST_CASE("options: exact_table_names, query_classes: file (a class and header per file)",
          "[codegen][compile]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "options:\n  exact_table_names: true\n  query_classes: file\n",
                "CREATE TABLE m.users (id int NOT NULL, name text NOT NULL);\n",
                "-- name: GetUser :one\nSELECT id, name FROM m.users WHERE id = @id;\n");
  REQUIRE(util::write_file_atomic(tmp.path() / "queries/admin-tools.sql",
                                  "-- name: CountUsers :one\nSELECT count(*) AS n FROM m.users;\n"
                                  "-- name: ListUsers :many\nSELECT id, name FROM m.users;\n")
              .empty());
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  INFO(r.diagnostics);
  REQUIRE(r.exit_code == 0);
  CHECK(!fs::exists(tmp.path() / "out/m/queries.hpp"));
  std::string models = read_text(tmp.path() / "out/m/models.hpp");
  CHECK(models.find("struct Users {") != std::string::npos);
  std::string q = read_text(tmp.path() / "out/m/q_queries.hpp");
  CHECK(q.find("// source: queries/q.sql\n") != std::string::npos);
  CHECK(q.find("class QQueries {") != std::string::npos);
  CHECK(q.find("std::optional<Users> get_user(std::int32_t id)") != std::string::npos);
  CHECK(q.find("count_users") == std::string::npos);
  std::string admin = read_text(tmp.path() / "out/m/admin_tools_queries.hpp");
  CHECK(admin.find("class AdminToolsQueries {") != std::string::npos);
  CHECK(admin.find("explicit AdminToolsQueries(pqxx::transaction_base& tx)") != std::string::npos);
  CHECK(admin.find("std::vector<Users> list_users()") != std::string::npos);
  CHECK(admin.find("get_user") == std::string::npos);
  // Each header has its .cpp, and sqlgen_queries.cpp includes both.
  CHECK(read_text(tmp.path() / "out/sqlgen_queries.cpp")
            .ends_with("#include \"m/admin_tools_queries.cpp\"\n#include \"m/q_queries.cpp\"\n"));
  // Both in one translation unit: the classes and row types do not clash.
  REQUIRE(util::write_file_atomic(tmp.path() / "tu.cpp",
                                  "#include \"sqlgen_queries.cpp\"\n"
                                  "void use(pqxx::transaction_base& tx) {\n"
                                  "  m::QQueries a(tx);\n  m::AdminToolsQueries b(tx);\n}\n")
              .empty());
  auto [code, output] = compile("-fsyntax-only -I" + (tmp.path() / "out").string() + " " +
                                (tmp.path() / "tu.cpp").string());
  INFO(output);
  CHECK(code == 0);

  // Back to one class per module: the per-file headers are stale and removed.
  write_project(tmp.path(), "", "CREATE TABLE m.users (id int NOT NULL, name text NOT NULL);\n",
                "-- name: GetUser :one\nSELECT id, name FROM m.users WHERE id = @id;\n");
  r = generate(tmp.path() / "sqlgen.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(tmp.path() / "out/m/queries.hpp"));
  CHECK(!fs::exists(tmp.path() / "out/m/q_queries.hpp"));
  CHECK(!fs::exists(tmp.path() / "out/m/admin_tools_queries.hpp"));
  CHECK(!fs::exists(tmp.path() / "out/m/q_queries.cpp"));
  CHECK(!fs::exists(tmp.path() / "out/m/admin_tools_queries.cpp"));
  CHECK(read_text(tmp.path() / "out/m/models.hpp").find("struct User {") != std::string::npos);
}

TEST_CASE("a templates directory without queries.cpp.mustache keeps its headers and writes no .cpp",
          "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "templates: tpl\n",
                "CREATE TABLE m.users (id int NOT NULL, name text NOT NULL);\n",
                "-- name: GetUser :one\nSELECT id, name FROM m.users WHERE id = @id;\n");
  // A header template of before the split: it defines what it declares.
  REQUIRE(util::write_file_atomic(
              tmp.path() / "tpl/queries.hpp.mustache",
              "{{{header}}}\n#pragma once\n#include <pqxx/pqxx>\n\nnamespace {{{namespace}}} {\n"
              "inline int query_count() { return {{#queries}}1 + {{/queries}}0; }\n}\n")
              .empty());
  fs::copy_file(fs::path(SQLGEN_SOURCE_DIR) / "templates/models.hpp.mustache",
                tmp.path() / "tpl/models.hpp.mustache");
  for (const char* partial : {"struct", "struct_json", "enum_json", "codec"}) {
    fs::copy_file(fs::path(SQLGEN_SOURCE_DIR) / "templates" / (std::string(partial) + ".mustache"),
                  tmp.path() / "tpl" / (std::string(partial) + ".mustache"));
  }
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  INFO(r.diagnostics);
  REQUIRE(r.exit_code == 0);
  CHECK(read_text(tmp.path() / "out/m/queries.hpp").find("return 1 + 0;") != std::string::npos);
  CHECK(!fs::exists(tmp.path() / "out/m/queries.cpp"));
  // Still written (a build compiling it keeps working), with no include.
  CHECK(read_text(tmp.path() / "out/sqlgen_queries.cpp").find("#include") == std::string::npos);
}

TEST_CASE("templates that declare no SQL variants: an error at the template for optional queries",
          "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "templates: tpl\n",
                "CREATE TABLE m.users (id int NOT NULL, name text NOT NULL);\n",
                "-- name: FindUsers :many\n-- @optional name\n"
                "SELECT id FROM m.users WHERE name = @name;\n");
  std::map<std::string, std::string> tpl = repo_templates();
  auto write_templates = [&] {
    for (const auto& [name, text] : tpl) {
      REQUIRE(util::write_file_atomic(tmp.path() / "tpl" / (name + ".mustache"), text).empty());
    }
  };
  // sqlgen's own templates generate it.
  write_templates();
  GenerateRun ok = generate(tmp.path() / "sqlgen.yaml");
  INFO(ok.diagnostics);
  REQUIRE(ok.exit_code == 0);
  // A queries.hpp.mustache of before sqlgen had variants: the {{#variants}} section gone.
  std::string& hpp = tpl.at("queries.hpp");
  size_t begin = hpp.find("{{#variants}}");
  size_t end = hpp.find("{{/variants}}");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  hpp.erase(begin, end + std::string("{{/variants}}").size() - begin);
  write_templates();
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  INFO(r.diagnostics);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("queries.hpp.mustache: error: template \"queries.hpp.mustache\": "
                           "query \"FindUsers\" has SQL variants") != std::string::npos);
}

TEST_CASE("columns with the same name become name, name_2, ... as in sqlc", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "",
                "CREATE TABLE m.a (id int NOT NULL);\nCREATE TABLE m.b (id bigint NOT NULL);\n",
                "-- name: Both :many\nSELECT a.id, b.id, a.id FROM m.a JOIN m.b ON b.id = a.id;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  CHECK(queries.find("std::int32_t id{};\n  std::int64_t id_2{};\n  std::int32_t id_3{};") !=
        std::string::npos);
}

TEST_CASE("two embeds of one table become node and node_2, as in sqlc", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "",
                "CREATE TABLE m.nodes (id int PRIMARY KEY);\n"
                "CREATE TABLE m.edges (a int NOT NULL, b int NOT NULL);\n",
                "-- name: Edges :many\n"
                "SELECT sqlc.embed(n1), sqlc.embed(n2), e.a AS node FROM m.edges e\n"
                "JOIN m.nodes n1 ON n1.id = e.a JOIN m.nodes n2 ON n2.id = e.b;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  INFO(queries);
  CHECK(queries.find("Node node{};\n  Node node_2{};\n  std::int32_t node_3{};") !=
        std::string::npos);
  CHECK(queries_header_compiles(tmp.path()));
}

TEST_CASE("sqlgen.embed of a CTE named after a table fills that table's struct, as in sqlc",
          "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  const std::string schema =
      "CREATE TABLE m.items (id bigint PRIMARY KEY, note text, rank int NOT NULL);\n";
  write_project(tmp.path(), "", schema,
                "-- name: Top :many\n"
                "WITH picked AS (SELECT id, note, rank FROM m.items ORDER BY rank LIMIT 10)\n"
                "SELECT sqlc.embed(items) FROM picked AS items WHERE id <> @skip;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  INFO(queries);
  CHECK(queries.find("  Item item_{};\n") != std::string::npos);  // item: a local name
  CHECK(queries_header_compiles(tmp.path()));

  // Not the table's columns (one is missing): a diagnostic, not an internal error.
  write_project(tmp.path(), "", schema,
                "-- name: Top :many\n"
                "WITH picked AS (SELECT id, rank FROM m.items)\n"
                "SELECT sqlc.embed(items) FROM picked AS items;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("sqlgen.embed(items) of a CTE or subquery whose columns are not those "
                           "of a table or view named \"items\" is not supported") !=
        std::string::npos);
}

TEST_CASE("an embedded table with a PascalCase name becomes a snake_case field", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(
      tmp.path(), "", "CREATE TABLE m.\"WorkerPools\" (id int PRIMARY KEY, \"maxRuns\" int);\n",
      "-- name: Pools :many\nSELECT sqlc.embed(\"WorkerPools\") FROM m.\"WorkerPools\";\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  INFO(queries);
  CHECK(queries.find("  WorkerPool worker_pool{};\n") != std::string::npos);
  CHECK(queries_header_compiles(tmp.path()));
}

TEST_CASE("a type whose C++ name a table has becomes NameType, tables keep sqlc's names",
          "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "",
                "CREATE TYPE m.selector AS (entity text, expr text);\n"
                "CREATE TYPE m.status AS ENUM ('on', 'off');\n"
                "CREATE TABLE m.selectors (id int PRIMARY KEY, s m.selector, st m.status);\n"
                "CREATE TABLE m.statuses (id int PRIMARY KEY);\n",
                "-- name: Get :one\nSELECT s, st FROM m.selectors WHERE id = @id;\n");
  std::string models = generate_and_read(tmp.path(), "out/m/models.hpp");
  INFO(models);
  CHECK(models.find("struct Selector {") != std::string::npos);
  CHECK(models.find("struct SelectorType {") != std::string::npos);
  CHECK(models.find("struct Status {") != std::string::npos);
  CHECK(models.find("enum class StatusType") != std::string::npos);
  CHECK(queries_header_compiles(tmp.path()));

  // A rename that collides is still the user's error.
  write_project(tmp.path(), "rename:\n  selector: Selector\n",
                "CREATE TYPE m.selector AS (entity text);\n"
                "CREATE TABLE m.selectors (id int PRIMARY KEY, s m.selector);\n",
                "-- name: Get :one\nSELECT s FROM m.selectors WHERE id = @id;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("both become the C++ name \"Selector\"") != std::string::npos);
}

TEST_CASE("per-query @override: a column or parameter gets another C++ type", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "overrides:\n  - db_type: numeric\n    cpp_type: double\n",
                "CREATE TABLE m.t (id bigint NOT NULL, total numeric NOT NULL, note text);\n",
                "-- name: GetT :one\n"
                "-- @override total std::string\n"
                "-- @override note std::map<std::string, int> <map>\n"
                "-- @override @id std::int32_t\n"
                "SELECT id, total, note FROM m.t WHERE id = @id;\n"
                "-- name: ListT :many\n"
                "-- @override id my::Id \"my/id.hpp\"\n"
                "SELECT id, total, note FROM m.t WHERE id > $1;\n"
                "-- name: FindT :many\n"
                "-- @override $1 my::Id \"my/id.hpp\"\n"
                "SELECT id, total, note FROM m.t WHERE id > $1;\n"
                "-- name: PlainT :many\n"
                "SELECT id, total, note FROM m.t;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  // The overridden row is no longer the model struct T; NULL still adds std::optional.
  CHECK(queries.find("std::optional<GetTRow> get_t(const std::int32_t& id)") != std::string::npos);
  CHECK(
      queries.find("  std::string total{};\n  std::optional<std::map<std::string, int>> note{};") !=
      std::string::npos);
  CHECK(queries.find("#include <map>") != std::string::npos);
  // A column named like no parameter; `$1` names a positional parameter.
  CHECK(queries.find("  my::Id id{};") != std::string::npos);
  CHECK(queries.find("#include \"my/id.hpp\"") != std::string::npos);
  CHECK(queries.find("std::vector<FindTRow> find_t(const my::Id& id)") == std::string::npos);
  CHECK(queries.find("std::vector<T> find_t(const my::Id& id)") != std::string::npos);
  // Queries without the annotation keep the config's types and the model struct.
  CHECK(queries.find("std::vector<T> plain_t()") != std::string::npos);
  std::string models = read_text(tmp.path() / "out/m/models.hpp");
  CHECK(models.find("double total{};") != std::string::npos);

  // A name that is no column or parameter, or `@name` that is no parameter: errors.
  write_project(tmp.path(), "", "CREATE TABLE m.t (id bigint NOT NULL);\n",
                "-- name: GetT :one\n-- @override idd std::string\n"
                "SELECT id FROM m.t WHERE id = @id;\n"
                "-- name: GetU :one\n-- @override @idd std::string\n"
                "SELECT id FROM m.t WHERE id = @id;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("queries/q.sql:2:1: error: column \"idd\" does not exist in the query's "
                           "result (outside embeds) or parameters") != std::string::npos);
  CHECK(r.diagnostics.find("queries/q.sql:5:1: error: column \"@idd\" does not exist among the "
                           "query's parameters") != std::string::npos);
}

TEST_CASE("a composite type holding a table's row type is an error, not broken C++", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(tmp.path(), "",
                "CREATE TABLE m.t (id int);\nCREATE TYPE m.pair AS (row m.t, n int);\n",
                "-- name: GetT :many\nSELECT id FROM m.t;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("migrations/001_init.sql:4:13: error: field \"row\" of composite type "
                           "\"m.pair\", whose type is the row type of table \"m.t\", is not "
                           "supported by the C++ generator: use a composite type") !=
        std::string::npos);
  CHECK(!fs::exists(tmp.path() / "out"));
}

TEST_CASE(":copyfrom needs INSERT INTO t (cols) VALUES ($1, ...)", "[codegen]") {
  util::TempDir tmp("sqlgen-codegen");
  write_project(
      tmp.path(), "", "CREATE TABLE m.t (id int, name text);\n",
      "-- name: LoadT :copyfrom\nINSERT INTO m.t (id, name) VALUES (@id, upper(@name));\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("queries/q.sql:1:1: error: query \"LoadT\" is :copyfrom but the value "
                           "of column \"name\" is not a parameter") != std::string::npos);
}

TEST_CASE("a user's templates: a variable the model lacks is reported", "[codegen][cli]") {
  util::TempDir tmp("sqlgen-codegen");
  copy_case("types", tmp.path() / "case");
  fs::path dir = tmp.path() / "case";
  fs::copy(fs::path(SQLGEN_SOURCE_DIR) / "templates", dir / "my_templates");
  std::string yaml = read_text(dir / "sqlgen.yaml");
  const std::string from = copied_case_templates_line();
  REQUIRE(yaml.find(from) != std::string::npos);
  yaml.replace(yaml.find(from), from.size(), "templates: my_templates\n");
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml", yaml).empty());
  CHECK(generate(dir / "sqlgen.yaml", {.check = true}).exit_code == 0);

  std::string tmpl = read_text(dir / "my_templates/models.hpp.mustache");
  tmpl.replace(tmpl.find("{{{namespace}}}"), 15, "{{{namespcae}}}");
  REQUIRE(util::write_file_atomic(dir / "my_templates/models.hpp.mustache", tmpl).empty());
  GenerateRun r = generate(dir / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics.find("my_templates/models.hpp.mustache:") != std::string::npos);
  CHECK(r.diagnostics.find("error: template \"models.hpp.mustache\": variable \"namespcae\" is "
                           "not defined") != std::string::npos);
  fs::remove(dir / "my_templates/queries.hpp.mustache");
  r = generate(dir / "sqlgen.yaml");
  CHECK(r.diagnostics.find("error: template \"queries.hpp.mustache\" does not exist in "
                           "\"my_templates\"") != std::string::npos);
}
