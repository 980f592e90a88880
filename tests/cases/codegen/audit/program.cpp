// Compiled and run by tests/codegen/test_audit.cpp against a database holding this case's
// migrations (argv[1] is its conninfo): rows are inserted, updated and read back, and the
// generated audit_diff of each audited table is checked on the old and new rows: tracked
// columns as display text, secret ones masked, ignored ones left out, unchanged ones absent.
// Prints "ok" and exits 0 when every EXPECT held.
#include <iostream>
#include <pqxx/pqxx>

#include "expect.hpp"
#include "ledger/audit.hpp"
#include "ledger/queries.hpp"
#include "shop/audit.hpp"
#include "shop/queries.hpp"

namespace {

using sqlgen::runtime::FieldChange;

/// Checks `got` is `want`, printing both when not.
void expect_changes(const std::vector<FieldChange>& got, const std::vector<FieldChange>& want,
                    int line) {
  if (got == want) return;
  ++g_failures;
  auto print = [](const std::vector<FieldChange>& changes) {
    for (const FieldChange& c : changes) {
      std::cerr << "  " << c.field << ": " << c.old_value << " -> " << c.new_value
                << (c.secret ? " (secret)" : "") << '\n';
    }
  };
  std::cerr << "line " << line << ": changes differ; got\n";
  print(got);
  std::cerr << "want\n";
  print(want);
}

std::chrono::sys_time<std::chrono::microseconds> at(std::chrono::sys_days day,
                                                    std::chrono::microseconds since_midnight) {
  return day + since_midnight;
}

void customers(shop::Queries& q) {
  using namespace std::chrono;
  shop::Customer before = q.create_customer("ann@example.com", "tok_1");
  // The same row read back: nothing changed.
  std::optional<shop::Customer> same = q.get_customer(before.id);
  EXPECT(same.has_value());
  EXPECT(shop::audit_diff(before, *same).empty());

  q.update_customer(
      {.email = "ann@example.org",
       .name = "Ann",
       .tier = shop::Tier::pro,
       .tags = {"vip", "early adopter"},
       .credit = "12.5",
       .active = false,
       .birthday = sys_days(year(1990) / 2 / 3),
       .trial = sqlgen::runtime::Interval{0, 14, 0},
       .external_id = sqlgen::runtime::Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
       .card_token = "tok_2",
       .api_key = sqlgen::runtime::Bytes{std::byte{0x01}, std::byte{0xff}},
       .settings = {{"theme", "dark"}},
       .last_seen_at = at(sys_days(year(2024) / 1 / 31), hours(12)),
       .referrer = "newsletter",
       .id = before.id});
  std::optional<shop::Customer> after = q.get_customer(before.id);
  EXPECT(after.has_value());
  if (!after) return;
  // In column order; last_seen_at (ignore) changed too but is not compared, created_at
  // (ignore) is the same; card_token and api_key (secret) are masked.
  expect_changes(shop::audit_diff(before, *after),
                 {
                     {"email", "ann@example.com", "ann@example.org", false},
                     {"name", "NULL", "Ann", false},
                     {"tier", "free", "pro", false},
                     {"tags", "{}", "{\"vip\",\"early adopter\"}", false},
                     {"credit", "0.00", "12.50", false},
                     {"active", "true", "false", false},
                     {"birthday", "NULL", "1990-02-03", false},
                     {"trial", "NULL", "14 days", false},
                     {"external_id", "NULL", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", false},
                     {"card_token", "***", "***", true},
                     {"api_key", "***", "***", true},
                     {"settings", "{}", "{\"theme\":\"dark\"}", false},
                     {"referrer", "NULL", "newsletter", false},
                 },
                 __LINE__);
  // Old and new swapped: the same columns, values the other way round.
  std::vector<FieldChange> back = shop::audit_diff(*after, before);
  EXPECT(back.size() == 13);
  EXPECT(back.size() == 13 && back[0].old_value == "ann@example.org");

  // Only an ignored column changes: no change at all.
  shop::Customer seen = *after;
  seen.last_seen_at = std::nullopt;
  EXPECT(shop::audit_diff(*after, seen).empty());
}

void orders(shop::Queries& q) {
  using namespace std::chrono;
  shop::Customer c = q.create_customer("bob@example.com", "tok_b");
  shop::Order before = q.create_order(c.id, 4200);
  auto paid =
      at(sys_days(year(2024) / 1 / 31), hours(11) + minutes(34) + seconds(56) + milliseconds(789));
  std::optional<shop::Order> after = q.pay_order(paid, before.id);
  EXPECT(after.has_value());
  if (!after) return;
  // updated_at (ignore) changed as well.
  EXPECT(after->updated_at != before.updated_at);
  expect_changes(shop::audit_diff(before, *after),
                 {{"paid_at", "NULL", "2024-01-31 11:34:56.789+00", false}}, __LINE__);
}

void entries(acme::ledger::Queries& q) {
  acme::ledger::Entry first = q.create_entry(100, "DE89370400440532013000");
  // A secret column that keeps its value is no change.
  std::optional<acme::ledger::Entry> amount = q.correct_entry(250, first.iban, first.id);
  EXPECT(amount.has_value());
  if (!amount) return;
  expect_changes(acme::ledger::audit_diff(first, *amount), {{"amount_cents", "100", "250", false}},
                 __LINE__);
  std::optional<acme::ledger::Entry> iban =
      q.correct_entry(250, "FR7630006000011234567890189", first.id);
  EXPECT(iban.has_value());
  if (!iban) return;
  expect_changes(acme::ledger::audit_diff(*amount, *iban), {{"iban", "***", "***", true}},
                 __LINE__);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: program CONNINFO\n";
    return 2;
  }
  try {
    pqxx::connection conn(argv[1]);
    shop::Queries::prepare(conn);
    acme::ledger::Queries::prepare(conn);
    pqxx::work tx(conn);
    shop::Queries shop(tx);
    acme::ledger::Queries ledger(tx);
    customers(shop);
    orders(shop);
    entries(ledger);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  if (g_failures) return 1;
  std::cout << "ok\n";
  return 0;
}
