#include <catch2/catch.hpp>

#include "analyze/params.hpp"
#include "parse/parse.hpp"

using namespace sqlgen;

namespace {

struct Planned {
  analyze::ParamPlan plan;
  std::string sql;
  size_t errors = 0;
  std::vector<parse::StmtPtr> stmts;
};

Planned plan(const std::string& text) {
  Planned p;
  auto src = diag::make_source("q.sql", text);
  diag::DiagnosticEngine diags;
  p.stmts = parse::parse_file(src, diags);
  REQUIRE(p.stmts.size() == 1);
  p.plan = analyze::plan_params(*p.stmts[0], src, diags);
  p.sql =
      analyze::apply_edits(text, p.stmts[0]->span.offset, p.stmts[0]->span.length, p.plan.edits);
  p.errors = diags.error_count();
  return p;
}

}  // namespace

TEST_CASE("named parameters become $n in order of appearance, the same name is one parameter",
          "[analyze]") {
  auto p = plan(
      "SELECT * FROM users WHERE org = @org AND (name = sqlgen.arg(name) OR nick = @name) "
      "AND id = ANY(sqlc.slice('ids')) AND deleted_at IS NOT DISTINCT FROM sqlc.narg(deleted)");
  CHECK(p.errors == 0);
  CHECK(p.sql ==
        "SELECT * FROM users WHERE org = $1 AND (name = $2 OR nick = $2) AND id = ANY($3) AND "
        "deleted_at IS NOT DISTINCT FROM $4");
  REQUIRE(p.plan.params.size() == 4);
  CHECK(p.plan.params[0].name == "org");
  CHECK(p.plan.params[1].name == "name");
  CHECK(p.plan.params[1].uses.size() == 2);
  CHECK(p.plan.params[2].name == "ids");
  CHECK(p.plan.params[2].slice);
  CHECK(p.plan.params[3].narg);
}

TEST_CASE("named parameters are numbered in the order sqlc's rewriter meets them", "[analyze]") {
  // sqlc walks a statement's clauses in the order of its AST's fields: a WITH clause after the
  // statement's own clauses, OFFSET before LIMIT, an UPDATE's FROM after its WHERE, a set
  // operation's ORDER BY and LIMIT before its branches. Text order would give other numbers.
  SECTION("WITH after the select list and WHERE") {
    auto p = plan(
        "WITH recent AS (SELECT id FROM t WHERE created > @since) "
        "SELECT id, @tag::text AS tag FROM recent WHERE id > @after");
    CHECK(p.errors == 0);
    CHECK(p.sql ==
          "WITH recent AS (SELECT id FROM t WHERE created > $3) "
          "SELECT id, $1::text AS tag FROM recent WHERE id > $2");
    REQUIRE(p.plan.params.size() == 3);
    CHECK(p.plan.params[0].name == "tag");
    CHECK(p.plan.params[2].name == "since");
  }
  SECTION("OFFSET before LIMIT") {
    auto p = plan("SELECT id FROM t WHERE a = @a ORDER BY id LIMIT @lim OFFSET @off");
    CHECK(p.sql == "SELECT id FROM t WHERE a = $1 ORDER BY id LIMIT $3 OFFSET $2");
  }
  SECTION("an UPDATE's FROM after its WHERE, its WITH last") {
    auto p = plan(
        "WITH w AS (SELECT @w::int AS v) UPDATE t SET a = @a FROM (SELECT @f::int AS f) s "
        "WHERE t.id = @id RETURNING @r::int");
    CHECK(p.sql ==
          "WITH w AS (SELECT $5::int AS v) UPDATE t SET a = $1 FROM (SELECT $3::int AS f) s "
          "WHERE t.id = $2 RETURNING $4::int");
  }
  SECTION("a DELETE's WITH last") {
    auto p =
        plan("WITH x AS (SELECT @x::int) DELETE FROM t USING u WHERE t.a = @a RETURNING @r::int");
    CHECK(p.sql ==
          "WITH x AS (SELECT $3::int) DELETE FROM t USING u WHERE t.a = $1 RETURNING $2::int");
  }
  SECTION("an INSERT's WITH after VALUES, ON CONFLICT and RETURNING") {
    auto p = plan(
        "WITH x AS (SELECT @x::int) INSERT INTO t (a) VALUES (@a) "
        "ON CONFLICT (a) DO UPDATE SET a = @b RETURNING @r::int");
    CHECK(p.sql ==
          "WITH x AS (SELECT $4::int) INSERT INTO t (a) VALUES ($1) "
          "ON CONFLICT (a) DO UPDATE SET a = $2 RETURNING $3::int");
  }
  SECTION("a set operation's LIMIT before its branches; $n keep their numbers") {
    auto p = plan("SELECT a FROM t WHERE a = @x UNION SELECT a FROM u WHERE b = $1 LIMIT @lim");
    CHECK(p.sql == "SELECT a FROM t WHERE a = $3 UNION SELECT a FROM u WHERE b = $1 LIMIT $2");
  }
}

TEST_CASE("positional parameters keep their numbers", "[analyze]") {
  auto p = plan("UPDATE t SET a = $2 WHERE id = $1 AND b = $2");
  CHECK(p.errors == 0);
  CHECK(p.sql == "UPDATE t SET a = $2 WHERE id = $1 AND b = $2");
  REQUIRE(p.plan.params.size() == 2);
  CHECK(p.plan.params[0].number == 1);
  CHECK(p.plan.params[1].uses.size() == 2);
}

TEST_CASE("named parameters mixed with $n take the lowest numbers no $n uses", "[analyze]") {
  auto p = plan("SELECT 1 FROM t WHERE a = $1 AND b = @b AND c = $3 AND d = @d AND e = @b");
  CHECK(p.errors == 0);
  CHECK(p.sql == "SELECT 1 FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4 AND e = $2");
}

TEST_CASE("sqlgen.embed is recorded for the analyzer, unknown macros are errors", "[analyze]") {
  auto p = plan("SELECT sqlgen.embed(u), p.title FROM posts p JOIN users u ON u.id = p.author");
  CHECK(p.errors == 0);
  REQUIRE(p.plan.embeds.size() == 1);
  CHECK(p.plan.embeds[0].table == "u");
  CHECK(plan("SELECT sqlc.ar(x)").errors == 1);
  CHECK(plan("SELECT sqlc.arg(a, b)").errors == 1);
}
