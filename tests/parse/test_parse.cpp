#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "parse/parse.hpp"
#include "parse/split.hpp"
#include "support/expect_diag.hpp"
#include "util/fs.hpp"
#include "util/stack.hpp"

using namespace sqlgen;
using namespace sqlgen::parse;

namespace {

/// Text of a span in its source.
std::string text_of(const diag::SourcePtr& src, Span s) {
  return src->text().substr(s.offset, s.length);
}

}  // namespace

TEST_CASE("split gives each statement's byte range, comments and semicolons trimmed", "[parse]") {
  std::string text =
      "-- header\nCREATE TABLE a (id int);\n\n/* block /* nested */ */ SELECT 1;\n"
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;;\n"
      "select 'x;y'";
  auto ranges = split_statements(text);
  REQUIRE(ranges.size() == 4);
  CHECK(text.substr(ranges[0].offset, ranges[0].length) == "CREATE TABLE a (id int)");
  CHECK(text.substr(ranges[1].offset, ranges[1].length) == "SELECT 1");
  CHECK(text.substr(ranges[2].offset, ranges[2].length) ==
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql");
  CHECK(text.substr(ranges[3].offset, ranges[3].length) == "select 'x;y'");
}

TEST_CASE("split falls back to the scanner when a statement does not parse", "[parse]") {
  std::string text = "SELECT 1;\nSELEC oops;\nSELECT 3;";
  auto ranges = split_statements(text);
  REQUIRE(ranges.size() == 3);
  CHECK(text.substr(ranges[1].offset, ranges[1].length) == "SELEC oops");
  CHECK(text.substr(ranges[2].offset, ranges[2].length) == "SELECT 3");
}

TEST_CASE("split handles empty input and comment-only input", "[parse]") {
  CHECK(split_statements("").empty());
  CHECK(split_statements("  -- nothing\n/* here */\n").empty());
}

TEST_CASE("comments between statements: the scanner's comments, scanning less", "[parse]") {
  // scan_comments_between reads only the stretches between statements and the statements that
  // hold `--` or `/*`: it must find exactly what scanning the whole text finds, also when the
  // marks sit in strings, dollar quotes or quoted names (where they are no comment).
  const char* texts[] = {
      "-- name: A :one\nSELECT 1;\n\n-- name: B :many\n/* doc */ SELECT 'a -- b' AS x;\n",
      "SELECT $$ /* not a comment */ $$, E'--\\'' /* real */;\n-- trailing\n",
      "/* one /* nested */ still */ SELECT 1 -- inside\n;\n-- name: C :exec\nDELETE FROM t;",
      "SELECT \"a--b\" FROM t; SELECT 2 /* in */ + 3; -- end",
      "-- only a comment\n",
      "",
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; -- in body\n$body$ LANGUAGE sql;\n"
      "-- name: D :one\nSELECT f();",
  };
  for (const char* text : texts) {
    bool parsed = false;
    std::vector<StatementRange> stmts = split_statements(text, &parsed);
    REQUIRE(parsed);
    std::vector<Comment> all = scan_comments(text), between = scan_comments_between(text, stmts);
    REQUIRE(between.size() == all.size());
    for (size_t i = 0; i < all.size(); ++i) {
      CHECK(between[i].offset == all[i].offset);
      CHECK(between[i].length == all[i].length);
      CHECK(between[i].block == all[i].block);
    }
  }
  bool parsed = true;
  (void)split_statements("SELECT 1;\nSELEC oops;", &parsed);
  CHECK_FALSE(parsed);
  // With a marker, the comments inside statements without it are left out; those between
  // statements and inside statements holding it are kept.
  const std::string text =
      "-- name: A :one\nSELECT 1 /* x */ + 2;\nSELECT 3 -- name: B :one\n;\n-- tail\n";
  std::vector<StatementRange> stmts = split_statements(text, &parsed);
  REQUIRE(parsed);
  std::vector<Comment> marked = scan_comments_between(text, stmts, {"name:"});
  REQUIRE(marked.size() == 3);
  CHECK(text.substr(marked[0].offset, marked[0].length) == "-- name: A :one");
  CHECK(text.substr(marked[1].offset, marked[1].length) == "-- name: B :one");
  CHECK(text.substr(marked[2].offset, marked[2].length) == "-- tail");
  CHECK(scan_comments_between(text, stmts).size() == 4);
}

TEST_CASE("parse errors land on the right line and column of multi-statement files", "[parse]") {
  auto src = diag::make_source("m.sql",
                               "CREATE TABLE a (id int);\n"
                               "CREATE TABLE b (\n"
                               "  ünï text,\n"
                               "  x integer FRM\n"
                               ");\n"
                               "SELECT 1 2;\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  CHECK(stmts.size() == 1);  // the two broken statements are reported and skipped
  auto all = diags.sorted();
  REQUIRE(all.size() == 2);
  CHECK(diag::render_text(all[0]) ==
        "m.sql:4:13: error: syntax error at or near \"FRM\"\n"
        "  x integer FRM\n"
        "            ^~~\n");
  diag::LineCol second = src->line_col(static_cast<uint32_t>(all[1].loc.offset));
  CHECK(second.line == 6);
  CHECK(second.column == 10);
}

TEST_CASE("cursor positions count characters: multibyte text before the error", "[parse]") {
  // libpg_query's cursorpos counts characters; the file offset must count bytes.
  auto src = diag::make_source("u.sql", "SELECT 'ääääää' AS \"ö\" FRM t;\n");
  diag::DiagnosticEngine diags;
  parse_file(src, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 1);
  CHECK(text_of(src, Span{static_cast<uint32_t>(all[0].loc.offset), all[0].loc.length}) == "FRM");
  CHECK(src->line_col(static_cast<uint32_t>(all[0].loc.offset)).column == 24);
}

TEST_CASE("unterminated quotes and comments are diagnostics, not crashes", "[parse]") {
  for (std::string text : {"SELECT 'abc", "SELECT \"abc", "SELECT 1 /* open", "SELECT $$x"}) {
    auto src = diag::make_source("q.sql", text);
    diag::DiagnosticEngine diags;
    CHECK(parse_file(src, diags).empty());
    CHECK(diags.error_count() == 1);
  }
}

TEST_CASE("statement and node spans are offsets into the original file", "[parse]") {
  auto src = diag::make_source("s.sql",
                               "SET search_path = billing, public;\n"
                               "CREATE TABLE billing.accounts (\n"
                               "  id bigserial PRIMARY KEY,\n"
                               "  owner \"Tenant\".mood NOT NULL DEFAULT 'ok',\n"
                               "  amount numeric(10,2)[] CHECK (amount IS NOT NULL)\n"
                               ");\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  REQUIRE(stmts.size() == 2);
  CHECK_FALSE(diags.has_errors());

  REQUIRE(stmts[0]->kind == StmtKind::VariableSet);
  const auto& set = stmts[0]->as<VariableSetStmt>();
  CHECK(set.name == "search_path");
  CHECK(set.values == std::vector<std::string>{"billing", "public"});

  REQUIRE(stmts[1]->kind == StmtKind::CreateTable);
  const auto& ct = stmts[1]->as<CreateTableStmt>();
  CHECK(text_of(src, ct.span).rfind("CREATE TABLE billing.accounts", 0) == 0);
  CHECK(ct.table.schema == "billing");
  CHECK(ct.table.name == "accounts");
  CHECK(text_of(src, ct.table.span) == "billing.accounts");
  REQUIRE(ct.elements.size() == 3);
  const auto& owner = std::get<ColumnDef>(ct.elements[1]);
  CHECK(owner.name == "owner");
  CHECK(owner.type.names == std::vector<std::string>{"Tenant", "mood"});
  CHECK(text_of(src, owner.span) == "owner");
  CHECK(text_of(src, owner.type.span) == "\"Tenant\".mood");
  REQUIRE(owner.constraints.size() == 2);
  CHECK(owner.constraints[0].type == Constraint::Type::NotNull);
  CHECK(owner.constraints[1].type == Constraint::Type::Default);
  REQUIRE(owner.constraints[1].expr);
  CHECK(text_of(src, owner.constraints[1].expr->span) == "'ok'");
  const auto& amount = std::get<ColumnDef>(ct.elements[2]);
  CHECK(amount.type.names == std::vector<std::string>{"pg_catalog", "numeric"});
  CHECK(amount.type.typmods.size() == 2);
  CHECK(amount.type.array_bounds.size() == 1);
  REQUIRE(amount.constraints[0].expr);
  CHECK(amount.constraints[0].expr->kind == ExprKind::NullTest);
}

TEST_CASE("DDL statements become typed nodes, the rest keep their node name", "[parse]") {
  auto src =
      diag::make_source("d.sql",
                        "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
                        "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok';\n"
                        "ALTER TABLE t ALTER COLUMN c TYPE new_mood USING c::text::new_mood, "
                        "ADD COLUMN d int NOT NULL DEFAULT 1;\n"
                        "DROP TYPE IF EXISTS mood CASCADE;\n"
                        "ALTER TYPE new_mood RENAME TO mood;\n"
                        "CREATE OR REPLACE FUNCTION f(x int, OUT y text) RETURNS SETOF record "
                        "LANGUAGE sql AS $$ select 1, 'a' $$;\n"
                        "COMMENT ON COLUMN t.c IS 'the c';\n"
                        "CREATE INDEX ON t (c);\n"
                        "DO $$ BEGIN END $$;\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  REQUIRE(stmts.size() == 9);
  CHECK(stmts[0]->as<CreateEnumStmt>().labels == std::vector<std::string>{"sad", "ok"});
  const auto& add = stmts[1]->as<AlterEnumStmt>();
  CHECK(add.new_value == "happy");
  CHECK(add.neighbor == "ok");
  CHECK(add.after);
  CHECK(add.if_not_exists);
  const auto& alter = stmts[2]->as<AlterTableStmt>();
  REQUIRE(alter.cmds.size() == 2);
  CHECK(alter.cmds[0].type == AlterTableCmd::Type::AlterColumnType);
  CHECK(alter.cmds[0].name == "c");
  REQUIRE(alter.cmds[0].column);
  REQUIRE(alter.cmds[0].column->raw_default);
  CHECK(alter.cmds[0].column->raw_default->kind == ExprKind::TypeCast);
  CHECK(text_of(src, alter.cmds[0].column->raw_default->span) == "::");
  CHECK(alter.cmds[1].type == AlterTableCmd::Type::AddColumn);
  const auto& drop = stmts[3]->as<DropStmt>();
  CHECK(drop.object_type == ObjectType::Type);
  CHECK(drop.missing_ok);
  CHECK(drop.cascade);
  CHECK(drop.objects[0].names == std::vector<std::string>{"mood"});
  const auto& ren = stmts[4]->as<RenameStmt>();
  CHECK(ren.object_type == ObjectType::Type);
  CHECK(ren.new_name == "mood");
  const auto& fn = stmts[5]->as<CreateFunctionStmt>();
  CHECK(fn.replace);
  CHECK(fn.language == "sql");
  REQUIRE(fn.params.size() == 2);
  CHECK(fn.params[1].mode == FunctionParam::Mode::Out);
  REQUIRE(fn.returns);
  CHECK(fn.returns->setof);
  const auto& com = stmts[6]->as<CommentStmt>();
  CHECK(com.object_type == ObjectType::Column);
  CHECK(com.object.names == std::vector<std::string>{"t", "c"});
  CHECK(com.comment == std::optional<std::string>("the c"));
  CHECK(stmts[7]->kind == StmtKind::Other);
  CHECK(stmts[7]->node == "IndexStmt");
  CHECK(describe(*stmts[7]) == "create index");
  CHECK(stmts[8]->node == "DoStmt");
}

TEST_CASE("parsing is thread-safe across many files in parallel", "[parse]") {
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4);
  std::vector<size_t> errors(4);
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([t, &counts, &errors] {
      for (int i = 0; i < 200; ++i) {
        auto src = diag::make_source(
            "f" + std::to_string(t) + ".sql",
            "CREATE TABLE x" + std::to_string(i) + " (a int, b text NOT NULL);\nSELECT 1 2;\n");
        diag::DiagnosticEngine diags;
        counts[t] += parse_file(src, diags).size();
        errors[t] += diags.error_count();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (size_t t = 0; t < 4; ++t) {
    CHECK(counts[t] == 200);
    CHECK(errors[t] == 200);
  }
}

TEST_CASE("expected-error fixtures under tests/cases/parse_errors", "[parse]") {
  namespace fs = std::filesystem;
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(SQLGEN_TESTS_DIR "/cases/parse_errors")) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    auto r = util::read_file(entry.path());
    REQUIRE(r.text);
    auto src = diag::make_source(entry.path().filename().string(), *r.text);
    diag::DiagnosticEngine diags;
    parse_file(src, diags);
    auto expected = testing::expected_diagnostics(*src);
    auto actual = testing::actual_diagnostics(diags, *src);
    INFO(entry.path().filename().string() << "\nexpected:\n"
                                          << testing::to_string(expected) << "actual:\n"
                                          << testing::to_string(actual));
    CHECK_FALSE(expected.empty());
    CHECK(expected == actual);
  }
  CHECK(files >= 2);
}

TEST_CASE("DML statements become typed nodes with FROM items, CTEs and RETURNING", "[parse]") {
  auto src = diag::make_source(
      "q.sql",
      "WITH recent AS (SELECT id FROM billing.invoices WHERE created_at > now() - interval '1 "
      "day')\n"
      "SELECT DISTINCT ON (a.id) a.id, i.total AS amount, count(*) OVER ()\n"
      "FROM billing.accounts a LEFT JOIN recent r USING (id)\n"
      "  JOIN LATERAL unnest(a.tags) WITH ORDINALITY AS t(tag, n) ON true\n"
      "  , (SELECT 1 AS one) s\n"
      "WHERE a.id = @account_id AND a.status IN ('open', 'paid')\n"
      "ORDER BY a.id DESC LIMIT $2 OFFSET 10 FOR UPDATE;\n"
      "INSERT INTO t AS x (a, b) VALUES (1, DEFAULT), ($1, 'z') ON CONFLICT (a) DO UPDATE SET b "
      "= excluded.b RETURNING *;\n"
      "UPDATE t SET (a, b) = (1, 2), c[1] = 3 FROM u WHERE t.id = u.id RETURNING t.a;\n"
      "DELETE FROM t USING u WHERE t.id = u.id RETURNING 1;\n"
      "SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3;\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  REQUIRE(stmts.size() == 5);
  CHECK_FALSE(diags.has_errors());

  const auto& sel = stmts[0]->as<SelectStmt>();
  REQUIRE(sel.with);
  CHECK(sel.with->ctes[0].name == "recent");
  CHECK(sel.with->ctes[0].query->kind == StmtKind::Select);
  CHECK(sel.distinct);
  CHECK(sel.distinct_on.size() == 1);
  REQUIRE(sel.targets.size() == 3);
  CHECK(sel.targets[1].name == "amount");
  CHECK(sel.targets[2].value->as<FuncCallExpr>().has_over);
  REQUIRE(sel.from.size() == 2);
  const auto& outer = sel.from[0]->as<JoinRef>();
  CHECK(outer.type == JoinRef::Type::Inner);
  CHECK(outer.right->kind == FromItem::Kind::Function);
  CHECK(outer.right->lateral);
  CHECK(outer.right->as<FunctionRef>().ordinality);
  CHECK(outer.right->alias.columns == std::vector<std::string>{"tag", "n"});
  const auto& left = outer.left->as<JoinRef>();
  CHECK(left.type == JoinRef::Type::Left);
  CHECK(left.using_columns == std::vector<std::string>{"id"});
  CHECK(left.left->as<TableRef>().name.to_string() == "billing.accounts");
  CHECK(left.left->alias.name == "a");
  CHECK(sel.from[1]->kind == FromItem::Kind::Subquery);
  CHECK(sel.from[1]->alias.name == "s");
  REQUIRE(sel.where);
  CHECK(sel.order_by[0].desc);
  CHECK(sel.limit->kind == ExprKind::ParamRef);
  CHECK(sel.locking == "FOR UPDATE");

  const auto& ins = stmts[1]->as<InsertStmt>();
  CHECK(ins.table.name == "t");
  CHECK(ins.alias == "x");
  CHECK(ins.columns.size() == 2);
  REQUIRE(ins.source);
  CHECK(ins.source->values.size() == 2);
  CHECK(ins.source->values[0][1]->kind == ExprKind::SetToDefault);
  REQUIRE(ins.on_conflict);
  CHECK(ins.on_conflict->update);
  CHECK(ins.on_conflict->columns == std::vector<std::string>{"a"});
  CHECK(ins.returning[0].value->as<ColumnRefExpr>().star);

  const auto& upd = stmts[2]->as<UpdateStmt>();
  REQUIRE(upd.set.size() == 3);
  CHECK(upd.set[0].name == "a");
  CHECK(upd.set[0].multi_index == 1);
  CHECK(upd.set[1].value->as<ConstExpr>().text == "2");
  CHECK(upd.set[2].indirection.size() == 1);
  CHECK(upd.from.size() == 1);

  const auto& del = stmts[3]->as<DeleteStmt>();
  CHECK(del.using_items.size() == 1);
  CHECK(del.returning.size() == 1);

  const auto& set = stmts[4]->as<SelectStmt>();
  CHECK(set.set_op == SelectStmt::SetOp::Except);
  REQUIRE(set.left);
  CHECK(set.left->set_op == SelectStmt::SetOp::Union);
  CHECK(set.left->all);
}

TEST_CASE("a statement over 4 KB nesting deeper than the limit is refused after parsing",
          "[parse]") {
  // `SELECT 1 + 1 + ...` parses (the grammar's left recursion needs no stack) into a chain of
  // A_Expr nodes as deep as it is long: libpg_query's tree of n operators nests 2n + 9 levels
  // (each node a Node wrapper and its message), so 9,995 operators stay within the limit of
  // 20,000 levels and 9,996 pass it.
  auto run = [](int operators, diag::DiagnosticEngine& diags) {
    std::string text = "SELECT 1";
    for (int i = 0; i < operators; ++i) text += " + 1";
    text += ";\n";
    auto src = diag::make_source("deep.sql", text);
    size_t n = 0;
    util::run_with_stack(util::k_worker_stack_bytes, [&] {
      n = parse_file(src, diags).size();
      return 0;
    });
    return n;
  };
  diag::DiagnosticEngine ok;
  CHECK(run(9995, ok) == 1);
  CHECK(ok.error_count() == 0);
  diag::DiagnosticEngine deep;
  CHECK(run(9996, deep) == 0);
  auto all = deep.sorted();
  REQUIRE(all.size() == 1);
  CHECK(all[0].id == diag::DiagId::err_stack_depth);
  CHECK(all[0].loc.offset == 0);
}

TEST_CASE("COMMENT ON ... IS NULL has no comment, an empty string is one", "[parse]") {
  auto src = diag::make_source("c.sql",
                               "COMMENT ON TABLE t IS NULL;\n"
                               "COMMENT ON TABLE t IS '';\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  REQUIRE(stmts.size() == 2);
  CHECK_FALSE(stmts[0]->as<CommentStmt>().comment.has_value());
  CHECK(stmts[1]->as<CommentStmt>().comment == std::optional<std::string>(""));
}

TEST_CASE(
    "defaults and domain CHECK expressions are deparsed, nodes without a transform keep "
    "names",
    "[parse]") {
  auto src = diag::make_source(
      "x.sql",
      "CREATE TABLE t (a int DEFAULT (1 + 2) * 3, b text CHECK (b <> ALL (ARRAY['x', 'y'])), "
      "c timestamp DEFAULT (now() AT TIME ZONE 'utc'));\n"
      "SELECT GROUPING(a) FROM t GROUP BY ROLLUP (a);\n"
      "SELECT * FROM t TABLESAMPLE SYSTEM (10);\n"
      "CREATE DOMAIN d AS text CHECK (VALUE <> ALL (ARRAY['x', 'y']));\n");
  diag::DiagnosticEngine diags;
  auto stmts = parse_file(src, diags);
  REQUIRE(stmts.size() == 4);
  const auto& table = stmts[0]->as<CreateTableStmt>();
  REQUIRE(table.elements.size() == 3);
  // A DEFAULT is a constraint of its column.
  const auto& a = std::get<ColumnDef>(table.elements[0]);
  REQUIRE(a.constraints.size() == 1);
  CHECK(a.constraints[0].type == Constraint::Type::Default);
  CHECK(a.constraints[0].expr_sql == "(1 + 2) * 3");
  const auto& b = std::get<ColumnDef>(table.elements[1]);
  REQUIRE(b.constraints.size() == 1);
  // A table's CHECK keeps its expression, not its text (nothing reads it: the deparser is
  // costly); a domain's CHECK is text in the catalog.
  CHECK(b.constraints[0].expr);
  CHECK(b.constraints[0].expr_sql.empty());
  const auto& domain = stmts[3]->as<CreateDomainStmt>();
  REQUIRE(domain.constraints.size() == 1);
  CHECK(domain.constraints[0].expr_sql == "value <> ALL(ARRAY['x', 'y'])");
  const auto& c = std::get<ColumnDef>(table.elements[2]);
  REQUIRE(c.constraints.size() == 1);
  CHECK(c.constraints[0].expr_sql == "now() AT TIME ZONE 'utc'");
  const auto& grouping = stmts[1]->as<SelectStmt>();
  REQUIRE(grouping.targets.size() == 1);
  REQUIRE(grouping.targets[0].value);
  CHECK(grouping.targets[0].value->kind == ExprKind::Unsupported);
  CHECK(grouping.targets[0].value->as<UnsupportedExpr>().node == "GroupingFunc");
  CHECK(text_of(src, grouping.targets[0].value->span) == "GROUPING");
  const auto& sample = stmts[2]->as<SelectStmt>();
  REQUIRE(sample.from.size() == 1);
  CHECK(sample.from[0]->as<TableRef>().name.name == "RangeTableSample");
  CHECK(text_of(src, sample.from[0]->span) == "t");
}

TEST_CASE("the deparse shortcuts of common defaults spell them as PostgreSQL's deparser does",
          "[parse]") {
  // Every default once through the shortcuts and once through libpg_query's deparser alone:
  // the same text, also for the look-alikes the shortcuts must leave to the deparser.
  const char* defaults[] = {"now()",
                            "NOW()",
                            "clock_timestamp()",
                            "gen_random_uuid()",
                            "\"Now\"()",
                            "\"select\"()",
                            "\"left\"()",
                            "public.now()",
                            "now(1)",
                            "count(*)",
                            "0",
                            "1",
                            "100",
                            "-1",
                            "2147483647",
                            "9223372036854775807",
                            "1.5",
                            "''",
                            "'x'",
                            "'it''s'",
                            "E'a\\\\b'",
                            "'{}'",
                            "'line\nbreak'",
                            "'é'",
                            "false",
                            "FALSE",
                            "true",
                            "NULL",
                            "CURRENT_TIMESTAMP",
                            "CURRENT_TIMESTAMP(3)",
                            "CURRENT_DATE",
                            "LOCALTIMESTAMP",
                            "current_user",
                            "'{}'::jsonb",
                            "'5m'::interval",
                            "nextval('s'::regclass)",
                            "B'101'",
                            "(1)",
                            "1 + 2"};
  std::string sql = "CREATE TABLE t (";
  for (size_t i = 0; i < std::size(defaults); ++i) {
    sql += (i ? ", c" : "c") + std::to_string(i) + " text DEFAULT " + defaults[i];
  }
  sql += ");\nCREATE DOMAIN d AS text DEFAULT now() CHECK (VALUE <> '');\n";
  auto texts = [&](bool shortcuts) {
    set_deparse_shortcuts(shortcuts);
    diag::DiagnosticEngine diags;
    auto stmts = parse_file(diag::make_source("d.sql", sql), diags);
    set_deparse_shortcuts(true);
    REQUIRE_FALSE(diags.has_errors());
    REQUIRE(stmts.size() == 2);
    std::vector<std::string> out;
    for (const auto& e : stmts[0]->as<CreateTableStmt>().elements) {
      const auto& col = std::get<ColumnDef>(e);
      REQUIRE(col.constraints.size() == 1);
      out.push_back(col.constraints[0].expr_sql);
    }
    for (const auto& c : stmts[1]->as<CreateDomainStmt>().constraints) out.push_back(c.expr_sql);
    return out;
  };
  std::vector<std::string> fast = texts(true), slow = texts(false);
  REQUIRE(fast.size() == std::size(defaults) + 2);
  for (size_t i = 0; i < fast.size(); ++i) {
    INFO(i);
    CHECK(fast[i] == slow[i]);
    CHECK_FALSE(fast[i].empty());
  }
}
