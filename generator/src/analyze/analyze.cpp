// Analyzing one query: parse, plan parameters, resolve the statement,
// apply annotations, and assemble the SQL sent to the server.
#include "analyze/analyze.hpp"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "analyze/analyzer.hpp"
#include "analyze/variants.hpp"
#include "parse/parse.hpp"

namespace sqlgen::analyze {

namespace {

using source::QueryCommand;

bool returns_rows(QueryCommand c) {
  return c == QueryCommand::One || c == QueryCommand::Many || c == QueryCommand::BatchOne ||
         c == QueryCommand::BatchMany;
}

}  // namespace

Analyzer::Analyzer(const catalog::Catalog& cat, const source::Query& query,
                   const AnalyzeOptions& opts, diag::DiagnosticEngine& diags)
    : m_cat(cat), m_query(query), m_opts(opts), m_diags(diags) {
  m_search_path = opts.search_path.empty() ? cat.search_path() : opts.search_path;
}

namespace {

/// The query's statement as PostgreSQL's parser reads it: each `sqlgen.sort(name: ...)` of
/// `sorts` read as `sqlgen.sort(...)` of its columns (the same offsets; diagnostics show the
/// file as written).
std::vector<parse::StmtPtr> parse_statement(const source::Query& query,
                                            const std::vector<SortSlot>& sorts,
                                            diag::DiagnosticEngine& diags) {
  const parse::StatementRange range{query.offset, query.length};
  if (sorts.empty()) return parse::parse_range(query.source, range, diags);
  diag::SourcePtr placeholder =
      diag::make_source(query.source->path(), sort_placeholder_text(query.source->text(), sorts));
  diag::DiagnosticEngine engine;
  std::vector<parse::StmtPtr> stmts = parse::parse_range(placeholder, range, engine);
  for (diag::Diagnostic d : engine.sorted()) {
    if (d.loc.source == placeholder) d.loc.source = query.source;
    diags.report(std::move(d));
  }
  return stmts;
}

/// PostgreSQL's SQLSTATE for the errors the analyzer shares with it ("" for sqlgen's own).
std::string default_sqlstate(diag::DiagId id, const std::vector<std::string>& args) {
  using diag::DiagId;
  switch (id) {
    case DiagId::err_column_unknown:
    case DiagId::err_column_qualified_unknown:
    case DiagId::err_column_not_found:
      return "42703";
    case DiagId::err_column_ambiguous:
      return "42702";
    case DiagId::err_missing_from:
    case DiagId::err_relation_not_found:
      return "42P01";
    case DiagId::err_type_not_found:
      return "42704";
    case DiagId::err_column_count:
      return "42601";
    case DiagId::err_param_unused:
      return "42P18";
    case DiagId::err_type_resolution: {
      // One id, PostgreSQL's messages: the SQLSTATE follows the message.
      const std::string m = args.empty() ? "" : args[0];
      auto has = [&](const char* s) { return m.find(s) != std::string::npos; };
      if (has("is not unique")) return "42725";
      if (has("does not exist")) return "42883";
      if (has("number of") || has("subquery has too") || has("subquery must return only")) {
        return "42601";
      }
      if (has("could not determine")) return "42P18";
      if (has("could not convert type")) return "42846";  // coerce_to_common_type
      if (has("cannot be matched") || has("requires array") || has("cannot subscript") ||
          has("is not composite")) {
        return "42804";
      }
      return "";
    }
    default:
      return "";
  }
}

}  // namespace

void Analyzer::error(diag::DiagId id, parse::Span span, std::vector<std::string> args) {
  std::string state = default_sqlstate(id, args);
  reject(id, span, std::move(state), std::move(args));
}

void Analyzer::reject(diag::DiagId id, parse::Span span, std::string sqlstate,
                      std::vector<std::string> args) {
  if (m_quiet > 0) return;
  diag::Diagnostic d =
      diag::make(id, diag::Location::at(source(), span.offset, span.length), std::move(args));
  d.sqlstate = std::move(sqlstate);
  m_diags.report(std::move(d));
  if (diag::severity_of(id) == diag::Severity::Error) m_failed = true;
}

AnalyzedQuery Analyzer::run() {
  AnalyzedQuery out;
  out.name = m_query.name;
  out.command = m_query.command;
  out.module = m_opts.module;
  out.file = source()->path();
  out.line = source()->line_col(m_query.name_offset).line;
  out.doc = m_query.doc;
  out.sql = source()->text().substr(m_query.offset, m_query.length);

  // Parse and parameter errors are counted for this query alone: queries are analyzed in
  // parallel into one engine, whose error count other queries change meanwhile.
  diag::DiagnosticEngine early;
  auto forward = [&] {
    for (diag::Diagnostic& d : early.sorted()) m_diags.report(std::move(d));
  };
  // The trees parsed beforehand stay with their ParsedQuery, borrowed here, and are freed with
  // it: they were allocated on the thread that parsed them, and freeing them here, on another
  // core, took that thread's malloc arena's lock for every node (with two threads, free() was
  // a fifth of the analysis's extra CPU). Trees parsed here are this call's own.
  std::vector<parse::StmtPtr> own;
  const std::vector<parse::StmtPtr>* stmts = &own;
  std::vector<SortSlot> sorts;
  if (m_parsed) {
    ParsedQuery& parsed = *m_parsed;
    m_parsed = nullptr;
    for (diag::Diagnostic& d : parsed.diagnostics) early.report(std::move(d));
    stmts = &parsed.stmts;
    if (!m_variant && parsed.from_file_parse) {
      // The file's tree reads a sort call as the function it spells: with sorts (or a
      // malformed one), the statement is parsed as parse_query would.
      sorts = find_sorts(m_query, early);
      if (!sorts.empty()) {
        own = parse_statement(m_query, sorts, early);
        stmts = &own;
      }
    } else if (!m_variant) {
      diag::DiagnosticEngine again;  // parse_query reported them
      sorts = find_sorts(m_query, again);
    }
  } else {
    if (!m_variant) sorts = find_sorts(m_query, early);
    own = parse_statement(m_query, sorts, early);
  }
  if (stmts->size() != 1) {
    forward();
    return out;
  }
  const parse::Stmt& stmt = *(*stmts)[0];
  m_plan = plan_params(stmt, source(), early);
  if (!m_variant) {
    VariantPlan variants = plan_variants(stmt, m_query, m_plan, std::move(sorts), early);
    if (variants.needed() || variants.failed) {
      const bool failed = variants.failed || early.has_errors();
      forward();
      return failed ? out : run_variants(variants);
    }
  }
  bool early_errors = early.has_errors();
  forward();
  for (const ParamSlot& p : m_plan.params) m_params[p.number].nullable = p.narg;

  statement(stmt, out);
  out.exactly_one_row = !m_failed && !out.columns.empty() && exactly_one_row(stmt);
  out.reads = std::move(m_reads);
  syntactic_name_hints(stmt, m_plan, m_name_hints);
  result_params(stmt, out);
  check_slices();
  apply_annotations(out);

  std::vector<Edit> edits = m_plan.edits;
  edits.insert(edits.end(), m_edits.begin(), m_edits.end());
  if (m_variant) {
    // What the variant leaves out or replaces takes the edits inside it along.
    std::erase_if(edits, [&](const Edit& e) {
      for (const Edit& v : m_variant_edits) {
        if (e.offset >= v.offset && e.offset + e.length <= v.offset + v.length &&
            !(e.length == 0 && e.offset == v.offset + v.length)) {
          return true;
        }
      }
      return false;
    });
    edits.insert(edits.end(), m_variant_edits.begin(), m_variant_edits.end());
  }
  out.sql = apply_edits(source()->text(), m_query.offset, m_query.length, std::move(edits));
  out.ok = !early_errors && !m_failed;
  return out;
}

AnalyzedQuery Analyzer::run_variants(const VariantPlan& plan) {
  // Every variant analyzed as a query of its own, on the file's text as that variant has it
  // (same offsets). The variant with every optional parameter set and each sort's first column
  // ascending comes first: its diagnostics are the query's, and its analysis the query's
  // columns and parameters. Another variant's errors (once each) say which variant it was.
  const size_t count = plan.count();
  const size_t primary = (size_t{1} << plan.optionals.size()) - 1;
  std::vector<size_t> order = {primary};
  for (size_t i = 0; i < count; ++i) {
    if (i != primary) order.push_back(i);
  }
  std::set<std::pair<int64_t, std::string>> reported;
  std::vector<std::string> sqls(count);
  AnalyzedQuery result;
  bool ok = true;
  for (size_t index : order) {
    Variant v = make_variant(plan, source()->text(), index);
    source::Query vq = m_query;
    vq.source = diag::make_source(source()->path(), std::move(v.text));  // v.text not read again
    diag::DiagnosticEngine engine;
    Analyzer a(m_cat, vq, m_opts, engine);
    a.as_variant(v.edits);
    AnalyzedQuery r = a.run();
    std::function<void(diag::Diagnostic&)> remap = [&](diag::Diagnostic& d) {
      if (d.loc.source == vq.source) {
        d.loc.source = source();
        for (size_t s = 0; s < plan.sorts.size(); ++s) {  // the chosen column, where written
          const parse::Span call = plan.sorts[s].call;
          if (d.loc.offset >= call.offset && d.loc.offset < call.offset + call.length) {
            const parse::Span col = plan.sorts[s].column_spans[v.sort_column[s]];
            d.loc.offset = col.offset;
            d.loc.length = col.length;
          }
        }
      }
      for (diag::Diagnostic& n : d.notes) remap(n);
    };
    for (diag::Diagnostic d : engine.sorted()) {
      remap(d);
      const bool is_new = reported.insert({d.loc.offset, d.message}).second;
      if (index == primary) {
        m_diags.report(std::move(d));
      } else if (d.severity == diag::Severity::Error && is_new) {
        diag::Diagnostic w = diag::make(diag::DiagId::err_variant_rejected, d.loc,
                                        {d.message, m_query.name, v.describe(plan)});
        w.sqlstate = d.sqlstate;
        w.notes = std::move(d.notes);
        m_diags.report(std::move(w));
      }
    }
    ok = ok && r.ok;
    if (index == primary) {
      result = std::move(r);
    } else if (r.ok && result.ok) {
      // The variant's parameters are the query's without the empty optional ones, in order
      // (the generated code sends them so).
      std::vector<std::string> expected, got;
      for (const ResultParam& p : result.params) {
        auto at = std::find(plan.optionals.begin(), plan.optionals.end(), p.name);
        if (at == plan.optionals.end() || v.set[static_cast<size_t>(at - plan.optionals.begin())]) {
          expected.push_back(p.name);
        }
      }
      for (const ResultParam& p : r.params) got.push_back(p.name);
      if (expected != got) {
        throw std::logic_error("variant " + std::to_string(index) + " of query \"" + m_query.name +
                               "\" has other parameters than the query");
      }
    }
    sqls[index] = index == primary ? result.sql : r.sql;
  }
  for (ResultParam& p : result.params) {
    p.optional =
        std::find(plan.optionals.begin(), plan.optionals.end(), p.name) != plan.optionals.end();
  }
  for (const SortSlot& s : plan.sorts) result.sorts.push_back(QuerySort{s.name, s.labels});
  result.variants = std::move(sqls);
  result.ok = ok;
  return result;
}

void Analyzer::statement(const parse::Stmt& stmt, AnalyzedQuery& out) {
  switch (stmt.kind) {
    case parse::StmtKind::Select:
      select(stmt.as<parse::SelectStmt>(), nullptr, &out.columns);
      break;
    case parse::StmtKind::Insert:
      insert(stmt.as<parse::InsertStmt>(), nullptr, &out.columns);
      break;
    case parse::StmtKind::Update:
      update(stmt.as<parse::UpdateStmt>(), nullptr, &out.columns);
      break;
    case parse::StmtKind::Delete:
      delete_(stmt.as<parse::DeleteStmt>(), nullptr, &out.columns);
      break;
    default:
      utility(stmt);
      break;
  }
  bool is_dml = stmt.kind == parse::StmtKind::Insert || stmt.kind == parse::StmtKind::Update ||
                stmt.kind == parse::StmtKind::Delete;
  if (!is_dml && stmt.kind != parse::StmtKind::Select && returns_rows(m_query.command) &&
      !m_failed) {
    error(diag::DiagId::err_utility_returns_no_rows, stmt.span,
          {m_query.name, source::command_name(m_query.command), parse::describe(stmt)});
  }
  if (is_dml && returns_rows(m_query.command) && out.columns.empty() && !m_failed) {
    error(diag::DiagId::err_one_without_returning, stmt.span,
          {m_query.name, source::command_name(m_query.command), parse::describe(stmt)});
  }
}

void Analyzer::result_params(const parse::Stmt& stmt, AnalyzedQuery& out) {
  const std::map<int, std::string> derived = choose_param_names(m_plan, m_name_hints);
  // Parameters: every number from 1 to the highest must be known.
  int highest = 0;
  for (const ParamSlot& p : m_plan.params) highest = std::max(highest, p.number);
  for (int n = 1; n <= highest; ++n) {
    const ParamSlot* slot = nullptr;
    for (const ParamSlot& p : m_plan.params) {
      if (p.number == n) slot = &p;
    }
    ResultParam rp;
    rp.number = n;
    if (!slot) {
      error(diag::DiagId::err_param_unused, stmt.span,
            {std::to_string(n), std::to_string(highest)});
      out.params.push_back(rp);
      continue;
    }
    const ParamState& st = m_params[n];
    rp.name = slot->name.empty() ? derived.at(n) : slot->name;
    rp.slice = slot->slice;
    rp.not_null = !st.nullable;
    if (st.typed) {
      rp.type = st.type;
    } else {
      rp.type = ExprType{pseudo_oid::k_any, -1};
      const parse::Expr* use = slot->uses.empty() ? nullptr : slot->uses.front();
      // After an error the type was never going to be found: no second message.
      if (!m_failed) {
        error(diag::DiagId::warn_unknown_type, use ? use->span : stmt.span,
              {"parameter $" + std::to_string(n)});
      }
    }
    out.params.push_back(rp);
  }
}

void Analyzer::apply_annotations(AnalyzedQuery& out) {
  // Annotations: `-- @nullable name` / `-- @not-null name` (a column, else a parameter).
  for (const source::QueryAnnotation& a : m_query.annotations) {
    if (a.kind != "nullable" && a.kind != "not-null") continue;  // @override: codegen's
    for (const std::string& target : a.args) {
      bool hit = false;
      for (ResultColumn& c : out.columns) {
        if (c.name == target) {
          c.not_null = a.kind == "not-null";
          hit = true;
        }
      }
      for (ResultParam& p : out.params) {
        if (!hit && p.name == target) {
          p.not_null = a.kind == "not-null";
          hit = true;
        }
      }
      if (!hit) {
        m_diags.report(diag::make(diag::DiagId::err_column_unknown,
                                  diag::Location::at(source(), a.offset, a.length),
                                  {target, " in the query's result or parameters"}));
        m_failed = true;
      }
    }
  }
}

std::optional<catalog::BoundView> Analyzer::bind_view(const parse::Stmt& query) {
  std::vector<Col> cols = statement_columns(query, nullptr);
  if (m_failed) return std::nullopt;
  catalog::BoundView bound;
  std::vector<catalog::Column>& out = bound.columns;
  for (const Col& c : cols) {
    catalog::Column col;
    col.name = c.name;
    col.type = catalog::TypeRef{c.type.oid, c.type.typmod};
    col.type.array_dims = m_cat.element_type(c.type.oid) ? 1 : 0;
    col.not_null = !c.nullable;
    out.push_back(std::move(col));
  }
  bound.not_updatable = view_not_updatable(query, out, bound.base);
  return bound;
}

catalog::ViewBinder view_binder() {
  return [](const catalog::Catalog& cat, const parse::Stmt& query, const diag::SourcePtr& source,
            diag::DiagnosticEngine& diags) -> std::optional<catalog::BoundView> {
    source::Query q;
    q.name = "<view>";
    q.source = source;
    q.offset = query.span.offset;
    q.length = query.span.length;
    return Analyzer(cat, q, AnalyzeOptions{}, diags).bind_view(query);
  };
}

ParsedQuery parse_query(const source::Query& query) {
  diag::DiagnosticEngine early;
  ParsedQuery out;
  out.stmts = parse_statement(query, find_sorts(query, early), early);
  out.diagnostics = early.sorted();
  return out;
}

AnalyzedQuery analyze_query(const catalog::Catalog& cat, const source::Query& query,
                            const AnalyzeOptions& opts, diag::DiagnosticEngine& diags,
                            ParsedQuery* parsed) {
  Analyzer analyzer(cat, query, opts, diags);
  analyzer.use_parsed(parsed);
  return analyzer.run();
}

nlohmann::json to_json(const catalog::Catalog& cat, const AnalyzedQuery& q) {
  using nlohmann::json;
  auto put_type = [&](json& j, ExprType t) {
    if (t.oid == 0) t.oid = pseudo_oid::k_any;  // unresolved after an error
    catalog::Oid elem = cat.element_type(t.oid);
    auto [schema, name] = cat.type_name(elem ? elem : t.oid);
    j["type"] = name;
    j["type_schema"] = schema;
    j["array_dims"] = elem ? 1 : 0;
  };
  json cols = json::array();
  for (const ResultColumn& c : q.columns) {
    json j = {{"name", c.name}};
    put_type(j, c.type);
    j["not_null"] = c.not_null;
    j["table"] = c.table.empty() ? json(nullptr) : json(c.table);
    j["table_schema"] = c.table_schema.empty() ? json(nullptr) : json(c.table_schema);
    j["embed"] = c.embed.empty() ? json(nullptr) : json(c.embed);
    if (!c.embed.empty()) {
      j["embed_schema"] = c.embed_schema;
      j["embed_nullable"] = c.embed_nullable;
    }
    if (c.rows_of) {  // array_agg/json_agg/jsonb_agg of a table's rows: its row type
      auto [schema, name] = cat.type_name(c.rows_of);
      j["rows_of"] = name;
      j["rows_of_schema"] = schema;
    }
    cols.push_back(std::move(j));
  }
  json params = json::array();
  for (const ResultParam& p : q.params) {
    json j = {{"number", p.number}, {"name", p.name}};
    put_type(j, p.type);
    j["not_null"] = p.not_null;
    if (p.slice) j["slice"] = true;
    if (p.optional) j["optional"] = true;
    params.push_back(std::move(j));
  }
  json out{{"name", q.name},
           {"cmd", source::command_name(q.command)},
           {"module", q.module},
           {"file", q.file},
           {"line", q.line},
           {"doc", q.doc},
           {"sql", q.sql},
           {"columns", std::move(cols)},
           {"params", std::move(params)},
           {"exactly_one_row", q.exactly_one_row}};
  if (!q.sorts.empty()) {
    json sorts = json::array();
    for (const QuerySort& s : q.sorts) sorts.push_back({{"name", s.name}, {"columns", s.columns}});
    out["sorts"] = std::move(sorts);
  }
  if (!q.variants.empty()) out["variants"] = q.variants;
  return out;
}

}  // namespace sqlgen::analyze
