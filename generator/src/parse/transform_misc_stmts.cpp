// CREATE FUNCTION/PROCEDURE, SCHEMA, SEQUENCE, EXTENSION, VIEW, TABLE AS, SET.
#include "parse/transformer.hpp"
// After transformer.hpp: it includes the standard headers before PostgreSQL's.
#include "parse/split.hpp"

namespace sqlgen::parse::detail {

namespace {

FunctionParam::Mode param_mode(FunctionParameterMode m) {
  switch (m) {
    case FUNC_PARAM_IN:
      return FunctionParam::Mode::In;
    case FUNC_PARAM_OUT:
      return FunctionParam::Mode::Out;
    case FUNC_PARAM_INOUT:
      return FunctionParam::Mode::InOut;
    case FUNC_PARAM_VARIADIC:
      return FunctionParam::Mode::Variadic;
    case FUNC_PARAM_TABLE:
      return FunctionParam::Mode::Table;
    default:
      return FunctionParam::Mode::Default;
  }
}

/// The DefElem named `name` in an options list, or null.
const DefElem* find_option(const List* opts, const char* name) {
  for (const Node* o : items(opts)) {
    if (!IsA(o, DefElem)) continue;
    const auto* d = as<DefElem>(o);
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

void Transformer::function_body(const Node* body, CreateFunctionStmt& out) {
  if (!body) return;
  switch (nodeTag(body)) {
    case T_ReturnStmt:
      out.body_returns.push_back(expr(as<ReturnStmt>(body)->returnval));
      return;
    case T_List:  // BEGIN ATOMIC: a list holding the list of statements
      for (const Node* item : items(body)) {
        if (IsA(item, List) || IsA(item, ReturnStmt)) {
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

StmtPtr Transformer::create_function(const ::CreateFunctionStmt* s) {
  auto out = std::make_unique<CreateFunctionStmt>();
  out->name = qual_name(s->funcname, m_stmt_span);
  out->is_procedure = s->is_procedure;
  out->replace = s->replace;
  for (const Node* node : items(s->parameters)) {
    if (!IsA(node, FunctionParameter)) continue;
    const auto* p = as<FunctionParameter>(node);
    FunctionParam fp;
    fp.name = cstr(p->name);
    fp.type = type_name(p->argType);
    fp.mode = param_mode(p->mode);
    fp.default_value = expr(p->defexpr);
    out->params.push_back(std::move(fp));
  }
  if (s->returnType) out->returns = type_name(s->returnType);
  if (const DefElem* lang = find_option(s->options, "language")) {
    out->language = str(lang->arg);
  }
  if (const DefElem* st = find_option(s->options, "strict")) {
    out->strict = st->arg && IsA(st->arg, Boolean) && as<Boolean>(st->arg)->boolval;
  }
  if (const DefElem* vol = find_option(s->options, "volatility")) {
    std::string v = str(vol->arg);
    out->volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
  }
  if (const DefElem* as_option = find_option(s->options, "as")) {
    out->has_string_body = true;
    if (as_option->location >= 0) {
      uint32_t keyword = span(as_option->location).offset;
      uint32_t literal = skip_space_and_comments(m_text, keyword + token_length(m_text, keyword));
      out->string_body = verbatim_body(m_text, literal);
    }
  }
  function_body(s->sql_body, *out);
  return out;
}

StmtPtr Transformer::create_schema(const ::CreateSchemaStmt* s) {
  auto out = std::make_unique<CreateSchemaStmt>();
  out->name = cstr(s->schemaname);
  out->if_not_exists = s->if_not_exists;
  for (const Node* e : items(s->schemaElts)) out->elements.push_back(stmt(e));
  return out;
}

StmtPtr Transformer::create_sequence(const CreateSeqStmt* s) {
  auto out = std::make_unique<CreateSequenceStmt>();
  out->sequence = range_var(s->sequence);
  out->if_not_exists = s->if_not_exists;
  if (const DefElem* as_option = find_option(s->options, "as")) {
    if (as_option->arg && IsA(as_option->arg, TypeName)) {
      out->as_type = type_name(as<::TypeName>(as_option->arg));
    }
  }
  return out;
}

StmtPtr Transformer::create_extension(const ::CreateExtensionStmt* s) {
  auto out = std::make_unique<CreateExtensionStmt>();
  out->name = cstr(s->extname);
  out->if_not_exists = s->if_not_exists;
  if (const DefElem* sch = find_option(s->options, "schema")) out->schema = str(sch->arg);
  out->cascade = find_option(s->options, "cascade") != nullptr;
  return out;
}

StmtPtr Transformer::create_view(const ViewStmt* s) {
  auto out = std::make_unique<CreateViewStmt>();
  out->view = range_var(s->view);
  out->column_names = strs(s->aliases);
  out->replace = s->replace;
  out->query = stmt(s->query);
  return out;
}

StmtPtr Transformer::create_table_as(const ::CreateTableAsStmt* s) {
  auto out = std::make_unique<CreateTableAsStmt>();
  if (s->into) {
    out->table = range_var(s->into->rel);
    out->column_names = strs(s->into->colNames);
  }
  out->materialized = s->objtype == OBJECT_MATVIEW;
  out->query = stmt(s->query);
  out->if_not_exists = s->if_not_exists;
  return out;
}

StmtPtr Transformer::variable_set(const ::VariableSetStmt* s) {
  auto out = std::make_unique<VariableSetStmt>();
  out->name = cstr(s->name);
  out->is_local = s->is_local;
  out->reset = s->kind == VAR_SET_DEFAULT || s->kind == VAR_RESET || s->kind == VAR_RESET_ALL;
  for (const Node* a : items(s->args)) {
    if (IsA(a, A_Const)) {
      const auto* c = as<A_Const>(a);
      if (!c->isnull && IsA(&c->val, String) && c->val.sval.sval) {
        out->values.push_back(c->val.sval.sval);
      } else if (!c->isnull && IsA(&c->val, Integer)) {
        out->values.push_back(std::to_string(c->val.ival.ival));
      }
    } else {
      out->values.push_back(str(a));
    }
  }
  return out;
}

}  // namespace sqlgen::parse::detail
