#pragma once
/// What the fuzz targets share: libFuzzer's setup (one thread: `parallel_for` runs its jobs
/// inline) and a fixed project held in memory, the codegen golden case
/// (tests/cases/codegen/types: two modules, every mapped type, every query command), embedded
/// at build time so no target reads a file while it runs: its config, catalog and analyzed
/// queries, and the view models `sqlgen generate` renders for it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "codegen/codegen.hpp"
#include "codegen/internal.hpp"
#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::fuzz {

/// libFuzzer's bytes as a string.
inline std::string text_of(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Once per process: one job at a time in `util::parallel_for`.
void set_up();

/// The fixed project, built on first use; aborts when the embedded case reports an error (the
/// targets would then fuzz nothing of interest).
struct Fixture {
  config::Config config;
  catalog::Catalog catalog;
  std::vector<codegen::ModuleQueries> modules;  ///< per config module, analyzed
};
const Fixture& fixture();

/// A view model `sqlgen generate` renders, with the template that renders it.
struct View {
  std::string template_name;  ///< "models.hpp", "json.hpp", "queries.hpp", ...
  nlohmann::json view;
};

/// The view models of `modules` (queries of the fixture's config modules, in their order) over
/// the fixture's config and catalog, as codegen::generate builds them (codegen::file_views:
/// per module models.hpp, a JSON companion json.hpp where needed, queries.hpp).
std::vector<View> build_views(const std::vector<codegen::ModuleQueries>& modules,
                              diag::DiagnosticEngine& diags);

/// The built-in templates, parsed once (what `generate` uses without a templates directory).
const codegen::TemplateSet& builtin_template_set();

}  // namespace sqlgen::fuzz
