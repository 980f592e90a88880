// libFuzzer target: a query file → source::read_query_file (`-- name:` / `/* name: */` lines,
// commands, doc comments, `-- @annotation` lines, statement ranges) and the duplicate-name
// check, then the diagnostics rendered (line:col, source line and caret over fuzzed text).
#include <cstdio>
#include <cstdlib>

#include "fixture.hpp"
#include "source/query_file.hpp"

using namespace sqlgen;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  diag::DiagnosticEngine diags;
  diag::SourcePtr src = diag::make_source("/sqlgen-fuzz/queries.sql", fuzz::text_of(data, size));
  std::vector<source::Query> queries = source::read_query_file(src, diags);
  for (const source::Query& q : queries) {
    // every range a query names lies in its file
    if (q.offset + uint64_t{q.length} > size || q.name_offset + uint64_t{q.name_length} > size) {
      std::fprintf(stderr, "query %s: range outside the file\n", q.name.c_str());
      std::abort();
    }
  }
  source::check_duplicate_names(queries, diags);
  (void)diag::render_all(diags, false);
  (void)diag::render_all(diags, true);
  return 0;
}
