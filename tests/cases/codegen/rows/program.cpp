// Compiled and run by tests/codegen/test_rows.cpp against a database holding this case's
// migrations (argv[1] is its conninfo): the queries that share a `@row` return one type, and
// the rows read back are the ones inserted. Prints "ok" and exits 0 when every EXPECT held.
#include <iostream>
#include <pqxx/pqxx>
#include <type_traits>

#include "expect.hpp"
#include "library/queries.hpp"

namespace {

using library::BookCard;
using library::BookWithAuthor;

// One struct for the three queries: a helper written once serves them all.
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().list_books()),
                             std::vector<BookCard>>);
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().get_book(1)),
                             std::optional<BookCard>>);
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().search_books("")),
                             std::vector<BookCard>>);
// A one-column :one that asks for a struct gets one.
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().get_title(1)),
                             std::optional<library::Title>>);
// Exactly the table's columns, but named: its own struct, not library::Author.
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().list_authors()),
                             std::vector<library::Writer>>);
static_assert(std::is_same_v<decltype(std::declval<library::Queries&>().book_with_author_by_id(1)),
                             std::optional<BookWithAuthor>>);

std::string card(const BookCard& c) {
  return std::to_string(c.id) + " " + c.title + " by " + c.author;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: program CONNINFO\n";
    return 2;
  }
  try {
    pqxx::connection conn(argv[1]);
    library::Queries::prepare(conn);
    pqxx::work tx(conn);
    tx.exec("INSERT INTO authors VALUES (1, 'Ursula'), (2, 'Italo')");
    tx.exec(
        "INSERT INTO books VALUES (10, 1, 'The Dispossessed', NULL), "
        "(11, 2, 'Invisible Cities', NULL), (12, 1, 'The Lathe of Heaven', 'a novel')");
    library::Queries q(tx);
    std::vector<BookCard> all = q.list_books();
    EXPECT(all.size() == 3);
    if (all.size() == 3) {
      EXPECT(card(all[0]) == "10 The Dispossessed by Ursula");
      EXPECT(card(all[2]) == "12 The Lathe of Heaven by Ursula");
    }
    std::optional<BookCard> one = q.get_book(11);
    EXPECT(one && card(*one) == "11 Invisible Cities by Italo");
    EXPECT(one && all.size() == 3 && *one == all[1]);  // the same type compares
    std::vector<BookCard> found = q.search_books("The");
    EXPECT(found.size() == 2);
    std::optional<library::Title> title = q.get_title(12);
    EXPECT(title && title->title == "The Lathe of Heaven");
    std::vector<library::Writer> writers = q.list_authors();
    EXPECT(writers.size() == 2 && writers[1].name == "Italo");
    std::vector<BookWithAuthor> with = q.books_with_authors();
    EXPECT(with.size() == 3 && with[1].author.name == "Italo");
    std::optional<BookWithAuthor> by_id = q.book_with_author_by_id(10);
    EXPECT(by_id && by_id->author.id == 1 && by_id->title == "The Dispossessed");
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  if (g_failures) return 1;
  std::cout << "ok\n";
  return 0;
}
