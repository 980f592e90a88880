// vet --fix: unsafe ADD VALUE statements rewritten into the recreate-the-type pattern, on
// temporary copies of the sets under tests/cases/vet/fix/. The fixed set must vet clean,
// keep every byte outside the rewritten statement, and build the same catalog.
#include <catch2/catch.hpp>
#include <filesystem>

#include "catalog/catalog.hpp"
#include "support/catalog_facts.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

/// The report of a check that must find unsafe uses.
vet::Report check_unsafe(const testing::VetSet& set) {
  diag::DiagnosticEngine diags;
  vet::Report report = vet::check(set.migrations, set.options, diags);
  CHECK(diags.has_errors());
  return report;
}

/// Fixes the set in `dir` (a temporary copy) and returns the fixes written.
std::vector<vet::FileFix> fix_in_place(const fs::path& dir) {
  vet::Report report = check_unsafe(testing::load_vet_set(dir));
  diag::DiagnosticEngine diags;
  std::vector<vet::FileFix> fixes = vet::plan_fixes(report, diags);
  INFO(testing::rendered(diags));
  CHECK(diags.sorted().empty());
  REQUIRE(vet::write_fixes(fixes, diags));
  return fixes;
}

/// Vets the set in `dir` with the enum rule alone and expects nothing to report.
void expect_clean(const fs::path& dir) {
  testing::VetSet set = testing::load_vet_set(dir);
  diag::DiagnosticEngine diags;
  vet::Report report = vet::check(
      set.migrations, testing::only_rule(set.options, "enum-value-used-in-transaction"), diags);
  INFO(testing::rendered(diags));
  CHECK(diags.sorted().empty());
  CHECK(report.unsafe_add_values.empty());
}

std::string read(const fs::path& path) {
  util::ReadResult r = util::read_file(path);
  REQUIRE(r.text);
  return *r.text;
}

}  // namespace

TEST_CASE("vet --fix: recreates the type for every column, defaults and comment restored",
          "[vet]") {
  util::TempDir tmp("sqlgen-vet");
  testing::copy_files(testing::vet_case_dir("fix", "recreate"), tmp.path());
  const fs::path file = tmp.path() / "002_add_azure.sql";
  const std::string before = read(file);
  testing::VetSet original = testing::load_vet_set(tmp.path());
  vet::Report report = check_unsafe(original);
  REQUIRE(report.unsafe_add_values.size() == 1);
  const vet::UnsafeAddValue& u = report.unsafe_add_values[0];
  CHECK(u.errors == 2);  // 002's UPDATE and 003's INSERT
  CHECK(u.replacement ==
        "CREATE TYPE ai.provider_type_new AS ENUM ('openai', 'azure_openai', 'anthropic');\n"
        "ALTER TABLE ai.providers ALTER COLUMN provider_type DROP DEFAULT;\n"
        "ALTER TABLE ai.providers"
        " ALTER COLUMN provider_type TYPE ai.provider_type_new"
        " USING provider_type::text::ai.provider_type_new,"
        " ALTER COLUMN fallbacks TYPE ai.provider_type_new[]"
        " USING fallbacks::text[]::ai.provider_type_new[];\n"
        "ALTER TABLE billing.usage ALTER COLUMN provider DROP DEFAULT;\n"
        "ALTER TABLE billing.usage"
        " ALTER COLUMN provider TYPE ai.provider_type_new"
        " USING provider::text::ai.provider_type_new;\n"
        "ALTER TABLE ai.events"
        " ALTER COLUMN provider TYPE ai.provider_type_new"
        " USING provider::text::ai.provider_type_new;\n"
        "DROP TYPE ai.provider_type;\n"
        "ALTER TYPE ai.provider_type_new RENAME TO provider_type;\n"
        "ALTER TABLE ai.providers ALTER COLUMN provider_type SET DEFAULT 'openai';\n"
        "ALTER TABLE billing.usage ALTER COLUMN provider SET DEFAULT "
        "'anthropic'::ai.provider_type;\n"
        "COMMENT ON TYPE ai.provider_type IS 'Who hosts the model; ''azure'' hosts openai models "
        "too.'");

  std::vector<vet::FileFix> fixes = fix_in_place(tmp.path());
  REQUIRE(fixes.size() == 1);
  CHECK(fixes[0].rewritten == 1);
  CHECK(fs::path(fixes[0].path).filename() == "002_add_azure.sql");

  // Every byte outside the statement is kept.
  const std::string after = read(file);
  CHECK(after == before.substr(0, u.offset) + u.replacement + before.substr(u.offset + u.length));
  CHECK(read(tmp.path() / "001_init.sql") ==
        read(testing::vet_case_dir("fix", "recreate") / "001_init.sql"));

  expect_clean(tmp.path());
  // The same catalog: JSON (positions aside) and the oracle's facts.
  testing::VetSet fixed = testing::load_vet_set(tmp.path());
  CHECK(testing::catalog_json_without_positions(fixed.migrations) ==
        testing::catalog_json_without_positions(original.migrations));
  diag::DiagnosticEngine diags;
  CHECK(testing::catalog_facts(catalog::build_catalog(fixed.migrations, diags)) ==
        testing::catalog_facts(catalog::build_catalog(original.migrations, diags)));
}

TEST_CASE("vet --fix: an ADD VALUE inside a goose StatementBegin/End block", "[vet]") {
  util::TempDir tmp("sqlgen-vet");
  testing::write_files(tmp.path(),
                       {{"001_init.sql",
                         "-- +goose Up\nCREATE TYPE mood AS ENUM ('sad', 'ok');\n"
                         "CREATE TABLE person (name text, current_mood mood DEFAULT 'ok');\n"},
                        {"002_happy.sql",
                         "-- +goose Up\n-- +goose StatementBegin\n"
                         "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' BEFORE 'ok';\n"
                         "UPDATE person SET current_mood = 'happy' WHERE name = 'Ann';\n"
                         "-- +goose StatementEnd\n"}});
  testing::VetSet original = testing::load_vet_set(tmp.path());
  fix_in_place(tmp.path());
  CHECK(read(tmp.path() / "002_happy.sql") ==
        "-- +goose Up\n-- +goose StatementBegin\n"
        "CREATE TYPE public.mood_new AS ENUM ('sad', 'happy', 'ok');\n"
        "ALTER TABLE public.person ALTER COLUMN current_mood DROP DEFAULT;\n"
        "ALTER TABLE public.person ALTER COLUMN current_mood TYPE public.mood_new"
        " USING current_mood::text::public.mood_new;\n"
        "DROP TYPE public.mood;\n"
        "ALTER TYPE public.mood_new RENAME TO mood;\n"
        "ALTER TABLE public.person ALTER COLUMN current_mood SET DEFAULT 'ok';\n"
        "UPDATE person SET current_mood = 'happy' WHERE name = 'Ann';\n"
        "-- +goose StatementEnd\n");
  expect_clean(tmp.path());
  CHECK(testing::catalog_json_without_positions(testing::load_vet_set(tmp.path()).migrations) ==
        testing::catalog_json_without_positions(original.migrations));
}

TEST_CASE("vet --fix: picks a free name for the new type and quotes identifiers", "[vet]") {
  util::TempDir tmp("sqlgen-vet");
  testing::write_files(tmp.path(),
                       {{"001_init.sql",
                         "CREATE SCHEMA \"Ops\";\n"
                         "CREATE TYPE \"Ops\".\"Level\" AS ENUM ('low');\n"
                         "CREATE TYPE \"Ops\".\"Level_new\" AS ENUM ('x');\n"
                         "CREATE TABLE \"Ops\".\"user\" (\"order\" \"Ops\".\"Level\");\n"},
                        {"002_add.sql",
                         "ALTER TYPE \"Ops\".\"Level\" ADD VALUE 'it''s high';\n"
                         "INSERT INTO \"Ops\".\"user\" VALUES ('it''s high');\n"}});
  testing::VetSet original = testing::load_vet_set(tmp.path());
  fix_in_place(tmp.path());
  CHECK(read(tmp.path() / "002_add.sql") ==
        "CREATE TYPE \"Ops\".\"Level_new2\" AS ENUM ('low', 'it''s high');\n"
        "ALTER TABLE \"Ops\".\"user\" ALTER COLUMN \"order\" TYPE \"Ops\".\"Level_new2\""
        " USING \"order\"::text::\"Ops\".\"Level_new2\";\n"
        "DROP TYPE \"Ops\".\"Level\";\n"
        "ALTER TYPE \"Ops\".\"Level_new2\" RENAME TO \"Level\";\n"
        "INSERT INTO \"Ops\".\"user\" VALUES ('it''s high');\n");
  expect_clean(tmp.path());
  CHECK(testing::catalog_json_without_positions(testing::load_vet_set(tmp.path()).migrations) ==
        testing::catalog_json_without_positions(original.migrations));
}

TEST_CASE("vet --fix: objects the pattern cannot carry over leave the statement as it is",
          "[vet]") {
  struct Blocker {
    std::string sql;
    std::string reason;
  };
  std::vector<Blocker> blockers = {
      {"CREATE VIEW hot AS SELECT name FROM person WHERE name <> '';",
       "view \"public.hot\" reads \"public.person\""},
      // Read through a subquery under a function call.
      {"CREATE VIEW first_name AS SELECT coalesce((SELECT name FROM person LIMIT 1), '');",
       "view \"public.first_name\" reads \"public.person\""},
      {"ALTER TABLE person ADD CONSTRAINT not_sad CHECK (current_mood <> 'sad');",
       "check constraint \"not_sad\" of \"public.person\" may compare column \"current_mood\" of "
       "\"public.person\" with values of the old type"},
      {"CREATE DOMAIN good_mood AS mood CHECK (VALUE <> 'sad');",
       "domain \"public.good_mood\" is based on it"},
      {"CREATE TYPE day AS (at date, feeling mood);",
       "composite type \"public.day\" has a field of it"},
      {"CREATE FUNCTION cheer(m mood) RETURNS text LANGUAGE sql AS $$ SELECT 'yay' $$;",
       "function \"public.cheer\" uses it"},
      {"CREATE TABLE history (feeling mood GENERATED ALWAYS AS ('sad') STORED);",
       "column \"feeling\" of \"public.history\" is generated"},
      {"CREATE TABLE moods (at date, feeling mood) PARTITION BY RANGE (at);\n"
       "CREATE TABLE moods_2024 PARTITION OF moods FOR VALUES FROM ('2024-01-01') TO "
       "('2025-01-01');",
       "column \"feeling\" of \"public.moods_2024\" is inherited from \"public.moods\""},
  };
  for (const Blocker& b : blockers) {
    INFO(b.sql);
    util::TempDir tmp("sqlgen-vet");
    const std::string add = "ALTER TYPE mood ADD VALUE 'happy';\nSELECT 'happy'::mood;\n";
    testing::write_files(tmp.path(), {{"001_init.sql",
                                       "CREATE TYPE mood AS ENUM ('sad');\n"
                                       "CREATE TABLE person (name text, current_mood mood);\n" +
                                           b.sql + "\n"},
                                      {"002_add.sql", add}});
    vet::Report report = check_unsafe(testing::load_vet_set(tmp.path()));
    REQUIRE(report.unsafe_add_values.size() == 1);
    CHECK(report.unsafe_add_values[0].replacement.empty());
    CHECK(report.unsafe_add_values[0].not_fixable == b.reason);
    diag::DiagnosticEngine diags;
    CHECK(vet::plan_fixes(report, diags).empty());
    std::vector<diag::Diagnostic> all = diags.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].severity == diag::Severity::Warning);
    CHECK(all[0].message ==
          "cannot rewrite this \"ADD VALUE\" into a recreated type "
          "\"public.mood\": " +
              b.reason);
    CHECK(read(tmp.path() / "002_add.sql") == add);
  }
}
