#include "vet/vet_support.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;

namespace sqlgen::testing {

namespace {

void strip_positions(nlohmann::json& j) {
  if (j.is_object()) {
    j.erase("file");
    j.erase("line");
    for (auto& [key, value] : j.items()) strip_positions(value);
  } else if (j.is_array()) {
    for (nlohmann::json& value : j) strip_positions(value);
  }
}

}  // namespace

fs::path vet_case_dir(const std::string& group, const std::string& name) {
  return fs::path(SQLGEN_TESTS_DIR) / "cases" / "vet" / group / name;
}

VetSet load_vet_set(const fs::path& dir) {
  VetSet set;
  diag::DiagnosticEngine diags;
  set.migrations = source::load_schema_paths({dir.string()}, diags);
  INFO(rendered(diags));
  REQUIRE(diags.sorted().empty());
  util::ReadResult mode = util::read_file(dir / "mode");
  if (mode.text) {
    std::string text = *mode.text;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    std::optional<vet::TransactionMode> parsed = vet::parse_transaction_mode(text);
    REQUIRE(parsed);
    set.options.mode = *parsed;
  }
  return set;
}

vet::Options only_rule(vet::Options options, std::string_view rule) {
  for (const vet::RuleInfo& r : vet::rules()) {
    if (r.id != rule)
      options.levels.push_back(vet::RuleLevel{std::string(r.id), vet::Level::Off, {}});
  }
  return options;
}

void copy_files(const fs::path& from, const fs::path& to) {
  for (const fs::directory_entry& entry : fs::directory_iterator(from)) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), to / entry.path().filename());
  }
}

void write_files(const fs::path& dir,
                 const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [name, text] : files) REQUIRE(util::write_file_atomic(dir / name, text).empty());
}

std::string catalog_json_without_positions(const std::vector<source::Migration>& migrations) {
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags, analyze::view_binder());
  INFO(rendered(diags));
  REQUIRE_FALSE(diags.has_errors());
  nlohmann::json j = cat.to_json();
  strip_positions(j);
  return j.dump(1);
}

std::string rendered(const diag::DiagnosticEngine& diags) { return diag::render_all(diags, false); }

}  // namespace sqlgen::testing
