// main.cc, not main.cpp: tests/CMakeLists.txt globs tests/**/*.cpp into sqlgen_tests.
// Compiled with -Werror by the downstream test against an installed sqlgen:
// the headers the build generates (notes/models.hpp, notes/queries.hpp), the
// runtime headers and their dependencies (libpqxx, nlohmann_json) must be
// found, compile cleanly and link. Prints what the test checks: the columns
// of the generated notes::Note (they follow the migrations) and a libpqxx
// conversion.
#include <iostream>
#include <nlohmann/json.hpp>
#include <notes/queries.hpp>
#include <pqxx/pqxx>
#include <sqlgen/runtime/runtime.hpp>

int main() {
  // Odr-uses the generated statements' registration, defined in the generated notes/queries.cpp
  // (compiled into sqlgen_generate's library), so the link needs that library and libpqxx.
  void (*prepare)(pqxx::connection_base&) = &notes::Queries::prepare;

  notes::Note note;
  note.title = "hello";
  nlohmann::json row = note;
  nlohmann::json report = {
      {"note_columns", row.size()}, {"title", row["title"]}, {"pqxx", pqxx::to_string(42)}};
  std::cout << report.dump() << '\n';
  return prepare != nullptr && report["title"] == "hello" && report["pqxx"] == "42" ? 0 : 1;
}
