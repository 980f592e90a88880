// sqlc config → sqlgen.yaml text: read (YAML, or JSON checked by nlohmann first for its error
// positions), collect modules, renames, overrides and options, then write them in a fixed order.
#include "config/sqlc_import.hpp"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "config/yaml_reader.hpp"
#include "util/cpp_words.hpp"
#include "util/fs.hpp"

namespace sqlgen::config {

namespace {

namespace fs = std::filesystem;
using detail::YamlReader;
using diag::DiagId;

/// One translated override, or a comment saying why there is none.
struct OverrideOut {
  std::string key;     ///< "db_type" or "column"
  std::string target;  ///< its value
  std::string cpp_type;
  std::string include;
  bool nullable = false;
  std::string comment;  ///< written above it (or alone, when cpp_type is empty)
};

/// One module: a PostgreSQL package of the sqlc config.
struct ModuleOut {
  std::string name;
  std::string origin;  ///< "sql[0]" / "packages[0]", for comments
  std::vector<std::string> schema, queries;
  std::vector<std::string> comments;
  std::map<std::string, std::string> rename;
  std::vector<OverrideOut> overrides;
  bool strict_function_checks = false;  ///< sqlc's default is off
};

/// Everything written to sqlgen.yaml.
struct Output {
  std::string config_name;
  std::string version;
  std::vector<std::string> comments;
  std::map<std::string, std::string> options;
  std::set<std::string> ignored_options;
  std::map<std::string, std::string> rename;
  std::vector<OverrideOut> overrides;
  std::vector<ModuleOut> modules;
  int64_t namespace_width = 1000;
};

/// Names a module (a C++ namespace) must not take besides util::is_cpp_reserved()'s: the
/// namespaces the generated code refers to.
const std::set<std::string_view> k_taken_namespaces = {"std", "sqlgen", "pqxx"};

/// sqlc options with a C++ meaning: sqlc name → sqlgen option name.
const std::map<std::string_view, std::string_view> k_mapped_options = {
    {"emit_exact_table_names", "exact_table_names"},
    {"query_parameter_limit", "max_params"},
};

/// Keys of a v1 package / v2 `gen.go` that are structure, not options.
const std::set<std::string_view> k_structural_keys = {
    "name", "path", "queries", "schema", "engine", "overrides", "rename", "package", "out"};

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// One comment line: no line breaks inside.
std::string comment_text(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

/// Reads nodes of the sqlc config and reports its problems.
class Importer {
 public:
  Importer(const diag::SourcePtr& source, diag::DiagnosticEngine& diags, const QuerySkips& skips)
      : m_source(source), m_diags(diags), m_r(source, diags), m_skips(skips) {
    m_dir = fs::path(source->path()).parent_path();
  }

  std::optional<SqlcImport> run();

 private:
  std::optional<YAML::Node> load();
  void read_v1(const YAML::Node& root);
  void read_v2(const YAML::Node& root);
  /// The package's engine is PostgreSQL; else noted.
  bool is_postgresql(const YAML::Node& pkg, const std::string& what, bool engine_default_pg);
  std::vector<std::string> paths(const YAML::Node& pkg, const char* key, const std::string& what);
  void schema_paths(const YAML::Node& pkg, const std::string& what, ModuleOut& m);
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& key);
  YAML::Node mapping_or_none(const YAML::Node& node, const std::string& what);
  void read_rename(const YAML::Node& node, std::map<std::string, std::string>& out);
  void read_overrides(const YAML::Node& node, std::vector<OverrideOut>& out);
  void read_options(const YAML::Node& node, const std::string& what);
  std::string module_name(std::string name);
  void share_schema();
  void compute_namespace_width();
  std::string render() const;
  void write_skips(std::string& y, const std::string& module) const;

  diag::Location loc(const YAML::Node& node) const {
    return m_r.loc(node, diag::Location::at(m_source, 0));
  }
  void missing(const YAML::Node& map, const std::string& key) {
    m_r.error(DiagId::err_config_missing_key, loc(map), {key});
  }

  const diag::SourcePtr& m_source;
  diag::DiagnosticEngine& m_diags;
  YamlReader m_r;
  const QuerySkips& m_skips;
  fs::path m_dir;
  Output m_out;
  std::map<std::string, std::string> m_option_first;  ///< option → origin that set it first
};

std::optional<std::string> Importer::scalar(const YAML::Node& node, const std::string& key) {
  return m_r.string(node, key, loc(node));
}

std::optional<YAML::Node> Importer::load() {
  std::string text = m_source->text();
  if (m_source->path().ends_with(".json")) {
    try {
      // Parsed only to locate syntax errors; the document is then read as YAML (JSON is YAML).
      const nlohmann::json checked = nlohmann::json::parse(text);
      (void)checked;
    } catch (const nlohmann::json::parse_error& e) {
      std::string msg = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
      if (size_t colon = msg.find(": "); colon != std::string::npos) msg.erase(0, colon + 2);
      size_t offset = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
      m_r.error(DiagId::err_sqlc_json, diag::Location::at(m_source, static_cast<uint32_t>(offset)),
                {msg});
      return std::nullopt;
    } catch (const nlohmann::json::out_of_range& e) {
      // "[json.exception.out_of_range.406] number overflow parsing '1e999'": no byte offset,
      // the number is found in the text
      std::string msg = e.what();
      if (size_t close = msg.find("] "); close != std::string::npos) msg.erase(0, close + 2);
      diag::Location at = diag::Location::file(m_source);
      size_t open = msg.find('\''), end = msg.rfind('\'');
      if (open != std::string::npos && end > open) {
        size_t found = text.find(msg.substr(open + 1, end - open - 1));
        if (found != std::string::npos) {
          at = diag::Location::at(m_source, static_cast<uint32_t>(found));
        }
      }
      m_r.error(DiagId::err_sqlc_json, at, {msg});
      return std::nullopt;
    }
    // Valid JSON has tabs only between tokens, where YAML wants spaces; offsets stay the same.
    std::replace(text.begin(), text.end(), '\t', ' ');
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diag::Location at = e.mark.is_null() ? diag::Location::file(m_source)
                                         : diag::Location::at(m_source, m_r.offset_of(e.mark));
    m_r.error(DiagId::err_config_yaml, at, {e.msg});
    return std::nullopt;
  }
  if (!m_r.apply_merge_keys(root)) return std::nullopt;
  return root;
}

std::optional<SqlcImport> Importer::run() {
  std::optional<YAML::Node> root = load();
  if (!root) return std::nullopt;
  m_out.config_name = fs::path(m_source->path()).filename().string();
  if (!root->IsMap()) {
    m_r.error(DiagId::err_config_type, loc(*root), {m_out.config_name, "a mapping"});
    return std::nullopt;
  }
  const YAML::Node version = (*root)["version"];
  if (!version) {
    missing(*root, "version");
    return std::nullopt;
  }
  std::optional<std::string> v = scalar(version, "version");
  if (!v) return std::nullopt;
  m_out.version = *v;
  if (*v == "1") {
    read_v1(*root);
  } else if (*v == "2") {
    read_v2(*root);
  } else {
    m_r.error(
        DiagId::err_config_value, loc(version),
        {"version", "unsupported sqlc config version \"" + *v + "\", expected \"1\" or \"2\""});
  }
  if (m_r.error_count() > 0) return std::nullopt;
  share_schema();
  compute_namespace_width();
  return SqlcImport{render(), m_out.modules.size()};
}

bool Importer::is_postgresql(const YAML::Node& pkg, const std::string& what,
                             bool engine_default_pg) {
  const YAML::Node engine = pkg["engine"];
  std::string name = engine_default_pg ? "postgresql" : "";
  if (engine) name = scalar(engine, "engine").value_or("postgresql");
  if (!engine && !engine_default_pg) {
    missing(pkg, "engine");
    return false;
  }
  if (name == "postgresql" || name == "postgres") return true;
  m_diags.report(
      diag::make(DiagId::note_sqlc_engine_skipped, loc(engine ? engine : pkg), {what, name}));
  return false;
}

/// Expands a glob in the last component of `rel` against the config's directory: the matching
/// directories and `*.sql` files in name order; `rel` itself when it has no glob characters.
std::vector<std::string> expand(const fs::path& dir, const std::string& rel) {
  fs::path p(rel);
  std::string last = p.filename().string();
  if (last.find_first_of("*?[") == std::string::npos) return {rel};
  fs::path parent = p.parent_path();
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir / parent, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    if (name[0] == '.') continue;
    std::error_code dir_ec;
    // As sqlc: only `*.sql` files (generated `.sql.go` files often sit next to them).
    if (!e.is_directory(dir_ec) && !name.ends_with(".sql")) continue;
    // "**" as in Go's filepath.Glob: any one name.
    std::string pattern = last == "**" ? "*" : last;
    if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) {
      out.push_back((parent / name).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A package's `schema`. sqlc accepts a package without one (its queries read only
/// PostgreSQL's own catalogs, pg_catalog and information_schema): the module then lists no
/// migrations, and says so.
void Importer::schema_paths(const YAML::Node& pkg, const std::string& what, ModuleOut& m) {
  if (!pkg["schema"]) {
    m.comments.push_back(what +
                         " has no schema: its queries read PostgreSQL's own catalogs "
                         "(and the tables of the other modules' migrations)");
    return;
  }
  m.schema = paths(pkg, "schema", what);
}

std::vector<std::string> Importer::paths(const YAML::Node& pkg, const char* key,
                                         const std::string& what) {
  std::vector<std::string> out;
  const YAML::Node node = pkg[key];
  if (!node) {
    missing(pkg, key);
    return out;
  }
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) items.push_back(item);
  } else {
    items.push_back(node);
  }
  for (const YAML::Node& item : items) {
    std::optional<std::string> p = m_r.path(item, what + "." + key, loc(item));
    if (!p) continue;
    std::vector<std::string> expanded = expand(m_dir, *p);
    if (expanded.size() != 1 || expanded[0] != *p) {
      m_out.comments.push_back(what + "." + key + ": \"" + *p + "\" expanded to " +
                               std::to_string(expanded.size()) + " path(s)");
    }
    out.insert(out.end(), expanded.begin(), expanded.end());
  }
  return out;
}

void Importer::read_rename(const YAML::Node& node, std::map<std::string, std::string>& out) {
  if (!node) return;
  if (std::optional<std::map<std::string, std::string>> m =
          m_r.string_map(node, "rename", loc(node))) {
    for (auto& [k, v] : *m) out[k] = v;
  }
}

/// The Go type an override names: "pkg.Type", "string", with pointer and slice marks.
struct GoType {
  std::string name;      ///< as written, for comments
  std::string spelling;  ///< for map_go_type: "*[]pkg.Type"
};

std::optional<GoType> read_go_type(YamlReader& r, const YAML::Node& node,
                                   const diag::Location& at) {
  if (node.IsScalar()) return GoType{node.Scalar(), node.Scalar()};
  if (!node.IsMap()) {
    r.error(DiagId::err_config_type, r.loc(node, at), {"go_type", "a string or a mapping"});
    return std::nullopt;
  }
  auto get = [&](const char* key) {
    const YAML::Node v = node[key];
    return v && v.IsScalar() ? v.Scalar() : std::string();
  };
  auto flag = [&](const char* key) {
    const YAML::Node v = node[key];
    bool b = false;
    return v && v.IsScalar() && YAML::convert<bool>::decode(v, b) && b;
  };
  std::string import = get("import"), package = get("package"), type = get("type");
  if (type.empty()) {
    r.error(DiagId::err_config_missing_key, r.loc(node, at), {"type"});
    return std::nullopt;
  }
  if (package.empty() && !import.empty()) {
    // The import path's last element, skipping a major-version suffix ("ulid/v2" → "ulid").
    std::vector<std::string> parts;
    for (const auto& part : fs::path(import)) parts.push_back(part.string());
    package = parts.empty() ? "" : parts.back();
    if (parts.size() > 1 && package.size() > 1 && package[0] == 'v' &&
        package.find_first_not_of("0123456789", 1) == std::string::npos) {
      package = parts[parts.size() - 2];
    }
  }
  std::string qualified = package.empty() ? type : package + "." + type;
  std::string spelling =
      (flag("pointer") ? "*" : "") + std::string(flag("slice") ? "[]" : "") + qualified;
  std::string name = (import.empty() ? qualified : import + "." + type);
  if (flag("pointer")) name = "*" + name;
  if (flag("slice")) name = "[]" + name;
  return GoType{name, spelling};
}

/// "table.column" or "schema.table.column", no empty part: what sqlgen's `column` accepts.
bool valid_column_target(const std::string& c) {
  size_t dots = static_cast<size_t>(std::count(c.begin(), c.end(), '.'));
  return !c.empty() && c.front() != '.' && c.back() != '.' && c.find("..") == std::string::npos &&
         dots >= 1 && dots <= 2;
}

void Importer::read_overrides(const YAML::Node& node, std::vector<OverrideOut>& out) {
  if (!node) return;
  if (!node.IsSequence()) {
    m_r.error(DiagId::err_config_type, loc(node), {"overrides", "a list of mappings"});
    return;
  }
  for (const YAML::Node& o : node) {
    if (!o.IsMap()) {
      m_r.error(DiagId::err_config_type, loc(o), {"overrides[]", "a mapping"});
      continue;
    }
    if (const YAML::Node engine = o["engine"]) {
      std::string e = engine.IsScalar() ? engine.Scalar() : "";
      if (e != "postgresql" && e != "postgres") continue;
    }
    OverrideOut out_o;
    const YAML::Node db_type = o["db_type"], column = o["column"];
    if (db_type) {
      out_o.key = "db_type";
      out_o.target = scalar(db_type, "db_type").value_or("");
    } else if (column) {
      out_o.key = "column";
      out_o.target = scalar(column, "column").value_or("");
    } else {
      m_r.error(DiagId::err_config_override_target, loc(o));
      continue;
    }
    if (const YAML::Node nullable = o["nullable"]) {
      out_o.nullable = m_r.boolean(nullable, "nullable", loc(nullable)).value_or(false);
    }
    const YAML::Node go_type = o["go_type"];
    std::string what = out_o.key + " " + quote(out_o.target);
    if (!go_type) {
      out_o.comment = what + ": no go_type (only " +
                      std::string(o["go_struct_tag"] ? "a struct tag" : "other settings") +
                      "), nothing to translate";
      out.push_back(std::move(out_o));
      continue;
    }
    std::optional<GoType> go = read_go_type(m_r, go_type, loc(go_type));
    if (!go) continue;
    if (out_o.key == "column" && !valid_column_target(out_o.target)) {
      out_o.comment = what + ": go_type " + go->name +
                      " not translated: sqlgen names columns as table.column or "
                      "schema.table.column";
      out.push_back(std::move(out_o));
      continue;
    }
    GoTypeMapping m = map_go_type(go->spelling, out_o.key == "db_type" ? out_o.target : "");
    if (m.cpp_type.empty()) {
      out_o.comment = what + (out_o.nullable ? " (nullable)" : "") + ": go_type " + go->name +
                      " has no C++ meaning; sqlgen's default mapping applies";
      out.push_back(std::move(out_o));
      continue;
    }
    out_o.comment = what + (out_o.nullable ? " (nullable)" : "") + ": go_type " + go->name;
    out_o.cpp_type = m.cpp_type;
    out_o.include = m.include;
    if (out_o.nullable) {
      // sqlgen uses a nullable override's type as is: NULL must fit in it.
      out_o.cpp_type = "std::optional<" + out_o.cpp_type + ">";
      out_o.include = "<optional>";
    }
    out.push_back(std::move(out_o));
  }
}

void Importer::read_options(const YAML::Node& node, const std::string& what) {
  if (!node || !node.IsMap()) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    const std::string key = it->first.Scalar();
    if (k_structural_keys.count(key)) continue;
    auto mapped = k_mapped_options.find(key);
    if (mapped == k_mapped_options.end() || !it->second.IsScalar()) {
      m_out.ignored_options.insert(key);
      continue;
    }
    std::string option(mapped->second);
    std::string value = it->second.Scalar();
    if (option == "exact_table_names") {
      bool b = false;
      if (!YAML::convert<bool>::decode(it->second, b)) {
        m_r.error(DiagId::err_config_type, loc(it->second), {key, "a boolean"});
        continue;
      }
      value = b ? "true" : "false";
    }
    auto [first, inserted] = m_option_first.emplace(option, what);
    if (inserted) {
      m_out.options[option] = value;
    } else if (m_out.options[option] != value) {
      m_out.comments.push_back(key + ": " + what + " sets " + value + " but " + first->second +
                               " set " + m_out.options[option] +
                               " first; sqlgen's options are global, the first value applies");
    }
  }
}

std::string Importer::module_name(std::string name) {
  for (char& c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ok) c = '_';
  }
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) name = "db_" + name;
  if (util::is_cpp_reserved(name) || k_taken_namespaces.count(name)) name += "_db";
  std::string candidate = name;
  for (int n = 2;; ++n) {
    bool taken = std::any_of(m_out.modules.begin(), m_out.modules.end(),
                             [&](const ModuleOut& m) { return m.name == candidate; });
    if (!taken) return candidate;
    candidate = name + "_" + std::to_string(n);
  }
}

/// The last element of a Go output path ("internal/db/" → "db"); empty for "." or "".
std::string last_element(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  std::string s = p.generic_string();
  while (!s.empty() && s.back() == '/') s.pop_back();
  std::string last = fs::path(s).filename().string();
  return last == "." || last == ".." ? "" : last;
}

void Importer::read_v1(const YAML::Node& root) {
  read_rename(root["rename"], m_out.rename);
  read_overrides(root["overrides"], m_out.overrides);
  const YAML::Node packages = root["packages"];
  if (!packages) return missing(root, "packages");
  if (!packages.IsSequence()) {
    m_r.error(DiagId::err_config_type, loc(packages), {"packages", "a list of mappings"});
    return;
  }
  size_t i = 0;
  for (const YAML::Node& pkg : packages) {
    const std::string what = "packages[" + std::to_string(i++) + "]";
    if (!pkg.IsMap()) {
      m_r.error(DiagId::err_config_type, loc(pkg), {what, "a mapping"});
      continue;
    }
    if (!is_postgresql(pkg, what, true)) continue;
    ModuleOut m;
    m.origin = what;
    std::string name = pkg["name"] ? scalar(pkg["name"], "name").value_or("") : "";
    if (name.empty() && pkg["path"]) name = last_element(scalar(pkg["path"], "path").value_or(""));
    schema_paths(pkg, what, m);
    m.queries = paths(pkg, "queries", what);
    read_rename(pkg["rename"], m.rename);
    read_overrides(pkg["overrides"], m.overrides);
    read_options(pkg, what);
    m.name = module_name(name.empty() ? "db" : name);
    m_out.modules.push_back(std::move(m));
  }
}

/// `node` when it is absent or a mapping; else reported (`what` names it) and an absent node
/// returned, which has no keys (yaml-cpp throws when a scalar is subscripted).
YAML::Node Importer::mapping_or_none(const YAML::Node& node, const std::string& what) {
  if (!node || node.IsMap() || node.IsNull()) return node;
  m_r.error(DiagId::err_config_type, loc(node), {what, "a mapping"});
  return YAML::Node(YAML::NodeType::Undefined);
}

void Importer::read_v2(const YAML::Node& root) {
  if (const YAML::Node overrides = mapping_or_none(root["overrides"], "overrides")) {
    if (const YAML::Node go = mapping_or_none(overrides["go"], "overrides.go")) {
      read_rename(go["rename"], m_out.rename);
      read_overrides(go["overrides"], m_out.overrides);
    }
  }
  read_rename(root["rename"], m_out.rename);
  const YAML::Node sql = root["sql"];
  if (!sql) return missing(root, "sql");
  if (!sql.IsSequence()) {
    m_r.error(DiagId::err_config_type, loc(sql), {"sql", "a list of mappings"});
    return;
  }
  size_t i = 0;
  for (const YAML::Node& pkg : sql) {
    const std::string what = "sql[" + std::to_string(i++) + "]";
    if (!pkg.IsMap()) {
      m_r.error(DiagId::err_config_type, loc(pkg), {what, "a mapping"});
      continue;
    }
    if (!is_postgresql(pkg, what, false)) continue;
    ModuleOut m;
    m.origin = what;
    schema_paths(pkg, what, m);
    m.queries = paths(pkg, "queries", what);
    std::string name;
    const YAML::Node gen = mapping_or_none(pkg["gen"], what + ".gen");
    const YAML::Node go = gen ? mapping_or_none(gen["go"], what + ".gen.go") : YAML::Node();
    if (go) {
      if (go["package"]) name = scalar(go["package"], "package").value_or("");
      if (name.empty() && go["out"]) name = last_element(scalar(go["out"], "out").value_or(""));
      read_rename(go["rename"], m.rename);
      read_overrides(go["overrides"], m.overrides);
      read_options(go, what + ".gen.go");
    }
    if (name.empty()) {
      if (const YAML::Node codegen = pkg["codegen"]; codegen && codegen.IsSequence()) {
        for (const YAML::Node& c : codegen) {
          if (name.empty() && c.IsMap() && c["out"] && c["out"].IsScalar()) {
            name = last_element(c["out"].Scalar());
          }
        }
      }
    }
    for (const char* key : {"database", "rules", "analyzer", "codegen", "strict_order_by"}) {
      if (pkg[key]) m_out.ignored_options.insert(key);
    }
    if (const YAML::Node strict = pkg["strict_function_checks"]; strict) {
      bool b = false;
      if (strict.IsScalar() && YAML::convert<bool>::decode(strict, b)) {
        m.strict_function_checks = b;
      } else {
        m_r.error(DiagId::err_config_type, loc(strict), {"strict_function_checks", "a boolean"});
      }
    }
    m.name = module_name(name.empty() ? "db" : name);
    m_out.modules.push_back(std::move(m));
  }
}

/// sqlc gives each package its own schema; sqlgen builds one database from every module's
/// migrations. A schema path an earlier module lists already is left out of later modules.
void Importer::share_schema() {
  std::map<std::string, std::string> owner;  // schema path → module listing it
  for (ModuleOut& m : m_out.modules) {
    std::vector<std::string> kept;
    for (const std::string& p : m.schema) {
      auto [it, inserted] = owner.emplace(p, m.name);
      if (inserted) {
        kept.push_back(p);
      } else if (it->second != m.name) {
        m.comments.push_back("schema \"" + p + "\" is listed by module \"" + it->second +
                             "\" already: sqlgen builds one database from every module");
      }
    }
    m.schema = std::move(kept);
  }
}

/// True when the file is a versioned migration for sqlgen (a goose or dbmate file, or half of a
/// golang-migrate pair): only those need their number inside a module's version namespace.
bool is_versioned_migration(const fs::path& file) {
  std::string name = file.filename().string();
  if (name.ends_with(".up.sql") || name.ends_with(".down.sql")) return true;
  util::ReadResult r = util::read_file(file);
  if (!r.text) return false;
  std::string_view text = *r.text;
  for (size_t at = text.find("--"); at != std::string_view::npos; at = text.find("--", at + 2)) {
    size_t i = at + 2;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.substr(i, 6) == "+goose" || text.substr(i, 10) == "migrate:up") return true;
  }
  return false;
}

void Importer::compute_namespace_width() {
  uint64_t largest = 0;
  for (const ModuleOut& m : m_out.modules) {
    for (const std::string& rel : m.schema) {
      fs::path p = m_dir / rel;
      std::vector<fs::path> files;
      std::error_code ec;
      if (fs::is_directory(p, ec)) {
        for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
          files.push_back(it->path());
        }
      } else {
        files.push_back(p);
      }
      for (const fs::path& f : files) {
        std::string name = f.filename().string();
        size_t digits = name.find_first_not_of("0123456789");
        if (digits == 0 || digits > 18 || !name.ends_with(".sql")) continue;
        if (!is_versioned_migration(f)) continue;
        largest = std::max<uint64_t>(largest, std::stoull(name.substr(0, digits)));
      }
    }
  }
  int64_t width = 1000;
  while (static_cast<uint64_t>(width) <= largest) width *= 10;
  m_out.namespace_width = width;
}

void write_overrides(std::string& y, const std::vector<OverrideOut>& list, const char* indent) {
  for (const OverrideOut& o : list) {
    y += std::string(indent) + "# " + comment_text(o.comment) + "\n";
    if (o.cpp_type.empty()) continue;
    y += std::string(indent) + "- " + o.key + ": " + quote(o.target) + "\n";
    y += std::string(indent) + "  cpp_type: " + quote(o.cpp_type) + "\n";
    if (!o.include.empty()) y += std::string(indent) + "  include: " + quote(o.include) + "\n";
    if (o.nullable) y += std::string(indent) + "  nullable: true\n";
  }
}

bool has_entries(const std::vector<OverrideOut>& list) {
  return std::any_of(list.begin(), list.end(), [](const auto& o) { return !o.cpp_type.empty(); });
}

void write_map(std::string& y, const std::map<std::string, std::string>& m, const char* indent) {
  for (const auto& [k, v] : m) y += std::string(indent) + quote(k) + ": " + quote(v) + "\n";
}

/// The module's queries that had errors when init ran, as `skip_queries` with their reasons.
void Importer::write_skips(std::string& y, const std::string& module) const {
  auto it = m_skips.find(module);
  if (it == m_skips.end() || it->second.empty()) return;
  y += "    # Queries with errors when `sqlgen init --from-sqlc` ran: neither analyzed nor\n"
       "    # generated until they are fixed and taken off this list.\n";
  for (const SkippedQuery& q : it->second) y += "    #   " + comment_text(q.reason) + "\n";
  y += "    skip_queries:\n";
  for (const SkippedQuery& q : it->second) y += "      - " + quote(q.name) + "\n";
}

std::string Importer::render() const {
  std::string y;
  y += "# Written by `sqlgen init --from-sqlc` from " + m_out.config_name +
       " (sqlc config version " + m_out.version + ").\n";
  y += "# Re-running it with --force overwrites this file.\n";
  if (!m_out.ignored_options.empty()) {
    std::string list;
    for (const std::string& o : m_out.ignored_options) list += (list.empty() ? "" : ", ") + o;
    y += "# sqlc settings with no meaning for sqlgen, ignored: " + comment_text(list) + "\n";
  }
  for (const std::string& c : m_out.comments) y += "# " + comment_text(c) + "\n";
  y += "version: \"1\"\n";
  y += "output: \"generated\"\n";
  if (m_out.namespace_width != 1000) {
    y += "# Wide enough for the largest migration number (a timestamp, say) to stay local to its\n"
         "# module.\n";
    y += "namespace_width: " + std::to_string(m_out.namespace_width) + "\n";
  }
  if (!m_out.options.empty()) {
    y += "options:\n";
    for (const auto& [k, v] : m_out.options) y += "  " + k + ": " + v + "\n";
  }
  if (!m_out.rename.empty()) {
    y += "rename:\n";
    write_map(y, m_out.rename, "  ");
  }
  if (!m_out.overrides.empty()) {
    y += has_entries(m_out.overrides) ? "overrides:\n" : "# overrides:\n";
    write_overrides(y, m_out.overrides, "  ");
  }
  y += m_out.modules.empty() ? "modules: []\n" : "modules:\n";
  for (const ModuleOut& m : m_out.modules) {
    y += "  # " + m.origin + "\n";
    for (const std::string& c : m.comments) y += "  # " + comment_text(c) + "\n";
    y += "  - name: " + quote(m.name) + "\n";
    if (!m.schema.empty()) y += "    migrations:\n";
    for (const std::string& p : m.schema) y += "      - " + quote(p) + "\n";
    if (!m.queries.empty()) y += "    queries:\n";  // a glob may match nothing
    for (const std::string& p : m.queries) y += "      - " + quote(p) + "\n";
    if (!m.rename.empty()) {
      y += "    rename:\n";
      write_map(y, m.rename, "      ");
    }
    if (!m.overrides.empty()) {
      y += has_entries(m.overrides) ? "    overrides:\n" : "    # overrides:\n";
      write_overrides(y, m.overrides, "      ");
    }
    write_skips(y, m.name);
    if (!m.strict_function_checks) {
      y += "    # As sqlc by default: a call of a function the schema does not define is a\n"
           "    # warning, not an error (remove this line to have PostgreSQL's error).\n"
           "    strict_function_checks: false\n";
    }
  }
  return y;
}

/// Go types with one obvious C++ type, by their last path element ("uuid.UUID").
const std::map<std::string_view, GoTypeMapping>& go_type_table() {
  static const std::map<std::string_view, GoTypeMapping> table = {
      {"int", {"std::int64_t", "<cstdint>"}},
      {"int64", {"std::int64_t", "<cstdint>"}},
      {"int32", {"std::int32_t", "<cstdint>"}},
      {"int16", {"std::int16_t", "<cstdint>"}},
      {"int8", {"std::int8_t", "<cstdint>"}},
      {"uint", {"std::uint64_t", "<cstdint>"}},
      {"uint64", {"std::uint64_t", "<cstdint>"}},
      {"uint32", {"std::uint32_t", "<cstdint>"}},
      {"uint16", {"std::uint16_t", "<cstdint>"}},
      {"uint8", {"std::uint8_t", "<cstdint>"}},
      {"byte", {"std::uint8_t", "<cstdint>"}},
      {"float64", {"double", ""}},
      {"float32", {"float", ""}},
      {"bool", {"bool", ""}},
      {"string", {"std::string", "<string>"}},
      {"[]byte", {"sqlgen::runtime::Bytes", ""}},
      {"json.RawMessage", {"nlohmann::json", ""}},
      {"uuid.UUID", {"sqlgen::runtime::Uuid", ""}},
      {"uuid.NullUUID", {"sqlgen::runtime::Uuid", ""}},
      {"pgtype.UUID", {"sqlgen::runtime::Uuid", ""}},
      {"sql.NullString", {"std::string", "<string>"}},
      {"sql.NullInt64", {"std::int64_t", "<cstdint>"}},
      {"sql.NullInt32", {"std::int32_t", "<cstdint>"}},
      {"sql.NullInt16", {"std::int16_t", "<cstdint>"}},
      {"sql.NullFloat64", {"double", ""}},
      {"sql.NullBool", {"bool", ""}},
      {"pgtype.Text", {"std::string", "<string>"}},
      {"pgtype.Int8", {"std::int64_t", "<cstdint>"}},
      {"pgtype.Int4", {"std::int32_t", "<cstdint>"}},
      {"pgtype.Int2", {"std::int16_t", "<cstdint>"}},
      {"pgtype.Float8", {"double", ""}},
      {"pgtype.Float4", {"float", ""}},
      {"pgtype.Bool", {"bool", ""}},
  };
  return table;
}

}  // namespace

std::optional<fs::path> find_sqlc_config(const fs::path& dir) {
  for (const char* name : k_sqlc_config_names) {
    std::error_code ec;
    fs::path p = dir.empty() ? fs::path(name) : dir / name;
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

GoTypeMapping map_go_type(std::string_view go_type, std::string_view db_type) {
  std::string_view t = go_type;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  if (!t.empty() && t.front() == '*') t.remove_prefix(1);  // nullability is sqlgen's
  bool slice = false;
  if (t.starts_with("[]") && t != "[]byte" && !t.ends_with("/[]byte")) {
    slice = true;
    t.remove_prefix(2);
  }
  // "github.com/google/uuid.UUID" → "uuid.UUID".
  if (size_t slash = t.rfind('/'); slash != std::string_view::npos) t.remove_prefix(slash + 1);
  GoTypeMapping out;
  std::string_view db = db_type;
  if (db.starts_with("pg_catalog.")) db.remove_prefix(11);
  const bool is_time = t == "time.Time" || t == "sql.NullTime" || t == "pgtype.Timestamptz" ||
                       t == "pgtype.Timestamp" || t == "pgtype.Date";
  if (is_time) {
    if (t == "pgtype.Date" ||
        (t != "pgtype.Timestamptz" && t != "pgtype.Timestamp" && db == "date")) {
      out = {"std::chrono::sys_days", "<chrono>"};
    } else if (t == "pgtype.Timestamp" ||
               (t != "pgtype.Timestamptz" &&
                (db == "timestamp" || db == "timestamp without time zone"))) {
      out = {"std::chrono::local_time<std::chrono::microseconds>", "<chrono>"};
    } else {
      out = {"std::chrono::sys_time<std::chrono::microseconds>", "<chrono>"};
    }
  } else if (auto it = go_type_table().find(t); it != go_type_table().end()) {
    out = it->second;
  } else {
    return {};
  }
  if (slice) {
    out.cpp_type = "std::vector<" + out.cpp_type + ">";
    out.include = "<vector>";
  }
  return out;
}

std::optional<SqlcImport> import_sqlc(const diag::SourcePtr& source, diag::DiagnosticEngine& diags,
                                      const QuerySkips& skips) {
  return Importer(source, diags, skips).run();
}

}  // namespace sqlgen::config
