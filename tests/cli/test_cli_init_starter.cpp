// `sqlgen init` without --from-sqlc: a starter project that generates compiling C++ as written,
// a module name from the directory, and files never overwritten.
#include <catch2/catch.hpp>
#include <string>

#include "codegen/codegen_support.hpp"
#include "config/config.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::compile;
using testing::run_sqlgen;
using testing::shell_quote;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string read(const fs::path& path) { return util::read_file(path).text.value_or("<missing>"); }

}  // namespace

TEST_CASE("init: a starter project generates headers that compile", "[cli][init][compile]") {
  util::TempDir dir;
  auto init = run_sqlgen("init --module shop", dir.path().string());
  INFO(init.err << init.out);
  REQUIRE(init.exit_code == 0);
  CHECK(init.err.empty());
  CHECK(contains(init.out,
                 "sqlgen: wrote sqlgen.yaml, migrations/shop/001_init.sql, "
                 "queries/shop/queries.sql (module \"shop\")"));
  CHECK(contains(init.out, "  sqlgen generate "));
  CHECK(contains(init.out, "  sqlgen dump "));
  CHECK(contains(init.out, "-Igenerated "));
  CHECK(contains(read(dir.path() / "migrations/shop/001_init.sql"), "-- +goose Down"));

  auto gen = run_sqlgen("generate", dir.path().string());
  INFO(gen.err << gen.out << read(dir.path() / "sqlgen.yaml"));
  REQUIRE(gen.exit_code == 0);
  CHECK(gen.err.empty());  // not even a warning
  const fs::path generated = dir.path() / "generated";
  REQUIRE(util::write_file_atomic(dir.path() / "main.cpp",
                                  "#include \"shop/queries.hpp\"\n"
                                  "int main() {\n"
                                  "  auto get = &shop::Queries::get_item;\n"
                                  "  (void)get;\n"
                                  "  (void)&shop::Queries::prepare;\n"
                                  "}\n")
              .empty());
  auto [rc, log] = compile("-fsyntax-only -I" + shell_quote(generated.string()) + " " +
                           shell_quote((dir.path() / "main.cpp").string()));
  INFO(log);
  CHECK(rc == 0);

  // The other first commands read it too.
  auto vet = run_sqlgen("vet", dir.path().string());
  INFO(vet.err);
  CHECK(vet.exit_code == 0);
}

TEST_CASE("init: the module is named after the directory, made an identifier", "[cli][init]") {
  util::TempDir dir;
  for (auto [sub, module] : {std::pair{"my-shop", "my_shop"}, std::pair{"2024-app", "m_2024_app"},
                             std::pair{"class", "class_app"}, std::pair{"---", "app"}}) {
    fs::create_directories(dir.path() / sub);
    auto init = run_sqlgen("init", (dir.path() / sub).string());
    INFO(sub << "\n" << init.err);
    CHECK(init.exit_code == 0);
    CHECK(contains(init.out, std::string("(module \"") + module + "\")"));
    CHECK(fs::exists(dir.path() / sub / "queries" / module / "queries.sql"));
  }
  CHECK(config::module_name_from("") == "app");
  CHECK(config::module_name_from("std") == "std_app");
  CHECK(config::module_name_from("Billing_2") == "Billing_2");
}

TEST_CASE("init: -c writes the project next to the config it names", "[cli][init]") {
  util::TempDir dir;
  auto init = run_sqlgen("-c db/sqlgen.yaml init", dir.path().string());
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  CHECK(contains(init.out, "wrote db/sqlgen.yaml, db/migrations/db/001_init.sql"));
  CHECK(contains(init.out, "sqlgen -c db/sqlgen.yaml generate"));
  auto gen = run_sqlgen("-c db/sqlgen.yaml generate", dir.path().string());
  INFO(gen.err);
  CHECK(gen.exit_code == 0);
  CHECK(fs::exists(dir.path() / "db/generated/db/queries.hpp"));
}

TEST_CASE("init: an existing file is an error naming it, and nothing is written", "[cli][init]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "queries/app/queries.sql", "-- mine\n").empty());
  REQUIRE(util::write_file_atomic(dir.path() / "other.txt", "kept\n").empty());
  auto init = run_sqlgen("init --module app", dir.path().string());
  CHECK(init.exit_code == 1);
  CHECK(contains(init.err, "error: \"queries/app/queries.sql\" already exists"));
  CHECK_FALSE(contains(init.err, "sqlgen.yaml"));
  CHECK_FALSE(fs::exists(dir.path() / "sqlgen.yaml"));
  CHECK_FALSE(fs::exists(dir.path() / "migrations"));
  CHECK(read(dir.path() / "queries/app/queries.sql") == "-- mine\n");

  // A second init over a complete project names every file.
  util::TempDir again;
  REQUIRE(run_sqlgen("init", again.path().string()).exit_code == 0);
  std::string before = read(again.path() / "sqlgen.yaml");
  auto second = run_sqlgen("init", again.path().string());
  CHECK(second.exit_code == 1);
  CHECK(contains(second.err, "\"sqlgen.yaml\" already exists"));
  CHECK(contains(second.err, "001_init.sql\" already exists"));
  CHECK(contains(second.err, "queries.sql\" already exists"));
  CHECK(read(again.path() / "sqlgen.yaml") == before);
}

TEST_CASE("init: bad flags", "[cli][init]") {
  util::TempDir dir;
  auto bad_name = run_sqlgen("init --module my-app", dir.path().string());
  CHECK(bad_name.exit_code == 1);
  CHECK(contains(bad_name.err, "did you mean \"my_app\""));
  CHECK_FALSE(fs::exists(dir.path() / "sqlgen.yaml"));
  // --force stays --from-sqlc's: the starter never overwrites.
  CHECK(run_sqlgen("init --force", dir.path().string()).exit_code == 2);
  CHECK(run_sqlgen("init --from-sqlc --module x", dir.path().string()).exit_code == 2);
  CHECK_FALSE(fs::exists(dir.path() / "sqlgen.yaml"));
}

TEST_CASE("init: the starter config parses and names every key", "[config][init]") {
  std::string text = config::starter_config("shop");
  diag::DiagnosticEngine diags;
  auto cfg = config::parse_config(diag::make_source("sqlgen.yaml", text), diags);
  REQUIRE(cfg);
  CHECK(diags.sorted().empty());
  REQUIRE(cfg->modules.size() == 1);
  CHECK(cfg->modules[0].name == "shop");
  CHECK(cfg->modules[0].queries[0].path == "queries/shop");
  for (const auto* keys :
       {&config::global_keys(), &config::module_keys(), &config::override_keys()}) {
    for (const std::string& key : *keys) {
      INFO(key);
      CHECK(contains(text, key + ":"));
    }
  }
}
