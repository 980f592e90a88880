// A tour of the code sqlgen generates for the example app (generated/<module>/*.hpp):
// registers the statements, creates a user and lists what an update of it changed (the audit
// diff of an audited table), creates an organization and a billing account, issues
// invoices, loads invoice lines through COPY, lists and streams rows, reads an embed, voids
// invoices in one round trip and prints rows as JSON. Everything runs in one transaction that
// is rolled back at the end (pass --commit to keep the rows).
//
// The database must hold the example app's migrations (e.g. `sqlgen dump --db URL`, or any
// migration runner). Build and run from the repository root:
//
//   g++ -std=c++20 -Igenerator/include -Igenerated examples/billing_demo.cpp -lpqxx -lpq
//       -o build/billing_demo
//   build/billing_demo "postgresql://localhost/app" [--commit]     (or $SQLGEN_DATABASE_URL)
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "audit/queries.hpp"
#include "billing/queries.hpp"
#include "identity/audit.hpp"
#include "identity/queries.hpp"
#include "organization/queries.hpp"

namespace {

/// Now, at the microsecond precision of PostgreSQL timestamps.
std::chrono::sys_time<std::chrono::microseconds> now() {
  return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
}

int run(const std::string& conninfo, bool commit) {
  pqxx::connection conn(conninfo);
  // No search_path needed: the generated SQL names the schemas the analyzer resolved.
  identity::Queries::prepare(conn);
  organization::Queries::prepare(conn);
  billing::Queries::prepare(conn);
  audit::Queries::prepare(conn);

  pqxx::work tx(conn);
  identity::Queries users(tx);
  organization::Queries orgs(tx);
  billing::Queries billing(tx);

  // :one with positional parameters, an enum parameter, a model struct as the row. An INSERT
  // of one row with RETURNING always returns it: the row itself, no std::optional.
  identity::User ada =
      users.create_user("ada@example.com", "Ada", identity::UserStatus::active, std::nullopt);
  identity::User bob = users.create_user("bob@example.com", std::nullopt,
                                         identity::UserStatus::pending, std::nullopt);
  std::cout << "user " << ada.email << " is " << ada.status << '\n';
  // A :one of one column returns the value; an id is a sqlgen::runtime::Uuid.
  std::optional<sqlgen::runtime::Uuid> found = users.get_user_id_by_email("ADA@example.com");
  std::cout << "found ada: " << (found == ada.id ? "yes" : "no") << '\n';

  // identity.users is audited (`audit:` in sqlgen.yaml): identity::audit_diff (audit.hpp) lists
  // the columns an UPDATE changed, the password hash masked, and leaves out the columns
  // classified `ignore` (last_login_at, updated_at).
  identity::User ada_before = *users.get_user_by_id(ada.id);
  identity::User ada_after = *users.update_user_profile({.display_name = "Ada Lovelace",
                                                         .status = identity::UserStatus::active,
                                                         .password_hash = "$argon2id$v=19$demo",
                                                         .last_login_at = now(),
                                                         .id = ada.id});
  for (const sqlgen::runtime::FieldChange& c : identity::audit_diff(ada_before, ada_after)) {
    std::cout << "audit: " << c.field << " " << c.old_value << " -> " << c.new_value << '\n';
  }

  // More parameters than max_params: a parameter struct (designated initializers read well).
  auto org = orgs.create_organization_with_owner({.slug = "acme",
                                                  .name = "Acme Corp",
                                                  .owner_id = ada.id,
                                                  .settings = {{"plan", "pro"}},
                                                  .tags = {"customer", "eu"}});
  std::cout << "organization " << org->slug << " created\n";

  // :batchexec: several memberships in one round trip.
  orgs.upsert_membership(std::vector<organization::UpsertMembershipParams>{
      {.organization_id = org->id, .user_id = bob.id, .role = "member"},
      {.organization_id = org->id, .user_id = bob.id, .role = "admin"}});

  // Embeds: each member's identity::User row nested in the result.
  for (const organization::ListMembersRow& m : orgs.list_members(org->id)) {
    std::cout << "member " << m.user.email << " (" << m.role << ")\n";
  }

  // INSERT ... ON CONFLICT DO UPDATE (without WHERE) also always returns its row.
  billing::Account account =
      billing.upsert_account(org->id, "invoices@acme.example", "EUR", "0.2000");

  std::vector<sqlgen::runtime::Uuid> invoice_ids;
  for (int i = 1; i <= 3; ++i) {
    billing::Invoice inv = billing.create_invoice(
        {.account_id = account.id,
         .status = i == 3 ? billing::InvoiceStatus::draft : billing::InvoiceStatus::open,
         .total_cents = 0,
         .issued_at = now(),
         .due_at = now() + std::chrono::days(30),
         .metadata = {{"po", "PO-" + std::to_string(i)}}});
    invoice_ids.push_back(inv.id);
  }

  std::int64_t open_count = billing.count_open_invoices(account.id);
  std::cout << open_count << " open invoices, the first " << invoice_ids[0] << '\n';

  // :copyfrom: lines loaded through COPY.
  std::vector<billing::InsertInvoiceLinesParams> lines;
  for (int pos = 1; pos <= 3; ++pos) {
    lines.push_back({.invoice_id = invoice_ids[2],
                     .position = pos,
                     .description = "Consulting, day " + std::to_string(pos),
                     .quantity = pos,
                     .unit_price = "450.00",
                     .tax_codes = std::vector<std::string>{"VAT20"}});
  }
  std::cout << "copied " << billing.insert_invoice_lines(lines) << " invoice lines\n";
  std::optional<billing::RecomputeInvoiceTotalRow> total =
      billing.recompute_invoice_total(invoice_ids[2]);
  std::cout << "invoice #" << total->number << " totals " << total->total_cents << " cents\n";

  // Streaming: one callback per row, no vector.
  billing.list_invoice_lines_each(invoice_ids[2], [](billing::ListInvoiceLinesRow&& line) {
    std::cout << "  line " << line.position << ": " << line.description << " = "
              << line.amount.value_or("?") << " (running " << line.running_total.value_or("?")
              << ")\n";
  });

  // :many with a parameter struct; NULL filters match all.
  for (const billing::ListInvoicesRow& inv :
       billing.list_invoices({.account_id = account.id, .page_offset = 0, .page_size = 10})) {
    std::cout << "invoice #" << inv.number << " " << inv.status << '\n';
  }

  // An embed of two tables, and JSON through the generated to_json.
  std::optional<billing::GetInvoiceWithAccountRow> with =
      billing.get_invoice_with_account(invoice_ids[0]);
  std::cout << "invoice " << with->invoice.number << " bills account in " << with->account.currency
            << ": " << nlohmann::json(*with).dump().substr(0, 72) << "...\n";

  // :batchone: void two invoices in one round trip.
  auto voided = billing.void_invoice(
      std::vector<billing::VoidInvoiceParams>{{.id = invoice_ids[0]}, {.id = invoice_ids[1]}});
  for (const auto& v : voided) std::cout << "voided #" << v->number << '\n';

  std::cout << "invoice statuses:";
  for (billing::InvoiceStatus s : billing::all_values<billing::InvoiceStatus>()) {
    std::cout << ' ' << to_string(s);
  }
  std::cout << '\n';

  if (commit)
    tx.commit();
  else
    tx.abort();
  std::cout << (commit ? "committed\n" : "rolled back\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string conninfo;
  bool commit = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--commit")
      commit = true;
    else
      conninfo = arg;
  }
  if (conninfo.empty()) {
    const char* env = std::getenv("SQLGEN_DATABASE_URL");
    if (!env) {
      std::cerr << "usage: billing_demo CONNINFO [--commit]  (or set SQLGEN_DATABASE_URL)\n";
      return 2;
    }
    conninfo = env;
  }
  try {
    return run(conninfo, commit);
  } catch (const std::exception& e) {
    std::cerr << "billing_demo: " << e.what() << '\n';
    return 1;
  }
}
