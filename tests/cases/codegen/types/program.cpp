// Compiled and run by tests/codegen/test_codegen_pg.cpp against a database holding this case's
// migrations (argv[1] is its conninfo): every mapped type round-trips NULL and non-NULL
// values, every query command runs, embeds (one nullable) and cross-module types read back,
// JSON round-trips, and a label added to the enum after generation throws
// sqlgen::runtime::unknown_enum_label. Prints "ok" and exits 0 when every EXPECT held.
#include <cmath>
#include <iostream>
#include <limits>
#include <type_traits>

#include "app/queries.hpp"
#include "reports/queries.hpp"

namespace {

int g_failures = 0;

#define EXPECT(cond)                                                      \
  do {                                                                    \
    if (!(cond)) {                                                        \
      ++g_failures;                                                       \
      std::cerr << "line " << __LINE__ << ": EXPECT(" #cond ") failed\n"; \
    }                                                                     \
  } while (0)

using app::Mood;
using sqlgen::runtime::Bytes;
using sqlgen::runtime::Interval;
namespace chr = std::chrono;

app::InsertThingParams full_params() {
  using namespace std::chrono_literals;
  app::InsertThingParams p;
  p.name = "full";
  p.small = -12;
  p.medium = 123456;
  p.big = 9007199254740993;
  p.real_value = 1.5f;
  p.double_value = 0.1;
  p.flag = true;
  p.label = "\u00fcn\u00efcode \"quoted\"";
  p.code = "abc";
  p.sys_name = "pg_name";
  p.email = "Mixed@Example.COM";
  p.amount = "12345.67";
  p.blob = Bytes{std::byte{0}, std::byte{1}, std::byte{255}, std::byte{'\\'}};
  p.uid = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  p.day = chr::sys_days(chr::year(2024) / 2 / 29);
  p.local_at = chr::local_days(chr::year(1999) / 12 / 31) + 23h + 59min + 59s + 999999us;
  p.at = chr::sys_days(chr::year(2024) / 1 / 31) + 12h + 34min + 56s + 789000us;
  p.span = Interval{14, -3, 3723000004};
  p.doc = nlohmann::json{{"b", 1}, {"a", {1, 2, nullptr}}};
  p.docb = nlohmann::json{{"z", "\u20ac"}, {"nested", {{"t", true}}}};
  p.words = std::vector<std::optional<std::string>>{"a", std::nullopt,       "b,c", "{x}", "NULL",
                                                    "",  "back\\slash \"q\""};
  p.numbers = std::vector<std::int32_t>{1, -2, 3};
  p.moods = std::vector<Mood>{Mood::sad, Mood::the_end};
  p.mood = Mood::the_end;
  p.address = app::Address{"Main St, 1", "\"Z\" (a)", std::vector<std::string>{"l1", "l 2"}};
  p.positive = 5;
  p.ip = "192.168.0.1";
  p.class_ = "c";
  p.namespace_ = 7;
  p.default_ = false;
  return p;
}

/// The Thing a row inserted from `p` should read back as.
app::Thing expected_thing(std::int64_t id, const app::InsertThingParams& p) {
  return app::Thing{
      id,         p.name,    p.small,    p.medium, p.big,    p.real_value, p.double_value, p.flag,
      p.label,    p.code,    p.sys_name, p.email,  p.amount, p.blob,       p.uid,          p.day,
      p.local_at, p.at,      p.span,     p.doc,    p.docb,   p.words,      p.numbers,      p.moods,
      p.mood,     p.address, p.positive, p.ip,     p.class_, p.namespace_, p.default_};
}

void round_trips(pqxx::connection& conn, std::int64_t& full_id) {
  pqxx::work tx(conn);
  app::Queries q(tx);

  // NULL in every nullable column.
  app::InsertThingParams nulls;
  nulls.name = "nulls";
  std::optional<app::Thing> t0 = q.insert_thing(nulls);
  EXPECT(t0.has_value());
  EXPECT(*t0 == expected_thing(t0->id, nulls));

  // A value in every column.
  app::InsertThingParams full = full_params();
  std::optional<app::Thing> t1 = q.insert_thing(full);
  EXPECT(t1.has_value());
  EXPECT(*t1 == expected_thing(t1->id, full));
  full_id = t1->id;

  // Special floating point values, a BC date, a negative interval.
  app::InsertThingParams special;
  special.name = "special";
  special.real_value = std::numeric_limits<float>::quiet_NaN();
  special.double_value = -std::numeric_limits<double>::infinity();
  special.day = chr::sys_days(chr::year(-43) / 3 / 15);
  special.span = Interval{0, 0, -1};
  special.words = std::vector<std::optional<std::string>>{};
  std::optional<app::Thing> t2 = q.insert_thing(special);
  EXPECT(t2 && t2->real_value && std::isnan(*t2->real_value));
  EXPECT(t2 && t2->double_value == special.double_value);
  EXPECT(t2 && t2->day == special.day && t2->span == special.span);
  EXPECT(t2 && t2->words && t2->words->empty());

  // Timestamps arrive in the session's time zone and are read as UTC.
  tx.exec("SET LOCAL TIME ZONE 'Asia/Kolkata'");
  std::optional<app::Thing> again = q.get_thing(t1->id);
  EXPECT(again && again->at == full.at);
  tx.exec("SET LOCAL TIME ZONE 'America/St_Johns'");
  again = q.get_thing(t1->id);
  EXPECT(again && *again == *t1);

  // :many and its streaming form.
  std::vector<app::Thing> all = q.list_things();
  EXPECT(all.size() == 3);
  size_t streamed = 0;
  q.list_things_each([&](app::Thing&& t) {
    EXPECT(t.id == all[streamed].id && t.name == all[streamed].name);  // NaN != NaN
    ++streamed;
  });
  EXPECT(streamed == 3);

  // :execrows, :execresult, :exec.
  EXPECT(q.toggle_things(std::vector<std::int64_t>{t0->id, t1->id, 999999}) == 2);
  EXPECT(q.get_thing(t1->id)->flag == false);
  pqxx::result names = q.thing_names();
  EXPECT(names.size() == 3 && names[0][0].as<std::string>() == "nulls");
  q.delete_thing(t0->id);
  EXPECT(!q.get_thing(t0->id).has_value());

  // `-- @override`: this query's amount is a double, its id parameter a std::int32_t.
  static_assert(std::is_same_v<decltype(app::ThingAmountRow::amount), std::optional<double>>);
  static_assert(std::is_same_v<decltype(app::ThingAmountRow::id), std::int64_t>);
  static_assert(
      std::is_same_v<decltype(&app::Queries::thing_amount),
                     std::optional<app::ThingAmountRow> (app::Queries::*)(const std::int32_t&)>);
  std::optional<app::ThingAmountRow> amount = q.thing_amount(static_cast<std::int32_t>(t1->id));
  EXPECT(amount && amount->id == t1->id && amount->amount == 12345.67);

  // Positional parameters ($1, $2, $3).
  std::optional<app::EchoRow> echo = q.echo("hi", 42, {"x", "y z"});
  EXPECT(echo && echo->text_value == "hi" && echo->int_value == 42);
  EXPECT(echo && echo->list_value == std::vector<std::string>({"x", "y z"}));

  // JSON round trip of a model struct.
  nlohmann::json j = *t1;
  EXPECT(j["mood"] == "the end" && j["class"] == "c" && j["span"]["days"] == -3);
  EXPECT(j.get<app::Thing>() == *t1);

  // COPY, including NULL, tabs and backslashes.
  std::optional<app::Category> root = q.create_category("Root", std::nullopt);
  EXPECT(root && !root->parent_id);
  std::vector<app::CopyPeopleParams> people = {
      {.name = "Ann", .category_id = root->id, .mood = Mood::happy, .score = 1.5},
      {.name = "Bo", .category_id = std::nullopt, .mood = Mood::sad, .score = 2},
      {.name = "Cy\tTab\\Back\nslash", .category_id = root->id, .mood = Mood::the_end, .score = 0}};
  EXPECT(q.copy_people(people) == 3);

  // A nullable embed (LEFT JOIN) next to a plain one.
  std::vector<app::PeopleWithCategoryRow> pwc = q.people_with_category();
  EXPECT(pwc.size() == 3);
  EXPECT(pwc.size() == 3 && pwc[0].category && pwc[0].category->title == "Root");
  EXPECT(pwc.size() == 3 && !pwc[1].category && pwc[1].person.mood == Mood::sad);
  EXPECT(pwc.size() == 3 && pwc[2].person.name == people[2].name);
  std::int32_t ann = pwc[0].person.id, bo = pwc[1].person.id;

  // Batches: one round trip each.
  q.set_mood(std::vector<app::SetMoodParams>{{.mood = Mood::ok, .id = bo},
                                             {.mood = Mood::happy, .id = bo}});
  std::vector<std::optional<app::GetPersonRow>> got =
      q.get_person(std::vector<app::GetPersonParams>{{.id = bo}, {.id = 999999}, {.id = ann}});
  EXPECT(got.size() == 3 && got[0] && got[0]->mood == Mood::happy && !got[1] && got[2]);
  std::vector<std::vector<app::PeopleInCategoryRow>> in_category = q.people_in_category(
      std::vector<app::PeopleInCategoryParams>{{.category_id = root->id}, {.category_id = -1}});
  EXPECT(in_category.size() == 2 && in_category[0].size() == 2 && in_category[1].empty());

  // Enum arrays as parameters, a numeric override (double), a view's model struct.
  std::vector<app::PeopleByMoodsRow> by_mood = q.people_by_moods({Mood::happy});
  EXPECT(by_mood.size() == 2 && by_mood[0].score == 1.5);
  std::vector<app::HappyPerson> happy = q.happy_people();
  EXPECT(happy.size() == 2 && happy[0].name == "Ann");
  std::vector<app::CountByMoodRow> counts = q.count_by_mood();
  EXPECT(counts.size() == 2 && counts[0].mood == Mood::happy && counts[0].n == 2);

  // A table's row type as a value: whole rows read and written as model structs (record
  // text with quoting: the tab, backslash and newline of the third name).
  std::vector<app::PersonRowsRow> rows = q.person_rows();
  EXPECT(rows.size() == 3 && rows[2].person.id == rows[2].id);
  EXPECT(rows.size() == 3 && rows[2].person.name == people[2].name && rows[0].person.score == 1.5);
  EXPECT(rows.size() == 3 && rows[1].person.category_id == std::nullopt);
  std::optional<app::Snapshot> snap = q.take_snapshot(rows[2].person, rows[1].person);
  EXPECT(snap && snap->person == rows[2].person && snap->previous == rows[1].person);
  snap = q.take_snapshot(rows[0].person, std::nullopt);
  EXPECT(snap && snap->person == rows[0].person && !snap->previous);

  // Another module: renamed type and field, the embedded model of module app.
  acme::reports::Queries r(tx);
  std::optional<acme::reports::LogEntry> entry = r.add_entry(ann, Mood::happy, std::nullopt);
  EXPECT(entry && !entry->note_text && entry->mood == Mood::happy);
  std::vector<acme::reports::EntriesWithPersonRow> ewp = r.entries_with_person();
  EXPECT(ewp.size() == 1 && ewp[0].person.name == "Ann" && ewp[0].entry == *entry);
  tx.commit();
}

void unknown_label(pqxx::connection& conn, std::int64_t full_id) {
  {
    pqxx::nontransaction ntx(conn);
    ntx.exec("ALTER TYPE app.mood ADD VALUE 'ecstatic'");
  }
  pqxx::work tx(conn);
  tx.exec("UPDATE app.things SET mood = 'ecstatic' WHERE id = " + std::to_string(full_id));
  app::Queries q(tx);
  bool thrown = false;
  try {
    q.get_thing(full_id);
  } catch (const sqlgen::runtime::unknown_enum_label& e) {
    thrown = true;
    EXPECT(e.type() == "app.mood" && e.label() == "ecstatic");
    EXPECT(std::string(e.what()) == "unknown label \"ecstatic\" of enum \"app.mood\"");
  }
  EXPECT(thrown);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: program CONNINFO\n";
    return 2;
  }
  try {
    pqxx::connection conn(argv[1]);
    app::Queries::prepare(conn);
    acme::reports::Queries::prepare(conn);
    std::int64_t full_id = 0;
    round_trips(conn, full_id);
    unknown_label(conn, full_id);
  } catch (const std::exception& e) {
    std::cerr << "exception: " << e.what() << '\n';
    return 1;
  }
  if (g_failures > 0) return 1;
  std::cout << "ok\n";
  return 0;
}
