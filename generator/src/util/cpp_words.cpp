#include "util/cpp_words.hpp"

#include <algorithm>

namespace sqlgen::util {

const std::vector<std::string_view>& cpp_reserved_words() {
  static const std::vector<std::string_view> words = {
      // C++20 keywords
      "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char", "char8_t",
      "char16_t", "char32_t", "class", "concept", "const", "consteval", "constexpr", "constinit",
      "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default",
      "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
      "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
      "namespace", "new", "noexcept", "nullptr", "operator", "private", "protected", "public",
      "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while",
      // alternative tokens
      "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor", "xor_eq",
      // identifiers with special meaning, and GNU-mode keywords and predefined macros
      "final", "override", "import", "module", "typeof", "linux", "unix",
      // standard library macros
      "NULL", "EOF", "errno", "assert", "offsetof", "setjmp", "stdin", "stdout", "stderr", "BUFSIZ",
      "FILENAME_MAX", "CHAR_BIT", "INT_MAX", "INT_MIN", "RAND_MAX", "EXIT_SUCCESS", "EXIT_FAILURE",
      "va_arg", "va_copy", "va_end", "va_start"};
  return words;
}

bool is_cpp_reserved(std::string_view word) {
  const auto& words = cpp_reserved_words();
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace sqlgen::util
