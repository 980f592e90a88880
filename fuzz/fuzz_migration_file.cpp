// libFuzzer target: a migration file → source::parse_migration_file (goose `-- +goose Up/Down`,
// `StatementBegin/End`, `NO TRANSACTION`; dbmate `-- migrate:up/down`; golang-migrate
// `.up.sql`/`.down.sql`; plain files) and its statement ranges. The first byte picks the file
// name (which decides `.up.sql`/`.down.sql`); the rest is its text.
#include <cstdio>
#include <cstdlib>

#include "fixture.hpp"
#include "source/migrations.hpp"

using namespace sqlgen;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const k_names[] = {"001_init.sql", "001_init.up.sql", "001_init.down.sql",
                                        "schema.sql"};
  std::string name = k_names[data[0] % 4];
  diag::DiagnosticEngine diags;
  diag::SourcePtr src =
      diag::make_source("/sqlgen-fuzz/migrations/" + name, fuzz::text_of(data + 1, size - 1));
  source::ParsedFile parsed = source::parse_migration_file(src, diags);
  for (const auto* list : {&parsed.up, &parsed.down}) {
    for (const source::Statement& s : *list) {
      if (s.offset + uint64_t{s.length} > size - 1) {
        std::fprintf(stderr, "statement range outside the file\n");
        std::abort();
      }
    }
  }
  (void)source::leading_version(name);
  (void)diag::render_all(diags, false);
  return 0;
}
