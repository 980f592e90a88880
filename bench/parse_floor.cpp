// sqlgen_parse_floor: what libpg_query alone costs on a set of SQL files, the floor that
// `scripts/bench.sh analyze` compares sqlgen with. Reads every file, has libpg_query parse
// each one whole into its serialized tree and throws the tree away; one thread, nothing
// else. sqlgen reads its trees as protobuf, so that route is the default; `--json` takes
// libpg_query's JSON route instead (cheaper: its protobuf packing recomputes message sizes at
// every nesting level), so the benchmark can report both floors.
//
// Usage: sqlgen_parse_floor [--json] FILE...
//   Prints, to stdout, the files, bytes read, statements and errors. Exit 1 when a file
//   cannot be read.
#include <pg_query.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  bool json = false;
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
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
  for (const std::string& text : texts) {
    if (json) {
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
  std::printf("%zu files, %zu bytes of SQL, %zu bytes of %s, %d with parse errors\n", texts.size(),
              bytes, out_bytes, json ? "JSON" : "protobuf", errors);
  return 0;
}
