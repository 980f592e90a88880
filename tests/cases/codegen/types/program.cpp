// Compiled and run by tests/codegen/test_codegen_pg.cpp against a database holding this case's
// migrations (argv[1] is its conninfo): every mapped type round-trips NULL and non-NULL
// values, every query command runs, embeds (one nullable) and cross-module types read back,
// JSON round-trips, a `:one` returns what its SQL reads like (a value, without std::optional
// when the row always exists), Uuid parses as PostgreSQL does, runtime types print as psql
// shows them, a query before prepare() throws not_prepared, and a label added to the enum
// after generation throws sqlgen::runtime::unknown_enum_label. Prints "ok" and exits 0 when every
// EXPECT held.
#include <cmath>
#include <iostream>
#include <limits>
#include <pqxx/pqxx>
#include <sqlgen/runtime/core.hpp>  // exec, Batch and libpqxx's conversion of Uuid, used directly
#include <sstream>
#include <type_traits>

#include "app/queries.hpp"
#include "expect.hpp"
#include "reports/queries.hpp"

namespace {

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
  p.uid = sqlgen::runtime::Uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
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

  // NULL in every nullable column. INSERT of one row ... RETURNING: the row, no optional.
  app::InsertThingParams nulls;
  nulls.name = "nulls";
  static_assert(std::is_same_v<decltype(q.insert_thing(nulls)), app::Thing>);
  std::optional<app::Thing> t0 = q.insert_thing(nulls);
  EXPECT(*t0 == expected_thing(t0->id, nulls));

  // A value in every column.
  app::InsertThingParams full = full_params();
  std::optional<app::Thing> t1 = q.insert_thing(full);
  EXPECT(*t1 == expected_thing(t1->id, full));
  EXPECT(t1->uid && t1->uid->to_string() == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
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

  // Positional parameters ($1, $2, $3); no FROM: always one row.
  static_assert(std::is_same_v<decltype(q.echo("", 0, {})), app::EchoRow>);
  std::optional<app::EchoRow> echo = q.echo("hi", 42, {"x", "y z"});
  EXPECT(echo && echo->text_value == "hi" && echo->int_value == 42);
  EXPECT(echo && echo->list_value == std::vector<std::string>({"x", "y z"}));

  // JSON round trip of a model struct.
  nlohmann::json j = *t1;
  EXPECT(j["mood"] == "the end" && j["class"] == "c" && j["span"]["days"] == -3);
  EXPECT(j["uid"] == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT(j.get<app::Thing>() == *t1);

  // COPY, including NULL, tabs and backslashes.
  static_assert(std::is_same_v<decltype(q.create_category("", std::nullopt)), app::Category>);
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
  static_assert(std::is_same_v<decltype(r.add_entry(ann, Mood::happy, std::nullopt)),
                               acme::reports::LogEntry>);
  std::optional<acme::reports::LogEntry> entry = r.add_entry(ann, Mood::happy, std::nullopt);
  EXPECT(entry && !entry->note_text && entry->mood == Mood::happy);
  std::vector<acme::reports::EntriesWithPersonRow> ewp = r.entries_with_person();
  EXPECT(ewp.size() == 1 && ewp[0].person.name == "Ann" && ewp[0].entry == *entry);
  tx.commit();
}

/// Whether `f` throws an E whose message contains `text`.
template <typename E, typename F>
bool throws(F&& f, const std::string& text) {
  try {
    f();
  } catch (const E& e) {
    if (std::string(e.what()).find(text) != std::string::npos) return true;
    std::cerr << "unexpected message: " << e.what() << '\n';
  }
  return false;
}

/// What a query returns reads like its SQL: a `:one` of one column returns the value; one that
/// always returns a row returns it without std::optional.
void returns_like_the_sql(pqxx::connection& conn, std::int64_t full_id) {
  using sqlgen::runtime::Uuid;
  pqxx::work tx(conn);
  app::Queries q(tx);
  static_assert(std::is_same_v<decltype(q.count_things()), std::int64_t>);
  static_assert(std::is_same_v<decltype(q.thing_name(0)), std::optional<std::string>>);
  static_assert(
      std::is_same_v<decltype(q.thing_label(0)), std::optional<std::optional<std::string>>>);
  static_assert(std::is_same_v<decltype(q.biggest_thing()), std::optional<std::int64_t>>);
  static_assert(std::is_same_v<decltype(q.thing_by_uid(Uuid())), std::optional<std::int64_t>>);
  static_assert(std::is_same_v<decltype(q.new_thing_id("")), std::int64_t>);
  static_assert(std::is_same_v<decltype(q.try_category(0, "")), std::optional<std::int32_t>>);
  static_assert(std::is_same_v<decltype(q.add_note("")), std::int32_t>);
  EXPECT(q.count_things() == 2);
  EXPECT(q.thing_name(full_id) == "full");
  EXPECT(!q.thing_name(-1).has_value());
  std::optional<std::optional<std::string>> label = q.thing_label(full_id);
  EXPECT(label && *label == "\u00fcn\u00efcode \"quoted\"");
  std::int64_t special = 0;
  for (const app::Thing& t : q.list_things()) {
    if (t.name == "special") special = t.id;
  }
  label = q.thing_label(special);
  EXPECT(label && !label->has_value());
  EXPECT(!q.thing_label(-1).has_value());
  EXPECT(q.biggest_thing() == 9007199254740993);
  EXPECT(q.thing_by_uid(Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")) == full_id);
  EXPECT(!q.thing_by_uid(Uuid()).has_value());
  std::int64_t id = q.new_thing_id("scalar");
  EXPECT(q.thing_name(id) == "scalar");
  EXPECT(q.try_category(1000, "once") == 1000);
  EXPECT(!q.try_category(1000, "twice").has_value());
  EXPECT(q.add_note("kept") > 0);
  // A trigger that skips the row: the query that always returns one throws no_row.
  EXPECT(throws<sqlgen::runtime::no_row>([&] { q.add_note("skip"); },
                                         "query \"app_AddNote\" returned no row"));
  tx.abort();
}

/// Uuid: parsed as PostgreSQL's uuid input parses (checked against the server), malformed ids
/// throw in the application, libpqxx binds and reads it, ordering is PostgreSQL's.
void uuids(pqxx::connection& conn) {
  using sqlgen::runtime::Uuid;
  const char* const texts[] = {
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",    "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
      "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",  "a0eebc999c0b4ef8bb6d6bb9bd380a11",
      "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",     "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
      "a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11",    "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",   "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",   "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",   ""};
  for (const char* text : texts) {
    std::optional<std::string> server;
    try {
      pqxx::nontransaction ntx(conn);
      server = ntx.exec_params("SELECT $1::uuid::text", std::string(text))[0][0].as<std::string>();
    } catch (const pqxx::data_exception&) {
    }
    std::optional<Uuid> ours = Uuid::try_parse(text);
    if (ours.has_value() != server.has_value() || (ours && ours->to_string() != *server)) {
      ++g_failures;
      std::cerr << "uuid \"" << text << "\": PostgreSQL " << (server ? *server : "rejects")
                << ", Uuid " << (ours ? ours->to_string() : "rejects") << '\n';
    }
  }
  EXPECT(throws<sqlgen::runtime::conversion_error>(
      [] { Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"); },
      "invalid uuid value \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\""));
  // libpqxx's own conversions: a parameter of exec_params, field.as<Uuid>().
  pqxx::nontransaction ntx(conn);
  Uuid low = Uuid::parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
  Uuid high = Uuid::parse("80000000-0000-0000-0000-000000000000");
  pqxx::row r = ntx.exec_params("SELECT $1::uuid, $1::uuid < $2::uuid", low, high)[0];
  EXPECT(r[0].as<Uuid>() == low);
  EXPECT(r[1].as<bool>() == (low < high));
  EXPECT(std::hash<Uuid>{}(low) != std::hash<Uuid>{}(high));
}

/// Each runtime type prints as psql shows it (a UTC session) and converts to JSON.
void printing(pqxx::connection& conn, std::int64_t full_id) {
  using namespace sqlgen::runtime::io;
  pqxx::work tx(conn);
  tx.exec("SET LOCAL TIME ZONE 'UTC'");
  app::Queries q(tx);
  std::optional<app::Thing> t = q.get_thing(full_id);
  std::optional<app::ThingTextsRow> texts = q.thing_texts(full_id);
  EXPECT(t && texts);
  if (!t || !texts) return;
  auto printed = [](const auto& v) {
    std::ostringstream os;
    os << v;
    return os.str();
  };
  EXPECT(printed(*t->uid) == texts->uid_text);
  EXPECT(printed(*t->day) == texts->day_text);
  EXPECT(printed(*t->local_at) == texts->local_at_text);
  EXPECT(printed(*t->at) == texts->at_text);
  EXPECT(printed(*t->span) == texts->span_text);
  EXPECT(printed(*t->blob) == texts->blob_text);
  EXPECT(printed(*t->mood) == texts->mood_text);
  // Intervals as PostgreSQL prints them (IntervalStyle postgres), against the server.
  const char* const spans[] = {"0",
                               "1 year 2 mons -3 days 04:05:06.7",
                               "-1 year -2 mons +3 days -04:05:06.000001",
                               "-3 days +1 hour",
                               "1 mon -1 sec",
                               "-1 min",
                               "100 years 1 day",
                               "1 day -00:00:00.5",
                               "37 hours 12 mins 0.25 secs"};
  for (const char* text : spans) {
    pqxx::row r = tx.exec_params("SELECT $1::interval, $1::interval::text", std::string(text))[0];
    std::string ours = printed(sqlgen::runtime::codec<Interval>::parse(r[0].c_str()));
    if (ours != r[1].c_str()) {
      ++g_failures;
      std::cerr << "interval \"" << text << "\": PostgreSQL " << r[1].c_str() << ", printed "
                << ours << '\n';
    }
  }
  // Timestamps with whole seconds and fractions, a BC date, infinity.
  const char* const stamps[] = {"2024-01-31 12:34:56+00", "2024-01-31 12:34:56.5+00",
                                "0044-03-15 12:00:00.000001+00 BC", "infinity"};
  for (const char* text : stamps) {
    pqxx::row r = tx.exec_params("SELECT $1::timestamptz::text", std::string(text))[0];
    std::string ours =
        printed(sqlgen::runtime::codec<sqlgen::runtime::Timestamp>::parse(r[0].c_str()));
    if (ours != r[0].c_str()) {
      ++g_failures;
      std::cerr << "timestamptz \"" << text << "\": PostgreSQL " << r[0].c_str() << ", printed "
                << ours << '\n';
    }
  }
  // JSON of each runtime type.
  using sqlgen::runtime::to_json_value;
  EXPECT(to_json_value(*t->uid) == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT(to_json_value(*t->day) == "2024-02-29");
  EXPECT(to_json_value(*t->local_at) == "1999-12-31T23:59:59.999999");
  EXPECT(to_json_value(*t->at) == "2024-01-31T12:34:56.789000Z");
  EXPECT(to_json_value(*t->span) ==
         nlohmann::json({{"months", 14}, {"days", -3}, {"microseconds", 3723000004}}));
  EXPECT(to_json_value(*t->blob) == "\\x0001ff5c");
  EXPECT(to_json_value(*t->mood) == "the end");
  tx.abort();
}

/// A query before Queries::prepare(conn) throws not_prepared, which says to call it.
void prepare_first(const char* conninfo) {
  pqxx::connection fresh(conninfo);
  pqxx::work tx(fresh);
  app::Queries q(tx);
  EXPECT(throws<sqlgen::runtime::not_prepared>(
      [&] { q.count_things(); },
      "query \"app_CountThings\" is not prepared on this connection: call "
      "app::Queries::prepare(conn) once per connection before running its queries"));
  EXPECT(throws<sqlgen::runtime::not_prepared>(
      [&] { q.set_mood(std::vector<app::SetMoodParams>{{.mood = Mood::ok, .id = 1}}); },
      "call app::Queries::prepare(conn)"));
  // The runtime's forms without the class (templates written before Statement).
  EXPECT(throws<sqlgen::runtime::not_prepared>(
      [&] { sqlgen::runtime::exec(tx, std::string("app_CountThings")); },
      "call Queries::prepare(conn)"));
  EXPECT(throws<sqlgen::runtime::not_prepared>(
      [&] { sqlgen::runtime::Batch(tx, std::string("app_SetMood")); },
      "call Queries::prepare(conn)"));
  acme::reports::Queries r(tx);
  EXPECT(throws<sqlgen::runtime::not_prepared>([&] { r.entries_with_person(); },
                                               "call acme::reports::Queries::prepare(conn)"));
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
    returns_like_the_sql(conn, full_id);
    uuids(conn);
    printing(conn, full_id);
    prepare_first(argv[1]);
    unknown_label(conn, full_id);
  } catch (const std::exception& e) {
    std::cerr << "exception: " << e.what() << '\n';
    return 1;
  }
  if (g_failures > 0) return 1;
  std::cout << "ok\n";
  return 0;
}
