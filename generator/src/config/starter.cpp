// The sqlgen.yaml `sqlgen init` writes (every key, most commented out with their defaults) and
// the module name it picks from a directory name.
#include <algorithm>
#include <set>
#include <string_view>

#include "config/config.hpp"
#include "util/cpp_words.hpp"

namespace sqlgen::config {

namespace {

/// Namespaces the generated code refers to, which a module must not be named.
const std::set<std::string_view> k_taken_namespaces = {"std", "sqlgen", "pqxx"};

/// The starter config; `@M@` stands for the module name.
constexpr std::string_view k_starter =
    R"(# sqlgen.yaml, written by `sqlgen init`. Paths are relative to this file.
# A commented-out key shows its default; every key is described in sqlgen's docs/config.md.
version: "1"                     # config format version; only "1" exists

# output: generated              # where `sqlgen generate` writes headers (<output>/<module>/) and catalog.sql
# templates: templates           # directory of *.mustache templates (must exist when written)
# schema_dump: generated/schema.sql  # where `sqlgen dump` writes the normalized schema
# database: ""                   # the database `sqlgen migrate` applies to (URL); "" = .sqlgen/postgres/
# search_path: []                # schemas unqualified names resolve in, for modules without their own;
#                                # [] = the search_path the migrations leave ("$user", public)
# namespace_width: 1000          # versions per module: module i (0-based) owns (i+1)*W+1 .. (i+1)*W+W-1
# rename: {}                     # SQL name -> C++ name, e.g. {url: URL}
# overrides: []                  # C++ types by database type or column, e.g.
#   - db_type: uuid              #   the database type (or column: table.column / schema.table.column)
#     cpp_type: boost::uuids::uuid  # the C++ type to use (required)
#     include: <boost/uuid/uuid.hpp>  # header to include for it (default: none)
#     nullable: false            #   applies to nullable columns (true) or NOT NULL ones (false, the default)
# options:                       # code generator options (values as written):
#   max_params: 4                #   more parameters than this: one Params struct instead of arguments
#   json: auto                   #   to_json/from_json (nlohmann/json): auto = modules with json values; true; false
#   function_naming: snake_case  #   query function names: snake_case, camelCase or as_is
#   nullable_array_elements: false  # arrays as std::vector<std::optional<T>>
#   exact_table_names: false     #   struct names as the table is named (users -> Users, not User)
#   query_classes: module        #   module: one Queries class; file: one class per query file
# vet: {}                        # `sqlgen vet` rule levels, e.g. {missing-down: off, version-gap: warning}
#                                # (error, warning or off; the rules are listed in docs/vet.md)
# audit: {}                      # audited tables: every column track, ignore or secret; generate writes
#                                # <module>/audit.hpp with audit_diff(old_row, new_row), e.g.
#                                # {shop.users: {id: track, email: track, password_hash: secret}}

modules:                         # in order; append new modules at the end (versions depend on the order)
  - name: @M@                    # identifier naming the module (required, unique)
    migrations: migrations/@M@   # a directory (goose files, .up/.down pairs, dbmate) or a list of files/directories
    queries: queries/@M@         # a directory of query files or a list of files/directories
    # schema: @M@                # PostgreSQL schema the module owns (default: none); its migrations create it
    # namespace: @M@             # C++ namespace of the generated code ("a::b" allowed; default: the name)
    # search_path: []            # default: [schema, public] with a schema, else the global search_path
    # rename: {}                 # renames for this module, on top of the global ones
    # overrides: []              # overrides for this module, checked before the global ones
    # strict_function_checks: true  # false: a call of a function no schema file defines is a warning, typed unknown
    # skip_queries: []           # queries (by -- name:) neither analyzed nor generated, e.g. another engine's SQL
)";

}  // namespace

std::string module_name_from(std::string_view text) {
  std::string name;
  bool has_alnum = false;
  for (char c : text) {
    bool digit = c >= '0' && c <= '9';
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit || c == '_';
    has_alnum = has_alnum || (ok && c != '_');
    name += ok ? c : '_';
  }
  if (!has_alnum) return "app";
  if (name[0] >= '0' && name[0] <= '9') name = "m_" + name;
  if (util::is_cpp_reserved(name) || k_taken_namespaces.count(name)) name += "_app";
  return name;
}

std::string starter_config(const std::string& module) {
  std::string out;
  std::string_view text = k_starter;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // The module's name in place of @M@, the trailing comment kept in its column when it fits.
    const size_t comment = line.rfind("  # ");
    std::string filled;
    for (size_t at = 0;;) {
      size_t next = line.find("@M@", at);
      filled += line.substr(at, next - at);
      if (next == std::string_view::npos) break;
      filled += module;
      at = next + 3;
    }
    if (comment != std::string_view::npos && filled.size() > line.size()) {
      size_t moved = filled.rfind("  # ");
      size_t spaces = 0;
      while (spaces < moved && filled[moved - spaces] == ' ') ++spaces;
      size_t drop = std::min(filled.size() - line.size(), spaces > 2 ? spaces - 2 : 0);
      filled.erase(moved - drop + 1, drop);
    }
    out += filled;
    out += '\n';
  }
  return out;
}

}  // namespace sqlgen::config
