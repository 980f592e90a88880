// `sqlgen generate`: the project of sqlgen.yaml analyzed and rendered by codegen, catalog.sql
// first, written (or with check, compared) by codegen::write_files; and the stamp policy: when a
// run may skip everything (the stamp says nothing changed) and when it stores a stamp.
#include <filesystem>

#include "codegen/stamp.hpp"
#include "diag/saved.hpp"
#include "driver/audit.hpp"
#include "driver/driver.hpp"
#include "pg/cluster.hpp"
#include "util/cache.hpp"
#include "util/retire.hpp"

namespace sqlgen::driver {

namespace {

/// The generate stamp of one run: checked before anything is read, stored after a clean run.
class Stamp {
 public:
  /// Never with `check`, SQLGEN_NO_CACHE=1, or diagnostics already reported (the config's: the
  /// stamp holds only the run's). Hashes the inputs now, before the real run reads them, so an
  /// input edited while this run works makes the next run miss rather than trust outputs made
  /// from older bytes.
  Stamp(const config::Config& config, bool check, const diag::DiagnosticEngine& diags)
      : m_use(!check && !util::cache_disabled_by_env() && diags.sorted().empty()) {
    if (!m_use) return;
    m_inputs_hash = codegen::generate_inputs_hash(config);
    m_file = codegen::stamp_path(pg::default_cache_dir(), config);
  }

  /// True when the stamp answers the run; `files` receives the outputs found unchanged and
  /// `diags` what the run that wrote the stamp reported (its warnings, printed again).
  bool up_to_date(const config::Config& config, size_t& files, diag::DiagnosticEngine& diags) {
    std::string saved;
    if (!m_use || !codegen::stamp_up_to_date(m_file, m_inputs_hash, config, &files, &m_input_hashes,
                                             &saved)) {
      return false;
    }
    if (saved.empty()) return true;
    std::optional<std::vector<diag::Diagnostic>> replay = diag::load_diagnostics(saved);
    if (!replay) return false;  // unreadable: run for real
    for (diag::Diagnostic& d : *replay) diags.report(std::move(d));
    return true;
  }

  /// Stores the stamp of a run that wrote `files` without an error, with its warnings. A stamp
  /// that cannot be stored only costs the next run its skip.
  void store(const std::vector<codegen::GeneratedFile>& files,
             const diag::DiagnosticEngine& diags) const {
    if (!m_use || diags.has_errors()) return;
    std::string saved;
    if (std::vector<diag::Diagnostic> reported = diags.sorted(); !reported.empty()) {
      std::optional<std::string> text = diag::save_diagnostics(reported);
      if (!text) return;
      saved = std::move(*text);
    }
    // The stamps' directory and the cache dir above it, each made private to this user.
    if (util::prepare_cache_entry_dir(m_file.parent_path()).empty()) {
      (void)codegen::write_stamp(m_file, m_inputs_hash, files, saved, &m_input_hashes);
    }
  }

 private:
  bool m_use = false;
  std::string m_inputs_hash;
  codegen::InputHashes m_input_hashes;
  std::filesystem::path m_file;
};

}  // namespace

GenerateResult generate(const std::string& config_path, const GenerateOptions& options,
                        std::ostream& diff_out, diag::DiagnosticEngine& diags) {
  GenerateResult result;
  std::optional<config::Config> config = config::load_config(config_path, diags);
  if (!config) return result;  // diagnostics explain why
  if (!options.output.empty()) {
    config->output = std::filesystem::absolute(options.output).lexically_normal().generic_string();
  }
  Stamp stamp(*config, options.check, diags);
  if (stamp.up_to_date(*config, result.files, diags)) {
    result.completed = result.up_to_date = true;
    return result;
  }

  std::shared_ptr<QueryPrep> queries;  // read and parsed while the migrations load and apply
  Project project = load(std::move(*config), diags, &queries);
  build_catalog(project, diags);
  // The audit diff helpers need every column of an audited table classified.
  vet::check_audit_coverage(project.catalog, audit_tables(*project.config), diags);
  if (diags.has_errors()) return result;  // write nothing half-right
  analyze_queries(project, diags, nullptr, std::move(queries));
  if (diags.has_errors()) return result;
  std::vector<codegen::GeneratedFile> files =
      codegen::generate(*project.config, project.catalog, project.modules, diags);
  if (diags.has_errors()) return result;
  files.insert(files.begin(),
               codegen::GeneratedFile{
                   (std::filesystem::path(project.config->output) / "catalog.sql").generic_string(),
                   project.catalog.to_sql()});

  result.summary = codegen::write_files(*project.config, files, options.check, diff_out, diags);
  result.completed = true;
  result.files = files.size();
  result.migrations = project.migrations.size();
  for (const codegen::ModuleQueries& mq : project.modules) result.queries += mq.queries.size();
  if (!options.check) stamp.store(files, diags);
  util::retire(std::move(files));
  util::retire(std::move(project));
  return result;
}

}  // namespace sqlgen::driver
