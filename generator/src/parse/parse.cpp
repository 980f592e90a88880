#include "parse/parse.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "parse/pb_arena.hpp"
#include "parse/scan_tokens.hpp"
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

/// The deepest nesting sqlgen analyzes, in PostgreSQL node levels. PostgreSQL stops about 4,000
/// levels of `a + b + ...` with its default max_stack_depth, and its grammar stops brackets
/// at 10,000; the stacks of util/stack.hpp hold this depth with room to spare.
constexpr uint32_t k_max_depth = 10000;
/// A statement this short cannot nest k_max_depth levels (every level takes a byte or more).
constexpr size_t k_depth_check_bytes = 4096;
/// A statement longer than this is scanned before it is parsed: libpg_query's own recursion
/// over a chain like `1 + 1 + ...` of millions of terms would overflow any stack.
constexpr size_t k_prescan_bytes = 256 * 1024;

/// Nesting depth of a protobuf message tree (each PostgreSQL node is two levels: the Node
/// wrapper and its message), walked without recursion.
uint32_t message_depth(const ProtobufCMessage* root) {
  struct Item {
    const ProtobufCMessage* message;
    uint32_t depth;
  };
  std::vector<Item> stack{{root, 1}};
  uint32_t deepest = 0;
  while (!stack.empty()) {
    const Item item = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, item.depth);
    const ProtobufCMessageDescriptor* d = item.message->descriptor;
    const char* base = reinterpret_cast<const char*>(item.message);
    for (unsigned i = 0; i < d->n_fields; ++i) {
      const ProtobufCFieldDescriptor& f = d->fields[i];
      if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
      if (f.label == PROTOBUF_C_LABEL_REPEATED) {
        const size_t n = *reinterpret_cast<const size_t*>(base + f.quantifier_offset);
        const auto* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + f.offset);
        for (size_t k = 0; k < n; ++k) {
          if (items[k]) stack.push_back({items[k], item.depth + 1});
        }
        continue;
      }
      if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
          *reinterpret_cast<const uint32_t*>(base + f.quantifier_offset) != f.id) {
        continue;
      }
      if (const auto* child = *reinterpret_cast<ProtobufCMessage* const*>(base + f.offset)) {
        stack.push_back({child, item.depth + 1});
      }
    }
  }
  return deepest;
}

/// The longest run of tokens at one bracket level with no `,`, `;`, AND, OR or CASE keyword
/// between them (the lists PostgreSQL's grammar builds flat): a bound on how deep an operator
/// chain of the statement can nest.
size_t longest_operator_run(const std::string& text) {
  size_t longest = 0;
  std::vector<size_t> runs{0};
  // A text that does not scan fails to parse right after, with its own error.
  detail::for_each_token(text, [&](const PgQuery__ScanToken& t) {
    switch (t.token) {
      case PG_QUERY__TOKEN__ASCII_40:  // (
      case PG_QUERY__TOKEN__ASCII_91:  // [
        runs.push_back(0);
        break;
      case PG_QUERY__TOKEN__ASCII_41:  // )
      case PG_QUERY__TOKEN__ASCII_93:  // ]
        if (runs.size() > 1) runs.pop_back();
        break;
      case PG_QUERY__TOKEN__ASCII_44:  // ,
      case PG_QUERY__TOKEN__ASCII_59:  // ;
      case PG_QUERY__TOKEN__AND:
      case PG_QUERY__TOKEN__OR:
      case PG_QUERY__TOKEN__CASE:
      case PG_QUERY__TOKEN__WHEN:
      case PG_QUERY__TOKEN__THEN:
      case PG_QUERY__TOKEN__ELSE:
      case PG_QUERY__TOKEN__END_P:
        runs.back() = 0;
        break;
      default:
        longest = std::max(longest, ++runs.back());
    }
  });
  return longest;
}

/// Reports that the statement at `offset` nests deeper than sqlgen analyzes.
void report_too_deep(const diag::SourcePtr& source, uint32_t offset,
                     diag::DiagnosticEngine& diags) {
  diags.report(diag::make(diag::DiagId::err_stack_depth,
                          diag::Location::at(source, offset, token_length(source->text(), offset)),
                          {std::to_string(k_max_depth)}));
}

/// Before parsing: false, after reporting it, when the statement `parsed` (at `offset` in
/// `source`) is long enough to nest too deep for the parser's own recursion and its token
/// scan shows it does (two tokens, an operand and an operator, per level).
bool parsable_depth(const diag::SourcePtr& source, uint32_t offset, const std::string& parsed,
                    diag::DiagnosticEngine& diags) {
  if (parsed.size() <= k_prescan_bytes || longest_operator_run(parsed) <= 2 * k_max_depth) {
    return true;
  }
  report_too_deep(source, offset, diags);
  return false;
}

/// After parsing: false, after reporting it, when the parse tree of `parsed` nests deeper than
/// sqlgen's transformer and analysis go.
bool transformable_depth(const diag::SourcePtr& source, uint32_t offset, const std::string& parsed,
                         const ProtobufCMessage& tree, diag::DiagnosticEngine& diags) {
  if (parsed.size() <= k_depth_check_bytes || message_depth(&tree) <= 2 * k_max_depth) {
    return true;
  }
  report_too_deep(source, offset, diags);
  return false;
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
  if (!parsable_depth(source, range.offset, parsed, diags)) return out;
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
  if (tree && !transformable_depth(source, range.offset, parsed, tree->base, diags)) tree = nullptr;
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
  if (!parsable_depth(source, offset, parsed, diags)) return nullptr;
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(parsed.c_str());
  ExprPtr out;
  PbArena arena(result.parse_tree.len);
  if (result.error) {
    PgQueryError err = *result.error;
    err.cursorpos = err.cursorpos > static_cast<int>(k_prefix) ? err.cursorpos - k_prefix : 0;
    report_syntax_error(source, offset, parsed.substr(k_prefix), err, diags);
  } else if (PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
                 arena.allocator(), result.parse_tree.len,
                 reinterpret_cast<const uint8_t*>(result.parse_tree.data));
             tree && transformable_depth(source, offset, parsed, tree->base, diags)) {
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
