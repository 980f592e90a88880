// CREATE FUNCTION/PROCEDURE, SCHEMA, SEQUENCE, EXTENSION, VIEW, TABLE AS, SET.
#include <optional>

#include "parse/split.hpp"
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

FunctionParam::Mode param_mode(PgQuery__FunctionParameterMode m) {
  switch (m) {
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_IN:
      return FunctionParam::Mode::In;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT:
      return FunctionParam::Mode::Out;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT:
      return FunctionParam::Mode::InOut;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC:
      return FunctionParam::Mode::Variadic;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE:
      return FunctionParam::Mode::Table;
    default:
      return FunctionParam::Mode::Default;
  }
}

/// The DefElem named `name` in an options list, or null.
const PgQuery__DefElem* find_option(size_t n, PgQuery__Node** opts, const char* name) {
  for (size_t i = 0; i < n; ++i) {
    if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem* d = opts[i]->def_elem;
    if (d->defname && std::string_view(d->defname) == name) return d;
  }
  return nullptr;
}

/// The bytes of a function's string body in `text`, the literal starting at `at`: between
/// the tags of a dollar-quoted string, or the quotes of a plain one without doubled quotes;
/// nullopt when the literal does not hold the body verbatim.
std::optional<Span> verbatim_body(std::string_view text, uint32_t at) {
  if (at >= text.size()) return std::nullopt;
  if (text[at] == '$') {
    size_t tag_end = text.find('$', at + 1);
    if (tag_end == std::string_view::npos) return std::nullopt;
    std::string_view tag = text.substr(at, tag_end - at + 1);
    size_t begin = tag_end + 1;
    size_t close = text.find(tag, begin);
    if (close == std::string_view::npos) return std::nullopt;
    return Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(close - begin)};
  }
  if (text[at] != '\'') return std::nullopt;
  size_t close = text.find('\'', at + 1);
  if (close == std::string_view::npos) return std::nullopt;
  if (close + 1 < text.size() && text[close + 1] == '\'') return std::nullopt;  // doubled quote
  return Span{at + 1, static_cast<uint32_t>(close - at - 1)};
}

}  // namespace

void Transformer::function_body(const PgQuery__Node* body, CreateFunctionStmt& out) {
  if (!body) return;
  switch (body->node_case) {
    case PG_QUERY__NODE__NODE_RETURN_STMT:
      out.body_returns.push_back(expr(body->return_stmt->returnval));
      return;
    case PG_QUERY__NODE__NODE_LIST:  // BEGIN ATOMIC: a list holding the list of statements
      for (size_t i = 0; i < body->list->n_items; ++i) {
        const PgQuery__Node* item = body->list->items[i];
        if (item->node_case == PG_QUERY__NODE__NODE_LIST) {
          function_body(item, out);
        } else if (item->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
          function_body(item, out);
        } else {
          out.atomic_body.push_back(stmt(item));
        }
      }
      return;
    default:
      out.atomic_body.push_back(stmt(body));
      return;
  }
}

StmtPtr Transformer::create_function(const PgQuery__CreateFunctionStmt* s) {
  auto out = std::make_unique<CreateFunctionStmt>();
  out->name = qual_name(s->n_funcname, s->funcname, m_stmt_span);
  out->is_procedure = s->is_procedure;
  out->replace = s->replace;
  for (size_t i = 0; i < s->n_parameters; ++i) {
    if (s->parameters[i]->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER) continue;
    const PgQuery__FunctionParameter* p = s->parameters[i]->function_parameter;
    FunctionParam fp;
    fp.name = p->name ? p->name : "";
    fp.type = type_name(p->arg_type);
    fp.mode = param_mode(p->mode);
    fp.default_value = expr(p->defexpr);
    out->params.push_back(std::move(fp));
  }
  if (s->return_type) out->returns = type_name(s->return_type);
  if (const PgQuery__DefElem* lang = find_option(s->n_options, s->options, "language")) {
    out->language = str(lang->arg);
  }
  if (const PgQuery__DefElem* st = find_option(s->n_options, s->options, "strict")) {
    out->strict =
        st->arg && st->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN && st->arg->boolean->boolval;
  }
  if (const PgQuery__DefElem* vol = find_option(s->n_options, s->options, "volatility")) {
    std::string v = str(vol->arg);
    out->volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
  }
  if (const PgQuery__DefElem* as = find_option(s->n_options, s->options, "as")) {
    out->has_string_body = true;
    if (as->location >= 0) {
      uint32_t keyword = span(as->location).offset;
      uint32_t literal = skip_space_and_comments(m_text, keyword + token_length(m_text, keyword));
      out->string_body = verbatim_body(m_text, literal);
    }
  }
  function_body(s->sql_body, *out);
  return out;
}

StmtPtr Transformer::create_schema(const PgQuery__CreateSchemaStmt* s) {
  auto out = std::make_unique<CreateSchemaStmt>();
  out->name = s->schemaname ? s->schemaname : "";
  out->if_not_exists = s->if_not_exists;
  for (size_t i = 0; i < s->n_schema_elts; ++i) out->elements.push_back(stmt(s->schema_elts[i]));
  return out;
}

StmtPtr Transformer::create_sequence(const PgQuery__CreateSeqStmt* s) {
  auto out = std::make_unique<CreateSequenceStmt>();
  out->sequence = range_var(s->sequence);
  out->if_not_exists = s->if_not_exists;
  if (const PgQuery__DefElem* as = find_option(s->n_options, s->options, "as")) {
    if (as->arg && as->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
      out->as_type = type_name(as->arg->type_name);
    }
  }
  return out;
}

StmtPtr Transformer::create_extension(const PgQuery__CreateExtensionStmt* s) {
  auto out = std::make_unique<CreateExtensionStmt>();
  out->name = s->extname ? s->extname : "";
  out->if_not_exists = s->if_not_exists;
  if (const PgQuery__DefElem* sch = find_option(s->n_options, s->options, "schema")) {
    out->schema = str(sch->arg);
  }
  out->cascade = find_option(s->n_options, s->options, "cascade") != nullptr;
  return out;
}

StmtPtr Transformer::create_view(const PgQuery__ViewStmt* s) {
  auto out = std::make_unique<CreateViewStmt>();
  out->view = range_var(s->view);
  out->column_names = strs(s->n_aliases, s->aliases);
  out->replace = s->replace;
  out->query = stmt(s->query);
  return out;
}

StmtPtr Transformer::create_table_as(const PgQuery__CreateTableAsStmt* s) {
  auto out = std::make_unique<CreateTableAsStmt>();
  if (s->into) {
    out->table = range_var(s->into->rel);
    out->column_names = strs(s->into->n_col_names, s->into->col_names);
  }
  out->materialized = s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
  out->query = stmt(s->query);
  out->if_not_exists = s->if_not_exists;
  return out;
}

StmtPtr Transformer::variable_set(const PgQuery__VariableSetStmt* s) {
  auto out = std::make_unique<VariableSetStmt>();
  out->name = s->name ? s->name : "";
  out->is_local = s->is_local;
  out->reset = s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT ||
               s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET ||
               s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL;
  for (size_t i = 0; i < s->n_args; ++i) {
    const PgQuery__Node* a = s->args[i];
    if (a->node_case == PG_QUERY__NODE__NODE_A_CONST) {
      const PgQuery__AConst* c = a->a_const;
      if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval->sval) {
        out->values.push_back(c->sval->sval);
      } else if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
        out->values.push_back(std::to_string(c->ival->ival));
      }
    } else {
      out->values.push_back(str(a));
    }
  }
  return out;
}

}  // namespace sqlgen::parse::detail
