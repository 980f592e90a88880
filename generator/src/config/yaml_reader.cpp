#include "config/yaml_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace sqlgen::config::detail {

YamlReader::YamlReader(diag::SourcePtr source, diag::DiagnosticEngine& diags)
    : m_source(std::move(source)), m_diags(diags) {}

uint32_t YamlReader::offset_of(const YAML::Mark& mark) const {
  const std::string& text = m_source->text();
  uint32_t line = static_cast<uint32_t>(mark.line) + 1;
  uint32_t start = m_source->line_start(line);
  uint32_t column = static_cast<uint32_t>(mark.column);
  // yaml-cpp consumes a UTF-8 byte order mark without counting it.
  if (line == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) column += 3;
  // Columns count bytes; stay within the line.
  uint32_t end = start + static_cast<uint32_t>(m_source->line_text(line).size());
  return std::min(start + column, std::max(end, start));
}

diag::Location YamlReader::loc(const YAML::Node& node, const diag::Location& fallback) const {
  YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return fallback;
  // An empty value's mark is the next token's; its key is a better place.
  if (node.IsNull() && fallback.source) return fallback;
  uint32_t offset = offset_of(mark);
  uint32_t length = 0;
  if (node.IsScalar()) {
    // Underline the scalar when the file spells it verbatim, with or without quotes.
    std::string_view text(m_source->text());
    const std::string& s = node.Scalar();
    if (text.compare(offset, s.size(), s) == 0) {
      length = static_cast<uint32_t>(s.size());
    } else if (offset < text.size() && (text[offset] == '"' || text[offset] == '\'') &&
               text.compare(offset + 1, s.size(), s) == 0 &&
               text.substr(offset + 1 + s.size(), 1) == text.substr(offset, 1)) {
      length = static_cast<uint32_t>(s.size() + 2);
    }
  }
  return diag::Location::at(m_source, offset, length);
}

void YamlReader::error(diag::DiagId id, diag::Location where, std::vector<std::string> args) {
  report(diag::make(id, std::move(where), std::move(args)));
}

void YamlReader::report(diag::Diagnostic d) {
  if (d.severity == diag::Severity::Error) ++m_errors;
  m_diags.report(std::move(d));
}

bool YamlReader::apply_merge_keys(YAML::Node& root) { return apply_merge_keys(root, 0); }

bool YamlReader::apply_merge_keys(YAML::Node& node, int depth) {
  // Deeper than any config nests; an alias can make a mapping its own descendant.
  constexpr int k_max_depth = 64;
  if (depth > k_max_depth) return true;
  bool ok = true;
  if (node.IsSequence()) {
    for (YAML::Node item : node) ok = apply_merge_keys(item, depth + 1) && ok;
    return ok;
  }
  if (!node.IsMap()) return true;
  YAML::Node merge;
  bool merges = false;  // (a default YAML::Node is a defined null: no test of `merge` tells)
  std::set<std::string> own;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    if (it->first.Scalar() == "<<" && it->first.Tag() != "!") {
      merge = it->second;
      merges = true;
    } else {
      own.insert(it->first.Scalar());
    }
  }
  if (merges) {
    std::vector<YAML::Node> sources;
    if (merge.IsMap()) {
      sources.push_back(merge);
    } else if (merge.IsSequence()) {
      for (const YAML::Node& item : merge) sources.push_back(item);
    }
    bool valid = !sources.empty();
    for (const YAML::Node& source : sources) valid = valid && source.IsMap();
    if (!valid) {
      type_error(merge, "<<", loc(node), "a mapping or a list of mappings (a merge key)");
      return false;
    }
    node.remove("<<");
    for (YAML::Node source : sources) {
      ok = apply_merge_keys(source, depth + 1) && ok;  // a merged mapping's own merges first
      for (auto it = source.begin(); it != source.end(); ++it) {
        if (!it->first.IsScalar() || !own.insert(it->first.Scalar()).second) continue;
        node.force_insert(it->first, it->second);
      }
    }
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    YAML::Node value = it->second;
    ok = apply_merge_keys(value, depth + 1) && ok;
  }
  return ok;
}

bool YamlReader::for_each_key(const YAML::Node& node, std::string_view what,
                              const std::vector<std::string>& known, const KeyFn& fn) {
  if (!node.IsMap()) {
    error(diag::DiagId::err_config_type, loc(node, diag::Location::file(m_source)),
          {std::string(what), "a mapping"});
    return false;
  }
  std::map<std::string, YAML::Node> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (!key.IsScalar()) {
      error(diag::DiagId::err_config_type, loc(key, loc(node)),
            {std::string(what) + " key", "a string"});
      continue;
    }
    const std::string& name = key.Scalar();
    auto [prev, inserted] = seen.emplace(name, key);
    if (!inserted) {
      diag::Diagnostic d = diag::make(diag::DiagId::err_config_duplicate_key, loc(key), {name});
      d.note(diag::DiagId::note_previous_here, loc(prev->second), {"definition"});
      report(std::move(d));
      continue;
    }
    bool is_known = false;
    for (const auto& k : known) is_known = is_known || k == name;
    if (!is_known) {
      std::string hint = diag::did_you_mean(name, known);
      if (!hint.empty()) hint = ", " + hint;
      if (hint.empty() && m_homes) {
        for (const KeyHome& home : *m_homes) {
          if (home.keys == &known ||
              std::find(home.keys->begin(), home.keys->end(), name) == home.keys->end()) {
            continue;
          }
          hint = std::string(" here: it belongs ") + home.where;
          break;
        }
      }
      error(diag::DiagId::err_config_unknown_key, loc(key), {name, hint});
      continue;
    }
    fn(name, key, value);
  }
  return true;
}

void YamlReader::type_error(const YAML::Node& value, const std::string& key,
                            const diag::Location& fallback, const char* expected) {
  error(diag::DiagId::err_config_type, loc(value, fallback), {key, expected});
}

std::optional<std::string> YamlReader::string(const YAML::Node& value, const std::string& key,
                                              const diag::Location& fallback) {
  if (!value.IsScalar()) {
    type_error(value, key, fallback, "a string");
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<bool> YamlReader::boolean(const YAML::Node& value, const std::string& key,
                                        const diag::Location& fallback) {
  bool out = false;
  if (!value.IsScalar() || !YAML::convert<bool>::decode(value, out)) {
    type_error(value, key, fallback, "a boolean");
    return std::nullopt;
  }
  return out;
}

std::optional<int64_t> YamlReader::integer(const YAML::Node& value, const std::string& key,
                                           const diag::Location& fallback) {
  int64_t out = 0;
  if (!value.IsScalar() || !YAML::convert<int64_t>::decode(value, out)) {
    type_error(value, key, fallback, "an integer");
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YAML::Node& value,
                                                                const std::string& key,
                                                                const diag::Location& fallback) {
  if (!value.IsSequence()) {
    type_error(value, key, fallback, "a list of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const YAML::Node& item : value) {
    if (!item.IsScalar()) {
      type_error(item, key + "[" + std::to_string(out.size()) + "]", loc(value, fallback),
                 "a string");
      ok = false;
    }
    out.push_back(item.IsScalar() ? item.Scalar() : std::string());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::map<std::string, std::string>> YamlReader::string_map(
    const YAML::Node& value, const std::string& key, const diag::Location& fallback) {
  if (!value.IsMap()) {
    type_error(value, key, fallback, "a mapping of strings to strings");
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  std::map<std::string, YAML::Node> first;
  bool ok = true;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const YAML::Node k = it->first;
    const YAML::Node v = it->second;
    if (!k.IsScalar()) {
      type_error(k, key + " key", loc(value, fallback), "a string");
      ok = false;
      continue;
    }
    auto [prev, inserted] = first.emplace(k.Scalar(), k);
    if (!inserted) {
      diag::Diagnostic d = diag::make(diag::DiagId::err_config_duplicate_key, loc(k), {k.Scalar()});
      d.note(diag::DiagId::note_previous_here, loc(prev->second), {"definition"});
      report(std::move(d));
      ok = false;
      continue;
    }
    if (!v.IsScalar()) {
      type_error(v, key + "." + k.Scalar(), loc(k), "a string");
      ok = false;
      continue;
    }
    out[k.Scalar()] = v.Scalar();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> YamlReader::path(const YAML::Node& value, const std::string& key,
                                            const diag::Location& fallback) {
  std::optional<std::string> s = string(value, key, fallback);
  if (!s) return std::nullopt;
  if (s->empty()) {
    error(diag::DiagId::err_config_value, loc(value, fallback), {key, "path is empty"});
    return std::nullopt;
  }
  std::filesystem::path p(*s);
  if (p.is_absolute()) {
    error(diag::DiagId::err_config_value, loc(value, fallback),
          {key, "path must be relative to the config file's directory"});
    return std::nullopt;
  }
  std::string normal = p.lexically_normal().generic_string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace sqlgen::config::detail
