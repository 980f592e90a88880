#include "parse/parse.hpp"

#include <pg_query.h>

#include <cctype>
#include <string>

#include "parse/pb_arena.hpp"
#include "parse/transformer.hpp"

namespace sqlgen::parse {

using detail::PbArena;

namespace {

/// Reports a libpg_query error at its position in the file. `cursorpos` is
/// 1-based and counts characters of the parsed text; 0 means "no position".
void report_syntax_error(const diag::SourcePtr& source, uint32_t base, std::string_view parsed,
                         const PgQueryError& err, diag::DiagnosticEngine& diags) {
  uint32_t offset = base;
  uint32_t length = 0;
  if (err.cursorpos > 0) {
    uint32_t byte = diag::char_to_byte(parsed, static_cast<uint32_t>(err.cursorpos - 1));
    offset = base + byte;
    length = token_length(source->text(), offset);
  }
  diags.report(diag::make(diag::DiagId::err_syntax, diag::Location::at(source, offset, length),
                          {err.message ? err.message : "syntax error"}));
}

}  // namespace

std::vector<StmtPtr> parse_range(const diag::SourcePtr& source, StatementRange range,
                                 diag::DiagnosticEngine& diags) {
  std::vector<StmtPtr> out;
  const std::string& text = source->text();
  // Keep the terminating semicolon so errors read as PostgreSQL's do
  // ("at or near \";\"" rather than "at end of input").
  uint32_t parse_len = range.length;
  if (range.offset + parse_len < text.size() && text[range.offset + parse_len] == ';') ++parse_len;
  std::string parsed = text.substr(range.offset, parse_len);
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(parsed.c_str());
  if (result.error) {
    report_syntax_error(source, range.offset, parsed, *result.error, diags);
    pg_query_free_protobuf_parse_result(result);
    return out;
  }
  PbArena arena(result.parse_tree.len);
  PgQuery__ParseResult* tree =
      pg_query__parse_result__unpack(arena.allocator(), result.parse_tree.len,
                                     reinterpret_cast<const uint8_t*>(result.parse_tree.data));
  if (tree) {
    for (size_t i = 0; i < tree->n_stmts; ++i) {
      const PgQuery__RawStmt* raw = tree->stmts[i];
      uint32_t begin = range.offset + static_cast<uint32_t>(raw->stmt_location);
      uint32_t end = raw->stmt_len == 0 ? range.offset + range.length
                                        : begin + static_cast<uint32_t>(raw->stmt_len);
      begin = skip_space_and_comments(text, begin);
      Span span{begin, end > begin ? end - begin : 0};
      detail::Transformer t(text, range.offset, span);
      StmtPtr stmt = t.stmt(raw->stmt);
      stmt->span = span;
      out.push_back(std::move(stmt));
    }
  }
  pg_query_free_protobuf_parse_result(result);
  return out;
}

std::vector<StmtPtr> parse_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags) {
  std::vector<StmtPtr> out;
  for (const StatementRange& r : split_statements(source->text())) {
    for (StmtPtr& s : parse_range(source, r, diags)) out.push_back(std::move(s));
  }
  return out;
}

ExprPtr parse_expression(const diag::SourcePtr& source, uint32_t offset, uint32_t length,
                         diag::DiagnosticEngine& diags) {
  // "SELECT " shifts every location by 7 bytes; the transformer's base
  // compensates so spans still point into the file.
  constexpr uint32_t k_prefix = 7;
  std::string parsed = "SELECT " + source->text().substr(offset, length);
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(parsed.c_str());
  ExprPtr out;
  PbArena arena(result.parse_tree.len);
  if (result.error) {
    PgQueryError err = *result.error;
    err.cursorpos = err.cursorpos > static_cast<int>(k_prefix) ? err.cursorpos - k_prefix : 0;
    report_syntax_error(source, offset, parsed.substr(k_prefix), err, diags);
  } else if (PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
                 arena.allocator(), result.parse_tree.len,
                 reinterpret_cast<const uint8_t*>(result.parse_tree.data))) {
    if (tree->n_stmts == 1 && tree->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
      const PgQuery__SelectStmt* sel = tree->stmts[0]->stmt->select_stmt;
      if (sel->n_target_list == 1 &&
          sel->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET) {
        detail::Transformer t(source->text(), offset - k_prefix, Span{offset, length});
        out = t.expr(sel->target_list[0]->res_target->val);
      }
    }
  }
  pg_query_free_protobuf_parse_result(result);
  return out;
}

std::string describe(const Stmt& stmt) {
  // "CreateStmt" → "create stmt"-style names are unhelpful; spell the common ones.
  switch (stmt.kind) {
    case StmtKind::CreateSchema:
      return "create schema";
    case StmtKind::CreateTable:
      return "create table";
    case StmtKind::AlterTable:
      return "alter table";
    case StmtKind::CreateEnum:
      return "create enum";
    case StmtKind::CreateComposite:
      return "create composite type";
    case StmtKind::CreateDomain:
      return "create domain";
    case StmtKind::CreateRange:
      return "create range type";
    case StmtKind::AlterEnum:
      return "alter enum";
    case StmtKind::Rename:
      return "rename";
    case StmtKind::AlterObjectSchema:
      return "set schema";
    case StmtKind::Drop:
      return "drop";
    case StmtKind::CreateFunction:
      return stmt.as<CreateFunctionStmt>().is_procedure ? "create procedure" : "create function";
    case StmtKind::CreateSequence:
      return "create sequence";
    case StmtKind::CreateExtension:
      return "create extension";
    case StmtKind::Comment:
      return "comment";
    case StmtKind::CreateView:
      return "create view";
    case StmtKind::CreateTableAs:
      return stmt.as<CreateTableAsStmt>().materialized ? "create materialized view"
                                                       : "create table as";
    case StmtKind::VariableSet:
      return "set";
    case StmtKind::Select:
      return "select";
    case StmtKind::Insert:
      return "insert";
    case StmtKind::Update:
      return "update";
    case StmtKind::Delete:
      return "delete";
    case StmtKind::Other:
      break;
  }
  // Other: well-known node names, else derived ("AlterSeqStmt" → "alter seq").
  static const std::pair<const char*, const char*> k_names[] = {
      {"IndexStmt", "create index"},
      {"CreateTrigStmt", "create trigger"},
      {"DoStmt", "do"},
      {"InsertStmt", "insert"},
      {"UpdateStmt", "update"},
      {"DeleteStmt", "delete"},
      {"SelectStmt", "select"},
      {"GrantStmt", "grant"},
      {"CreatePolicyStmt", "create policy"},
      {"AlterSeqStmt", "alter sequence"},
      {"DefineStmt", "define"},
      {"TransactionStmt", "transaction"},
  };
  for (const auto& [node, name] : k_names) {
    if (stmt.node == node) return name;
  }
  std::string out;
  std::string n = stmt.node;
  if (n.size() > 4 && n.compare(n.size() - 4, 4, "Stmt") == 0) n.resize(n.size() - 4);
  for (size_t i = 0; i < n.size(); ++i) {
    if (std::isupper(static_cast<unsigned char>(n[i])) && i > 0) out += ' ';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(n[i])));
  }
  return out;
}

}  // namespace sqlgen::parse
