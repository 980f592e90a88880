#pragma once
/// Words a C++ identifier sqlgen writes must not be: the C++20 keywords and alternative tokens,
/// identifiers with special meaning, and standard macro names. Shared by codegen (escaping)
/// and config (module names imported from sqlc).

#include <string_view>
#include <vector>

namespace sqlgen::util {

/// The C++20 keywords and alternative tokens, plus standard macro names a field must not take.
const std::vector<std::string_view>& cpp_reserved_words();
/// True when `word` is in cpp_reserved_words().
bool is_cpp_reserved(std::string_view word);

}  // namespace sqlgen::util
