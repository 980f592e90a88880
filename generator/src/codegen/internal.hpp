#pragma once
// Shared between codegen/*.cpp; not part of the stage's public header.
//
// The generator mirrors its output: generate.cpp plans which module owns which catalog object
// (plan.cpp), builds a view model per file (model_models.cpp for models.hpp,
// model_queries.cpp for queries.hpp; types.cpp maps SQL types to C++), checks names per scope
// (scope.cpp) and renders templates strictly (template.cpp).

#include <cstddef>
#include <deque>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "codegen/codegen.hpp"
#include "codegen/view.hpp"

namespace sqlgen::codegen {

using catalog::Oid;

/// Generator options from `options:` in sqlgen.yaml (unknown keys are errors).
struct Options {
  int max_params = 4;  ///< max_params: positional parameters before a struct
  /// json: to_json/from_json for structs and enums in every module (true), in none (false,
  /// json and jsonb then map to their text), or (nullopt: `auto`, the default) only in the
  /// modules whose structs hold a View (see plan_json)
  std::optional<bool> json;
  std::string function_naming = "snake_case";  ///< function_naming: snake_case|camelCase|as_is
  bool nullable_array_elements = false;  ///< nullable_array_elements: std::vector<std::optional<T>>
  bool exact_table_names = false;        ///< exact_table_names: `users` → `Users`, not `User`
  bool class_per_file = false;  ///< query_classes: file → a class and header per query file
};

/// Reads and validates `config.options`.
Options parse_options(const config::Config& config, diag::DiagnosticEngine& diags);

/// A generated model type: which module's models.hpp holds it and its C++ name there.
struct ModelRef {
  size_t module = 0;
  std::string name;
};

/// A table or view with a generated struct, and its fields in column order.
struct RelationModel {
  Oid oid = 0;
  size_t module = 0;
  std::string name;
  struct Field {
    std::string column;  ///< SQL column name
    std::string name;    ///< C++ field name
    std::string type;    ///< C++ type
    std::string comment;
  };
  std::vector<Field> fields;
};

/// A run of consecutive `sqlgen.embed(x)` columns of a query.
struct EmbedRun {
  /// The table or view whose model struct the run fills: the relation the columns come from;
  /// else, when x names a CTE or subquery (sqlc matches the name), the relation named x along
  /// the module's search_path if the run is exactly its columns (names and types in order, NULL
  /// only where it allows NULL). Null when there is none.
  const catalog::Relation* relation = nullptr;
  size_t last = 0;  ///< the run's last column
};

/// Which module owns each generated type and relation struct, and their C++ names.
struct Plan {
  std::vector<const config::Module*> modules;
  std::map<std::string, size_t> module_index;  ///< by module name
  std::map<Oid, ModelRef> types;               ///< enums and composites
  std::map<Oid, ModelRef> relations;           ///< tables and views
  /// Tables and views whose row type is a column's, field's or parameter's type: their
  /// structs also get a record-text codec.
  std::set<Oid> row_types;
  /// The embed runs of every query, by (module, query file, query line, first column).
  std::map<std::tuple<size_t, std::string, uint32_t, size_t>, EmbedRun> embeds;

  /// The embed run starting at column `first` of query `q` of module `module`.
  const EmbedRun& embed_run(size_t module, const analyze::AnalyzedQuery& q, size_t first) const;
};

/// Builds the plan: objects in a module's `schema` belong to it (a module without `schema`
/// owns `public` unless another claims it); objects of other schemas belong to the first
/// module whose queries use them.
Plan make_plan(const config::Config& config, const catalog::Catalog& cat,
               const std::vector<ModuleQueries>& queries, const Options& options = Options{});

/// A mapped C++ type.
struct CppType {
  std::string name;                ///< e.g. "std::optional<std::int64_t>"
  bool by_value = false;           ///< cheap to copy: passed by value
  std::set<std::string> includes;  ///< "<cstdint>", an override's include, ...
  std::set<size_t> modules;        ///< modules whose models.hpp declares a type used here
};

/// Where a value comes from, for `column` overrides.
struct ColumnRef {
  std::string schema;
  std::string table;
  std::string column;
};

/// SQL type → C++ type, with renames, overrides and the plan's generated types.
class TypeMapper {
 public:
  TypeMapper(const catalog::Catalog& cat, const config::Config& config, const Options& options,
             const Plan& plan);
  /// The C++ type of a value of type `oid` (arrays are their own oids), NULL allowed unless
  /// `not_null`, as spelled in module `from`'s namespace.
  CppType map(Oid oid, bool not_null, const std::optional<ColumnRef>& column, size_t from) const;
  /// A generated model type's name as spelled from module `from` ("User" or "::identity::User").
  std::string qualified(const ModelRef& ref, size_t from) const;

 private:
  CppType base_type(Oid oid, size_t from) const;
  const config::Override* find_override(Oid oid, bool not_null,
                                        const std::optional<ColumnRef>& column, size_t from) const;
  /// The database-type override of (oid, not_null) for module `from`, remembered.
  const config::Override* find_type_override(Oid oid, bool not_null, size_t from) const;
  /// find_type_override's work: the type spelled every way an override may name it.
  const config::Override* match_type_override(Oid oid, bool not_null, size_t from) const;
  /// The overrides that apply to module `from`: its own, then the config's.
  std::vector<const std::vector<config::Override>*> override_lists(size_t from) const;

  const catalog::Catalog& m_cat;
  const config::Config& m_config;
  const Options& m_options;
  const Plan& m_plan;
  /// Per module (by index; the last entry for none): whether any db_type override applies.
  std::vector<bool> m_db_type_overrides;
  /// find_type_override's answers by (oid, not_null, from): spelling a type is costly and the
  /// same types come back for every column (queries are mapped in parallel).
  mutable std::mutex m_type_override_mutex;
  mutable std::unordered_map<uint64_t, const config::Override*> m_type_overrides;
};

/// The C++ namespace of a module ("a::b"), each part escaped.
std::string module_namespace(const config::Module& module);

/// Looks `key` up in the module's renames, then the global ones.
std::optional<std::string> find_rename(const config::Config& config, const config::Module& module,
                                       const std::string& key);

/// Names declared in one C++ scope; a second declaration of the same C++ name is an error
/// with a note at the first.
class NameScope {
 public:
  /// `scope` describes the scope in messages, e.g. `struct "User"`.
  NameScope(std::string scope, diag::DiagnosticEngine& diags)
      : m_scope(std::move(scope)), m_diags(diags) {}
  /// Declares `cpp_name` for `what` (e.g. `column "class"`) declared at `where`; false (and an
  /// error) when the name is taken.
  bool declare(const std::string& cpp_name, const std::string& what, const diag::Location& where,
               bool report = true);

 private:
  struct Entry {
    std::string what;
    diag::Location where;
  };
  std::string m_scope;
  diag::DiagnosticEngine& m_diags;
  std::map<std::string, Entry> m_names;
};

/// Cleans a comment line for a `///` comment: no trailing backslash (line continuation), no
/// control characters, trimmed.
std::string comment_line(std::string_view text);
/// Comment text (possibly several lines) as a JSON array of cleaned lines.
View comment_lines(const std::string& text);

/// What a generated header's types use: where JSON support goes depends on it (plan_json).
struct HeaderUses {
  std::set<size_t> modules;  ///< modules whose models.hpp declares a type used (its own too)
  bool json_values = false;  ///< a type spells View (json, jsonb, an override)
  /// Adds what `t` uses.
  void add(const CppType& t);
};

/// The view model of `<module>/models.hpp`. Its `json` and `module_includes` are those of a
/// project whose modules all have JSON exactly when they hold JSON values; generate()
/// replaces them by the JSON plan's (set_json_includes), from what `uses` receives.
View models_view(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                 const TypeMapper& types, const Options& options, size_t module,
                 NameScope& module_scope, std::map<Oid, RelationModel>& relation_models,
                 diag::DiagnosticEngine& diags, HeaderUses* uses = nullptr);

/// The view model of `<module>/queries.hpp` (`json` and `module_includes` as models_view's).
View queries_view(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                  const TypeMapper& types, const Options& options, size_t module,
                  NameScope& module_scope, const ModuleQueries& queries,
                  const std::map<Oid, RelationModel>& relation_models,
                  diag::DiagnosticEngine& diags, const std::string& class_name = "Queries",
                  HeaderUses* uses = nullptr);

// --- where JSON support goes (json_plan.cpp) ---------------------------------------------

/// Per module, where its to_json / from_json are generated.
struct JsonPlan {
  /// In its models.hpp and queries.hpp: `json: true`, or with `auto` a module whose headers
  /// hold a nlohmann::json.
  std::vector<bool> own;
  /// Only for its model types, in its json.hpp: a module without `own` JSON whose model types
  /// a header with JSON uses (directly, or through another companion's types).
  std::vector<bool> companion;
};

/// The JSON plan from what each module's models.hpp and queries.hpp use (`queries[i]`: all
/// of module i's query headers together).
JsonPlan plan_json(const Options& options, const std::vector<HeaderUses>& models,
                   const std::vector<HeaderUses>& queries);

/// Sets a header view's `json` (module `module`'s own JSON) and `module_includes`: `first`
/// (when not empty), then for every other module the header uses, its models.hpp, or its
/// json.hpp when this header has JSON and that module only a companion.
void set_json_includes(View& view, const Plan& plan, const JsonPlan& json, size_t module,
                       const HeaderUses& uses, const std::string& first);

/// The view model of `<module>/json.hpp` (json.hpp.mustache): the module's models view with
/// `module_includes` its models.hpp and the json.hpp of the companions its types use.
View companion_view(const View& models_view, const Plan& plan, const JsonPlan& json, size_t module,
                    const HeaderUses& models_uses);

/// One file generate() renders: its path, its template ("models.hpp") and view model.
struct FileView {
  std::string path;
  std::string template_name;
  std::shared_ptr<const View> view;  ///< a queries header and its .cpp share one
};

/// The view model of every file generate() writes, in its order: per module its models.hpp,
/// json.hpp (a companion, see JsonPlan), audit.hpp and queries headers. Diagnostics go to
/// `diags`; what comes back is meaningless when there were errors.
std::vector<FileView> file_views(const config::Config& config, const catalog::Catalog& cat,
                                 const std::vector<ModuleQueries>& queries, const Options& options,
                                 diag::DiagnosticEngine& diags);

/// The view models of `<module>/audit.hpp` (model_audit.cpp), one per module: null for a module
/// that holds none of the `audit:` tables' structs. Expects the config's audit entries checked
/// against the catalog (vet::check_audit_coverage); a table without a struct is reported.
std::vector<View> audit_views(const config::Config& config, const catalog::Catalog& cat,
                              const Plan& plan, std::deque<NameScope>& module_scopes,
                              const std::map<Oid, RelationModel>& relation_models,
                              diag::DiagnosticEngine& diags);

/// The `{{{header}}}` of a generated file: the marker line and one `// source:` line per path.
std::string file_header(const std::set<std::string>& sources);

/// The `*.mustache` files of `dir`, sorted; nullopt when `dir` is not a directory (then the
/// built-in templates are used). What load_templates reads and the stamp hashes.
std::optional<std::vector<std::filesystem::path>> template_files(const std::filesystem::path& dir);

/// A template parsed for rendering (template.cpp).
struct ParsedTemplate;

/// Templates by name ("models.hpp" for models.hpp.mustache) with their source buffers, and
/// parsed once per run by load_templates (a set without `parsed` is parsed at each use).
struct TemplateSet {
  std::map<std::string, diag::SourcePtr> templates;
  std::map<std::string, std::shared_ptr<const ParsedTemplate>> parsed;
};

/// Loads `*.mustache` from the config's `templates` directory when it exists, else the
/// built-in copies of the repository's templates/.
TemplateSet load_templates(const config::Config& config, diag::DiagnosticEngine& diags);

/// The built-in templates (builtin_templates.cpp): name → text.
const std::map<std::string, std::string>& builtin_templates();
/// The source of builtin_templates.cpp holding `templates` (the golden test regenerates it
/// from the repository's templates/ and checks it is current).
std::string builtin_templates_source(const std::map<std::string, std::string>& templates);

/// Renders template `name` with `view`: every variable, section and partial the template uses
/// must exist in the view (checked as it renders, also where it renders nothing; errors at the
/// tag); `{{x}}` escapes for a C++ string literal, `{{{x}}}` inserts as is. Returns nullopt
/// after reporting an error.
std::optional<std::string> render_template(const TemplateSet& set, const std::string& name,
                                           const View& view, diag::DiagnosticEngine& diags);

/// True when template `name` (or a partial it uses) has a section `{{#section}}`.
bool template_has_section(const TemplateSet& set, const std::string& name,
                          std::string_view section);

/// Escapes text for the inside of a C++ string literal.
std::string cpp_string_escape(std::string_view text);
/// A C++ raw string literal holding `text`, with a delimiter that does not occur in it.
std::string cpp_raw_string(std::string_view text);

// --- generated files on disk (output.cpp), shared by write_files and the stamp ---------

/// True when the file at `path` (a symlink is not followed) starts with the k_generated_marker
/// line.
bool is_generated_file(const std::filesystem::path& path);

/// Generated files found under a directory by stray_generated_files.
struct StrayFiles {
  std::vector<std::filesystem::path> files;  ///< lexically normal, in walk order
  bool complete = true;                      ///< false when the walk stopped at an error
};

/// The generated files (is_generated_file; regular files, not symlinks) under `out_dir` that
/// are not in `expected` (lexically normal paths): what a run that writes `expected` removes.
/// Stops after `limit` of them.
StrayFiles stray_generated_files(const std::filesystem::path& out_dir,
                                 const std::set<std::filesystem::path>& expected,
                                 size_t limit = std::numeric_limits<size_t>::max());

}  // namespace sqlgen::codegen
