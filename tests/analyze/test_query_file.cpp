#include <catch2/catch.hpp>

#include "source/query_file.hpp"
#include "support/expect_diag.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

TEST_CASE("query files: names, commands, doc comments and annotations", "[analyze][source]") {
  auto src = diag::make_source("q.sql",
                               "-- Returns one user.\n"
                               "-- Second doc line.\n"
                               "-- name: GetUserByID :one\n"
                               "-- @nullable email\n"
                               "SELECT id, email FROM users WHERE id = $1;\n"
                               "\n"
                               "/* name: ListUsers :many */\n"
                               "SELECT 'it''s -- not a comment', id FROM users;\n"
                               "-- name: Touch :execrows\n"
                               "UPDATE users SET seen = now();\n");
  diag::DiagnosticEngine diags;
  auto queries = source::read_query_file(src, diags);
  INFO(diag::render_all(diags, false));
  CHECK_FALSE(diags.has_errors());
  REQUIRE(queries.size() == 3);
  CHECK(queries[0].name == "GetUserByID");
  CHECK(queries[0].command == source::QueryCommand::One);
  CHECK(queries[0].doc == std::vector<std::string>{"Returns one user.", "Second doc line."});
  REQUIRE(queries[0].annotations.size() == 1);
  CHECK(queries[0].annotations[0].kind == "nullable");
  CHECK(queries[0].annotations[0].args == std::vector<std::string>{"email"});
  CHECK(src->text().substr(queries[0].offset, queries[0].length) ==
        "SELECT id, email FROM users WHERE id = $1");
  CHECK(queries[1].name == "ListUsers");
  CHECK(queries[1].command == source::QueryCommand::Many);
  CHECK(queries[1].doc.empty());
  CHECK(queries[2].command == source::QueryCommand::ExecRows);
  CHECK(std::string(source::command_name(queries[2].command)) == "execrows");
}

TEST_CASE("query file errors: expected-error fixtures", "[analyze][source]") {
  auto r = util::read_file(SQLGEN_TESTS_DIR "/cases/query_errors/queries.sql");
  REQUIRE(r.text);
  auto src = diag::make_source("queries.sql", *r.text);
  diag::DiagnosticEngine diags;
  auto queries = source::read_query_file(src, diags);
  source::check_duplicate_names(queries, diags);
  auto expected = testing::expected_diagnostics(*src);
  auto actual = testing::actual_diagnostics(diags, *src);
  INFO("expected:\n" << testing::to_string(expected) << "actual:\n" << testing::to_string(actual));
  CHECK(expected == actual);
  CHECK(expected.size() == 7);
  // `-- @word` lines that are no annotation are the query's documentation.
  auto documented = std::find_if(queries.begin(), queries.end(), [](const source::Query& q) {
    return q.name == "DocumentedAtWords";
  });
  REQUIRE(documented != queries.end());
  CHECK(documented->doc ==
        std::vector<std::string>{"@alias: the alias to look up (documentation, as in sqlc)",
                                 "@param id the user"});
  CHECK(documented->annotations.empty());
}
