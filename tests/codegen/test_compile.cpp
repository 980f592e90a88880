// Every generated header, of the example app (generated/) and of the golden cases, compiles
// on its own with -Wall -Wextra -Wpedantic -Werror -std=c++20; with `json: false`, also where
// nlohmann/json.hpp cannot be included.
#include <catch2/catch.hpp>
#include <future>

#include "codegen/codegen_support.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

TEST_CASE("generated headers compile cleanly on their own", "[codegen][compile]") {
  util::TempDir tmp("sqlgen-compile");
  const fs::path roots[] = {fs::path(SQLGEN_SOURCE_DIR) / "generated",
                            codegen_case("types") / "expected", codegen_case("audit") / "expected"};
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
  size_t headers = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / "expected")) {
    if (e.path().extension() != ".hpp") continue;
    ++headers;
    std::string text = read_text(e.path());
    INFO(e.path().string());
    CHECK(text.find("nlohmann") == std::string::npos);
    std::string rel = e.path().lexically_relative(root / "expected").generic_string();
    fs::path tu = tmp.path() / ("tu" + std::to_string(headers) + ".cpp");
    REQUIRE(util::write_file_atomic(tu, "#include \"" + rel + "\"\n").empty());
    auto [rc, log] =
        compile("-fsyntax-only -I" + shell_quote(poison.string()) + " -I" +
                shell_quote((root / "expected").string()) + " " + shell_quote(tu.string()));
    INFO(log);
    CHECK(rc == 0);
  }
  CHECK(headers == 4);
  // json and jsonb columns are their text.
  CHECK(read_text(root / "expected/app/models.hpp").find("std::optional<std::string> docb{};") !=
        std::string::npos);
}
