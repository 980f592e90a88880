#include "config/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>

#include "config/yaml_reader.hpp"
#include "util/fs.hpp"

namespace sqlgen::config {

namespace {

using detail::YamlReader;
using diag::DiagId;

const std::vector<std::string> k_global_keys = {
    "version",  "output",  "templates",       "search_path", "rename", "overrides", "schema_dump",
    "database", "options", "namespace_width", "modules",     "vet",    "audit"};
const std::vector<std::string> k_module_keys = {
    "name",        "migrations", "queries",
    "schema",      "namespace",  "search_path",
    "rename",      "overrides",  "strict_function_checks",
    "skip_queries"};
const std::vector<std::string> k_override_keys = {"db_type", "column", "cpp_type", "include",
                                                  "nullable"};
const std::vector<std::string> k_option_keys = {"max_params",        "json",
                                                "function_naming",   "nullable_array_elements",
                                                "exact_table_names", "query_classes"};

const std::vector<std::string> k_audit_classes = {"track", "ignore", "secret"};

/// Where each kind of key belongs, for an unknown key that is known elsewhere.
const std::vector<detail::KeyHome> k_key_homes = {
    {"at the top level", &k_global_keys},
    {"in a module (under `modules:`)", &k_module_keys},
    {"under `options:`", &k_option_keys},
    {"in an override (under `overrides:`)", &k_override_keys}};

/// Largest accepted namespace width; keeps every module's range within int64.
constexpr int64_t k_max_namespace_width = 1'000'000'000'000'000;

/// True for "a" or "a::b::c" where each part is an identifier.
bool is_cpp_namespace(std::string_view s) {
  size_t start = 0;
  for (;;) {
    size_t sep = s.find("::", start);
    if (!detail::is_identifier(s.substr(start, sep - start))) return false;
    if (sep == std::string_view::npos) return true;
    start = sep + 2;
  }
}

/// Sets `out` to the value read by `read` when it succeeded.
template <typename T>
void assign(std::optional<T> value, T& out) {
  if (value) out = std::move(*value);
}

Override parse_override(YamlReader& r, const YAML::Node& node, const std::string& what) {
  Override o;
  o.loc = r.loc(node, diag::Location::file(r.source()));
  bool has_cpp_type = false;
  bool is_map = r.for_each_key(
      node, what, k_override_keys,
      [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
        diag::Location at = r.loc(k);
        if (key == "db_type") {
          assign(r.string(v, key, at), o.db_type);
        } else if (key == "column") {
          assign(r.string(v, key, at), o.column);
          // "table.column" or "schema.table.column", no empty part.
          size_t dots = 0;
          bool empty_part = o.column.empty() || o.column.front() == '.' || o.column.back() == '.' ||
                            o.column.find("..") != std::string::npos;
          for (char c : o.column) dots += c == '.';
          if (!o.column.empty() && (empty_part || dots < 1 || dots > 2)) {
            r.error(DiagId::err_config_value, r.loc(v, at),
                    {key, "expected \"table.column\" or \"schema.table.column\""});
          }
        } else if (key == "cpp_type") {
          has_cpp_type = true;
          assign(r.string(v, key, at), o.cpp_type);
        } else if (key == "include") {
          assign(r.string(v, key, at), o.include);
        } else if (key == "nullable") {
          assign(r.boolean(v, key, at), o.nullable);
        }
      });
  if (!is_map) return o;
  if (o.db_type.empty() == o.column.empty()) r.error(DiagId::err_config_override_target, o.loc);
  if (!has_cpp_type) r.error(DiagId::err_config_missing_key, o.loc, {"cpp_type"});
  return o;
}

std::vector<Override> parse_overrides(YamlReader& r, const YAML::Node& node,
                                      const diag::Location& fallback) {
  std::vector<Override> out;
  if (!node.IsSequence()) {
    r.error(DiagId::err_config_type, r.loc(node, fallback), {"overrides", "a list of mappings"});
    return out;
  }
  for (const YAML::Node& item : node) {
    out.push_back(parse_override(r, item, "overrides[" + std::to_string(out.size()) + "]"));
  }
  return out;
}

/// `migrations:` / `queries:`: one path, or a non-empty list of paths (files or directories).
std::vector<SourcePath> parse_sources(YamlReader& r, const YAML::Node& node, const std::string& key,
                                      const diag::Location& at) {
  std::vector<SourcePath> out;
  if (!node.IsSequence()) {
    if (std::optional<std::string> p = r.path(node, key, at)) out.push_back({*p, r.loc(node, at)});
    return out;
  }
  if (node.size() == 0) r.error(DiagId::err_config_value, r.loc(node, at), {key, "list is empty"});
  for (const YAML::Node& item : node) {
    std::string what = key + "[" + std::to_string(out.size()) + "]";
    diag::Location item_at = r.loc(item, r.loc(node, at));
    if (std::optional<std::string> p = r.path(item, what, item_at)) {
      out.push_back({*p, item_at});
    } else {
      out.push_back({"", item_at});  // reported; keeps the indices of later entries
    }
  }
  std::erase_if(out, [](const SourcePath& p) { return p.path.empty(); });
  return out;
}

Module parse_module(YamlReader& r, const YAML::Node& node, size_t index,
                    const diag::Location& fallback) {
  Module m;
  m.loc = r.loc(node, fallback);
  std::string what = "modules[" + std::to_string(index) + "]";
  bool has_namespace = false;
  bool is_map =
      r.for_each_key(node, what, k_module_keys,
                     [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
                       diag::Location at = r.loc(k);
                       if (key == "name") {
                         m.name_loc = r.loc(v, at);
                         if (auto name = r.string(v, key, at)) {
                           if (detail::is_identifier(*name)) {
                             m.name = *name;
                           } else {
                             r.error(DiagId::err_config_value, m.name_loc,
                                     {key, "\"" + *name + "\" is not an identifier"});
                           }
                         }
                       } else if (key == "migrations") {
                         m.migrations_listed = v.IsSequence();
                         m.migrations = parse_sources(r, v, key, at);
                       } else if (key == "queries") {
                         m.queries_listed = v.IsSequence();
                         m.queries = parse_sources(r, v, key, at);
                       } else if (key == "schema") {
                         assign(r.string(v, key, at), m.schema);
                       } else if (key == "namespace") {
                         has_namespace = true;
                         if (auto ns = r.string(v, key, at)) {
                           if (is_cpp_namespace(*ns)) {
                             m.cpp_namespace = *ns;
                           } else {
                             r.error(DiagId::err_config_value, r.loc(v, at),
                                     {key, "\"" + *ns + "\" is not a C++ namespace"});
                           }
                         }
                       } else if (key == "search_path") {
                         assign(r.string_list(v, key, at), m.search_path);
                       } else if (key == "rename") {
                         assign(r.string_map(v, key, at), m.rename);
                       } else if (key == "overrides") {
                         m.overrides = parse_overrides(r, v, at);
                       } else if (key == "strict_function_checks") {
                         assign(r.boolean(v, key, at), m.strict_function_checks);
                       } else if (key == "skip_queries") {
                         if (auto names = r.string_list(v, key, at)) {
                           for (size_t i = 0; i < names->size(); ++i) {
                             m.skip_queries.emplace_back((*names)[i], r.loc(v[i], at));
                           }
                         }
                       }
                     });
  if (is_map && !node["name"]) r.error(DiagId::err_config_missing_key, m.loc, {"name"});
  if (!has_namespace) m.cpp_namespace = m.name;
  if (!m.name_loc.source) m.name_loc = m.loc;
  return m;
}

void parse_modules(YamlReader& r, const YAML::Node& node, const diag::Location& fallback,
                   Config& cfg) {
  if (!node.IsSequence()) {
    r.error(DiagId::err_config_type, r.loc(node, fallback), {"modules", "a list of mappings"});
    return;
  }
  std::map<std::string, const Module*> seen;
  cfg.modules.reserve(node.size());
  for (const YAML::Node& item : node) {
    cfg.modules.push_back(parse_module(r, item, cfg.modules.size(), r.loc(node, fallback)));
  }
  for (const Module& m : cfg.modules) {
    if (m.name.empty()) continue;
    auto [prev, inserted] = seen.emplace(m.name, &m);
    if (inserted) continue;
    diag::Diagnostic d = diag::make(DiagId::err_config_duplicate_module, m.name_loc, {m.name});
    d.note(DiagId::note_previous_here, prev->second->name_loc, {"definition"});
    r.report(std::move(d));
  }
}

/// `vet: {rule-id: error|warning|off}`; the rule ids are checked by vet, which knows them.
void parse_vet(YamlReader& r, const YAML::Node& v, const diag::Location& at, Config& cfg) {
  std::optional<std::map<std::string, std::string>> levels = r.string_map(v, "vet", at);
  if (!levels) return;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string rule = it->first.Scalar();
    const std::string level = it->second.Scalar();
    if (level != "error" && level != "warning" && level != "off") {
      r.error(DiagId::err_config_value, r.loc(it->second, at),
              {"vet." + rule, "expected \"error\", \"warning\" or \"off\", not \"" + level + "\""});
      continue;
    }
    cfg.vet.push_back(VetRule{rule, level, r.loc(it->first, at)});
  }
}

/// An `audit:` table key: "table" or "schema.table", neither part empty.
bool split_table_name(const std::string& text, AuditTable& out) {
  size_t dot = text.find('.');
  std::string schema = dot == std::string::npos ? "" : text.substr(0, dot);
  std::string table = dot == std::string::npos ? text : text.substr(dot + 1);
  if (table.empty() || table.find('.') != std::string::npos ||
      (dot != std::string::npos && schema.empty())) {
    return false;
  }
  out.schema = std::move(schema);
  out.table = std::move(table);
  return true;
}

/// One `audit:` table: `{column: track|ignore|secret, ...}`.
void parse_audit_table(YamlReader& r, const YAML::Node& k, const YAML::Node& v, Config& cfg) {
  AuditTable table;
  table.loc = r.loc(k);
  const std::string name = k.Scalar();
  if (!split_table_name(name, table)) {
    r.error(DiagId::err_config_value, table.loc,
            {"audit", "\"" + name + "\" is not \"table\" or \"schema.table\""});
    return;
  }
  const std::string key = "audit." + name;
  if (!v.IsMap()) {
    r.error(DiagId::err_config_type, r.loc(v, table.loc),
            {key, "a mapping of columns to track, ignore or secret"});
    return;
  }
  std::optional<std::map<std::string, std::string>> classes = r.string_map(v, key, table.loc);
  if (!classes) return;
  bool ok = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string column = it->first.Scalar();
    const std::string cls = it->second.Scalar();
    AuditColumn c{column, AuditClass::Track, r.loc(it->first, table.loc)};
    if (cls == "ignore") {
      c.audit_class = AuditClass::Ignore;
    } else if (cls == "secret") {
      c.audit_class = AuditClass::Secret;
    } else if (cls != "track") {
      std::string hint = diag::did_you_mean(cls, k_audit_classes);
      r.error(DiagId::err_config_value, r.loc(it->second, c.loc),
              {key + "." + column, "expected \"track\", \"ignore\" or \"secret\", not \"" + cls +
                                       "\"" + (hint.empty() ? "" : ", " + hint)});
      ok = false;
      continue;
    }
    table.columns.push_back(std::move(c));
  }
  if (ok) cfg.audit.push_back(std::move(table));
}

/// `audit: {table: {column: track|ignore|secret}}`; tables and columns are checked against the
/// catalog by vet's audit-coverage rule (and generate), which know it.
void parse_audit(YamlReader& r, const YAML::Node& v, const diag::Location& at, Config& cfg) {
  if (!v.IsMap()) {
    r.error(DiagId::err_config_type, r.loc(v, at),
            {"audit", "a mapping of tables to mappings of columns to classes"});
    return;
  }
  std::map<std::string, YAML::Node> seen;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const YAML::Node k = it->first;
    if (!k.IsScalar()) {
      r.error(DiagId::err_config_type, r.loc(k, at), {"audit key", "a string"});
      continue;
    }
    auto [prev, inserted] = seen.emplace(k.Scalar(), k);
    if (!inserted) {
      diag::Diagnostic d = diag::make(DiagId::err_config_duplicate_key, r.loc(k), {k.Scalar()});
      d.note(DiagId::note_previous_here, r.loc(prev->second), {"definition"});
      r.report(std::move(d));
      continue;
    }
    parse_audit_table(r, k, it->second, cfg);
  }
}

void parse_global_key(YamlReader& r, const std::string& key, const YAML::Node& k,
                      const YAML::Node& v, Config& cfg) {
  diag::Location at = r.loc(k);
  if (key == "version") {
    if (auto version = r.string(v, key, at)) {
      if (*version != "1") {
        r.error(DiagId::err_config_value, r.loc(v, at),
                {key, "unsupported version \"" + *version + "\", expected \"1\""});
      }
    }
  } else if (key == "output") {
    assign(r.path(v, key, at), cfg.output);
  } else if (key == "templates") {
    assign(r.path(v, key, at), cfg.templates);
    cfg.templates_loc = r.loc(v, at);
  } else if (key == "schema_dump") {
    assign(r.path(v, key, at), cfg.schema_dump);
  } else if (key == "database") {
    assign(r.string(v, key, at), cfg.database);
  } else if (key == "search_path") {
    assign(r.string_list(v, key, at), cfg.search_path);
  } else if (key == "rename") {
    assign(r.string_map(v, key, at), cfg.rename);
  } else if (key == "options") {
    assign(r.string_map(v, key, at), cfg.options);
  } else if (key == "overrides") {
    cfg.overrides = parse_overrides(r, v, at);
  } else if (key == "namespace_width") {
    if (auto width = r.integer(v, key, at)) {
      if (*width < 2 || *width > k_max_namespace_width) {
        r.error(DiagId::err_config_value, r.loc(v, at),
                {key, "must be between 2 and " + std::to_string(k_max_namespace_width)});
      } else {
        cfg.namespace_width = *width;
      }
    }
  } else if (key == "modules") {
    parse_modules(r, v, at, cfg);
  } else if (key == "vet") {
    parse_vet(r, v, at, cfg);
  } else if (key == "audit") {
    parse_audit(r, v, at, cfg);
  }
}

}  // namespace

const std::vector<std::string>& global_keys() { return k_global_keys; }
const std::vector<std::string>& module_keys() { return k_module_keys; }
const std::vector<std::string>& override_keys() { return k_override_keys; }
const std::vector<std::string>& option_keys() { return k_option_keys; }
const std::vector<std::string>& audit_classes() { return k_audit_classes; }

std::vector<std::string> Module::effective_search_path(const Config& config) const {
  if (!search_path.empty()) return search_path;
  if (schema.empty()) return config.search_path;
  std::vector<std::string> out = {schema};
  const std::vector<std::string> rest =
      config.search_path.empty() ? std::vector<std::string>{"public"} : config.search_path;
  for (const std::string& s : rest) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::filesystem::path Config::resolve(const std::string& rel) const {
  if (dir.empty()) return std::filesystem::path(rel).lexically_normal();
  return (dir / rel).lexically_normal();
}

VersionRange Config::version_range(size_t module_index) const {
  return module_version_range(module_index, namespace_width);
}

VersionRange module_version_range(size_t module_index, int64_t width) {
  int64_t base = (static_cast<int64_t>(module_index) + 1) * width;
  return VersionRange{base + 1, base + width - 1};
}

std::optional<Config> parse_config(diag::SourcePtr source, diag::DiagnosticEngine& diags) {
  Config cfg;
  cfg.source = source;
  cfg.dir = std::filesystem::path(source->path()).parent_path();
  YamlReader r(source, diags);
  r.set_key_homes(&k_key_homes);

  YAML::Node root;
  try {
    root = YAML::Load(source->text());
  } catch (const YAML::Exception& e) {
    diag::Location at = e.mark.is_null() ? diag::Location::file(source)
                                         : diag::Location::at(source, r.offset_of(e.mark));
    r.error(DiagId::err_config_yaml, at, {e.msg});
    return std::nullopt;
  }
  if (!r.apply_merge_keys(root)) return std::nullopt;
  if (root.IsNull()) {
    // An empty config is valid: every setting has its default, no modules.
    diags.report(diag::make(DiagId::warn_file_empty, diag::Location::file(source)));
    return cfg;
  }
  std::string file_name = std::filesystem::path(source->path()).filename().string();
  r.for_each_key(root, file_name, k_global_keys,
                 [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
                   parse_global_key(r, key, k, v, cfg);
                 });
  if (cfg.modules.size() + 1 >
      static_cast<size_t>(std::numeric_limits<int64_t>::max() / cfg.namespace_width) - 1) {
    r.error(
        DiagId::err_config_value, diag::Location::file(source),
        {"namespace_width", "too large for " + std::to_string(cfg.modules.size()) + " modules"});
  }
  if (r.error_count() > 0) return std::nullopt;
  return cfg;
}

std::optional<Config> load_config(const std::filesystem::path& path,
                                  diag::DiagnosticEngine& diags) {
  util::ReadResult read = util::read_file(path);
  if (!read.text) {
    if (read.not_found) {
      diags.report(diag::make(DiagId::err_file_not_found, {}, {path.string()}));
    } else {
      diags.report(diag::make(DiagId::err_file_unreadable, {}, {path.string(), read.error}));
    }
    return std::nullopt;
  }
  diag::SourcePtr source = diag::make_source(path.string(), std::move(*read.text));
  if (!diag::check_encoding(source, diags)) return std::nullopt;
  return parse_config(source, diags);
}

}  // namespace sqlgen::config
