// sqlgen_mutate: simple mutations of the named queries of sqlc query files, for measuring how
// often sqlgen and PostgreSQL agree on accepting a query (scripts/mutations.sh). Each mutant is
// one edit of one query, written as a new query `<Name>M<k>` with the original's command.
//
// Where to edit comes from PostgreSQL's own grammar, never from patterns over the text: the
// statement's parse tree (libpg_query, byte `location`s) says which clauses exist and where
// they start, PostgreSQL's scanner gives the tokens, and a clause item ends at its first
// top-level `,`, unmatched `)` or clause keyword. Edits are made on the text at those offsets,
// so named parameters (`@x`, `sqlc.arg(x)`, ...) stay as written; an edit that would delete a
// parameter is not made.
//
// Usage: sqlgen_mutate [--append] [--ops FILE] QUERY_FILE...
//   Mutants go to stdout, or with --append after the queries of each file (rewritten); --ops
//   writes one line per mutant: file<TAB>query<TAB>mutant<TAB>operator. Same input, same bytes.
//   Two near misses that stay valid come last: DISTINCT where every ORDER BY column is listed,
//   HAVING count(*) > 0 after a GROUP BY.
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "diag/source_buffer.hpp"
#include "source/query_file.hpp"
#include "util/fs.hpp"

namespace {

using nlohmann::json;

/// One scanner token of the statement.
struct Token {
  size_t start = 0;
  size_t end = 0;
  std::string text;  ///< lowercased when a keyword
  bool keyword = false;
};

/// A replacement of `length` bytes at `offset` of the statement.
struct Edit {
  size_t offset = 0;
  size_t length = 0;
  std::string text;
};

/// One mutation: the operator's name and its edits.
struct Mutation {
  std::string op;
  std::vector<Edit> edits;
};

std::vector<Token> scan(const std::string& sql) {
  std::vector<Token> out;
  PgQueryScanResult r = pg_query_scan(sql.c_str());
  if (!r.error) {
    PgQuery__ScanResult* sr = pg_query__scan_result__unpack(
        nullptr, r.pbuf.len, reinterpret_cast<const uint8_t*>(r.pbuf.data));
    for (size_t i = 0; sr && i < sr->n_tokens; ++i) {
      const PgQuery__ScanToken* t = sr->tokens[i];
      Token tok{static_cast<size_t>(t->start), static_cast<size_t>(t->end),
                sql.substr(t->start, t->end - t->start),
                t->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD};
      if (tok.keyword) {
        for (char& c : tok.text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      // Comments are tokens of the scanner too; they are never part of an edit.
      if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT) {
        continue;
      }
      out.push_back(std::move(tok));
    }
    if (sr) pg_query__scan_result__free_unpacked(sr, nullptr);
  }
  pg_query_free_scan_result(r);
  return out;
}

/// The statement's parse tree (the node inside "stmt"), or null when it does not parse as one
/// statement.
json parse_tree(const std::string& sql) {
  PgQueryParseResult r = pg_query_parse(sql.c_str());
  json out;
  if (!r.error) {
    json tree = json::parse(r.parse_tree);
    if (tree["stmts"].size() == 1) out = tree["stmts"][0]["stmt"];
  }
  pg_query_free_parse_result(r);
  return out;
}

/// The smallest `location` anywhere inside `node`, or -1.
long first_location(const json& node) {
  long best = -1;
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      long here = -1;
      if (key == "location" && value.is_number_integer()) {
        here = value.get<long>();
      } else if (value.is_structured()) {
        here = first_location(value);
      }
      if (here >= 0 && (best < 0 || here < best)) best = here;
    }
  } else if (node.is_array()) {
    for (const json& v : node) {
      long here = first_location(v);
      if (here >= 0 && (best < 0 || here < best)) best = here;
    }
  }
  return best;
}

/// The index of the token starting at `offset`, or -1.
long token_at(const std::vector<Token>& toks, long offset) {
  for (size_t i = 0; i < toks.size(); ++i) {
    if (static_cast<long>(toks[i].start) == offset) return static_cast<long>(i);
  }
  return -1;
}

/// The index of the token before the one at `offset`, `(` skipped (a parenthesized item), or -1.
long token_before(const std::vector<Token>& toks, long offset) {
  long i = token_at(toks, offset) - 1;
  while (i >= 0 && toks[static_cast<size_t>(i)].text == "(") --i;
  return i;
}

/// Keywords that end a clause item at the top level of the item.
const std::set<std::string>& clause_keywords() {
  static const std::set<std::string> k = {
      "from",  "where", "group",  "having",    "window", "order",     "limit", "offset",
      "fetch", "for",   "union",  "intersect", "except", "returning", "on",    "using",
      "into",  "as",    "select", "values",    "set",    "join",      "inner", "left",
      "right", "full",  "cross",  "natural",   "with",   "asc",       "desc",  "nulls"};
  return k;
}

/// The index one past the last token of the item starting at token `from`: it ends at the
/// first top-level `,`, unmatched `)`, `;` or a keyword of `stops` (not `IS DISTINCT FROM`, not
/// a function named like one, `left(x, 1)`).
size_t item_end(const std::vector<Token>& toks, size_t from, const std::set<std::string>& stops) {
  int depth = 0;
  size_t i = from;
  for (; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.text == "(" || t.text == "[") {
      ++depth;
    } else if (t.text == ")" || t.text == "]") {
      if (--depth < 0) break;
    } else if (depth == 0 && (t.text == "," || t.text == ";")) {
      break;
    } else if (depth == 0 && t.keyword && stops.count(t.text) && i > from) {
      const bool distinct_from = t.text == "from" && toks[i - 1].text == "distinct";
      const bool call = i + 1 < toks.size() && toks[i + 1].text == "(";
      if (!distinct_from && !call) break;
    }
  }
  return i;
}

/// True when tokens [from, to) hold a parameter (`$1`, `@x`, `sqlc.arg(x)`, `sqlgen.arg(x)`).
bool has_param(const std::vector<Token>& toks, size_t from, size_t to) {
  for (size_t i = from; i < to && i < toks.size(); ++i) {
    const std::string& s = toks[i].text;
    if (s.starts_with("$") || s.starts_with("@") || s == "sqlc" || s == "sqlgen") return true;
  }
  return false;
}

/// The node inside a Node wrapper of kind `kind` (`{"SelectStmt": {...}}`), or null.
const json* as(const json& node, const char* kind) {
  if (!node.is_object()) return nullptr;
  auto it = node.find(kind);
  return it == node.end() ? nullptr : &*it;
}

/// A SelectStmt without UNION/INTERSECT/EXCEPT and without VALUES.
bool simple_select(const json& s) {
  return s.value("op", "SETOP_NONE") == "SETOP_NONE" && !s.contains("valuesLists");
}

}  // namespace

namespace {

/// One statement as the operators see it.
struct Stmt {
  std::string sql;
  std::vector<Token> toks;
  json tree;  ///< the Node: {"SelectStmt": {...}}
};

/// Token `i` has text `text`.
bool is(const Stmt& st, long i, const char* text) {
  return i >= 0 && static_cast<size_t>(i) < st.toks.size() &&
         st.toks[static_cast<size_t>(i)].text == text;
}

/// Ends (one past the last token) of the items of the list that starts at token `from`.
std::vector<size_t> list_item_ends(const Stmt& st, size_t from) {
  std::vector<size_t> ends;
  for (size_t i = from;;) {
    size_t e = item_end(st.toks, i, clause_keywords());
    ends.push_back(e);
    if (e >= st.toks.size() || st.toks[e].text != "," || e == i) break;
    i = e + 1;
  }
  return ends;
}

/// Deletes tokens [from, to) when they hold no parameter.
std::optional<Mutation> delete_tokens(const Stmt& st, const char* op, size_t from, size_t to) {
  if (from >= to || to > st.toks.size() || has_param(st.toks, from, to)) return std::nullopt;
  const size_t start = st.toks[from].start;
  return Mutation{op, {{start, st.toks[to - 1].end - start, ""}}};
}

/// GROUP BY a, b → GROUP BY a; GROUP BY a → (nothing).
std::optional<Mutation> drop_group_by_item(const Stmt& st) {
  const json* s = as(st.tree, "SelectStmt");
  if (!s || !s->contains("groupClause")) return std::nullopt;
  const json& items = (*s)["groupClause"];
  const long by = token_before(st.toks, first_location(items[0]));
  if (!is(st, by, "by") || !is(st, by - 1, "group")) return std::nullopt;
  std::vector<size_t> ends = list_item_ends(st, static_cast<size_t>(by) + 1);
  if (ends.size() != items.size()) return std::nullopt;
  const size_t from = ends.size() == 1 ? static_cast<size_t>(by) - 1 : ends[ends.size() - 2];
  return delete_tokens(st, "drop_group_by_item", from, ends.back());
}

/// The SelectStmt of INSERT ... VALUES / INSERT ... SELECT, or null.
const json* insert_source(const Stmt& st) {
  const json* ins = as(st.tree, "InsertStmt");
  if (!ins || !ins->contains("selectStmt")) return nullptr;
  return as((*ins)["selectStmt"], "SelectStmt");
}

/// VALUES (a, b) → VALUES (a, b, NULL): more expressions than target columns.
std::optional<Mutation> add_insert_value(const Stmt& st) {
  const json* sel = insert_source(st);
  if (!sel || !sel->contains("valuesLists")) return std::nullopt;
  const json& row = (*sel)["valuesLists"][0]["List"]["items"];
  const long values = token_before(st.toks, first_location(row));
  if (!is(st, values, "values") || !is(st, values + 1, "(")) return std::nullopt;
  int depth = 0;
  for (size_t i = static_cast<size_t>(values) + 1; i < st.toks.size(); ++i) {
    if (st.toks[i].text == "(") ++depth;
    if (st.toks[i].text == ")" && --depth == 0) {
      return Mutation{"add_insert_value", {{st.toks[i].start, 0, ", NULL"}}};
    }
  }
  return std::nullopt;
}

/// INSERT INTO t (a, b) ... → INSERT INTO t (a) ...: more expressions than target columns.
std::optional<Mutation> drop_insert_column(const Stmt& st) {
  const json* ins = as(st.tree, "InsertStmt");
  if (!ins || !insert_source(st) || !ins->contains("cols") || (*ins)["cols"].size() < 2) {
    return std::nullopt;
  }
  const json* last = as((*ins)["cols"].back(), "ResTarget");
  if (!last || last->contains("indirection")) return std::nullopt;
  const long i = token_at(st.toks, last->value("location", -1L));
  if (!is(st, i - 1, ",") || !is(st, i + 1, ")")) return std::nullopt;
  return delete_tokens(st, "drop_insert_column", static_cast<size_t>(i) - 1,
                       static_cast<size_t>(i) + 1);
}

/// WHERE x → WHERE count(*) > 0 AND x; without WHERE, WHERE count(*) > 0 after FROM.
std::optional<Mutation> aggregate_in_where(const Stmt& st) {
  const json* s = as(st.tree, "SelectStmt");
  if (!s || !simple_select(*s) || !s->contains("fromClause")) return std::nullopt;
  if (s->contains("whereClause")) {
    const long w = token_before(st.toks, first_location((*s)["whereClause"]));
    if (!is(st, w, "where")) return std::nullopt;
    return Mutation{"aggregate_in_where",
                    {{st.toks[static_cast<size_t>(w)].end, 0, " count(*) > 0 AND"}}};
  }
  const long f = token_before(st.toks, first_location((*s)["fromClause"]));
  if (!is(st, f, "from")) return std::nullopt;
  // The FROM list runs to the next clause (commas and joins are part of it).
  static const std::set<std::string> after_from = {
      "where", "group", "having", "window",    "order",  "limit",    "offset",
      "fetch", "for",   "union",  "intersect", "except", "returning"};
  size_t i = static_cast<size_t>(f) + 1;
  while (true) {
    i = item_end(st.toks, i, after_from);
    if (i < st.toks.size() && st.toks[i].text == ",") {
      ++i;
      continue;
    }
    break;
  }
  return Mutation{"aggregate_in_where", {{st.toks[i - 1].end, 0, " WHERE count(*) > 0"}}};
}

/// ORDER BY x, y → ORDER BY 99, y: a position out of range.
std::optional<Mutation> order_by_position(const Stmt& st) {
  const json* s = as(st.tree, "SelectStmt");
  if (!s || !s->contains("sortClause")) return std::nullopt;
  const long by = token_before(st.toks, first_location((*s)["sortClause"][0]));
  if (!is(st, by, "by") || !is(st, by - 1, "order")) return std::nullopt;
  const size_t from = static_cast<size_t>(by) + 1;
  const size_t to = item_end(st.toks, from, clause_keywords());
  std::optional<Mutation> m = delete_tokens(st, "order_by_position", from, to);
  if (m) m->edits[0].text = "99";
  return m;
}

/// The last name of a column reference without `*`, or "".
std::string column_name(const json& node) {
  const json* ref = as(node, "ColumnRef");
  if (!ref || !ref->contains("fields")) return "";
  const json& last = (*ref)["fields"].back();
  const json* s = as(last, "String");
  return s ? s->value("sval", "") : "";
}

/// A plain SELECT without DISTINCT, with ORDER BY and a select list without `*`: the names
/// the list has (output names and selected columns) and where DISTINCT goes; what the two
/// DISTINCT operators start from.
struct DistinctCandidate {
  const json* select = nullptr;
  std::set<std::string> listed;
  size_t insert_at = 0;
};

std::optional<DistinctCandidate> distinct_candidate(const Stmt& st) {
  const json* s = as(st.tree, "SelectStmt");
  if (!s || !simple_select(*s) || s->contains("distinctClause") || !s->contains("sortClause") ||
      !s->contains("targetList")) {
    return std::nullopt;
  }
  DistinctCandidate c{s, {}, 0};
  for (const json& t : (*s)["targetList"]) {
    const json& rt = t["ResTarget"];
    if (!rt.contains("val") || (as(rt["val"], "ColumnRef") && column_name(rt["val"]).empty())) {
      return std::nullopt;  // `*` or `t.*`
    }
    if (rt.contains("name")) c.listed.insert(rt["name"].get<std::string>());
    c.listed.insert(column_name(rt["val"]));
  }
  const long sel = token_before(st.toks, first_location((*s)["targetList"]));
  if (!is(st, sel, "select")) return std::nullopt;
  c.insert_at = st.toks[static_cast<size_t>(sel)].end;
  return c;
}

/// SELECT a ... ORDER BY b → SELECT DISTINCT a ... ORDER BY b, when b is a column the select
/// list has neither as a column nor as a name.
std::optional<Mutation> distinct_order(const Stmt& st) {
  std::optional<DistinctCandidate> c = distinct_candidate(st);
  if (!c) return std::nullopt;
  bool unlisted = false;
  for (const json& item : (*c->select)["sortClause"]) {
    std::string name = column_name(item["SortBy"]["node"]);
    if (!name.empty() && !c->listed.count(name)) unlisted = true;
  }
  if (!unlisted) return std::nullopt;
  return Mutation{"distinct_order", {{c->insert_at, 0, " DISTINCT"}}};
}

/// Calls `visit` on every object of `node` in document order (keys sorted) until it returns
/// true; returns whether one did.
bool find_node(const json& node,
               const std::function<bool(const std::string&, const json&)>& visit) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (value.is_object() && visit(key, value)) return true;
      if (value.is_structured() && find_node(value, visit)) return true;
    }
  } else if (node.is_array()) {
    for (const json& v : node) {
      if (find_node(v, visit)) return true;
    }
  }
  return false;
}

/// (SELECT x ...) as a scalar or IN subquery → (SELECT 1, x ...): a second column.
std::optional<Mutation> sublink_second_column(const Stmt& st) {
  std::optional<Mutation> out;
  find_node(st.tree, [&](const std::string& key, const json& node) {
    if (key != "SubLink") return false;
    const std::string type = node.value("subLinkType", "");
    if (type != "EXPR_SUBLINK" && type != "ANY_SUBLINK") return false;
    const json* sub = as(node["subselect"], "SelectStmt");
    if (!sub || !simple_select(*sub) || !sub->contains("targetList")) return false;
    const long sel = token_before(st.toks, first_location((*sub)["targetList"]));
    if (!is(st, sel, "select")) return false;
    out = Mutation{"sublink_second_column", {{st.toks[static_cast<size_t>(sel)].end, 0, " 1,"}}};
    return true;
  });
  return out;
}

/// col = 5 or col = true → col = 'x': a literal the column's type cannot read (the query
/// compared the column with an integer or a boolean, so it is of neither text type).
std::optional<Mutation> ill_typed_literal(const Stmt& st) {
  static const std::set<std::string> comparisons = {"=", "<>", "!=", "<", ">", "<=", ">="};
  std::optional<Mutation> out;
  find_node(st.tree, [&](const std::string& key, const json& node) {
    if (key != "A_Expr" || node.value("kind", "") != "AEXPR_OP") return false;
    if (!node.contains("name") || node["name"].size() != 1 || !node.contains("lexpr") ||
        !node.contains("rexpr")) {
      return false;
    }
    const json* op = as(node["name"][0], "String");
    if (!op || !comparisons.count(op->value("sval", ""))) return false;
    for (const auto& [col, lit] : {std::pair{"lexpr", "rexpr"}, std::pair{"rexpr", "lexpr"}}) {
      const json* c = as(node[lit], "A_Const");
      if (column_name(node[col]).empty() || !c) continue;
      if (!c->contains("ival") && !c->contains("boolval")) continue;
      const long t = token_at(st.toks, c->value("location", -1L));
      if (t < 0) continue;
      const Token& tok = st.toks[static_cast<size_t>(t)];
      const bool literal = std::isdigit(static_cast<unsigned char>(tok.text[0])) ||
                           tok.text == "true" || tok.text == "false";
      if (!literal) continue;
      out = Mutation{"ill_typed_literal", {{tok.start, tok.end - tok.start, "'x'"}}};
      return true;
    }
    return false;
  });
  return out;
}

/// Near miss: SELECT a ... ORDER BY a → SELECT DISTINCT a ... ORDER BY a, when every ORDER BY
/// item is a column the select list has (valid unless DISTINCT itself is not: a json column,
/// FOR UPDATE).
std::optional<Mutation> distinct_listed(const Stmt& st) {
  std::optional<DistinctCandidate> c = distinct_candidate(st);
  if (!c) return std::nullopt;
  for (const json& item : (*c->select)["sortClause"]) {
    std::string name = column_name(item["SortBy"]["node"]);
    if (name.empty() || !c->listed.count(name)) return std::nullopt;
  }
  return Mutation{"distinct_listed", {{c->insert_at, 0, " DISTINCT"}}};
}

/// Near miss: GROUP BY a → GROUP BY a HAVING count(*) > 0 (an aggregate where one belongs).
std::optional<Mutation> aggregate_in_having(const Stmt& st) {
  const json* s = as(st.tree, "SelectStmt");
  if (!s || !simple_select(*s) || !s->contains("groupClause") || s->contains("havingClause")) {
    return std::nullopt;
  }
  const json& items = (*s)["groupClause"];
  const long by = token_before(st.toks, first_location(items[0]));
  if (!is(st, by, "by") || !is(st, by - 1, "group")) return std::nullopt;
  std::vector<size_t> ends = list_item_ends(st, static_cast<size_t>(by) + 1);
  if (ends.size() != items.size() || ends.back() == 0) return std::nullopt;
  return Mutation{"aggregate_in_having",
                  {{st.toks[ends.back() - 1].end, 0, " HAVING count(*) > 0"}}};
}

/// Every operator, in the order mutants are numbered.
const std::vector<std::optional<Mutation> (*)(const Stmt&)>& operators() {
  static const std::vector<std::optional<Mutation> (*)(const Stmt&)> ops = {
      drop_group_by_item, add_insert_value,   drop_insert_column,    aggregate_in_where,
      order_by_position,  distinct_order,     sublink_second_column, ill_typed_literal,
      distinct_listed,    aggregate_in_having};
  return ops;
}

std::string apply(std::string sql, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
  for (const Edit& e : edits) sql.replace(e.offset, e.length, e.text);
  return sql;
}

/// The mutants of one file's queries, as query file text; one line per mutant on `ops`.
std::string mutate_file(const std::string& path, const std::string& text, std::ostream* ops) {
  sqlgen::diag::DiagnosticEngine ignored;
  auto src = sqlgen::diag::make_source(path, text);
  std::string out;
  for (const sqlgen::source::Query& q : sqlgen::source::read_query_file(src, ignored)) {
    Stmt st;
    st.sql = text.substr(q.offset, q.length);
    st.tree = parse_tree(st.sql);
    if (st.tree.is_null()) continue;
    st.toks = scan(st.sql);
    int k = 0;
    for (auto op : operators()) {
      std::optional<Mutation> m = op(st);
      if (!m) continue;
      const std::string name = q.name + "M" + std::to_string(++k);
      out += "\n-- name: " + name + " :" + sqlgen::source::command_name(q.command) + "\n" +
             apply(st.sql, m->edits) + ";\n";
      if (ops) *ops << path << '\t' << q.name << '\t' << name << '\t' << m->op << '\n';
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool append = false;
  std::string ops_path;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--append") {
      append = true;
    } else if (arg == "--ops" && i + 1 < argc) {
      ops_path = argv[++i];
    } else if (arg.starts_with("-")) {
      std::cerr << "usage: sqlgen_mutate [--append] [--ops FILE] QUERY_FILE...\n";
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  std::ofstream ops_file;
  if (!ops_path.empty()) ops_file.open(ops_path);
  for (const std::string& path : files) {
    sqlgen::util::ReadResult r = sqlgen::util::read_file(path);
    if (!r.text) {
      std::cerr << "sqlgen_mutate: " << path << ": " << r.error << '\n';
      return 1;
    }
    const std::string mutants = mutate_file(path, *r.text, ops_path.empty() ? nullptr : &ops_file);
    if (!append) {
      std::cout << mutants;
      continue;
    }
    std::ofstream f(path, std::ios::app | std::ios::binary);
    f << mutants;
    if (!f) {
      std::cerr << "sqlgen_mutate: " << path << ": cannot write\n";
      return 1;
    }
  }
  return 0;
}
