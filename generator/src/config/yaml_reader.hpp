#pragma once
/// Internal to config/: typed access to yaml-cpp nodes that reports wrong
/// types, unknown and duplicate keys at the node's line and column.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::config::detail {

/// Where a kind of key belongs ("under `options:`") and the keys that belong there.
struct KeyHome {
  const char* where;
  const std::vector<std::string>* keys;
};

/// Reads values out of one parsed YAML document and reports problems to a
/// diagnostic engine, counting the errors it reported.
class YamlReader {
 public:
  /// Called for each known key of a mapping with the key's name, key node and value node.
  using KeyFn = std::function<void(const std::string&, const YAML::Node&, const YAML::Node&)>;

  /// Reads nodes parsed from `source`, reporting to `diags`.
  YamlReader(diag::SourcePtr source, diag::DiagnosticEngine& diags);

  /// Byte offset in the file of a yaml-cpp mark (0-based line and column).
  uint32_t offset_of(const YAML::Mark& mark) const;
  /// Location of `node` (the whole scalar when it is one); `fallback` when the node has no mark.
  diag::Location loc(const YAML::Node& node, const diag::Location& fallback = {}) const;
  /// Reports `id` at `where`.
  void error(diag::DiagId id, diag::Location where, std::vector<std::string> args = {});
  /// Reports a diagnostic built by the caller (e.g. one with notes).
  void report(diag::Diagnostic d);
  /// Number of errors this reader reported.
  size_t error_count() const { return m_errors; }
  /// The file being read.
  const diag::SourcePtr& source() const { return m_source; }

  /// Where keys belong: an unknown key with no close spelling in its mapping that one of
  /// `homes` (other than the mapping's own list) holds is reported with where it belongs.
  void set_key_homes(const std::vector<KeyHome>* homes) { m_homes = homes; }

  /// Applies YAML merge keys in place, everywhere under `root`: a mapping's `<<: *anchor` (or
  /// `<<: [*a, *b]`) gets each key of the merged mapping(s) it does not have itself (of a list,
  /// the first mapping holding a key wins), and loses its `<<`; merged entries keep their own
  /// marks (diagnostics point into the anchor). What sqlc's YAML reader does, so sqlc configs
  /// that share settings through anchors read the same. False (reported) when a `<<` holds
  /// something else than a mapping or a list of them.
  bool apply_merge_keys(YAML::Node& root);

  /// Checks `node` is a mapping named `what`, then calls `fn` for each key in
  /// `known`; unknown, duplicate and non-scalar keys are errors. False when not a mapping.
  bool for_each_key(const YAML::Node& node, std::string_view what,
                    const std::vector<std::string>& known, const KeyFn& fn);

  /// A scalar read as text.
  std::optional<std::string> string(const YAML::Node& value, const std::string& key,
                                    const diag::Location& fallback);
  /// A boolean scalar (true/false, yes/no, on/off).
  std::optional<bool> boolean(const YAML::Node& value, const std::string& key,
                              const diag::Location& fallback);
  /// An integer scalar.
  std::optional<int64_t> integer(const YAML::Node& value, const std::string& key,
                                 const diag::Location& fallback);
  /// A sequence of scalars.
  std::optional<std::vector<std::string>> string_list(const YAML::Node& value,
                                                      const std::string& key,
                                                      const diag::Location& fallback);
  /// A mapping of scalars to scalars, in file order checked for duplicate keys.
  std::optional<std::map<std::string, std::string>> string_map(const YAML::Node& value,
                                                               const std::string& key,
                                                               const diag::Location& fallback);
  /// A non-empty relative path, lexically normalized, without a trailing slash.
  std::optional<std::string> path(const YAML::Node& value, const std::string& key,
                                  const diag::Location& fallback);

 private:
  void type_error(const YAML::Node& value, const std::string& key, const diag::Location& fallback,
                  const char* expected);
  bool apply_merge_keys(YAML::Node& node, int depth);

  diag::SourcePtr m_source;
  diag::DiagnosticEngine& m_diags;
  size_t m_errors = 0;
  const std::vector<KeyHome>* m_homes = nullptr;
};

/// True for a C identifier: [A-Za-z_][A-Za-z0-9_]*.
bool is_identifier(std::string_view s);

}  // namespace sqlgen::config::detail
