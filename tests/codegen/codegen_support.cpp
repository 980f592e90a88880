#include "codegen/codegen_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run.hpp"

namespace sqlgen::testing {

namespace fs = std::filesystem;

codegen::View to_view(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      codegen::View v = codegen::View::object();
      for (const auto& item : j.items()) v[item.key()] = to_view(item.value());
      return v;
    }
    case nlohmann::json::value_t::array: {
      codegen::View v = codegen::View::array();
      for (const nlohmann::json& item : j) v.push_back(to_view(item));
      return v;
    }
    case nlohmann::json::value_t::string:
      return codegen::View(j.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return codegen::View(j.get<bool>());
    case nlohmann::json::value_t::null:
      return codegen::View();
    default:
      return codegen::View(j.dump());
  }
}

fs::path codegen_case(const std::string& name) {
  return fs::path(SQLGEN_TESTS_DIR) / "cases" / "codegen" / name;
}

GenerateRun generate(const fs::path& config, const cli::GenerateOptions& opts) {
  cli::Context ctx;
  ctx.color = "never";
  ctx.config_path = config.string();
  std::ostringstream out, err;
  int rc = cli::run_generate(ctx, opts, out);
  int diag_rc = ctx.finish(err, false);
  return {rc != cli::k_exit_ok ? rc : diag_rc, out.str(), err.str()};
}

std::string generate_and_read(const fs::path& root, const std::string& generated) {
  GenerateRun r = generate(root / "sqlgen.yaml");
  INFO(r.diagnostics);
  REQUIRE(r.exit_code == 0);
  return read_text(root / generated);
}

void copy_case(const std::string& name, const fs::path& dir) {
  fs::copy(codegen_case(name), dir, fs::copy_options::recursive);
  const fs::path config = dir / "sqlgen.yaml";
  util::ReadResult r = util::read_file(config);
  REQUIRE(r.text);
  const std::string from = "templates: ../../../../templates\n";
  if (size_t at = r.text->find(from); at != std::string::npos) {
    fs::copy(fs::path(SQLGEN_SOURCE_DIR) / "templates", dir / "templates");
    r.text->replace(at, from.size(), copied_case_templates_line());
    REQUIRE(util::write_file_atomic(config, *r.text).empty());
  }
}

std::string copied_case_templates_line() { return "templates: templates\n"; }

std::string read_text(const fs::path& path) {
  util::ReadResult r = util::read_file(path);
  INFO(path.string());
  REQUIRE(r.text);
  return *r.text;
}

std::string cxx() {
#ifdef SQLGEN_CXX
  return SQLGEN_CXX;
#else
  return "c++";
#endif
}

std::pair<int, std::string> compile(const std::string& args) {
#ifdef SQLGEN_CXX_FLAGS
  const std::string extra = " " SQLGEN_CXX_FLAGS;
#else
  const std::string extra;
#endif
  std::string cmd = shell_quote(cxx()) + extra + " -std=c++20 -Wall -Wextra -Wpedantic -Werror -I" +
                    shell_quote(std::string(SQLGEN_SOURCE_DIR) + "/generator/include") + " " + args;
  RunResult r = run_command(cmd);
  return {r.exit_code, cmd + "\n" + r.out + r.err};
}

RunResult run_case_program(const std::string& name, const std::string& conninfo) {
  util::TempDir tmp("sqlgen-case-program");
  const fs::path exe = tmp.path() / "program";
  // -I tests/cases/codegen: the programs' shared EXPECT (expect.hpp); the generated queries'
  // definitions come from the one source that includes them all.
  const fs::path expected = codegen_case(name) / "expected";
  auto [rc, log] = compile("-I" + shell_quote(expected.string()) + " -I" +
                           shell_quote(codegen_case("").string()) + " " +
                           shell_quote((codegen_case(name) / "program.cpp").string()) + " " +
                           shell_quote((expected / codegen::k_all_sources).string()) + " -o " +
                           shell_quote(exe.string()) + " -lpqxx -lpq");
  INFO(log);
  REQUIRE(rc == 0);
  return run_command(shell_quote(exe.string()) + " " + shell_quote(conninfo));
}

void CachedProject::write(const std::string& rel, const std::string& text) const {
  REQUIRE(util::write_file_atomic(dir() / rel, text).empty());
}

RunResult CachedProject::run_sqlgen(const std::string& args, const std::string& env) const {
  RunResult r =
      run_command("env -u SQLGEN_NO_CACHE SQLGEN_CACHE_DIR=" + shell_quote(cache().string()) + " " +
                      env + " " + shell_quote(SQLGEN_BINARY) + " " + args,
                  dir().string());
  UNSCOPED_INFO("sqlgen " << args << " -> " << r.exit_code << "\n" << r.out << r.err);
  return r;
}

}  // namespace sqlgen::testing
