// Writes builtin_templates.cpp: the repository's templates compiled into the binary.
#include "codegen/internal.hpp"

namespace sqlgen::codegen {

std::string builtin_templates_source(const std::map<std::string, std::string>& templates) {
  std::string out =
      "// The repository's templates/*.mustache, compiled in for configs without a templates\n"
      "// directory. Regenerate: SQLGEN_UPDATE_GOLDEN=1 build/tests/sqlgen_tests \"[golden]\"\n"
      "#include \"codegen/internal.hpp\"\n"
      "\n"
      "namespace sqlgen::codegen {\n"
      "\n"
      "// clang-format off\n"
      "const std::map<std::string, std::string>& builtin_templates() {\n"
      "  static const std::map<std::string, std::string> templates = {\n";
  for (const auto& [name, text] : templates) {
    std::string delim = "tmpl";
    for (int n = 1; text.find(")" + delim + "\"") != std::string::npos; ++n) {
      delim = "tmpl" + std::to_string(n);
    }
    out += "      {\"" + name + "\", R\"" + delim + "(" + text + ")" + delim + "\"},\n";
  }
  out +=
      "  };\n"
      "  return templates;\n"
      "}\n"
      "// clang-format on\n"
      "\n"
      "}  // namespace sqlgen::codegen\n";
  return out;
}

}  // namespace sqlgen::codegen
