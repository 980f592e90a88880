// sqlgen_parse_floor: what libpg_query alone costs on a set of SQL files, the floor that
// `scripts/bench.sh analyze` compares sqlgen with. Reads every file, has libpg_query parse
// each one whole into its serialized tree and throws the tree away; one thread, nothing
// else. `--raw` has libpg_query parse into PostgreSQL's own node structs and serialize
// nothing (pg_query_raw_parse in a memory context dropped whole), the route sqlgen reads since
// parse/ reads the raw tree; the default is libpg_query's protobuf route (sqlgen's route
// before), `--json` its JSON route (cheaper than protobuf: its protobuf packing recomputes
// message sizes at every nesting level), so the benchmark can report every floor.
// `--huge-heap` first sets up the heap as sqlgen's command line does (util/heap.hpp: huge
// pages), for a floor measured with the same memory as sqlgen.
//
// Usage: sqlgen_parse_floor [--huge-heap] [--raw | --json] FILE...
//   Prints, to stdout, the files, bytes read, statements and errors. Exit 1 when a file
//   cannot be read.
#include <pg_query.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "util/heap.hpp"

// libpg_query's raw parse (pg_query_internal.h, which needs PostgreSQL's server headers): the
// tree, a List*, and the memory context are only passed along here, so opaque pointers do.
extern "C" {
struct SqlgenRawParse {
  void* tree;
  char* stderr_buffer;
  PgQueryError* error;
};
SqlgenRawParse pg_query_raw_parse(const char* input);
void pg_query_free_error(PgQueryError* error);
void* pg_query_enter_memory_context();
void pg_query_exit_memory_context(void* ctx);
}

int main(int argc, char** argv) {
  bool json = false;
  bool raw = false;
  std::vector<std::string> texts;
  size_t bytes = 0;
  if (argc > 1 && std::strcmp(argv[1], "--huge-heap") == 0) {
    sqlgen::util::use_huge_page_heap();
    ++argv;
    --argc;
  }
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
      continue;
    }
    if (std::strcmp(argv[i], "--raw") == 0) {
      raw = true;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "sqlgen_parse_floor: cannot read %s\n", argv[i]);
      return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
    bytes += texts.back().size();
  }
  size_t out_bytes = 0;
  int errors = 0;
  size_t stmts = 0;
  for (const std::string& text : texts) {
    if (raw) {
      void* ctx = pg_query_enter_memory_context();
      SqlgenRawParse r = pg_query_raw_parse(text.c_str());
      if (r.error) ++errors;
      // A List starts with its tag and its length.
      if (r.tree) stmts += static_cast<size_t>(static_cast<const int*>(r.tree)[1]);
      if (r.error) pg_query_free_error(r.error);
      std::free(r.stderr_buffer);
      pg_query_exit_memory_context(ctx);
    } else if (json) {
      PgQueryParseResult r = pg_query_parse(text.c_str());
      if (r.error) ++errors;
      if (r.parse_tree) out_bytes += std::strlen(r.parse_tree);
      pg_query_free_parse_result(r);
    } else {
      PgQueryProtobufParseResult r = pg_query_parse_protobuf(text.c_str());
      if (r.error) ++errors;
      out_bytes += r.parse_tree.len;
      pg_query_free_protobuf_parse_result(r);
    }
  }
  if (raw) {
    std::printf("%zu files, %zu bytes of SQL, %zu statements, %d with parse errors\n", texts.size(),
                bytes, stmts, errors);
  } else {
    std::printf("%zu files, %zu bytes of SQL, %zu bytes of %s, %d with parse errors\n",
                texts.size(), bytes, out_bytes, json ? "JSON" : "protobuf", errors);
  }
  return 0;
}
