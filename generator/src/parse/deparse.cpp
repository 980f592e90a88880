// Deparsing single expressions with libpg_query's deparser: the expression
// is wrapped in a one-column SELECT, deparsed, and the prefix removed.
#include <pg_query.h>

#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

std::string deparse_expr(const PgQuery__Node* node) {
  if (!node) return {};
  PgQuery__ResTarget target;
  pg_query__res_target__init(&target);
  target.val = const_cast<PgQuery__Node*>(node);
  PgQuery__Node target_node;
  pg_query__node__init(&target_node);
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[] = {&target_node};

  PgQuery__SelectStmt select;
  pg_query__select_stmt__init(&select);
  select.n_target_list = 1;
  select.target_list = targets;
  PgQuery__Node select_node;
  pg_query__node__init(&select_node);
  select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  select_node.select_stmt = &select;

  PgQuery__RawStmt raw;
  pg_query__raw_stmt__init(&raw);
  raw.stmt = &select_node;
  PgQuery__RawStmt* stmts[] = {&raw};
  PgQuery__ParseResult tree;
  pg_query__parse_result__init(&tree);
  tree.version = PG_VERSION_NUM;
  tree.n_stmts = 1;
  tree.stmts = stmts;

  std::string buf(pg_query__parse_result__get_packed_size(&tree), '\0');
  pg_query__parse_result__pack(&tree, reinterpret_cast<uint8_t*>(buf.data()));
  PgQueryProtobuf pb{buf.size(), buf.data()};
  PgQueryDeparseResult r = pg_query_deparse_protobuf(pb);
  std::string out;
  if (!r.error && r.query) {
    out = r.query;
    constexpr std::string_view k_prefix = "SELECT ";
    if (out.compare(0, k_prefix.size(), k_prefix) == 0) out.erase(0, k_prefix.size());
  }
  pg_query_free_deparse_result(r);
  return out;
}

}  // namespace sqlgen::parse::detail
