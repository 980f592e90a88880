// docs/config.md against the config reader: every key sqlgen.yaml accepts is documented, and
// every documented key is one it accepts, so the reference cannot drift from the code.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "codegen/internal.hpp"
#include "config/config.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

namespace {

/// The keys in the first column of each table of docs/config.md, by the `## ` heading above it.
std::map<std::string, std::set<std::string>> documented_keys() {
  std::optional<std::string> text =
      util::read_file(std::string(SQLGEN_SOURCE_DIR) + "/docs/config.md").text;
  REQUIRE(text);
  std::map<std::string, std::set<std::string>> out;
  std::string heading;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(start, end - start);
    start = end + 1;
    if (line.rfind("## ", 0) == 0) heading = line.substr(3);
    // A row: "| `key` | ...".
    if (line.rfind("| `", 0) != 0) continue;
    size_t close = line.find('`', 3);
    REQUIRE(close != std::string::npos);
    out[heading].insert(line.substr(3, close - 3));
  }
  return out;
}

std::set<std::string> as_set(const std::vector<std::string>& keys) {
  return {keys.begin(), keys.end()};
}

}  // namespace

TEST_CASE("docs/config.md documents exactly the keys the reader accepts", "[config][docs]") {
  std::map<std::string, std::set<std::string>> docs = documented_keys();
  CHECK(docs["Top-level keys"] == as_set(config::global_keys()));
  CHECK(docs["Module keys"] == as_set(config::module_keys()));
  CHECK(docs["Override keys"] == as_set(config::override_keys()));
  CHECK(docs["Options"] == as_set(config::option_keys()));
  // No key table under another heading goes unchecked.
  for (const auto& [heading, keys] : docs) {
    INFO(heading);
    CHECK((heading == "Top-level keys" || heading == "Module keys" || heading == "Override keys" ||
           heading == "Options"));
  }
}

TEST_CASE("docs/config.md: every documented option is one generate accepts", "[config][docs]") {
  // The default column of each option row is a valid value of that option.
  std::optional<std::string> text =
      util::read_file(std::string(SQLGEN_SOURCE_DIR) + "/docs/config.md").text;
  REQUIRE(text);
  std::set<std::string> options = documented_keys()["Options"];
  REQUIRE(options.size() >= 6);
  for (const std::string& option : options) {
    size_t row = text->find("| `" + option + "` |");
    REQUIRE(row != std::string::npos);
    // | `option` | values | `default` | meaning |
    size_t cell = row;
    for (int i = 0; i < 2; ++i) cell = text->find('|', cell + 1);
    size_t open = text->find('`', cell), close = text->find('`', open + 1);
    std::string value = text->substr(open + 1, close - open - 1);
    config::Config cfg;
    cfg.options[option] = value;
    diag::DiagnosticEngine diags;
    (void)codegen::parse_options(cfg, diags);
    INFO(option << ": " << value);
    CHECK(diags.sorted().empty());
  }
}
