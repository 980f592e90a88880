// Every generated header, of the example app (generated/) and of the golden cases, compiles
// on its own with -Wall -Wextra -Wpedantic -Werror -std=c++20; with `json: false`, and with
// `json: auto` in modules without JSON values, also where nlohmann/json.hpp cannot be included
// (and those modules' headers where no libpqxx header but <pqxx/types> can);
// the JSON of a module without JSON, used by one with JSON, through its json.hpp.
#include <catch2/catch.hpp>
#include <future>

#include "codegen/codegen_support.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

TEST_CASE("generated headers compile cleanly on their own", "[codegen][compile]") {
  util::TempDir tmp("sqlgen-compile");
  const fs::path roots[] = {fs::path(SQLGEN_SOURCE_DIR) / "generated",
                            codegen_case("types") / "expected", codegen_case("audit") / "expected",
                            codegen_case("tx") / "expected"};
  std::vector<std::pair<std::string, std::string>> jobs;  // header, command arguments
  for (const fs::path& root : roots) {
    std::vector<fs::path> headers;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.path().extension() == ".hpp") headers.push_back(e.path());
    }
    std::sort(headers.begin(), headers.end());
    for (const fs::path& h : headers) {
      // A translation unit including only this header, as a user would.
      std::string rel = h.lexically_relative(root).generic_string();
      fs::path tu = tmp.path() / (std::to_string(jobs.size()) + ".cpp");
      REQUIRE(util::write_file_atomic(tu, "#include \"" + rel + "\"\n").empty());
      jobs.emplace_back(h.string(), "-fsyntax-only -I" + shell_quote(root.string()) + " " +
                                        shell_quote(tu.string()));
    }
  }
  REQUIRE(jobs.size() >= 14);
  // Two at a time (the machines this runs on have few cores).
  for (size_t i = 0; i < jobs.size(); i += 2) {
    std::vector<std::future<std::pair<int, std::string>>> running;
    for (size_t k = i; k < std::min(i + 2, jobs.size()); ++k) {
      running.push_back(std::async(std::launch::async, compile, jobs[k].second));
    }
    for (size_t k = 0; k < running.size(); ++k) {
      auto [rc, log] = running[k].get();
      INFO(jobs[i + k].first << "\n" << log);
      CHECK(rc == 0);
    }
  }
}

TEST_CASE("json: false: no generated or runtime header includes nlohmann/json.hpp",
          "[codegen][compile]") {
  util::TempDir tmp("sqlgen-nojson");
  fs::path root = tmp.path() / "case";
  copy_case("types", root);
  std::string yaml = read_text(root / "sqlgen.yaml");
  const std::string options = "options:\n  max_params: 3\n";
  REQUIRE(yaml.find(options) != std::string::npos);
  yaml.replace(yaml.find(options), options.size(), options + "  json: false\n");
  REQUIRE(util::write_file_atomic(root / "sqlgen.yaml", yaml).empty());
  GenerateRun r = generate(root / "sqlgen.yaml");
  INFO(r.diagnostics);
  REQUIRE(r.exit_code == 0);
  // The include directory of a program without nlohmann/json: its header is an #error.
  fs::path poison = tmp.path() / "poison";
  REQUIRE(util::write_file_atomic(poison / "nlohmann/json.hpp",
                                  "#error \"nlohmann/json.hpp included\"\n")
              .empty());
  size_t headers = 0, sources = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / "expected")) {
    if (e.path().extension() != ".hpp" && e.path().extension() != ".cpp") continue;
    ++(e.path().extension() == ".hpp" ? headers : sources);
    std::string text = read_text(e.path());
    INFO(e.path().string());
    CHECK(text.find("nlohmann") == std::string::npos);
    std::string rel = e.path().lexically_relative(root / "expected").generic_string();
    fs::path tu = tmp.path() / ("tu" + std::to_string(headers + sources) + ".cpp");
    REQUIRE(util::write_file_atomic(tu, "#include \"" + rel + "\"\n").empty());
    auto [rc, log] =
        compile("-fsyntax-only -I" + shell_quote(poison.string()) + " -I" +
                shell_quote((root / "expected").string()) + " " + shell_quote(tu.string()));
    INFO(log);
    CHECK(rc == 0);
  }
  CHECK(headers == 4);
  CHECK(sources == 3);  // app/queries.cpp, reports/queries.cpp, sqlgen_queries.cpp
  // json and jsonb columns are their text.
  CHECK(read_text(root / "expected/app/models.hpp").find("std::optional<std::string> docb{};") !=
        std::string::npos);
}

namespace {

/// Makes every libpqxx header a generated header could reach for an #error in `dir` (not
/// <pqxx/types>, its forward declarations).
void poison_pqxx(const fs::path& dir) {
  for (const char* h : {"pqxx/pqxx", "pqxx/connection", "pqxx/transaction", "pqxx/result",
                        "pqxx/row", "pqxx/field", "pqxx/stream_to", "pqxx/pipeline"}) {
    REQUIRE(
        util::write_file_atomic(dir / h, std::string("#error \"") + h + " included\"\n").empty());
  }
}

/// An include directory whose nlohmann/json.hpp is an #error: a program without nlohmann/json.
fs::path poisoned_nlohmann(const fs::path& dir) {
  REQUIRE(
      util::write_file_atomic(dir / "nlohmann/json.hpp", "#error \"nlohmann/json.hpp included\"\n")
          .empty());
  return dir;
}

/// Compiles a translation unit holding `source` with `-I<poison> -I<root>` (`poison` holding
/// #error headers); true on success (the compiler's output is logged otherwise).
bool compiles_beside_poison(const fs::path& poison, const fs::path& root, const fs::path& tu,
                            const std::string& source) {
  REQUIRE(util::write_file_atomic(tu, source).empty());
  auto [rc, log] = compile("-fsyntax-only -I" + shell_quote(poison.string()) + " -I" +
                           shell_quote(root.string()) + " " + shell_quote(tu.string()));
  UNSCOPED_INFO(log);
  return rc == 0;
}

}  // namespace

TEST_CASE(
    "json: auto: headers of modules without JSON values need no nlohmann/json.hpp nor libpqxx",
    "[codegen][compile]") {
  util::TempDir tmp("sqlgen-autojson");
  fs::path poison = poisoned_nlohmann(tmp.path() / "poison");
  // Nor libpqxx: their functions are defined in the .cpp files.
  poison_pqxx(poison);
  // Golden modules without json or jsonb values: the example app's identity, the audit case's
  // ledger, the tx case's bank, the optional filters case's work.
  const std::pair<fs::path, std::string> modules[] = {
      {fs::path(SQLGEN_SOURCE_DIR) / "generated", "identity"},
      {codegen_case("audit") / "expected", "ledger"},
      {codegen_case("tx") / "expected", "bank"},
      {codegen_case("optional_filters") / "expected", "work"}};
  size_t n = 0;
  for (const auto& [root, module] : modules) {
    for (const char* file : {"models.hpp", "queries.hpp", "audit.hpp"}) {
      if (!fs::exists(root / module / file)) continue;
      std::string rel = module + "/" + file;
      INFO(rel);
      CHECK(read_text(root / rel).find("nlohmann") == std::string::npos);
      CHECK(compiles_beside_poison(poison, root, tmp.path() / (std::to_string(n++) + ".cpp"),
                                   "#include \"" + rel + "\"\n"));
    }
  }
  CHECK(n == 10);
  // The control: a module with jsonb columns still includes it, and fails there.
  fs::path app = fs::path(SQLGEN_SOURCE_DIR) / "generated";
  CHECK(read_text(app / "billing/models.hpp").find("#include <nlohmann/json.hpp>") !=
        std::string::npos);
  CHECK_FALSE(compiles_beside_poison(poison, app, tmp.path() / "billing.cpp",
                                     "#include \"billing/queries.hpp\"\n"));
}

TEST_CASE("generated headers include no libpqxx header but <pqxx/types>", "[codegen][compile]") {
  util::TempDir tmp("sqlgen-light");
  // The headers of modules without JSON: the json: auto test above, with libpqxx poisoned too.
  // A module with JSON (jsonb columns): nlohmann/json.hpp, still no libpqxx.
  const fs::path app = fs::path(SQLGEN_SOURCE_DIR) / "generated";
  fs::path only_pqxx = tmp.path() / "only_pqxx";
  poison_pqxx(only_pqxx);
  CHECK(compiles_beside_poison(only_pqxx, app, tmp.path() / "billing.cpp",
                               "#include \"billing/queries.hpp\"\n"));
  // The controls: the modules' .cpp include libpqxx, and fail there.
  CHECK_FALSE(compiles_beside_poison(only_pqxx, app, tmp.path() / "billing_cpp.cpp",
                                     "#include \"billing/queries.cpp\"\n"));
  CHECK_FALSE(compiles_beside_poison(only_pqxx, app, tmp.path() / "identity_cpp.cpp",
                                     "#include \"identity/queries.cpp\"\n"));
}

TEST_CASE("json: auto: a module with JSON converts another module's types through its json.hpp",
          "[codegen][compile]") {
  util::TempDir tmp("sqlgen-autojson");
  fs::path root = tmp.path() / "project";
  // b: an enum and a table, no JSON value; a: a jsonb column, b's enum, an embed of b's table.
  const std::vector<std::pair<std::string, std::string>> files = {
      {"sqlgen.yaml",
       "version: \"1\"\noutput: out\nmodules:\n"
       "  - {name: b, migrations: migrations/b, queries: queries/b, schema: b}\n"
       "  - {name: a, migrations: migrations/a, queries: queries/a, schema: a}\n"},
      {"migrations/b/001_init.sql",
       "-- +goose Up\nCREATE SCHEMA b;\nCREATE TYPE b.mood AS ENUM ('ok', 'sad');\n"
       "CREATE TABLE b.people (id int PRIMARY KEY, mood b.mood NOT NULL);\n"},
      {"queries/b/people.sql", "-- name: GetPerson :one\nSELECT * FROM b.people WHERE id = @id;\n"},
      {"migrations/a/001_init.sql",
       "-- +goose Up\nCREATE SCHEMA a;\nCREATE TABLE a.notes (id int NOT NULL, person_id int NOT "
       "NULL, body jsonb NOT NULL, mood b.mood NOT NULL);\n"},
      {"queries/a/notes.sql",
       "-- name: NotesWithPeople :many\nSELECT sqlc.embed(n), sqlc.embed(p) FROM a.notes n "
       "JOIN b.people p ON p.id = n.person_id;\n"},
  };
  for (const auto& [path, text] : files) {
    REQUIRE(util::write_file_atomic(root / path, text).empty());
  }
  GenerateRun r = generate(root / "sqlgen.yaml");
  INFO(r.diagnostics);
  REQUIRE(r.exit_code == 0);
  fs::path out = root / "out";
  // b's own headers: no JSON; its json.hpp: the JSON of its enum and struct.
  CHECK(read_text(out / "b/models.hpp").find("nlohmann") == std::string::npos);
  CHECK(read_text(out / "b/queries.hpp").find("nlohmann") == std::string::npos);
  std::string companion = read_text(out / "b/json.hpp");
  CHECK(companion.find("#include \"models.hpp\"\n") != std::string::npos);
  CHECK(companion.find("inline void to_json(nlohmann::json& j, Mood v)") != std::string::npos);
  CHECK(companion.find("inline void from_json(const nlohmann::json& j, Mood& v)") !=
        std::string::npos);
  CHECK(companion.find("inline void to_json(nlohmann::json& j, const Person& v)") !=
        std::string::npos);
  // a's headers include it instead of b's models.hpp.
  for (const char* file : {"a/models.hpp", "a/queries.hpp"}) {
    std::string text = read_text(out / file);
    INFO(file);
    CHECK(text.find("#include \"../b/json.hpp\"\n") != std::string::npos);
    CHECK(text.find("../b/models.hpp") == std::string::npos);
    CHECK(text.find("inline void to_json(nlohmann::json& j, const ") != std::string::npos);
  }
  fs::path poison = poisoned_nlohmann(tmp.path() / "poison");
  CHECK(compiles_beside_poison(poison, out, tmp.path() / "b.cpp", "#include \"b/queries.hpp\"\n"));
  // A row of a holding b's enum and struct, to JSON and back.
  REQUIRE(util::write_file_atomic(tmp.path() / "main.cpp", R"(#include <iostream>
#include "a/queries.hpp"
int main() {
  a::NotesWithPeopleRow row{{1, 2, {{"k", 3}}, b::Mood::sad}, {2, b::Mood::ok}};
  nlohmann::json j = row;
  std::cout << j.dump() << (j.get<a::NotesWithPeopleRow>() == row ? "\nround trip\n" : "\n");
}
)")
              .empty());
  fs::path exe = tmp.path() / "main";
  auto [rc, log] = compile("-I" + shell_quote(out.string()) + " " +
                           shell_quote((tmp.path() / "main.cpp").string()) + " -o " +
                           shell_quote(exe.string()) + " -lpqxx -lpq");
  INFO(log);
  REQUIRE(rc == 0);
  RunResult run = run_command(shell_quote(exe.string()));
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(
      run.out ==
      R"({"note":{"body":{"k":3},"id":1,"mood":"sad","person_id":2},"person":{"id":2,"mood":"ok"}})"
      "\nround trip\n");

  // json: true: JSON in every module, no json.hpp (the stale one is removed).
  std::string yaml = read_text(root / "sqlgen.yaml");
  REQUIRE(util::write_file_atomic(root / "sqlgen.yaml", "options: {json: true}\n" + yaml).empty());
  r = generate(root / "sqlgen.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(out / "b/json.hpp"));
  CHECK(read_text(out / "b/models.hpp").find("inline void to_json(nlohmann::json& j, Mood v)") !=
        std::string::npos);
  CHECK(read_text(out / "a/queries.hpp").find("#include \"../b/models.hpp\"\n") !=
        std::string::npos);
}
