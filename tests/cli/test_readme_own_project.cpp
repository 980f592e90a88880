// The README's "Your own project" section, followed literally: its shell lines run in a temp
// dir (sqlgen on PATH), the config it shows must be what `sqlgen init` writes once comments
// are stripped, its main.cpp is compiled with its g++ line, the schema is loaded with its psql
// line, and the program runs against a fresh database. Fails when the README and the tool
// disagree.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

struct Block {
  std::string lang;
  std::string text;
};

/// The text of README.md's `## Your own project` section, up to the next `## ` heading.
std::string own_project_section() {
  util::ReadResult readme = util::read_file(fs::path(SQLGEN_SOURCE_DIR) / "README.md");
  REQUIRE(readme.text);
  const std::string& text = *readme.text;
  size_t begin = text.find("\n## Your own project\n");
  REQUIRE(begin != std::string::npos);
  size_t end = text.find("\n## ", begin + 1);
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

/// The fenced code blocks of `section`, in order.
std::vector<Block> code_blocks(const std::string& section) {
  std::vector<Block> blocks;
  std::istringstream in(section);
  std::string line;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) {
      if (open) {
        open = nullptr;
      } else {
        blocks.push_back({line.substr(3), ""});
        open = &blocks.back();
      }
      continue;
    }
    if (open) open->text += line + "\n";
  }
  return blocks;
}

/// `text` without `#` comments (outside double quotes), blank lines and trailing blanks.
std::string strip_comments(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      if (line[i] == '#' && !quoted) {
        line.resize(i);
        break;
      }
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (!line.empty()) out += line + "\n";
  }
  return out;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

/// PG* environment assignments (`PGHOST=... PGPORT=... `) equivalent to `conninfo`.
std::string pg_environment(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) PQfreemem(error);
  REQUIRE(options);
  std::string env;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val || !o->envvar) continue;
    env += std::string(o->envvar) + "=" + shell_quote(o->val) + " ";
  }
  PQconninfoFree(options);
  return env;
}

}  // namespace

TEST_CASE("README: \"Your own project\" works as written", "[cli][init][readme][pg]") {
  const std::string section = own_project_section();
  std::vector<Block> blocks = code_blocks(section);
  REQUIRE(blocks.size() == 4);
  REQUIRE(blocks[0].lang == "sh");
  REQUIRE(blocks[1].lang == "yaml");
  REQUIRE(blocks[2].lang == "cpp");
  REQUIRE(blocks[3].lang == "sh");

  util::TempDir dir("sqlgen-readme");
  // `sqlgen` on PATH is the binary under test.
  fs::path bin = dir.path() / "bin";
  fs::create_directories(bin);
  fs::create_symlink(fs::path(SQLGEN_BINARY), bin / "sqlgen");
  const std::string path = "PATH=" + shell_quote(bin.string()) + ":\"$PATH\" ";

  // The first commands: mkdir shop && cd shop, sqlgen init, sqlgen generate.
  RunResult start =
      run_command(path + "sh -ec " + shell_quote(blocks[0].text), dir.path().string());
  INFO(blocks[0].text << start.out << start.err);
  REQUIRE(start.exit_code == 0);
  const fs::path shop = dir.path() / "shop";
  REQUIRE(fs::exists(shop / "generated/shop/queries.hpp"));

  // The config shown is the one init writes, without its comments.
  util::ReadResult written = util::read_file(shop / "sqlgen.yaml");
  REQUIRE(written.text);
  CHECK(strip_comments(*written.text) == strip_comments(blocks[1].text));

  // main.cpp, compiled with the README's line.
  REQUIRE(blocks[2].text.rfind("// main.cpp\n", 0) == 0);
  REQUIRE(util::write_file_atomic(shop / "main.cpp", blocks[2].text).empty());
  std::string compile_line = strip_comments(blocks[3].text);
  REQUIRE(compile_line.find("<sqlgen>/include") != std::string::npos);
  replace_all(compile_line, "<sqlgen>/include",
              shell_quote((fs::path(SQLGEN_SOURCE_DIR) / "generator/include").string()));
  RunResult built = run_command(compile_line, shop.string());
  INFO(compile_line << built.out << built.err);
  REQUIRE(built.exit_code == 0);
  REQUIRE(fs::exists(shop / "a.out"));

  // The development database: `sqlgen dump`, then the README's psql line.
  size_t psql_at = section.find("`psql ");
  REQUIRE(psql_at != std::string::npos);
  std::string psql = section.substr(psql_at + 1, section.find('`', psql_at + 1) - psql_at - 1);
  FreshDatabase db = fresh_database();
  RunResult dump = run_command(path + "sqlgen dump", shop.string());
  INFO(dump.out << dump.err);
  REQUIRE(dump.exit_code == 0);
  RunResult load = run_command(
      "export DATABASE_URL=" + shell_quote(db.conninfo()) + "; " + psql + " -v ON_ERROR_STOP=1 -q",
      shop.string());
  INFO(psql << load.out << load.err);
  REQUIRE(load.exit_code == 0);
  RunResult row = run_command("psql " + shell_quote(db.conninfo()) +
                                  " -v ON_ERROR_STOP=1 -qc \"INSERT INTO items (name) "
                                  "VALUES ('first item')\"",
                              shop.string());
  INFO(row.err);
  REQUIRE(row.exit_code == 0);

  // The program finds the row through the PG* environment, as the README says.
  RunResult run = run_command(pg_environment(db.conninfo()) + "./a.out", shop.string());
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out == "first item\n");
}
