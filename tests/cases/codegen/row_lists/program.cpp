// Compiled and run by tests/codegen/test_row_lists.cpp against a database holding this case's
// migrations (argv[1] is its conninfo): orders read with their lines in one query, as
// std::vector of the lines' struct, through array_agg (PostgreSQL's array of records) and
// json_agg (the struct's from_json), fields with quotes, commas, backslashes, parentheses and
// NULLs included, a composite field too; an order without lines has an empty list. Prints
// "ok" and exits 0 when every EXPECT held.
#include <iostream>
#include <pqxx/pqxx>
#include <type_traits>

#include "expect.hpp"
#include "shop/queries.hpp"

namespace {

using shop::LineLabel;
using shop::OrderLine;

// The list types: std::vector of the table's (or view's) struct, never std::optional.
static_assert(std::is_same_v<decltype(shop::OrdersWithLinesRow::lines), std::vector<OrderLine>>);
static_assert(std::is_same_v<decltype(std::declval<shop::Queries&>().order_lines_array(1)),
                             std::vector<OrderLine>>);
static_assert(
    std::is_same_v<decltype(shop::OrdersWithLabelsJsonRow::labels), std::vector<LineLabel>>);
static_assert(
    std::is_same_v<decltype(shop::OrdersWithLabelsJsonRow::labels_b), std::vector<LineLabel>>);
static_assert(
    std::is_same_v<decltype(shop::OrdersWithLinesJsonRow::lines), std::vector<OrderLine>>);
static_assert(
    std::is_same_v<decltype(shop::OrdersWithPaymentsRow::payments), std::vector<shop::Payment>>);
// numeric in the row: json_agg stays JSON; `@raw-json` asks for that.
static_assert(std::is_same_v<decltype(shop::OrdersWithPaymentsRow::payments_json),
                             std::optional<nlohmann::json>>);
static_assert(
    std::is_same_v<decltype(shop::OrderLabelsRawRow::labels), std::optional<nlohmann::json>>);

const std::string k_tricky = "say \"hi\", then \\ (and) {x} ''";

/// The lines of order 1 as inserted.
void check_order_1_lines(const std::vector<OrderLine>& lines, int line) {
  if (lines.size() != 3) {
    ++g_failures;
    std::cerr << "line " << line << ": " << lines.size() << " lines\n";
    return;
  }
  EXPECT(lines[0].id == 10 && lines[0].order_id == 1 && lines[0].item == k_tricky);
  EXPECT(!lines[0].note && lines[0].qty == 2 && lines[0].kind == shop::LineKind::service);
  EXPECT((lines[0].tags == std::vector<std::string>{"a,b", "c\"d", "NULL", ""}));
  EXPECT(lines[0].placed_at && lines[0].placed_at->time_since_epoch().count() ==
                                   1700000000123456);  // 2023-11-14 22:13:20.123456+00
  // A composite field with a NULL field and quotes, commas and parentheses in another.
  EXPECT(lines[0].size && lines[0].size->w == 3 && !lines[0].size->h &&
         lines[0].size->label == "big, \"round\" (x)");
  EXPECT(lines[1].id == 11 && lines[1].item == "" && lines[1].note == "" && !lines[1].qty);
  EXPECT(!lines[1].size);
  EXPECT(lines[2].size && !lines[2].size->w && !lines[2].size->label);
  EXPECT(lines[1].tags.empty() && !lines[1].placed_at && lines[1].kind == shop::LineKind::goods);
  EXPECT(lines[2].id == 12 && lines[2].item == "plain" && lines[2].note == " padded ");
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
    pqxx::work tx(conn);
    tx.exec("SET TIME ZONE 'Europe/Berlin'");  // json_agg writes timestamptz in it
    tx.exec("INSERT INTO orders VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy')");
    tx.exec_params(
        "INSERT INTO order_lines (id, order_id, item, note, qty, kind, tags, placed_at, size) "
        "VALUES (10, 1, $1, NULL, 2, 'service', ARRAY['a,b', 'c\"d', 'NULL', ''], "
        "'2023-11-14 22:13:20.123456+00', ROW(3, NULL, 'big, \"round\" (x)')), "
        "(11, 1, '', '', NULL, 'goods', '{}', NULL, NULL), "
        "(12, 1, 'plain', ' padded ', 1, 'goods', '{}', NULL, ROW(NULL, NULL, NULL)), "
        "(20, 3, 'one', NULL, 1, 'goods', '{x}', NULL, NULL)",
        k_tricky);
    tx.exec("INSERT INTO payments VALUES (1, 1, 12.50), (2, 1, 0.10)");
    shop::Queries q(tx);

    std::vector<shop::OrdersWithLinesRow> orders = q.orders_with_lines();
    EXPECT(orders.size() == 3);
    if (orders.size() == 3) {
      check_order_1_lines(orders[0].lines, __LINE__);
      EXPECT(orders[1].id == 2 && orders[1].customer == "Bob" && orders[1].lines.empty());
      EXPECT(orders[2].lines.size() == 1 && orders[2].lines[0].item == "one");
    }
    check_order_1_lines(q.order_lines_array(1), __LINE__);
    EXPECT(q.order_lines_array(2).empty());  // array_agg over no row: NULL

    std::vector<shop::OrdersWithLinesJsonRow> json_orders = q.orders_with_lines_json();
    EXPECT(json_orders.size() == 3);
    if (json_orders.size() == 3) {
      check_order_1_lines(json_orders[0].lines, __LINE__);
      EXPECT(json_orders[1].lines.empty());
      EXPECT(json_orders[2].lines.size() == 1 &&
             json_orders[2].lines[0].tags == std::vector<std::string>{"x"});
      // The same rows through both paths.
      EXPECT(orders.size() == 3 && json_orders[0].lines == orders[0].lines);
    }

    std::vector<shop::OrdersWithLabelsJsonRow> labels = q.orders_with_labels_json();
    EXPECT(labels.size() == 3);
    if (labels.size() == 3) {
      EXPECT(labels[0].labels.size() == 3 && labels[0].labels[0].item == k_tricky &&
             !labels[0].labels[0].note);
      EXPECT(labels[0].labels_b.size() == 3);
      EXPECT(labels[1].labels.empty() && labels[1].labels_b.empty());
    }

    std::vector<shop::OrdersWithPaymentsRow> paid = q.orders_with_payments();
    EXPECT(paid.size() == 1);
    if (paid.size() == 1) {
      EXPECT(paid[0].payments.size() == 2 && paid[0].payments[0].amount == "12.50" &&
             paid[0].payments[1].amount == "0.10");
      EXPECT(paid[0].payments_json && (*paid[0].payments_json)[0]["amount"] == 12.5);
    }

    shop::OrderLabelsRawRow raw = q.order_labels_raw(1);
    EXPECT(raw.n == 3 && raw.labels && raw.labels->is_array() && raw.labels->size() == 3);
    EXPECT(raw.labels && (*raw.labels)[0]["item"] == k_tricky);
    shop::OrderLabelsRawRow none = q.order_labels_raw(2);
    EXPECT(none.n == 0 && !none.labels);  // @raw-json keeps PostgreSQL's NULL
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  if (g_failures) return 1;
  std::cout << "ok\n";
  return 0;
}
