// Deparsing single expressions with libpg_query's deparser: the expression is wrapped in a
// one-column SELECT, converted to libpg_query's protobuf (its deparser's input), deparsed, and
// the prefix removed; the commonest column defaults are spelled here, as the deparser spells
// them, without that round trip.
#include "parse/parse.hpp"
#include "parse/transformer.hpp"

extern "C" {
#include <common/keywords.h>
}

namespace sqlgen::parse::detail {

namespace {

bool g_shortcuts = true;

/// A name PostgreSQL's deparser prints unquoted: lower-case letters, digits and `_`, not
/// starting with a digit, and no keyword.
bool plain_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return ScanKeywordLookup(std::string(name).c_str(), &ScanKeywords) < 0;
}

/// What PostgreSQL's deparser prints for the commonest column defaults (`now()`, `0`, `''`,
/// `false`, `CURRENT_TIMESTAMP`, NULL), without the protobuf round trip it needs (most of a
/// migration's parse time when its tables have many defaults); nullopt for anything else.
/// Tests compare each shortcut with the deparser (set_deparse_shortcuts).
std::optional<std::string> deparse_shortcut(const Node* node) {
  switch (nodeTag(node)) {
    case T_A_Const: {
      const auto* c = reinterpret_cast<const A_Const*>(node);
      if (c->isnull) return "NULL";
      switch (nodeTag(&c->val)) {
        case T_Integer:
          if (c->val.ival.ival < 0) return std::nullopt;
          return std::to_string(c->val.ival.ival);
        case T_Boolean:
          return c->val.boolval.boolval ? "true" : "false";
        case T_String: {
          std::string_view text = c->val.sval.sval ? c->val.sval.sval : "";
          for (char ch : text) {
            if (ch == '\'' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) {
              return std::nullopt;
            }
          }
          return "'" + std::string(text) + "'";
        }
        default:
          return std::nullopt;
      }
    }
    case T_FuncCall: {
      const auto* f = reinterpret_cast<const FuncCall*>(node);
      if (f->args || f->agg_order || f->agg_filter || f->over || f->agg_within_group ||
          f->agg_star || f->agg_distinct || f->func_variadic || list_length(f->funcname) != 1) {
        return std::nullopt;
      }
      const Node* name = static_cast<const Node*>(linitial(f->funcname));
      if (nodeTag(name) != T_String) return std::nullopt;
      std::string_view text = strVal(name);
      if (!plain_identifier(text)) return std::nullopt;
      return std::string(text) + "()";
    }
    case T_SQLValueFunction: {
      const auto* v = reinterpret_cast<const SQLValueFunction*>(node);
      if (v->op == SVFOP_CURRENT_TIMESTAMP) return "current_timestamp";
      if (v->op == SVFOP_CURRENT_DATE) return "current_date";
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string deparse_expr(const Node* node) {
  if (!node) return {};
  if (g_shortcuts) {
    if (std::optional<std::string> text = deparse_shortcut(node)) return *text;
  }
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

namespace sqlgen::parse {

void set_deparse_shortcuts(bool on) { detail::g_shortcuts = on; }

}  // namespace sqlgen::parse
