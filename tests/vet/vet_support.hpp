#pragma once
// Helpers shared by vet's tests: loading the migration sets of tests/cases/vet/, copying a
// set to a temporary directory for the fixer, and the catalog of a set as comparable text.

#include <filesystem>
#include <string>
#include <vector>

#include "source/migrations.hpp"
#include "vet/vet.hpp"

namespace sqlgen::testing {

/// tests/cases/vet/<group>/<name>.
std::filesystem::path vet_case_dir(const std::string& group, const std::string& name);

/// A migration set loaded without a config, with the transaction mode its optional `mode`
/// file names (default single).
struct VetSet {
  std::vector<source::Migration> migrations;
  vet::Options options;
};

/// Loads the set in `dir`; loading must report nothing.
VetSet load_vet_set(const std::filesystem::path& dir);

/// `options` with every rule but `rule` off (fixtures about one rule).
vet::Options only_rule(vet::Options options, std::string_view rule);

/// Copies the files of `from` (not recursively) into `to`.
void copy_files(const std::filesystem::path& from, const std::filesystem::path& to);

/// Writes `files` (name → text) into `dir`.
void write_files(const std::filesystem::path& dir,
                 const std::vector<std::pair<std::string, std::string>>& files);

/// The catalog the set builds as JSON text without the "file" and "line" fields (which move
/// when a statement is rewritten); the build must report no errors.
std::string catalog_json_without_positions(const std::vector<source::Migration>& migrations);

/// Every diagnostic `diags` holds, rendered as text (for failure messages).
std::string rendered(const diag::DiagnosticEngine& diags);

}  // namespace sqlgen::testing
