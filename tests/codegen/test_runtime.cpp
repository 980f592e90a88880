// generator/include/sqlgen/runtime: PostgreSQL's text format for every mapped type, arrays and
// records, enums and JSON, without a server (test_codegen_pg.cpp runs them against one).
#include <catch2/catch.hpp>
#include <cmath>
#include <sqlgen/runtime/runtime.hpp>
#include <sstream>

using namespace sqlgen::runtime;
namespace chr = std::chrono;

namespace demo {
enum class Color { red, dark_blue };
}  // namespace demo

template <>
struct sqlgen::runtime::enum_traits<demo::Color> {
  static constexpr std::string_view sql_name = "demo.color";
  static constexpr std::array<demo::Color, 2> values = {demo::Color::red, demo::Color::dark_blue};
  static constexpr std::array<std::string_view, 2> labels = {"red", "dark blue"};
};

TEST_CASE("runtime: numbers and booleans", "[codegen][runtime]") {
  CHECK(codec<std::int16_t>::parse("-32768") == -32768);
  CHECK(codec<std::int64_t>::parse("9223372036854775807") == 9223372036854775807);
  CHECK_THROWS_AS(codec<std::int32_t>::parse("12x"), conversion_error);
  CHECK_THROWS_AS(codec<std::int16_t>::parse("40000"), conversion_error);
  CHECK(codec<double>::parse("0.1") == 0.1);
  CHECK(codec<double>::parse("-Infinity") == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(codec<float>::parse("NaN")));
  CHECK(codec<double>::format(0.1) == "0.1");
  CHECK(codec<double>::format(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(codec<float>::format(std::nanf("")) == "NaN");
  CHECK(codec<bool>::parse("t"));
  CHECK_FALSE(codec<bool>::parse("f"));
  CHECK(codec<bool>::format(true) == "true");
}

TEST_CASE("runtime: bytea in hex and escape formats", "[codegen][runtime]") {
  Bytes b{std::byte{0}, std::byte{0xff}, std::byte{'A'}, std::byte{'\\'}};
  CHECK(codec<Bytes>::format(b) == "\\x00ff415c");
  CHECK(codec<Bytes>::parse("\\x00ff415c") == b);
  CHECK(codec<Bytes>::parse("\\000\\377A\\\\") == b);
  CHECK(codec<Bytes>::parse("\\x").empty());
  CHECK_THROWS_AS(codec<Bytes>::parse("\\x0"), conversion_error);
}

TEST_CASE("runtime: date, timestamp, timestamptz", "[codegen][runtime]") {
  using namespace std::chrono_literals;
  Date leap = chr::sys_days(chr::year(2024) / 2 / 29);
  CHECK(codec<Date>::parse("2024-02-29") == leap);
  CHECK(codec<Date>::format(leap) == "2024-02-29");
  Date caesar = chr::sys_days(chr::year(-43) / 3 / 15);
  CHECK(codec<Date>::parse("0044-03-15 BC") == caesar);
  CHECK(codec<Date>::format(caesar) == "0044-03-15 BC");
  CHECK(codec<Date>::parse("infinity") == Date::max());
  CHECK(codec<Date>::format(Date::min()) == "-infinity");
  CHECK_THROWS_AS(codec<Date>::parse("2023-02-29"), conversion_error);

  Timestamp t = chr::sys_days(chr::year(2024) / 1 / 31) + 11h + 34min + 56s + 789000us;
  CHECK(codec<Timestamp>::parse("2024-01-31 12:34:56.789+01") == t);
  CHECK(codec<Timestamp>::parse("2024-01-31 17:04:56.789+05:30") == t);
  CHECK(codec<Timestamp>::parse("2024-01-31 08:04:56.789-03:30") == t);
  CHECK(codec<Timestamp>::parse("2024-01-31 11:34:56.789+00") == t);
  CHECK(codec<Timestamp>::format(t) == "2024-01-31 11:34:56.789000+00");
  CHECK(codec<Timestamp>::parse(codec<Timestamp>::format(t)) == t);
  CHECK(codec<Timestamp>::parse("2024-01-31 11:34:56+00") == t - 789000us);

  LocalTimestamp l = chr::local_days(chr::year(1999) / 12 / 31) + 23h + 59min + 59s + 1us;
  CHECK(codec<LocalTimestamp>::parse("1999-12-31 23:59:59.000001") == l);
  CHECK(codec<LocalTimestamp>::format(l) == "1999-12-31 23:59:59.000001");
}

TEST_CASE("runtime: interval (IntervalStyle postgres)", "[codegen][runtime]") {
  CHECK(codec<Interval>::parse("1 year 2 mons -3 days +04:05:06.7") ==
        Interval{14, -3, ((4 * 60 + 5) * 60 + 6) * 1000000LL + 700000});
  CHECK(codec<Interval>::parse("00:00:00") == Interval{});
  CHECK(codec<Interval>::parse("-00:00:00.000001") == Interval{0, 0, -1});
  CHECK(codec<Interval>::parse("7 days") == Interval{0, 7, 0});
  CHECK(codec<Interval>::parse("-1 years -2 mons") == Interval{-14, 0, 0});
  CHECK(codec<Interval>::parse("100:00:00") == Interval{0, 0, 360000000000LL});
  Interval i{14, -3, -3723000004};
  CHECK(codec<Interval>::format(i) == "14 mons -3 days -01:02:03.000004");
  CHECK(codec<Interval>::parse(codec<Interval>::format(i)) == i);
  CHECK_THROWS_AS(codec<Interval>::parse("3 fortnights"), conversion_error);
}

namespace demo {
/// A table's row as generated code declares it (models.hpp), with its record codec and JSON.
struct Line {
  std::int32_t id{};
  std::string item{};
  std::optional<std::string> note{};
  std::optional<std::vector<std::optional<std::string>>> tags{};
  bool operator==(const Line&) const = default;
};
inline void from_json(const nlohmann::json& j, Line& v) {
  json_get(j, "id", v.id);
  json_get(j, "item", v.item);
  json_get(j, "note", v.note);
  json_get(j, "tags", v.tags);
}
/// A row holding another row (a record field).
struct Outer {
  Line inner_row{};
  std::int32_t n{};
  bool operator==(const Outer&) const = default;
};
}  // namespace demo

template <>
struct sqlgen::runtime::codec<demo::Line> {
  static demo::Line parse(std::string_view text) {
    auto f = split_record(text, 4, "demo.line");
    demo::Line v;
    from_text(f[0], v.id, "field \"id\"");
    from_text(f[1], v.item, "field \"item\"");
    from_text(f[2], v.note, "field \"note\"");
    from_text(f[3], v.tags, "field \"tags\"");
    return v;
  }
};

template <>
struct sqlgen::runtime::codec<demo::Outer> {
  static demo::Outer parse(std::string_view text) {
    auto f = split_record(text, 2, "demo.outer");
    demo::Outer v;
    from_text(f[0], v.inner_row, "field \"inner_row\"");
    from_text(f[1], v.n, "field \"n\"");
    return v;
  }
};

namespace {

/// The rows PostgreSQL 15 aggregated for the texts below, from
/// `CREATE TABLE rt (id int, item text, note text, tags text[])` holding
/// (1, 'x "q", y\z (p)', NULL, ARRAY['a,b', 'c"d', 'NULL', '', NULL]), (2, '', ' sp ', '{}'),
/// (3, 'plain', 'NULL', NULL).
std::vector<demo::Line> rt_rows() {
  return {{1, "x \"q\", y\\z (p)", std::nullopt,
           std::vector<std::optional<std::string>>{"a,b", "c\"d", "NULL", "", std::nullopt}},
          {2, "", " sp ", std::vector<std::optional<std::string>>{}},
          {3, "plain", "NULL", std::nullopt}};
}

}  // namespace

TEST_CASE("runtime: array_agg of a table's rows (PostgreSQL's array of records)",
          "[codegen][runtime]") {
  // `SELECT array_agg(rt ORDER BY id) FROM rt`, as the server sent it.
  const char* text =
      R"pg({"(1,\"x \"\"q\"\", y\\\\z (p)\",,\"{\"\"a,b\"\",\"\"c\\\\\"\"d\"\",\"\"NULL\"\",\"\"\"\",NULL}\")","(2,\"\",\" sp \",{})","(3,plain,NULL,)"})pg";
  CHECK(codec<std::vector<demo::Line>>::parse(text) == rt_rows());
  // A row inside a row: `SELECT array_agg(w) FROM (SELECT rt AS inner_row, 5 AS n ...) w`.
  const char* nested =
      R"pg({"(\"(1,\"\"x \"\"\"\"q\"\"\"\", y\\\\\\\\z (p)\"\",,\"\"{\"\"\"\"a,b\"\"\"\",\"\"\"\"c\\\\\\\\\"\"\"\"d\"\"\"\",\"\"\"\"NULL\"\"\"\",\"\"\"\"\"\"\"\",NULL}\"\")\",5)"})pg";
  std::vector<demo::Outer> outer = codec<std::vector<demo::Outer>>::parse(nested);
  REQUIRE(outer.size() == 1);
  CHECK(outer[0].inner_row == rt_rows()[0]);
  CHECK(outer[0].n == 5);
  CHECK(codec<std::vector<demo::Line>>::parse("{}").empty());
  // A NULL row (a LEFT JOIN's missing side without FILTER) in a list of plain structs.
  CHECK_THROWS_AS(codec<std::vector<demo::Line>>::parse("{NULL}"), unexpected_null);
  CHECK(codec<std::vector<std::optional<demo::Line>>>::parse("{NULL}") ==
        std::vector<std::optional<demo::Line>>{std::nullopt});
  // Malformed texts: a field too many or too few, a record cut short, not an array.
  CHECK_THROWS_AS(codec<std::vector<demo::Line>>::parse(R"pg({"(1,a,b,{},x)"})pg"),
                  conversion_error);
  CHECK_THROWS_AS(codec<std::vector<demo::Line>>::parse(R"pg({"(1,a)"})pg"), conversion_error);
  CHECK_THROWS_AS(codec<std::vector<demo::Line>>::parse(R"pg({"(1,a,b,{}"})pg"), conversion_error);
  CHECK_THROWS_AS(codec<std::vector<demo::Line>>::parse("(1,a,b,{})"), conversion_error);
}

TEST_CASE("runtime: json_agg of a table's rows through the struct's from_json",
          "[codegen][runtime]") {
  // `SELECT json_agg(rt ORDER BY id) FROM rt`, as the server sent it.
  const char* text =
      "[{\"id\":1,\"item\":\"x \\\"q\\\", y\\\\z (p)\",\"note\":null,"
      "\"tags\":[\"a,b\",\"c\\\"d\",\"NULL\",\"\",null]}, \n"
      " {\"id\":2,\"item\":\"\",\"note\":\" sp \",\"tags\":[]}, \n"
      " {\"id\":3,\"item\":\"plain\",\"note\":\"NULL\",\"tags\":null}]";
  std::vector<demo::Line> rows{demo::Line{}};
  read_json_rows(std::string_view(text), rows);
  CHECK(rows == rt_rows());
  read_json_rows(std::nullopt, rows);  // json_agg over no row: NULL
  CHECK(rows.empty());
  read_json_rows(std::string_view("[]"), rows);
  CHECK(rows.empty());
  CHECK_THROWS_AS(read_json_rows(std::string_view("[null]"), rows), unexpected_null);
  std::vector<std::optional<demo::Line>> maybe;
  read_json_rows(std::string_view("[null]"), maybe);
  CHECK(maybe == std::vector<std::optional<demo::Line>>{std::nullopt});
  CHECK_THROWS_AS(read_json_rows(std::string_view("{\"id\":1}"), rows), conversion_error);
  CHECK_THROWS_AS(read_json_rows(std::string_view("[{"), rows), conversion_error);
  // PostgreSQL's JSON of the float specials and of timestamptz in another time zone.
  double d = 0;
  from_json_value(nlohmann::json("-Infinity"), d);
  CHECK(d == -std::numeric_limits<double>::infinity());
  from_json_value(nlohmann::json(1.5), d);
  CHECK(d == 1.5);
  Timestamp t{};
  from_json_value(nlohmann::json("2023-11-14T23:13:20.123456+01:00"), t);
  CHECK(t.time_since_epoch().count() == 1700000000123456);
}

TEST_CASE("runtime: arrays, NULL elements, nesting", "[codegen][runtime]") {
  using Strings = std::vector<std::optional<std::string>>;
  CHECK(codec<Strings>::parse(R"({a,"b c",NULL,"NULL","",null,"q\"\\"})") ==
        Strings{"a", "b c", std::nullopt, "NULL", "", std::nullopt, "q\"\\"});
  CHECK(codec<std::vector<std::string>>::parse("{}").empty());
  CHECK_THROWS_AS(codec<std::vector<std::string>>::parse("{a,NULL}"), unexpected_null);
  CHECK(codec<std::vector<std::int32_t>>::parse("[0:2]={1,2,3}") ==
        std::vector<std::int32_t>{1, 2, 3});
  using Matrix = std::vector<std::vector<std::int32_t>>;
  CHECK(codec<Matrix>::parse("{{1,2},{3,4}}") == Matrix{{1, 2}, {3, 4}});
  CHECK(codec<Matrix>::format(Matrix{{1, 2}, {3, 4}}) == R"({{"1","2"},{"3","4"}})");
  Strings s{"a,b", std::nullopt, "{x}", "back\\slash \"q\""};
  CHECK(codec<Strings>::format(s) == R"({"a,b",NULL,"{x}","back\\slash \"q\""})");
  CHECK(codec<Strings>::parse(codec<Strings>::format(s)) == s);
  std::vector<Bytes> blobs{Bytes{std::byte{1}}};
  CHECK(codec<std::vector<Bytes>>::parse(R"({"\\x01"})") == blobs);
  CHECK_THROWS_AS(codec<std::vector<std::int32_t>>::parse("1,2"), conversion_error);
}

TEST_CASE("runtime: records", "[codegen][runtime]") {
  auto f = split_record(R"((a,,"b ""c""",""))", 4, "t");
  REQUIRE(f.size() == 4);
  CHECK(f[0] == "a");
  CHECK(!f[1]);
  CHECK(f[2] == "b \"c\"");
  CHECK(f[3] == "");
  CHECK(join_record({"a", std::nullopt, "b \"c\"", ""}) == R"(("a",,"b \"c\"",""))");
  CHECK_THROWS_AS(split_record("(a,b)", 3, "t"), conversion_error);
}

TEST_CASE("runtime: NULL handling through from_text / to_text", "[codegen][runtime]") {
  std::optional<std::int32_t> o = 5;
  from_text(std::nullopt, o, "x");
  CHECK(!o);
  std::int32_t v = 0;
  CHECK_THROWS_WITH(from_text(std::nullopt, v, "column \"n\""),
                    "column \"n\" is NULL but its C++ type is not optional");
  CHECK(to_text(std::optional<std::int32_t>{}) == std::nullopt);
  CHECK(to_text(std::optional<std::int32_t>{7}) == "7");
}

TEST_CASE("runtime: enums by label, unknown labels name the type", "[codegen][runtime]") {
  CHECK(from_string<demo::Color>("dark blue") == demo::Color::dark_blue);
  CHECK(label_of(demo::Color::red) == "red");
  CHECK(all_values<demo::Color>().size() == 2);
  CHECK(codec<demo::Color>::format(demo::Color::dark_blue) == "dark blue");
  try {
    codec<demo::Color>::parse("green");
    FAIL("no exception");
  } catch (const unknown_enum_label& e) {
    CHECK(e.type() == "demo.color");
    CHECK(e.label() == "green");
    CHECK(std::string(e.what()) == "unknown label \"green\" of enum \"demo.color\"");
  }
}

TEST_CASE("runtime: JSON of field values", "[codegen][runtime]") {
  using namespace std::chrono_literals;
  Timestamp t = chr::sys_days(chr::year(2024) / 1 / 31) + 1us;
  CHECK(to_json_value(t) == "2024-01-31T00:00:00.000001Z");
  Timestamp back{};
  from_json_value(nlohmann::json("2024-01-31T00:00:00.000001Z"), back);
  CHECK(back == t);
  CHECK(to_json_value(std::optional<std::int32_t>{}).is_null());
  CHECK(to_json_value(Bytes{std::byte{10}}) == "\\x0a");
  CHECK(to_json_value(Interval{1, 2, 3}) ==
        nlohmann::json{{"months", 1}, {"days", 2}, {"microseconds", 3}});
  std::vector<std::optional<Date>> dates{chr::sys_days(chr::year(2000) / 1 / 1), std::nullopt};
  nlohmann::json j = to_json_value(dates);
  CHECK(j == nlohmann::json::parse(R"(["2000-01-01", null])"));
  std::vector<std::optional<Date>> dates_back;
  from_json_value(j, dates_back);
  CHECK(dates_back == dates);
  // std::vector<bool> has no bool& elements: read and written all the same.
  std::vector<bool> flags{true, false, true};
  std::vector<bool> flags_back{false};
  from_json_value(to_json_value(flags), flags_back);
  CHECK(flags_back == flags);
  CHECK(codec<std::vector<bool>>::parse(codec<std::vector<bool>>::format(flags)) == flags);
  nlohmann::json obj = nlohmann::json::object();
  std::optional<std::string> missing = "x";
  json_get(obj, "nope", missing);
  CHECK(!missing);
  std::string required;
  CHECK_THROWS_AS(json_get(obj, "nope", required), nlohmann::json::out_of_range);
}

TEST_CASE("runtime: Uuid parses as PostgreSQL's uuid input, prints canonical text",
          "[codegen][runtime]") {
  const std::string canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  for (const char* text :
       {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"}) {
    INFO(text);
    CHECK(Uuid::parse(text).to_string() == canonical);
  }
  for (const char* text :
       {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "{a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11-", "a0eebc9-99c0b4ef8bb6d6bb9bd380a11",
        "x0eebc999c0b4ef8bb6d6bb9bd380a11"}) {
    INFO(text);
    CHECK(!Uuid::try_parse(text));
    CHECK_THROWS_AS(Uuid::parse(text), conversion_error);
  }
  CHECK_THROWS_WITH(Uuid::parse("nope"), "invalid uuid value \"nope\"");
  CHECK(Uuid().is_nil());
  CHECK(Uuid().to_string() == "00000000-0000-0000-0000-000000000000");
  Uuid low = Uuid::parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
  Uuid high = Uuid::parse("80000000-0000-0000-0000-000000000000");
  CHECK(low < high);
  CHECK(low != high);
  CHECK(std::hash<Uuid>{}(low) != std::hash<Uuid>{}(high));
  CHECK(std::hash<Uuid>{}(low) == std::hash<Uuid>{}(Uuid(low.bytes())));
  CHECK(codec<Uuid>::parse(canonical) == Uuid::parse(canonical));
  CHECK(codec<Uuid>::format(Uuid::parse(canonical)) == canonical);
  CHECK(pqxx::to_string(Uuid::parse(canonical)) == canonical);
  Uuid via_pqxx;
  pqxx::from_string(canonical, via_pqxx);
  CHECK(via_pqxx == Uuid::parse(canonical));
  CHECK(to_json_value(Uuid::parse(canonical)) == canonical);
  Uuid back;
  from_json_value(nlohmann::json(canonical), back);
  CHECK(back == Uuid::parse(canonical));
}

TEST_CASE("runtime: every runtime type prints as psql shows it", "[codegen][runtime]") {
  using namespace std::chrono_literals;
  auto printed = [](const auto& v) {
    using namespace sqlgen::runtime::io;
    std::ostringstream os;
    os << v;
    return os.str();
  };
  CHECK(printed(Uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")) ==
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(printed(Interval{}) == "00:00:00");
  CHECK(printed(Interval{14, -3, 14706700000}) == "1 year 2 mons -3 days +04:05:06.7");
  CHECK(printed(Interval{-14, 3, -14706000001}) == "-1 years -2 mons +3 days -04:05:06.000001");
  CHECK(printed(Interval{1, 0, -1000000}) == "1 mon -00:00:01");
  CHECK(printed(Interval{0, 1, 0}) == "1 day");
  CHECK(printed(Date(chr::sys_days(chr::year(2024) / 2 / 29))) == "2024-02-29");
  CHECK(printed(Date::max()) == "infinity");
  Timestamp t = chr::sys_days(chr::year(2024) / 1 / 31) + 12h + 34min + 56s + 500ms;
  CHECK(printed(t) == "2024-01-31 12:34:56.5+00");
  CHECK(printed(Timestamp(chr::sys_days(chr::year(2024) / 1 / 31))) == "2024-01-31 00:00:00+00");
  LocalTimestamp lt = chr::local_days(chr::year(1999) / 12 / 31) + 23h + 59min + 59s + 999999us;
  CHECK(printed(lt) == "1999-12-31 23:59:59.999999");
  CHECK(printed(Bytes{std::byte{0}, std::byte{255}}) == "\\x00ff");
  CHECK(to_display(demo::Color::dark_blue) == "dark blue");
  CHECK(to_display(Interval{0, 0, 1}) == "00:00:00.000001");
}

namespace {
int g_calls = 0;
void count_call(int&& v) { g_calls += v; }
}  // namespace

TEST_CASE("runtime: FunctionRef calls lambdas, functions and function pointers",
          "[codegen][runtime]") {
  using sqlgen::runtime::FunctionRef;
  int sum = 0;
  auto add = [&](int&& v) { sum += v; };
  auto call = [](FunctionRef<void(int&&)> f, int v) { f(std::move(v)); };
  call(add, 2);
  call([&](int v) { sum += 10 * v; }, 3);  // by value, from an rvalue
  CHECK(sum == 32);
  call(count_call, 5);  // a function named as such
  void (*pointer)(int&&) = &count_call;
  call(pointer, 7);
  CHECK(g_calls == 12);
  // A result converted to R.
  auto twice = [](int v) { return 2 * v; };
  FunctionRef<long(int)> f = twice;
  CHECK(f(21) == 42L);
  // Items: every element of a range, handed out one by one.
  std::vector<int> seen;
  auto one_two_three = [](FunctionRef<void(const int&)> put) {
    for (int i = 1; i <= 3; ++i) put(i);
  };
  sqlgen::runtime::Items<int> items = one_two_three;  // refers to it: it must outlive `items`
  items([&](const int& v) { seen.push_back(v); });
  CHECK(seen == std::vector<int>{1, 2, 3});
}
