// C++ names: the one identifier-escaping function with the full C++20 keyword list, case
// conversions, and English singulars for type names (the inflection rules sqlc uses).
#include <algorithm>
#include <cctype>
#include <mutex>
#include <regex>
#include <unordered_map>

#include "codegen/codegen.hpp"

namespace sqlgen::codegen {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_upper(c) || is_lower(c) || is_digit(c) || c == '_'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

/// Words of a snake_case, camelCase or PascalCase name, lowercased.
std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!is_ident_char(c) || c == '_') {
      flush();
      continue;
    }
    if (is_upper(c) && i > 0) {
      char prev = s[i - 1];
      char next = i + 1 < s.size() ? s[i + 1] : '\0';
      bool after_lower = is_lower(prev) || is_digit(prev);
      // "HTTPServer": a capital followed by lowercase starts a word after an acronym, except
      // an acronym's plural "s" ("IDs", "IDsInOrder").
      bool plural_s = next == 's' && (i + 2 >= s.size() || !is_lower(s[i + 2]));
      bool acronym_end = is_upper(prev) && is_lower(next) && !plural_s;
      if (after_lower || acronym_end) flush();
    }
    cur += lower(c);
  }
  flush();
  return words;
}

struct Rule {
  std::regex pattern;
  std::string replacement;
};

/// jinzhu/inflection's singular rules, most specific last (they are tried last to first).
const std::vector<Rule>& singular_rules() {
  static const std::vector<Rule> rules = [] {
    const std::pair<const char*, const char*> k_rules[] = {
        {"s$", ""},
        {"(ss)$", "$1"},
        {"(n)ews$", "$1ews"},
        {"([ti])a$", "$1um"},
        {"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "$1sis"},
        {"(^analy)(sis|ses)$", "$1sis"},
        {"([^f])ves$", "$1fe"},
        {"(hive)s$", "$1"},
        {"(tive)s$", "$1"},
        {"([lr])ves$", "$1f"},
        {"([^aeiouy]|qu)ies$", "$1y"},
        {"(s)eries$", "$1eries"},
        {"(m)ovies$", "$1ovie"},
        {"(c)ookies$", "$1ookie"},
        {"(x|ch|ss|sh)es$", "$1"},
        {"^(m|l)ice$", "$1ouse"},
        {"(bus)(es)?$", "$1"},
        {"(o)es$", "$1"},
        {"(shoe)s$", "$1"},
        {"(cris|test)(is|es)$", "$1is"},
        {"^(a)x[ie]s$", "$1xis"},
        {"(octop|vir)(us|i)$", "$1us"},
        {"(alias|status)(es)?$", "$1"},
        {"^(ox)en", "$1"},
        {"(vert|ind)ices$", "$1ex"},
        {"(matr)ices$", "$1ix"},
        {"(quiz)zes$", "$1"},
        {"(database)s$", "$1"},
        // irregular plurals
        {"(p)eople$", "$1erson"},
        {"(m)en$", "$1an"},
        {"(c)hildren$", "$1hild"},
        {"(s)exes$", "$1ex"},
        {"(m)oves$", "$1ove"},
    };
    std::vector<Rule> out;
    for (const auto& [pattern, replacement] : k_rules) {
      out.push_back(Rule{std::regex(pattern, std::regex::icase), replacement});
    }
    return out;
  }();
  return rules;
}

const std::vector<std::string_view> k_uncountable = {"equipment", "information", "rice", "money",
                                                     "species",   "series",      "fish", "sheep",
                                                     "jeans",     "police"};

std::string singular_word_uncached(const std::string& word) {
  std::string lowered = word;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), lower);
  if (std::find(k_uncountable.begin(), k_uncountable.end(), lowered) != k_uncountable.end()) {
    return word;
  }
  const std::vector<Rule>& rules = singular_rules();
  for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
    if (std::regex_search(word, it->pattern)) {
      return std::regex_replace(word, it->pattern, it->replacement,
                                std::regex_constants::format_first_only);
    }
  }
  return word;
}

/// singular_word_uncached, remembered: std::regex is slow and the same table names come back
/// for every module and query (any thread may ask).
std::string singular_word(const std::string& word) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(word); it != cache.end()) return it->second;
  }
  std::string singular = singular_word_uncached(word);
  std::lock_guard<std::mutex> lock(mutex);
  return cache.emplace(word, std::move(singular)).first->second;
}

}  // namespace

std::string escape_identifier(std::string_view name,
                              const std::vector<std::string_view>& extra_reserved) {
  std::string out;
  for (char c : name) {
    char mapped = is_ident_char(c) ? c : '_';
    if (mapped == '_' && !out.empty() && out.back() == '_') continue;  // "__" is reserved
    out += mapped;
  }
  // "_Upper..." is reserved everywhere.
  while (out.size() > 1 && out[0] == '_' && is_upper(out[1])) out.erase(0, 1);
  if (out.empty() || out == "_") out = "unnamed";
  if (is_digit(out[0])) out.insert(out.begin(), '_');
  bool extra = std::find(extra_reserved.begin(), extra_reserved.end(), out) != extra_reserved.end();
  if (is_cpp_reserved(out) || extra) out += out.back() == '_' ? "1" : "_";  // never "__"
  return out;
}

std::string singularize(std::string_view name) {
  std::string s(name);
  size_t cut = s.find_last_of('_');
  std::string head = cut == std::string::npos ? "" : s.substr(0, cut + 1);
  std::string last = cut == std::string::npos ? s : s.substr(cut + 1);
  if (last.empty()) return s;
  return head + singular_word(last);
}

std::string to_pascal_case(std::string_view name) {
  std::string out;
  bool start = true;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!is_ident_char(c) || c == '_') {
      start = true;
      continue;
    }
    out += start ? upper(c) : c;
    start = false;
  }
  return out;
}

std::string to_snake_case(std::string_view name) {
  std::string out;
  for (const std::string& w : split_words(name)) {
    if (!out.empty()) out += '_';
    out += w;
  }
  return out;
}

std::string to_camel_case(std::string_view name) {
  std::string out;
  for (const std::string& w : split_words(name)) {
    if (out.empty()) {
      out += w;
    } else {
      out += upper(w[0]);
      out += w.substr(1);
    }
  }
  return out;
}

}  // namespace sqlgen::codegen
