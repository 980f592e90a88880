// Small text helpers for generated C++: comments, string literals, file headers, namespaces.
#include "codegen/internal.hpp"

namespace sqlgen::codegen {

std::string comment_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? ' ' : c;
  }
  // A trailing backslash would continue the `//` comment onto the next line.
  while (!out.empty() && (out.back() == ' ' || out.back() == '\\')) out.pop_back();
  size_t start = out.find_first_not_of(' ');
  return start == std::string::npos ? "" : out.substr(start);
}

View comment_lines(const std::string& text) {
  View out = View::array();
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = comment_line(std::string_view(text).substr(start, end - start));
    if (!line.empty()) out.push_back(line);  // "/// " would end in a space
    start = end + 1;
  }
  return out;
}

std::string cpp_string_escape(std::string_view text) {
  static constexpr char k_octal[] = "01234567";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += '\\';
          out += k_octal[(u >> 6) & 7];
          out += k_octal[(u >> 3) & 7];
          out += k_octal[u & 7];
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string cpp_raw_string(std::string_view text) {
  std::string delim = "sql";
  for (int n = 1; std::string_view::npos != text.find(")" + delim + "\""); ++n) {
    delim = "sql" + std::to_string(n);
  }
  std::string out;
  out.reserve(text.size() + 2 * delim.size() + 5);
  out += "R\"";
  out += delim;
  out += '(';
  out += text;
  out += ')';
  out += delim;
  out += '"';
  return out;
}

std::string file_header(const std::set<std::string>& sources) {
  std::string out(k_generated_marker);
  for (const std::string& s : sources) out += "\n// source: " + comment_line(s);
  return out;
}

std::string module_namespace(const config::Module& module) {
  std::string ns = module.cpp_namespace.empty() ? module.name : module.cpp_namespace;
  std::string out;
  size_t start = 0;
  while (true) {
    size_t end = ns.find("::", start);
    std::string part = ns.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!out.empty()) out += "::";
    out += escape_identifier(part);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

std::optional<std::string> find_rename(const config::Config& config, const config::Module& module,
                                       const std::string& key) {
  if (auto it = module.rename.find(key); it != module.rename.end()) return it->second;
  if (auto it = config.rename.find(key); it != config.rename.end()) return it->second;
  return std::nullopt;
}

}  // namespace sqlgen::codegen
