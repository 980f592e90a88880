// The view model of `<module>/audit.hpp`: for each table under `audit:` in sqlgen.yaml, an
// `audit_diff` over two rows of the table's struct, in the module whose models.hpp holds it.
#include <filesystem>
#include <stdexcept>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

using json = View;

/// `path` relative to the config's directory when it is inside it, '/' separators.
std::string shown_path(const config::Config& config, const std::string& path) {
  std::filesystem::path p = std::filesystem::path(path).lexically_normal();
  if (!config.dir.empty()) {
    std::filesystem::path rel = p.lexically_relative(config.dir.lexically_normal());
    if (!rel.empty() && *rel.begin() != "..") p = rel;
  }
  return p.generic_string();
}

/// The class of each column an audit entry names.
std::map<std::string, config::AuditClass> classes_of(const config::AuditTable& t) {
  std::map<std::string, config::AuditClass> out;
  for (const config::AuditColumn& c : t.columns) out[c.column] = c.audit_class;
  return out;
}

/// One table of the view: its struct, and each tracked or secret field in column order.
json table_view(const catalog::Relation& rel, const RelationModel& model,
                const config::AuditTable& entry) {
  std::map<std::string, config::AuditClass> classes = classes_of(entry);
  std::string sql_name = rel.schema + "." + rel.name;
  json fields = json::array();
  std::vector<std::string> ignored, secret;
  for (const RelationModel::Field& f : model.fields) {
    auto it = classes.find(f.column);
    if (it == classes.end()) {
      throw std::logic_error("codegen: column \"" + f.column + "\" of audited table \"" + sql_name +
                             "\" has no class (audit-coverage was not checked)");
    }
    if (it->second == config::AuditClass::Ignore) {
      ignored.push_back(f.column);
      continue;
    }
    bool is_secret = it->second == config::AuditClass::Secret;
    if (is_secret) secret.push_back(f.column);
    fields.push_back(json{{"column", f.column}, {"name", f.name}, {"secret", is_secret}});
  }
  json doc = json::array();
  doc.push_back(comment_line("The columns of " + sql_name +
                             " whose values differ from `old_row` to `new_row`, in column order."));
  auto list = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  if (!secret.empty()) doc.push_back(comment_line("Masked (secret): " + list(secret) + "."));
  if (!ignored.empty())
    doc.push_back(comment_line("Not compared (ignore): " + list(ignored) + "."));
  return json{{"struct", model.name},
              {"sql_name", sql_name},
              {"doc", std::move(doc)},
              {"fields", std::move(fields)}};
}

}  // namespace

std::vector<json> audit_views(const config::Config& config, const catalog::Catalog& cat,
                              const Plan& plan, std::deque<NameScope>& module_scopes,
                              const std::map<Oid, RelationModel>& relation_models,
                              diag::DiagnosticEngine& diags) {
  std::vector<json> views(plan.modules.size());
  std::vector<std::set<std::string>> sources(plan.modules.size());
  const std::vector<std::string>& path =
      config.search_path.empty() ? cat.search_path() : config.search_path;
  for (const config::AuditTable& entry : config.audit) {
    const catalog::Relation* rel = cat.find_relation(entry.schema, entry.table, path);
    if (!rel) {
      throw std::logic_error("codegen: audited table \"" + entry.display() +
                             "\" does not exist (audit-coverage was not checked)");
    }
    auto model = relation_models.find(rel->oid);
    if (model == relation_models.end()) {
      diags.report(diag::make(diag::DiagId::err_audit_no_struct, entry.loc,
                              {rel->schema + "." + rel->name, rel->schema}));
      continue;
    }
    size_t m = model->second.module;
    json& view = views[m];
    if (view.is_null()) {
      view = json{{"module", plan.modules[m]->name},
                  {"namespace", module_namespace(*plan.modules[m])},
                  {"tables", json::array()}};
      module_scopes[m].declare("audit_diff", "the audit diff function", entry.loc);
      if (config.source) sources[m].insert(shown_path(config, config.source->path()));
    }
    if (rel->origin.source) sources[m].insert(shown_path(config, rel->origin.source->path()));
    for (const catalog::Column& c : rel->columns) {
      if (c.origin.source) sources[m].insert(shown_path(config, c.origin.source->path()));
    }
    view["tables"].push_back(table_view(*rel, model->second, entry));
  }
  for (size_t m = 0; m < views.size(); ++m) {
    if (!views[m].is_null()) views[m]["header"] = file_header(sources[m]);
  }
  return views;
}

}  // namespace sqlgen::codegen
