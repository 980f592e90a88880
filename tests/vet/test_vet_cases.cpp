// vet's diagnostics fixtures: every directory under tests/cases/vet/uses/ is a migration set
// whose files state what vet reports (`-- expected-error {{...}}`, `-- expected-warning`);
// an optional `mode` file names the transaction mode. Sets without expectations must be
// clean. Notes, the report and the example app are checked here too.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>

#include "cli/cmd_vet.hpp"
#include "support/expect_diag.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

/// The case directories of tests/cases/vet/uses/, sorted.
std::vector<fs::path> use_cases() {
  std::set<fs::path> dirs;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(fs::path(SQLGEN_TESTS_DIR) / "cases" / "vet" / "uses")) {
    if (entry.is_directory()) dirs.insert(entry.path());
  }
  return {dirs.begin(), dirs.end()};
}

/// The first diagnostic in a file whose path ends with `file`.
const diag::Diagnostic* find(const std::vector<diag::Diagnostic>& all, const std::string& file) {
  for (const diag::Diagnostic& d : all) {
    if (d.loc.source && d.loc.source->path().ends_with(file)) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("vet: fixtures under tests/cases/vet/uses", "[vet]") {
  std::vector<fs::path> cases = use_cases();
  CHECK(cases.size() >= 12);
  for (const fs::path& dir : cases) {
    testing::VetSet set = testing::load_vet_set(dir);
    diag::DiagnosticEngine diags;
    vet::check(set.migrations, testing::only_rule(set.options, "enum-value-used-in-transaction"),
               diags);
    size_t expected_total = 0;
    for (const source::Migration& m : set.migrations) {
      auto expected = testing::expected_diagnostics(*m.source);
      auto actual = testing::actual_diagnostics(diags, *m.source);
      INFO(m.source->path() << "\nexpected:\n"
                            << testing::to_string(expected) << "actual:\n"
                            << testing::to_string(actual));
      CHECK(expected == actual);
      expected_total += expected.size();
    }
    INFO(dir.filename().string() << ":\n" << testing::rendered(diags));
    CHECK(diags.error_count() + diags.warning_count() == expected_total);
    CHECK(diags.sorted().size() == expected_total);
  }
}

TEST_CASE("vet: a use in a later migration notes the ADD VALUE and the one transaction", "[vet]") {
  testing::VetSet set =
      testing::load_vet_set(testing::vet_case_dir("uses", "single_cross_migration"));
  diag::DiagnosticEngine diags;
  vet::Report report = vet::check(set.migrations, set.options, diags);
  std::vector<diag::Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 1);
  std::string text = diag::render_text(all[0]);
  std::string add = set.migrations[1].source->path();
  std::string use = set.migrations[2].source->path();
  CHECK(
      text ==
      use +
          ":4:21: error: enum value \"c\" of type \"ai.kind\" is used in the same transaction "
          "that adds it (unsafe use of new value, SQLSTATE 55P04) "
          "[enum-value-used-in-transaction]\n"
          "UPDATE ai.t SET k = 'c' WHERE s LIKE 'c%'; -- expected-error {{enum value \"c\" of "
          "type \"ai.kind\" is used in the same transaction that adds it (unsafe use of new "
          "value, SQLSTATE 55P04)}}\n"
          "                    ^~~\n" +
          add + ":2:1: note: value \"c\" added here\n" +
          "ALTER TYPE ai.kind ADD VALUE 'c';\n"
          "^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
          "sqlgen: note: \"" +
          add + "\" and \"" + use +
          "\" run in one transaction (transaction mode \"single\")\n"
          "sqlgen: note: recreating the type instead makes its values usable at once (\"sqlgen vet "
          "--fix\" rewrites the \"ADD VALUE\")\n");
  REQUIRE(report.unsafe_add_values.size() == 1);
  const vet::UnsafeAddValue& u = report.unsafe_add_values[0];
  CHECK(u.type == "ai.kind");
  CHECK(u.value == "c");
  CHECK(u.errors == 1);
  CHECK(u.warnings == 0);
  CHECK(u.source->text().substr(u.offset, u.length) == "ALTER TYPE ai.kind ADD VALUE 'c'");
  CHECK_FALSE(u.replacement.empty());
}

TEST_CASE("vet: per-migration mode commits between migrations", "[vet]") {
  testing::VetSet set =
      testing::load_vet_set(testing::vet_case_dir("uses", "single_cross_migration"));
  set.options.mode = vet::TransactionMode::PerMigration;
  diag::DiagnosticEngine diags;
  vet::Report report = vet::check(set.migrations, set.options, diags);
  CHECK(diags.sorted().empty());
  CHECK(report.unsafe_add_values.empty());
}

TEST_CASE("vet: reports data-dependent casts as warnings, once per added value", "[vet]") {
  testing::VetSet set = testing::load_vet_set(testing::vet_case_dir("uses", "column_casts"));
  diag::DiagnosticEngine diags;
  vet::Report report = vet::check(set.migrations, set.options, diags);
  CHECK(diags.error_count() == 1);
  CHECK(diags.warning_count() == 4);
  REQUIRE(report.unsafe_add_values.size() == 1);
  CHECK(report.unsafe_add_values[0].errors == 1);
  CHECK(report.unsafe_add_values[0].warnings == 4);
  std::vector<diag::Diagnostic> all = diags.sorted();
  const diag::Diagnostic* d = find(all, "002_add_and_convert.sql");
  REQUIRE(d);
  CHECK(d->severity == diag::Severity::Warning);
  CHECK(d->id == diag::DiagId::warn_vet_unsafe_enum_cast);
}

TEST_CASE("vet: parsing modes", "[vet]") {
  CHECK(vet::parse_transaction_mode("single") == vet::TransactionMode::Single);
  CHECK(vet::parse_transaction_mode("per-migration") == vet::TransactionMode::PerMigration);
  CHECK_FALSE(vet::parse_transaction_mode("per_migration"));
  CHECK(vet::transaction_mode_name(vet::TransactionMode::PerMigration) == "per-migration");
}

TEST_CASE("vet: the example app's migrations are clean", "[vet]") {
  cli::Context ctx;
  ctx.config_path = std::string(SQLGEN_SOURCE_DIR) + "/sqlgen.yaml";
  std::ostringstream out;
  CHECK(cli::run_vet(ctx, cli::VetOptions{}, out) == cli::k_exit_ok);
  INFO(testing::rendered(ctx.diags));
  CHECK(ctx.diags.error_count() == 0);
  CHECK(ctx.diags.warning_count() == 0);
  // Only the summary line: "sqlgen: vet: 12 migrations, 0 findings".
  const std::string printed = out.str();
  CHECK(printed.rfind("sqlgen: vet: ", 0) == 0);
  CHECK(printed.find(" migrations, 0 findings\n") != std::string::npos);
  CHECK(std::count(printed.begin(), printed.end(), '\n') == 1);
}
