// Deparsing single expressions with libpg_query's deparser: the expression is wrapped in a
// one-column SELECT, converted to libpg_query's protobuf (its deparser's input), deparsed, and
// the prefix removed.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

std::string deparse_expr(const Node* node) {
  if (!node) return {};
  PbTree pb(node, PbTree::Wrap::SelectTarget);
  PgQueryDeparseResult r = pg_query_deparse_protobuf(pb.packed());
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
