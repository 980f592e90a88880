// Tests for config/'s `audit:` (tables whose columns are classified for the audit diff helpers):
// what it reads and the errors at YAML positions. The tables and columns themselves are checked
// against the catalog by vet's audit-coverage rule (tests/vet/test_vet_audit.cpp).
#include <catch2/catch.hpp>

#include "config/config.hpp"

using namespace sqlgen;

namespace {

std::optional<config::Config> parse(const std::string& text, diag::DiagnosticEngine& diags) {
  return config::parse_config(diag::make_source("proj/sqlgen.yaml", text), diags);
}

/// "line:col" of a location.
std::string at(const diag::Location& loc) {
  auto lc = loc.source->line_col(static_cast<uint32_t>(loc.offset));
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

/// Every diagnostic's first line, in sorted order.
std::vector<std::string> first_lines(const std::string& text) {
  diag::DiagnosticEngine diags;
  std::optional<config::Config> cfg = parse(text, diags);
  CHECK_FALSE(cfg.has_value());
  std::vector<std::string> out;
  for (const diag::Diagnostic& d : diags.sorted()) {
    std::string t = diag::render_text(d);
    out.push_back(t.substr(0, t.find('\n')));
  }
  return out;
}

}  // namespace

TEST_CASE("config audit: tables, schema-qualified or not, with each column's class", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse(R"(audit:
  billing.payment_methods:
    id: track
    token: secret
    updated_at: ignore
  users:
    email: track
)",
                   diags);
  REQUIRE(cfg);
  CHECK(diags.sorted().empty());
  REQUIRE(cfg->audit.size() == 2);
  const config::AuditTable& pm = cfg->audit[0];
  CHECK(pm.schema == "billing");
  CHECK(pm.table == "payment_methods");
  CHECK(pm.display() == "billing.payment_methods");
  CHECK(at(pm.loc) == "2:3");
  REQUIRE(pm.columns.size() == 3);
  CHECK(pm.columns[0].column == "id");
  CHECK(pm.columns[0].audit_class == config::AuditClass::Track);
  CHECK(pm.columns[1].column == "token");
  CHECK(pm.columns[1].audit_class == config::AuditClass::Secret);
  CHECK(pm.columns[2].audit_class == config::AuditClass::Ignore);
  CHECK(at(pm.columns[2].loc) == "5:5");
  CHECK(cfg->audit[1].schema.empty());
  CHECK(cfg->audit[1].table == "users");
  CHECK(cfg->audit[1].display() == "users");
}

TEST_CASE("config audit: no audit key means no audited table", "[config]") {
  diag::DiagnosticEngine diags;
  auto cfg = parse("modules: []\n", diags);
  REQUIRE(cfg);
  CHECK(cfg->audit.empty());
}

TEST_CASE("config audit: wrong types are reported at the value", "[config]") {
  CHECK(first_lines("audit: [users]\n") ==
        std::vector<std::string>{"proj/sqlgen.yaml:1:8: error: \"audit\" must be a mapping of "
                                 "tables to mappings of columns to classes"});
  CHECK(first_lines("audit:\n  users: track\n") ==
        std::vector<std::string>{"proj/sqlgen.yaml:2:10: error: \"audit.users\" must be a "
                                 "mapping of columns to track, ignore or secret"});
  CHECK(first_lines("audit:\n  users:\n    email: [track]\n") ==
        std::vector<std::string>{
            "proj/sqlgen.yaml:3:12: error: \"audit.users.email\" must be a string"});
}

TEST_CASE("config audit: an unknown class is an error at the value, with did-you-mean",
          "[config]") {
  CHECK(first_lines("audit:\n  users:\n    id: track\n    password: secrets\n") ==
        std::vector<std::string>{"proj/sqlgen.yaml:4:15: error: invalid value for "
                                 "\"audit.users.password\": expected \"track\", \"ignore\" or "
                                 "\"secret\", not \"secrets\", did you mean \"secret\"?"});
  CHECK(first_lines("audit:\n  users:\n    id: log\n") ==
        std::vector<std::string>{"proj/sqlgen.yaml:3:9: error: invalid value for "
                                 "\"audit.users.id\": expected \"track\", \"ignore\" or "
                                 "\"secret\", not \"log\""});
}

TEST_CASE("config audit: table names are \"table\" or \"schema.table\"", "[config]") {
  for (const char* bad : {"a.b.c", ".users", "billing.", "\"\""}) {
    INFO(bad);
    std::vector<std::string> lines =
        first_lines(std::string("audit:\n  ") + bad + ":\n    id: track\n");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("proj/sqlgen.yaml:2:3: error: invalid value for \"audit\": "));
    CHECK(lines[0].ends_with("is not \"table\" or \"schema.table\""));
  }
}

TEST_CASE("config audit: duplicate tables and columns are errors with the first one noted",
          "[config]") {
  diag::DiagnosticEngine diags;
  CHECK_FALSE(parse("audit:\n  users: {id: track}\n  users: {id: ignore}\n", diags));
  std::vector<diag::Diagnostic> all = diags.sorted();
  REQUIRE(all.size() == 1);
  std::string text = diag::render_text(all[0]);
  CHECK(text.starts_with("proj/sqlgen.yaml:3:3: error: duplicate key \"users\""));
  CHECK(text.find("proj/sqlgen.yaml:2:3: note: previous definition is here") != std::string::npos);
  CHECK(first_lines("audit:\n  users:\n    id: track\n    id: secret\n") ==
        std::vector<std::string>{"proj/sqlgen.yaml:4:5: error: duplicate key \"id\""});
}

TEST_CASE("config audit: every error in the section is collected", "[config]") {
  CHECK(first_lines("audit:\n  users:\n    id: tracked\n  a.b.c: {}\n  orders: []\n").size() == 3);
}
