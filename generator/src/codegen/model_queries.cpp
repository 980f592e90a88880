// The view model of `<module>/queries.hpp`: per query its function names, C++ signature,
// parameter values, row type (a `:one` of one column: that column's type; a table's model
// struct when the columns are exactly the table's, else `<Query>Row` with embedded structs),
// whether a `:one` always returns its row, and for :copyfrom the COPY target.
#include <algorithm>

#include "catalog/builtins.hpp"
#include "codegen/internal.hpp"
#include "parse/parse.hpp"
#include "util/parallel.hpp"

namespace sqlgen::codegen {

namespace {

using json = View;
using source::QueryCommand;

/// Names the generated function bodies use for locals and parameters; a SQL parameter name
/// equal to one of them is escaped like a keyword.
const std::vector<std::string_view> k_local_names = {
    "params", "items",   "item", "on_row", "result_", "row_", "out_",
    "batch_", "stream_", "n_",   "i_",     "e_",      "r",    "statement_"};

bool returns_rows(QueryCommand c) {
  return c == QueryCommand::One || c == QueryCommand::Many || c == QueryCommand::BatchOne ||
         c == QueryCommand::BatchMany;
}

bool takes_items(QueryCommand c) {
  return c == QueryCommand::CopyFrom || c == QueryCommand::BatchExec ||
         c == QueryCommand::BatchOne || c == QueryCommand::BatchMany;
}

/// Whether PostgreSQL's JSON of a value of type `oid` (to_json, json_agg) reads back through
/// the generated from_json: JSON numbers for the C++ integers and floats (float specials as
/// strings, which the runtime reads), strings equal to the text format for most others, and
/// objects keyed by field name for the composites and table rows sqlgen generates structs for
/// (when their fields are readable). numeric (a JSON number, whose digits a double would lose),
/// interval (from_json reads sqlgen's own object), oid (a string for a C++ integer) and hstore
/// (an object, through its cast to json) are not.
bool json_readable(const catalog::Catalog& cat, Oid oid, int depth = 0) {
  oid = analyze::base_type(cat, oid);
  if (Oid elem = analyze::element_of(cat, oid)) return json_readable(cat, elem, depth);
  if (const catalog::Type* t = cat.type(oid); t && t->typtype == 'c') {
    // A composite or a table's row type: its struct's from_json reads the object.
    const catalog::Relation* rel = t->relation ? cat.relation(t->relation) : nullptr;
    if (depth > 16 || (t->relation && !rel) || t->schema == "pg_catalog" ||
        t->schema == "information_schema") {
      return false;  // too deep, or a system relation's row: no struct
    }
    for (const catalog::Column& f : rel ? rel->columns : t->fields) {
      if (!json_readable(cat, f.type.oid, depth + 1)) return false;
    }
    return true;
  }
  char typtype = 0;
  if (const catalog::Type* t = cat.type(oid)) {
    typtype = t->typtype;
  } else if (const catalog::builtins::BuiltinType* b = catalog::builtins::find_type(oid)) {
    typtype = b->typtype;
  }
  if (typtype == 0 || typtype == 'c' || typtype == 'p') return false;
  auto [schema, name] = cat.type_name(oid);
  if (name == "hstore") return false;
  return schema != "pg_catalog" || (name != "numeric" && name != "interval" && name != "oid");
}

/// Marks the last element of a JSON array with "last": true (others false).
void mark_last(json& items) {
  for (size_t i = 0; i < items.size(); ++i) items[i]["last"] = i + 1 == items.size();
}

/// The target of `INSERT INTO t (cols) VALUES ($1, ...)`: the table, and for each column the
/// parameter number inserted into it as is (0 when the value is an expression).
struct InsertTarget {
  std::string schema;
  std::string table;
  std::vector<std::pair<std::string, int>> columns;
  std::string problem;  ///< why this is not a plain single-row INSERT ... VALUES, "" if it is
};

InsertTarget insert_target(const std::string& path, const std::string& sql) {
  InsertTarget out;
  diag::DiagnosticEngine quiet;
  diag::SourcePtr src = diag::make_source(path, sql);
  auto stmts =
      parse::parse_range(src, parse::StatementRange{0, static_cast<uint32_t>(sql.size())}, quiet);
  if (stmts.size() != 1 || stmts[0]->kind != parse::StmtKind::Insert) {
    out.problem = "it is not an INSERT statement";
    return out;
  }
  const auto& ins = stmts[0]->as<parse::InsertStmt>();
  out.schema = ins.table.schema;
  out.table = ins.table.name;
  if (ins.with || ins.on_conflict || !ins.returning.empty()) {
    out.problem = "it has a WITH, ON CONFLICT or RETURNING clause";
  } else if (ins.columns.empty()) {
    out.problem = "it does not list the table's columns";
  } else if (!ins.source || ins.source->values.size() != 1 ||
             ins.source->values[0].size() != ins.columns.size()) {
    out.problem = "it does not insert one VALUES row with a value per column";
  }
  if (!ins.source || ins.source->values.size() != 1 ||
      ins.source->values[0].size() != ins.columns.size()) {
    return out;
  }
  for (size_t i = 0; i < ins.columns.size(); ++i) {
    const parse::Expr* x = ins.source->values[0][i].get();
    while (x && x->kind == parse::ExprKind::TypeCast) x = x->as<parse::TypeCastExpr>().arg.get();
    int n = x && x->kind == parse::ExprKind::ParamRef ? x->as<parse::ParamRefExpr>().number : 0;
    out.columns.emplace_back(ins.columns[i].name, n);
  }
  return out;
}

bool has_column_override(const std::vector<config::Override>& list) {
  return std::any_of(list.begin(), list.end(),
                     [](const config::Override& o) { return !o.column.empty(); });
}

/// Whether the parameters of `q` may take column overrides: an INSERT, when a `column` override
/// exists (finding the columns parses the statement again).
bool param_columns_apply(const config::Config& config, const config::Module& mod,
                         const analyze::AnalyzedQuery& q) {
  return (has_column_override(mod.overrides) || has_column_override(config.overrides)) &&
         (q.sql.compare(0, 6, "INSERT") == 0 || q.sql.compare(0, 6, "insert") == 0);
}

/// Whether building `q`'s view reads its INSERT target: `:copyfrom`, and param_columns_apply.
bool needs_insert_target(const config::Config& config, const config::Module& mod,
                         const analyze::AnalyzedQuery& q) {
  return q.command == QueryCommand::CopyFrom || param_columns_apply(config, mod, q);
}

/// A name a query's view declares in the module's or the class's scope, declared when the
/// views are put together in query order (views are built in parallel).
struct Declaration {
  bool in_class = false;  ///< the class's scope, else the module's
  /// The query's function name: whether it was free decides whether the declarations after it
  /// report (after a query's own name collides, the names derived from it would only repeat it).
  bool first = false;
  std::string name;
  std::string what;
  diag::Location where;
};

/// Builds one query's view; `includes` and `uses` collect what it needs, `structs` the
/// structs it declares and `declarations` the names (the caller declares them in order).
class QueryBuilder {
 public:
  QueryBuilder(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
               const TypeMapper& types, const Options& options, size_t module,
               const std::map<Oid, RelationModel>& relation_models, diag::DiagnosticEngine& diags)
      : m_config(config),
        m_cat(cat),
        m_plan(plan),
        m_types(types),
        m_options(options),
        m_module(module),
        m_mod(*plan.modules[module]),
        m_relation_models(relation_models),
        m_diags(diags) {}

  /// `target`: the query's INSERT target when needs_insert_target() says it is read.
  json build(const source::Query& sq, const analyze::AnalyzedQuery& q,
             const std::optional<InsertTarget>& target);

  std::set<std::string> includes;
  HeaderUses uses;
  json structs = json::array();
  /// The enums of the query's sorts.
  std::vector<json> sort_enums;
  std::vector<Declaration> declarations;
  /// The query's `-- @row Name`: its row struct is `structs[row_struct]`, declared (and shared
  /// with the other queries naming it) by the caller.
  std::string row_name;
  diag::Location row_loc;
  size_t row_struct = 0;

 private:
  std::string function_name(const std::string& query) const {
    if (m_options.function_naming == "camelCase") return to_camel_case(query);
    if (m_options.function_naming == "as_is") return query;
    return to_snake_case(query);
  }
  std::string field_name(const std::string& sql_name) const {
    std::optional<std::string> renamed = find_rename(m_config, m_mod, sql_name);
    return escape_identifier(renamed ? *renamed : sql_name, k_local_names);
  }
  CppType map(Oid oid, bool not_null, const std::optional<ColumnRef>& column, size_t from) {
    CppType t = m_types.map(oid, not_null, column, from);
    if (from == m_module) {
      includes.insert(t.includes.begin(), t.includes.end());
      uses.add(t);
    }
    return t;
  }
  std::optional<std::string> reused_model(const analyze::AnalyzedQuery& q);
  void query_overrides(const source::Query& sq, const analyze::AnalyzedQuery& q);
  /// A column's or parameter's type: its `@override` if the query has one, else mapped.
  CppType value_type(const std::map<size_t, CppType>& overrides, size_t key, Oid oid, bool not_null,
                     const std::optional<ColumnRef>& column) {
    auto it = overrides.find(key);
    if (it == overrides.end()) return map(oid, not_null, column, m_module);
    CppType t = it->second;
    if (!not_null) {  // as a `column` override in the config: NULL adds std::optional
      t.name = "std::optional<" + t.name + ">";
      t.includes.insert("<optional>");
    }
    includes.insert(t.includes.begin(), t.includes.end());
    uses.add(t);
    return t;
  }
  /// A result column's type and the runtime function reading it ("read"; "read_rows" or
  /// "read_json_rows" for a list of a table's rows, ResultColumn::rows_of).
  CppType column_type(const analyze::ResultColumn& c, size_t index, std::string& read);
  /// The current query's `-- @raw-json column ...`: json_agg columns kept as JSON values.
  void raw_json_columns(const source::Query& sq, const analyze::AnalyzedQuery& q);
  void row(const analyze::AnalyzedQuery& q, const diag::Location& loc, json& view);
  /// The field of the row struct for the `sqlgen.embed()` run starting at column `first` (its
  /// table's model struct), with its reads in `embeds`; returns the run's last column.
  size_t embed_field(const analyze::AnalyzedQuery& q, size_t first, const diag::Location& loc,
                     NameScope& fields_scope, std::map<std::string, int>& seen, json& fields,
                     json& embeds);
  void params(const analyze::AnalyzedQuery& q, const std::optional<InsertTarget>& target,
              const diag::Location& loc, json& view);
  void copy_target(const source::Query& sq, const analyze::AnalyzedQuery& q,
                   const std::optional<InsertTarget>& target, const json& param_fields, json& view);
  /// `ORDER BY sqlgen.sort(name: ...)`: each sort's enum (in `sort_enums`), and its column
  /// and direction arguments (declaration, name).
  std::vector<std::pair<std::string, std::string>> sorts(const analyze::AnalyzedQuery& q,
                                                         const diag::Location& loc,
                                                         NameScope& scope);
  /// The C++ expression of the variant a call runs (analyze::AnalyzedQuery::variants).
  std::string variant_index(const std::vector<std::string>& optionals,
                            const std::vector<std::pair<std::string, std::string>>& sort_args,
                            const analyze::AnalyzedQuery& q, bool as_struct) const;
  /// The class member holding the names of a query's variants' prepared statements.
  std::string variants_array(const analyze::AnalyzedQuery& q) const;
  /// `statements` (each prepared statement: one, or one per variant) and `variants`.
  void statements(const analyze::AnalyzedQuery& q, const diag::Location& loc, json& view);
  /// Doc lines on the optional parameters and sorts.
  void variant_doc(const analyze::AnalyzedQuery& q, json& doc) const;

  const config::Config& m_config;
  const catalog::Catalog& m_cat;
  const Plan& m_plan;
  const TypeMapper& m_types;
  const Options& m_options;
  size_t m_module;
  const config::Module& m_mod;
  const std::map<Oid, RelationModel>& m_relation_models;
  diag::DiagnosticEngine& m_diags;
  /// The current query's `-- @override` types by result column index and parameter number.
  std::map<size_t, CppType> m_column_overrides;
  std::map<size_t, CppType> m_param_overrides;
  /// The current query's `-- @raw-json` columns by index.
  std::set<size_t> m_raw_json;

  void declare(bool in_class, bool first, std::string name, std::string what,
               const diag::Location& where) {
    declarations.push_back(Declaration{in_class, first, std::move(name), std::move(what), where});
  }
};

// `-- @override name cpp_type [include]`: `name` is a result column, else a parameter (as for
// `@nullable`); `@name` or `$n` is a parameter only. The words between the name and an
// include (a last word starting with `<` or `"`) are the C++ type.
void QueryBuilder::query_overrides(const source::Query& sq, const analyze::AnalyzedQuery& q) {
  m_column_overrides.clear();
  m_param_overrides.clear();
  for (const source::QueryAnnotation& a : sq.annotations) {
    if (a.kind != "override" || a.args.size() < 2) continue;
    std::string target = a.args[0];
    bool param_only = target.size() > 1 && (target[0] == '@' || target[0] == '$');
    if (target[0] == '@') target.erase(0, 1);
    size_t type_end = a.args.size();
    CppType t;
    const std::string& last = a.args.back();
    if (type_end > 2 && (last[0] == '<' || last[0] == '"')) {
      t.includes.insert(last);
      --type_end;
    }
    for (size_t i = 1; i < type_end; ++i) t.name += (i > 1 ? " " : "") + a.args[i];
    bool hit = false;
    for (size_t i = 0; i < q.columns.size() && !param_only; ++i) {
      if (q.columns[i].embed.empty() && q.columns[i].name == target) {
        m_column_overrides[i] = t;
        hit = true;
      }
    }
    for (const analyze::ResultParam& p : q.params) {
      std::string name = target[0] == '$' ? "$" + std::to_string(p.number) : p.name;
      if (!hit && name == target) {
        m_param_overrides[static_cast<size_t>(p.number)] = t;
        hit = true;
      }
    }
    if (!hit) {
      m_diags.report(diag::make(
          diag::DiagId::err_column_unknown, diag::Location::at(sq.source, a.offset, a.length),
          {a.args[0], param_only ? " among the query's parameters"
                                 : " in the query's result (outside embeds) or parameters"}));
    }
  }
}

// `-- @raw-json column ...`: the named json_agg / jsonb_agg columns of a table's rows stay
// JSON values (View) instead of becoming std::vector of the table's struct.
void QueryBuilder::raw_json_columns(const source::Query& sq, const analyze::AnalyzedQuery& q) {
  m_raw_json.clear();
  for (const source::QueryAnnotation& a : sq.annotations) {
    if (a.kind != "raw-json") continue;
    for (const std::string& name : a.args) {
      bool hit = false;
      for (size_t i = 0; i < q.columns.size(); ++i) {
        const analyze::ResultColumn& c = q.columns[i];
        if (c.embed.empty() && c.name == name && c.rows_of &&
            !analyze::element_of(m_cat, c.type.oid)) {
          m_raw_json.insert(i);
          hit = true;
        }
      }
      if (!hit) {
        m_diags.report(diag::make(
            diag::DiagId::err_column_unknown, diag::Location::at(sq.source, a.offset, a.length),
            {name, " among the query's json_agg / jsonb_agg columns of a table's rows"}));
      }
    }
  }
}

CppType QueryBuilder::column_type(const analyze::ResultColumn& c, size_t index, std::string& read) {
  read = "read";
  std::optional<ColumnRef> ref;
  if (!c.table.empty()) ref = ColumnRef{c.table_schema, c.table, c.name};
  if (c.rows_of && !m_column_overrides.count(index) && !m_raw_json.count(index)) {
    const catalog::Type* row = m_cat.type(c.rows_of);
    auto model = row ? m_relation_models.find(row->relation) : m_relation_models.end();
    if (model != m_relation_models.end()) {
      // A list of the table's rows: std::vector of its struct, NULL (no row aggregated, as
      // array_agg and json_agg give for zero rows) read as an empty list.
      bool elements_not_null = !m_options.nullable_array_elements;
      if (analyze::element_of(m_cat, c.type.oid) == c.rows_of) {
        CppType t = map(c.type.oid, true, std::nullopt, m_module);
        if (t.name.rfind("std::vector<", 0) == 0) {  // not a type override of the array
          read = "read_rows";
          return t;
        }
      } else if (m_options.json != false) {
        if (json_readable(m_cat, c.rows_of)) {
          CppType t = map(c.rows_of, elements_not_null, std::nullopt, m_module);
          t.name = "std::vector<" + t.name + ">";
          t.by_value = false;
          t.includes.insert("<vector>");
          includes.insert("<vector>");
          uses.json_values = true;  // the reader is the struct's from_json
          read = "read_json_rows";
          return t;
        }
      }
    }
  }
  return value_type(m_column_overrides, index, c.type.oid, c.not_null, ref);
}

std::optional<std::string> QueryBuilder::reused_model(const analyze::AnalyzedQuery& q) {
  if (q.columns.empty() || q.columns[0].table.empty()) return std::nullopt;
  if (!m_column_overrides.empty()) return std::nullopt;  // the row has its own types
  const catalog::Relation* rel =
      m_cat.find_relation(q.columns[0].table_schema, q.columns[0].table, {});
  if (!rel) return std::nullopt;
  auto it = m_relation_models.find(rel->oid);
  if (it == m_relation_models.end()) return std::nullopt;
  const RelationModel& model = it->second;
  if (model.fields.size() != q.columns.size()) return std::nullopt;
  for (size_t i = 0; i < q.columns.size(); ++i) {
    const analyze::ResultColumn& c = q.columns[i];
    if (!c.embed.empty() || c.name != model.fields[i].column) return std::nullopt;
    // Compare as spelled in the model's module: same C++ type, same nullability.
    std::optional<ColumnRef> ref;
    if (!c.table.empty()) ref = ColumnRef{c.table_schema, c.table, c.name};
    if (m_types.map(c.type.oid, c.not_null, ref, model.module).name != model.fields[i].type) {
      return std::nullopt;
    }
  }
  uses.modules.insert(model.module);
  return m_types.qualified(ModelRef{model.module, model.name}, m_module);
}

void QueryBuilder::row(const analyze::AnalyzedQuery& q, const diag::Location& loc, json& view) {
  json reads = json::array(), embeds = json::array();
  view["row_type"] = "";
  view["scalar_read"] = "read";
  // A `:one` of one column returns that column's value, as sqlc returns a scalar; without
  // std::optional when the statement always returns one row (the analysis says when).
  bool one = q.command == QueryCommand::One;
  // `@row Name` asks for a struct of that name, even for one column.
  bool scalar = one && q.columns.size() == 1 && q.columns[0].embed.empty() && row_name.empty();
  view["scalar"] = scalar;
  view["exactly_one"] = one && q.exactly_one_row;
  if (!returns_rows(q.command)) {
    view["reads"] = std::move(reads);
    view["embeds"] = std::move(embeds);
    return;
  }
  if (scalar) {
    const analyze::ResultColumn& c = q.columns[0];
    std::optional<ColumnRef> ref;
    if (!c.table.empty()) ref = ColumnRef{c.table_schema, c.table, c.name};
    std::string read;
    view["row_type"] = column_type(c, 0, read).name;
    view["scalar_read"] = read;
    view["reads"] = std::move(reads);
    view["embeds"] = std::move(embeds);
    return;
  }
  if (std::optional<std::string> model = row_name.empty() ? reused_model(q) : std::nullopt) {
    view["row_type"] = *model;
    for (size_t i = 0; i < q.columns.size(); ++i) {
      const RelationModel& rm = m_relation_models.at(
          m_cat.find_relation(q.columns[0].table_schema, q.columns[0].table, {})->oid);
      reads.push_back(
          json{{"index", std::to_string(i)}, {"target", rm.fields[i].name}, {"read", "read"}});
    }
    view["reads"] = std::move(reads);
    view["embeds"] = std::move(embeds);
    return;
  }
  std::string name = row_name;
  if (name.empty()) {
    name = escape_identifier(to_pascal_case(q.name) + "Row");
    declare(false, false, name, "the row type of query \"" + q.name + "\"", loc);
  }
  NameScope fields_scope("struct \"" + name + "\"", m_diags);
  json fields = json::array();
  // `SELECT t.id, u.id`: the second `id` becomes `id_2`, as sqlc names it; embeds share the
  // count (`sqlgen.embed(n1), sqlgen.embed(n2)` of one table: `node`, `node_2`).
  std::map<std::string, int> seen;
  for (size_t i = 0; i < q.columns.size(); ++i) {
    const analyze::ResultColumn& c = q.columns[i];
    if (c.embed.empty()) {
      int k = ++seen[c.name];
      std::string sql_name = k == 1 ? c.name : c.name + "_" + std::to_string(k);
      std::string fname = field_name(sql_name);
      fields_scope.declare(fname, "column \"" + sql_name + "\"", loc);
      std::string read;
      CppType t = column_type(c, i, read);
      fields.push_back(
          json{{"name", fname}, {"type", t.name}, {"json_key", sql_name}, {"doc", json::array()}});
      reads.push_back(json{{"index", std::to_string(i)}, {"target", fname}, {"read", read}});
      continue;
    }
    // sqlgen.embed(t): consecutive columns of one table become a nested model struct.
    i = embed_field(q, i, loc, fields_scope, seen, fields, embeds);
  }
  json doc = json::array({comment_line("A row of query " + q.name + ".")});
  if (!row_name.empty()) row_struct = structs.size();
  structs.push_back(json{{"name", name}, {"doc", std::move(doc)}, {"fields", std::move(fields)}});
  view["row_type"] = name;
  view["reads"] = std::move(reads);
  view["embeds"] = std::move(embeds);
}

size_t QueryBuilder::embed_field(const analyze::AnalyzedQuery& q, size_t first,
                                 const diag::Location& loc, NameScope& fields_scope,
                                 std::map<std::string, int>& seen, json& fields, json& embeds) {
  const analyze::ResultColumn& c = q.columns[first];
  const EmbedRun& run = m_plan.embed_run(m_module, q, first);
  const catalog::Relation* rel = run.relation;
  if (!rel) {
    m_diags.report(diag::make(diag::DiagId::err_codegen_unsupported, loc,
                              {"sqlgen.embed(" + c.embed +
                                   ") of a CTE or subquery whose columns are not those of a "
                                   "table or view named \"" +
                                   c.embed + "\"",
                               ": embed the table itself, or select its columns one by one"}));
    return run.last;
  }
  auto it = m_relation_models.find(rel->oid);
  if (it == m_relation_models.end()) {
    throw std::logic_error("codegen: no model struct for embedded table " + rel->schema + "." +
                           rel->name);
  }
  const RelationModel& rm = it->second;
  uses.modules.insert(rm.module);
  std::string type = m_types.qualified(ModelRef{rm.module, rm.name}, m_module);
  // snake_case, as the other fields: a table named "Dispatcher" gives the field
  // `dispatcher`, not a member named like its own type.
  std::string base = singularize(to_snake_case(rel->name));
  int nth = ++seen[base];
  std::string fname =
      escape_identifier(nth == 1 ? base : base + "_" + std::to_string(nth), k_local_names);
  fields_scope.declare(fname, "embedded table \"" + c.embed + "\"", loc);
  json embed_reads = json::array();
  for (size_t k = first; k <= run.last; ++k) {
    const RelationModel::Field* f = nullptr;
    for (const RelationModel::Field& mf : rm.fields) {
      if (mf.column == q.columns[k].name) f = &mf;
    }
    if (!f) throw std::logic_error("codegen: embedded column " + q.columns[k].name + " unknown");
    embed_reads.push_back(json{{"index", std::to_string(k)}, {"target", f->name}});
  }
  std::string field_type = c.embed_nullable ? "std::optional<" + type + ">" : type;
  if (c.embed_nullable) includes.insert("<optional>");
  fields.push_back(
      json{{"name", fname}, {"type", field_type}, {"json_key", fname}, {"doc", json::array()}});
  embeds.push_back(json{{"field", fname},
                        {"type", type},
                        {"nullable", c.embed_nullable},
                        {"first", std::to_string(first)},
                        {"count", std::to_string(run.last - first + 1)},
                        {"reads", std::move(embed_reads)}});
  return run.last;
}

void QueryBuilder::params(const analyze::AnalyzedQuery& q,
                          const std::optional<InsertTarget>& target, const diag::Location& loc,
                          json& view) {
  NameScope scope("the parameters of query \"" + q.name + "\"", m_diags);
  // A parameter inserted as is into a column takes that column's overrides.
  std::map<int, ColumnRef> param_columns;
  if (target && param_columns_apply(m_config, m_mod, q)) {
    std::vector<std::string> search_path = m_mod.effective_search_path(m_config);
    if (const catalog::Relation* rel =
            m_cat.find_relation(target->schema, target->table, search_path)) {
      for (const auto& [column, number] : target->columns) {
        if (number > 0) param_columns[number] = ColumnRef{rel->schema, rel->name, column};
      }
    }
  }
  json fields = json::array();
  std::vector<CppType> ptypes;
  std::vector<std::string> optionals;  // the C++ names of the optional parameters, in order
  std::vector<std::string> cpp_names;
  for (const analyze::ResultParam& p : q.params) {
    std::string sql_name = p.name.empty() ? "dollar_" + std::to_string(p.number) : p.name;
    std::string name = field_name(sql_name);
    scope.declare(name, "parameter \"" + sql_name + "\"", loc);
    std::optional<ColumnRef> column;
    if (auto it = param_columns.find(p.number); it != param_columns.end()) column = it->second;
    CppType t = value_type(m_param_overrides, static_cast<size_t>(p.number), p.type.oid, p.not_null,
                           column);
    cpp_names.push_back(name);
    if (p.optional) {  // not sent when empty (the variant that runs has no such parameter)
      t.name = "std::optional<" + t.name + ">";
      t.by_value = false;
      optionals.push_back(name);
    }
    ptypes.push_back(t);
    fields.push_back(
        json{{"name", name}, {"type", t.name}, {"json_key", sql_name}, {"doc", json::array()}});
  }
  json args = json::array(), values = json::array();
  bool as_struct =
      takes_items(q.command) || static_cast<int>(q.params.size()) > m_options.max_params;
  std::vector<std::pair<std::string, std::string>> sort_args = sorts(q, loc, scope);
  if (!q.variants.empty()) {
    values.push_back(json{{"expr", "sqlgen::runtime::Variant{" + variants_array(q) + "[" +
                                       variant_index(optionals, sort_args, q, as_struct) + "]}"}});
  }
  view["params_type"] = "";
  if (!as_struct) {
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string& name = fields[i]["name"].str();
      const std::string& type = fields[i]["type"].str();
      std::string decl = ptypes[i].by_value ? type + " " + name : "const " + type + "& " + name;
      args.push_back(json{{"decl", decl}, {"name", name}});
      values.push_back(json{
          {"expr", q.params[i].optional ? "sqlgen::runtime::omit_if_empty(" + name + ")" : name}});
    }
  } else {
    std::string name = escape_identifier(to_pascal_case(q.name) + "Params");
    declare(false, false, name, "the parameter type of query \"" + q.name + "\"", loc);
    json doc = json::array({comment_line("The parameters of query " + q.name + ".")});
    structs.push_back(json{{"name", name}, {"doc", std::move(doc)}, {"fields", fields}});
    view["params_type"] = name;
    std::string owner = takes_items(q.command) ? "item." : "params.";
    if (!takes_items(q.command)) {
      args.push_back(json{{"decl", "const " + name + "& params"}, {"name", "params"}});
    }
    for (size_t i = 0; i < fields.size(); ++i) {
      std::string expr = owner + cpp_names[i];
      if (q.params[i].optional) expr = "sqlgen::runtime::omit_if_empty(" + expr + ")";
      values.push_back(json{{"expr", expr}});
    }
  }
  for (const auto& [decl, name] : sort_args) args.push_back(json{{"decl", decl}, {"name", name}});
  mark_last(args);
  mark_last(values);
  view["args"] = std::move(args);
  view["values"] = std::move(values);
  view["param_fields"] = std::move(fields);
}

std::vector<std::pair<std::string, std::string>> QueryBuilder::sorts(
    const analyze::AnalyzedQuery& q, const diag::Location& loc, NameScope& scope) {
  std::vector<std::pair<std::string, std::string>> args;
  for (const analyze::QuerySort& s : q.sorts) {
    std::string type = escape_identifier(to_pascal_case(q.name) + to_pascal_case(s.name));
    declare(false, false, type, "the sort \"" + s.name + "\" of query \"" + q.name + "\"", loc);
    NameScope values_scope("enum \"" + type + "\"", m_diags);
    json columns = json::array();
    for (const std::string& c : s.columns) {
      std::string value = escape_identifier(c);
      values_scope.declare(value, "column \"" + c + "\"", loc);
      columns.push_back(json{{"name", value}, {"column", c}});
    }
    sort_enums.push_back(
        json{{"name", type}, {"query", q.name}, {"sort", s.name}, {"columns", std::move(columns)}});
    std::string name = field_name(s.name);
    std::string dir = field_name(s.name + "_dir");
    scope.declare(name, "sort \"" + s.name + "\"", loc);
    scope.declare(dir, "the direction of sort \"" + s.name + "\"", loc);
    args.emplace_back(type + " " + name, name);
    args.emplace_back("sqlgen::runtime::SortDirection " + dir, dir);
  }
  return args;
}

std::string QueryBuilder::variant_index(
    const std::vector<std::string>& optionals,
    const std::vector<std::pair<std::string, std::string>>& sort_args,
    const analyze::AnalyzedQuery& q, bool as_struct) const {
  // analyze::AnalyzedQuery::variants' numbering: the set optional parameters' bits, then each
  // sort's `2 × column + descending`, the first sort varying fastest.
  std::string index;
  auto add = [&](const std::string& term) { index += (index.empty() ? "" : " + ") + term; };
  for (size_t i = 0; i < optionals.size(); ++i) {
    add("(" + (as_struct ? "params." + optionals[i] : optionals[i]) + " ? " +
        std::to_string(size_t{1} << i) + " : 0)");
  }
  size_t base = size_t{1} << optionals.size();
  for (size_t i = 0; i < q.sorts.size(); ++i) {
    const std::string& column = sort_args[2 * i].second;
    const std::string& dir = sort_args[2 * i + 1].second;
    std::string choice = "sqlgen::runtime::sort_choice(" + column + ", " +
                         std::to_string(q.sorts[i].columns.size()) + ", " + dir + ")";
    add(base == 1 ? choice : std::to_string(base) + " * (" + choice + ")");
    base *= 2 * q.sorts[i].columns.size();
  }
  return index.empty() ? "0" : index;
}

std::string QueryBuilder::variants_array(const analyze::AnalyzedQuery& q) const {
  return escape_identifier("k_" + to_snake_case(q.name) + "_variants");
}

void QueryBuilder::statements(const analyze::AnalyzedQuery& q, const diag::Location& loc,
                              json& view) {
  std::string stmt = m_mod.name + "_" + q.name;
  json statements = json::array(), variants = json::array();
  if (q.variants.empty()) {
    statements.push_back(json{{"name", stmt}, {"sql_literal", view["sql_literal"]}});
  } else {
    std::string array = variants_array(q);
    declare(true, false, array, "the SQL variants of query \"" + q.name + "\"", loc);
    json names = json::array();
    for (size_t i = 0; i < q.variants.size(); ++i) {
      std::string name = stmt + "_" + std::to_string(i);
      statements.push_back(json{{"name", name}, {"sql_literal", cpp_raw_string(q.variants[i])}});
      names.push_back(json{{"name", name}});
    }
    variants.push_back(json{{"array", array}, {"names", std::move(names)}});
  }
  view["statements"] = std::move(statements);
  view["variants"] = std::move(variants);
}

void QueryBuilder::variant_doc(const analyze::AnalyzedQuery& q, json& doc) const {
  std::string optional;
  for (const analyze::ResultParam& p : q.params) {
    if (p.optional) optional += (optional.empty() ? "" : ", ") + p.name;
  }
  if (!optional.empty()) {
    doc.push_back(comment_line("Optional: " + optional +
                               " (when empty, the condition using it is left out)."));
  }
  for (const analyze::QuerySort& s : q.sorts) {
    std::string columns;
    for (const std::string& c : s.columns) columns += (columns.empty() ? "" : ", ") + c;
    doc.push_back(
        comment_line("Sort \"" + s.name + "\": by " + columns + ", ascending or descending."));
  }
}

void QueryBuilder::copy_target(const source::Query& sq, const analyze::AnalyzedQuery& q,
                               const std::optional<InsertTarget>& target, const json& param_fields,
                               json& view) {
  view["copy_table"] = "";
  view["copy_columns"] = json::array();
  view["copy_values"] = json::array();
  if (q.command != QueryCommand::CopyFrom) return;
  diag::Location loc = diag::Location::at(sq.source, sq.name_offset, sq.name_length);
  auto fail = [&](const std::string& why) {
    m_diags.report(diag::make(diag::DiagId::err_codegen_copyfrom_shape, loc, {q.name, why}));
  };
  if (!target) return fail("it is not an INSERT statement");  // needs_insert_target() read it
  if (!target->problem.empty()) return fail(target->problem);
  std::vector<int> numbers;
  for (const auto& [column, n] : target->columns) {
    if (n == 0) return fail("the value of column \"" + column + "\" is not a parameter");
    if (n > static_cast<int>(param_fields.size()) ||
        std::find(numbers.begin(), numbers.end(), n) != numbers.end()) {
      return fail("parameter $" + std::to_string(n) + " is used twice");
    }
    numbers.push_back(n);
  }
  if (numbers.size() != param_fields.size()) return fail("a parameter is not inserted");
  std::vector<std::string> search_path = m_mod.effective_search_path(m_config);
  const catalog::Relation* rel = m_cat.find_relation(target->schema, target->table, search_path);
  std::string schema = rel ? rel->schema : target->schema;
  view["copy_table"] = (schema.empty() ? "" : catalog::builtins::double_quote(schema) + ".") +
                       catalog::builtins::double_quote(target->table);
  json columns = json::array(), values = json::array();
  for (size_t i = 0; i < target->columns.size(); ++i) {
    columns.push_back(json{{"name", catalog::builtins::double_quote(target->columns[i].first)}});
    values.push_back(json{{"expr", "item." + param_fields[numbers[i] - 1]["name"].str()}});
  }
  mark_last(columns);
  view["copy_columns"] = std::move(columns);
  view["copy_values"] = std::move(values);
}

json QueryBuilder::build(const source::Query& sq, const analyze::AnalyzedQuery& q,
                         const std::optional<InsertTarget>& target) {
  diag::Location loc = diag::Location::at(sq.source, sq.name_offset, sq.name_length);
  bool snake = m_options.function_naming == "snake_case";
  std::string fn = escape_identifier(function_name(q.name));
  std::string each = escape_identifier(fn + (snake ? "_each" : "Each"));
  std::string reader = escape_identifier("read_" + to_snake_case(q.name));
  declare(true, true, fn, "query \"" + q.name + "\"", loc);
  if (q.command == QueryCommand::Many) {
    declare(true, false, each, "the streaming form of query \"" + q.name + "\"", loc);
  }
  if (returns_rows(q.command)) {
    declare(true, false, reader, "the row reader of query \"" + q.name + "\"", loc);
  }

  json view;
  view["name"] = q.name;
  view["fn"] = fn;
  view["fn_each"] = each;
  view["reader"] = reader;
  view["stmt"] = m_mod.name + "_" + q.name;
  view["sql_literal"] = cpp_raw_string(q.sql);
  statements(q, loc, view);
  json doc = json::array();
  for (const std::string& line : q.doc) {
    if (!comment_line(line).empty()) doc.push_back(comment_line(line));
  }
  variant_doc(q, doc);
  doc.push_back(comment_line(q.name + " :" + source::command_name(q.command) + " (" + q.file + ":" +
                             std::to_string(q.line) + ")"));
  view["doc"] = std::move(doc);
  const std::pair<const char*, QueryCommand> k_flags[] = {
      {"is_one", QueryCommand::One},
      {"is_many", QueryCommand::Many},
      {"is_exec", QueryCommand::Exec},
      {"is_execrows", QueryCommand::ExecRows},
      {"is_execresult", QueryCommand::ExecResult},
      {"is_copyfrom", QueryCommand::CopyFrom},
      {"is_batchexec", QueryCommand::BatchExec},
      {"is_batchone", QueryCommand::BatchOne},
      {"is_batchmany", QueryCommand::BatchMany}};
  for (const auto& [flag, cmd] : k_flags) view[flag] = q.command == cmd;
  view["has_rows"] = returns_rows(q.command);
  if (takes_items(q.command)) includes.insert("<ranges>");

  for (const source::QueryAnnotation& a : sq.annotations) {
    if (a.kind == "row" && returns_rows(q.command)) {
      row_name = a.args.at(0);
      row_loc = diag::Location::at(sq.source, a.offset, a.length);
    }
  }
  query_overrides(sq, q);
  raw_json_columns(sq, q);
  params(q, target, loc, view);
  row(q, loc, view);
  copy_target(sq, q, target, view["param_fields"], view);
  view.erase("param_fields");
  return view;
}

/// A `@row` struct and the queries that share it.
struct SharedRow {
  size_t index = 0;  ///< in the module's `structs`
  std::vector<std::string> queries;
  diag::Location loc;  ///< the first query's `@row`
};

/// "field 2 is \"id std::int64_t\" in one and ..." for two `fields` arrays that differ.
std::string row_difference(const json& first, const json& second) {
  auto field = [](const json& f) { return "\"" + f["name"].str() + " " + f["type"].str() + "\""; };
  for (size_t k = 0; k < std::min(first.size(), second.size()); ++k) {
    if (first[k]["name"] != second[k]["name"] || first[k]["type"] != second[k]["type"]) {
      return "field " + std::to_string(k + 1) + " is " + field(first[k]) + " in the first and " +
             field(second[k]) + " in the second";
    }
  }
  return std::to_string(first.size()) + " fields in the first, " + std::to_string(second.size()) +
         " in the second";
}

/// Joins query `query`'s `@row` struct (b.structs[b.row_struct]) to the module's: true when it
/// is the first of its name (then declared in the module's scope and kept), false when an
/// earlier query's struct of that name serves (the same fields; else an error).
bool share_row(QueryBuilder& b, const std::string& query, json& structs,
               std::map<std::string, SharedRow>& rows, NameScope& module_scope,
               diag::DiagnosticEngine& diags) {
  json& mine = b.structs[b.row_struct];
  auto it = rows.find(b.row_name);
  if (it == rows.end()) {
    module_scope.declare(b.row_name, "the row type \"@row " + b.row_name + "\"", b.row_loc);
    rows[b.row_name] = SharedRow{structs.size(), {query}, b.row_loc};
    return true;
  }
  SharedRow& shared = it->second;
  json& theirs = structs[shared.index];
  bool same = theirs["fields"].size() == mine["fields"].size();
  for (size_t k = 0; same && k < mine["fields"].size(); ++k) {
    same = theirs["fields"][k]["name"] == mine["fields"][k]["name"] &&
           theirs["fields"][k]["type"] == mine["fields"][k]["type"] &&
           theirs["fields"][k]["json_key"] == mine["fields"][k]["json_key"];
  }
  if (!same) {
    diag::Diagnostic d = diag::make(diag::DiagId::err_codegen_row_mismatch, b.row_loc,
                                    {shared.queries.front(), query, b.row_name,
                                     row_difference(theirs["fields"], mine["fields"])});
    d.note(diag::DiagId::note_declared_here, shared.loc, {"row", b.row_name});
    diags.report(std::move(d));
    return false;
  }
  shared.queries.push_back(query);
  std::string list;
  for (size_t k = 0; k < shared.queries.size(); ++k) {
    if (k > 0) list += k + 1 == shared.queries.size() ? " and " : ", ";
    list += shared.queries[k];
  }
  theirs["doc"] = json::array({comment_line("A row of queries " + list + ".")});
  return false;
}

}  // namespace

json queries_view(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                  const TypeMapper& types, const Options& options, size_t module,
                  NameScope& module_scope, const ModuleQueries& mq,
                  const std::map<Oid, RelationModel>& relation_models,
                  diag::DiagnosticEngine& diags, const std::string& class_name, HeaderUses* uses) {
  const config::Module& mod = *plan.modules[module];
  NameScope class_scope("class \"" + class_name + "\"", diags);
  class_scope.declare("prepare", "the generated function \"prepare\"", {});
  class_scope.declare("m_tx", "the generated member \"m_tx\"", {});
  module_scope.declare(class_name, "the generated class \"" + class_name + "\"", {});

  // Each query's view is built on its own, in parallel (with its INSERT target, which parses
  // the statement again); then, in query order, its names are declared and its structs,
  // includes and module references joined.
  std::vector<QueryBuilder> builders;
  builders.reserve(mq.analyzed.size());
  for (size_t i = 0; i < mq.analyzed.size(); ++i) {
    builders.emplace_back(config, cat, plan, types, options, module, relation_models, diags);
  }
  std::vector<json> views(mq.analyzed.size());
  util::parallel_for_rethrow(mq.analyzed.size(), [&](size_t i) {
    const analyze::AnalyzedQuery& q = mq.analyzed[i];
    std::optional<InsertTarget> target;
    if (needs_insert_target(config, mod, q)) target = insert_target(q.file, q.sql);
    views[i] = builders[i].build(mq.queries[i], q, target);
  });
  std::set<std::string> includes = {"<cstdint>", "<optional>", "<string>", "<vector>"};
  HeaderUses used;
  json structs = json::array(), queries = json::array(), sort_enums = json::array();
  std::map<std::string, SharedRow> rows;  // by `@row` name
  for (size_t i = 0; i < mq.analyzed.size(); ++i) {
    QueryBuilder& b = builders[i];
    bool report = true;
    for (const Declaration& d : b.declarations) {
      NameScope& scope = d.in_class ? class_scope : module_scope;
      if (d.first) {
        report = scope.declare(d.name, d.what, d.where);
      } else {
        scope.declare(d.name, d.what, d.where, report);
      }
    }
    for (size_t k = 0; k < b.structs.size(); ++k) {
      if (!b.row_name.empty() && k == b.row_struct &&
          !share_row(b, mq.analyzed[i].name, structs, rows, module_scope, diags)) {
        continue;  // the struct of an earlier query with the same `@row`
      }
      structs.push_back(std::move(b.structs[k]));
    }
    for (json& e : b.sort_enums) sort_enums.push_back(std::move(e));
    includes.merge(b.includes);
    used.modules.merge(b.uses.modules);
    used.json_values = used.json_values || b.uses.json_values;
    queries.push_back(std::move(views[i]));
  }

  json view;
  std::set<std::string> sources(mq.files.begin(), mq.files.end());
  view["header"] = file_header(sources);
  view["module"] = mod.name;
  view["class_name"] = class_name;
  view["namespace"] = module_namespace(mod);
  json std_includes = json::array(), user_includes = json::array();
  for (const std::string& inc : includes) {
    bool standard = inc.size() > 2 && inc[0] == '<' && inc.find('/') == std::string::npos &&
                    inc.find('.') == std::string::npos;
    (standard ? std_includes : user_includes).push_back(inc);
  }
  view["std_includes"] = std::move(std_includes);
  view["user_includes"] = std::move(user_includes);
  view["structs"] = std::move(structs);
  view["sort_enums"] = std::move(sort_enums);
  view["queries"] = std::move(queries);
  // JSON as models_view sets it; generate() applies the project's JSON plan.
  JsonPlan alone{std::vector<bool>(plan.modules.size()), std::vector<bool>(plan.modules.size())};
  alone.own[module] = options.json.value_or(used.json_values);
  set_json_includes(view, plan, alone, module, used, "models.hpp");
  if (uses) *uses = std::move(used);
  return view;
}

}  // namespace sqlgen::codegen
