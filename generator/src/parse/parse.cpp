#include "parse/parse.hpp"

#include <cctype>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "parse/transformer.hpp"
// After transformer.hpp: it includes the standard headers before PostgreSQL's.
#include "parse/scan_tokens.hpp"
#include "parse/split_internal.hpp"

namespace sqlgen::parse {

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

/// Bytes of the smallest memory chunk a PostgreSQL node can take (an 8-byte allocation and the
/// 16-byte chunk header of PostgreSQL 15's allocator).
constexpr size_t k_min_chunk_bytes = 24;

/// After parsing: false, after reporting it, when the parse tree of `parsed` (`stmts`, a List
/// of RawStmt, all in a memory context that holds `allocated` bytes) nests deeper than sqlgen's
/// transformer and analysis go. The depth is counted on libpg_query's protobuf of the tree, as it
/// always was, where each node is two levels (its Node wrapper and its message), a node a
/// message field points to one, the ParseResult and an A_Const's value one more: at most
/// 2 * (nodes on the path) + 2, and every node on the path is a chunk of `allocated`. So only a
/// statement long enough to nest that deep whose tree could hold enough nodes is converted.
bool transformable_depth(const diag::SourcePtr& source, uint32_t offset, const std::string& parsed,
                         const List* stmts, size_t allocated, diag::DiagnosticEngine& diags) {
  if (parsed.size() <= k_depth_check_bytes) return true;
  if (2 * (allocated / k_min_chunk_bytes) + 64 <= 2 * size_t{k_max_depth}) return true;
  detail::PbTree pb(stmts);
  if (pb.tree() && detail::message_depth(&pb.tree()->base) <= 2 * k_max_depth) return true;
  report_too_deep(source, offset, diags);
  return false;
}

/// One statement's raw parse tree from libpg_query, in a libpg_query memory context of its own
/// that lives as long as this object: the tree is transformed before it is dropped whole.
class RawParse {
 public:
  explicit RawParse(const std::string& text) {
    check_layout();
    m_context = pg_query_enter_memory_context();
    m_result = pg_query_raw_parse(text.c_str());
  }
  RawParse(const RawParse&) = delete;
  RawParse& operator=(const RawParse&) = delete;
  ~RawParse() {
    // The error and stderr_buffer are malloc'ed, outside the memory context.
    if (m_result.error) pg_query_free_error(m_result.error);
    std::free(m_result.stderr_buffer);
    pg_query_exit_memory_context(m_context);
  }
  const PgQueryError* error() const { return m_result.error; }
  /// The statements: a List of RawStmt (NIL for an empty text).
  const List* stmts() const { return m_result.tree; }
  /// Bytes the memory context holding the tree has taken (its blocks).
  size_t allocated() const { return m_context->mem_allocated; }

 private:
  /// Whether `tree`, the raw parse of "SELECT 1", reads as PostgreSQL 15's headers say: one
  /// RawStmt holding a SelectStmt whose one ResTarget is the integer constant 1 at offset 7.
  static bool select_one_readable(const List* tree) {
    if (!tree || list_length(tree) != 1) return false;
    const auto* raw = static_cast<const RawStmt*>(linitial(tree));
    if (raw->type != T_RawStmt || !raw->stmt || nodeTag(raw->stmt) != T_SelectStmt) return false;
    const auto* sel = reinterpret_cast<const ::SelectStmt*>(raw->stmt);
    if (list_length(sel->targetList) != 1 || nodeTag(linitial(sel->targetList)) != T_ResTarget) {
      return false;
    }
    const auto* target = static_cast<const ::ResTarget*>(linitial(sel->targetList));
    if (target->location != 7 || !target->val || nodeTag(target->val) != T_A_Const) return false;
    const auto* c = reinterpret_cast<const A_Const*>(target->val);
    return !c->isnull && c->val.ival.type == T_Integer && c->val.ival.ival == 1 && c->location == 7;
  }

  /// Once per process: libpg_query's node structs must be laid out as the PostgreSQL headers
  /// sqlgen was built with say (the same major version keeps them so); a mismatch would make
  /// every tree unreadable, so it is an internal error, not a wrong answer.
  static void check_layout() {
    static std::once_flag once;
    std::call_once(once, [] {
      MemoryContext ctx = pg_query_enter_memory_context();
      PgQueryInternalParsetreeAndError r = pg_query_raw_parse("SELECT 1");
      bool ok = !r.error && select_one_readable(r.tree);
      if (r.error) pg_query_free_error(r.error);
      std::free(r.stderr_buffer);
      pg_query_exit_memory_context(ctx);
      // The protobuf enums whose names the transform reads are PostgreSQL's shifted by one.
      ok = ok &&
           detail::enum_name(pg_query__alter_table_type__descriptor, AT_AddColumn) ==
               "AT_AddColumn" &&
           detail::enum_name(pg_query__alter_table_type__descriptor, AT_ReAddStatistics) ==
               "AT_ReAddStatistics" &&
           detail::enum_name(pg_query__bool_test_type__descriptor, IS_NOT_UNKNOWN) ==
               "IS_NOT_UNKNOWN" &&
           detail::enum_name(pg_query__sqlvalue_function_op__descriptor, SVFOP_CURRENT_SCHEMA) ==
               "SVFOP_CURRENT_SCHEMA";
      if (!ok) {
        throw std::logic_error(
            "libpg_query's parse tree does not match the PostgreSQL 15 headers sqlgen was built "
            "with (parse of \"SELECT 1\" unreadable)");
      }
    });
  }

  MemoryContext m_context;
  PgQueryInternalParsetreeAndError m_result{};
};

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
  RawParse parse(parsed);
  if (parse.error()) {
    report_syntax_error(source, range.offset, parsed, *parse.error(), diags);
    return out;
  }
  if (!transformable_depth(source, range.offset, parsed, parse.stmts(), parse.allocated(), diags))
    return out;
  for (const Node* node : detail::items(parse.stmts())) {
    const auto* raw = detail::as<RawStmt>(node);
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
  return out;
}

SplitParse split_and_parse(const diag::SourcePtr& source, uint32_t offset, std::string_view text) {
  SplitParse out;
  // libpg_query wants a NUL-terminated string.
  const std::string buf(text);
  const std::string& file = source->text();
  // Statements to parse alone, as parse_range does, once the text's tree is dropped: a parse
  // leaves libpg_query's current memory context at its top one, so none is nested in another.
  std::vector<size_t> alone;
  {
    RawParse parse(buf);
    out.parsed = !parse.error();
    // The end of a last statement without `;`, as libpg_query's splitter sets it.
    const auto text_end = static_cast<uint32_t>(std::strlen(buf.c_str()));
    // A tree in a memory context this small cannot nest too deep (transformable_depth), so no
    // statement of it can either; else a long statement's own memory context is the bound: it is
    // parsed alone.
    const bool shallow =
        2 * (parse.allocated() / k_min_chunk_bytes) + 64 <= 2 * size_t{k_max_depth};
    for (const Node* node : detail::items(out.parsed ? parse.stmts() : nullptr)) {
      const auto* raw = detail::as<RawStmt>(node);
      const auto begin = static_cast<uint32_t>(raw->stmt_location);
      const uint32_t end =
          raw->stmt_len == 0 ? text_end : begin + static_cast<uint32_t>(raw->stmt_len);
      const size_t n = out.ranges.size();
      detail::push_trimmed(text, begin, end, out.ranges);
      if (out.ranges.size() == n) continue;
      StatementRange& range = out.ranges.back();
      const uint32_t local = range.offset;
      range.offset += offset;
      // The bytes parse_range parses: the statement and the `;` right after it in the file.
      uint32_t parse_len = range.length;
      if (range.offset + parse_len < file.size() && file[range.offset + parse_len] == ';') {
        ++parse_len;
      }
      if (local + parse_len > text.size() ||
          text.compare(local, parse_len, file, range.offset, parse_len) != 0) {
        out.stmts.emplace_back();  // not the file's bytes: parse_range's
        continue;
      }
      if (parse_len > k_prescan_bytes || (parse_len > k_depth_check_bytes && !shallow)) {
        alone.push_back(out.stmts.size());
        out.stmts.emplace_back();
        continue;
      }
      // parse_range's statement: the parse of the range alone has one statement, spanning it.
      Span span{range.offset, range.length};
      detail::Transformer t(file, offset, span);
      StmtPtr stmt = t.stmt(raw->stmt);
      stmt->span = span;
      std::vector<StmtPtr> one;
      one.push_back(std::move(stmt));
      out.stmts.emplace_back(std::move(one));
    }
  }
  if (!out.parsed) {
    out.ranges = detail::split_by_tokens(text, buf);
    for (StatementRange& r : out.ranges) r.offset += offset;
    return out;
  }
  for (size_t i : alone) {
    diag::DiagnosticEngine own;
    std::vector<StmtPtr> stmts = parse_range(source, out.ranges[i], own);
    if (own.sorted().empty()) out.stmts[i] = std::move(stmts);  // else parse_range's to report
  }
  return out;
}

std::vector<StmtPtr> parse_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags) {
  std::vector<StmtPtr> out;
  SplitParse split = split_and_parse(source, 0, source->text());
  for (size_t i = 0; i < split.ranges.size(); ++i) {
    std::vector<StmtPtr> stmts = i < split.stmts.size() && split.stmts[i]
                                     ? std::move(*split.stmts[i])
                                     : parse_range(source, split.ranges[i], diags);
    for (StmtPtr& s : stmts) out.push_back(std::move(s));
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
  RawParse parse(parsed);
  ExprPtr out;
  if (parse.error()) {
    PgQueryError err = *parse.error();
    err.cursorpos = err.cursorpos > static_cast<int>(k_prefix) ? err.cursorpos - k_prefix : 0;
    report_syntax_error(source, offset, parsed.substr(k_prefix), err, diags);
  } else if (transformable_depth(source, offset, parsed, parse.stmts(), parse.allocated(), diags)) {
    detail::Nodes stmts = detail::items(parse.stmts());
    const Node* stmt = stmts.size() == 1 ? detail::as<RawStmt>(stmts[0])->stmt : nullptr;
    if (stmt && nodeTag(stmt) == T_SelectStmt) {
      detail::Nodes targets = detail::items(detail::as<::SelectStmt>(stmt)->targetList);
      if (targets.size() == 1 && nodeTag(targets[0]) == T_ResTarget) {
        detail::Transformer t(source->text(), offset - k_prefix, Span{offset, length});
        out = t.expr(detail::as<::ResTarget>(targets[0])->val);
      }
    }
  }
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
