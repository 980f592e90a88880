// Compiled and run by tests/codegen/test_optional_filters.cpp against a database holding this
// case's migrations (argv[1] is its conninfo): every combination of set and empty optional
// parameters, with every sort column in both directions, each checked against the rows computed
// here from the data inserted (so a wrong SQL variant, a wrong parameter sent or a wrong sort
// fails). Prints "ok" and exits 0 when every EXPECT held.
#include <algorithm>
#include <iostream>
#include <map>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "expect.hpp"
#include "work/queries.hpp"

namespace {

using sqlgen::runtime::SortDirection;

// The generated signatures: optional parameters as std::optional, a sort as its enum and a
// direction.
static_assert(
    std::is_same_v<decltype(&work::Queries::list_tasks),
                   std::vector<work::ListTasksRow> (work::Queries::*)(
                       const std::optional<std::string>&, const std::optional<int32_t>&,
                       const std::optional<std::string>&, work::ListTasksOrderBy, SortDirection)>);
static_assert(std::is_same_v<decltype(&work::Queries::close_tasks),
                             std::uint64_t (work::Queries::*)(const std::string&,
                                                              const std::optional<int32_t>&)>);

struct Task {
  int64_t id;
  std::string team;
  std::string title;
  int32_t priority;
  bool done;
  int day;  // created_at: 2024-01-01 plus this many days
};

const std::vector<Task> k_tasks = {
    {1, "red", "date fix", 3, false, 0},     {2, "red", "berry fix", 1, true, 2},
    {3, "blue", "apple", 2, false, 1},       {4, "blue", "fig two", 5, false, 4},
    {5, "green", "cherry fix", 2, false, 3}, {6, "red", "elder", 4, false, -1}};
const std::vector<std::pair<int64_t, std::string>> k_tags = {{1, "bug"}, {1, "ui"},  {3, "bug"},
                                                             {4, "ui"},  {5, "bug"}, {6, "bug"}};

std::string ids(const std::vector<int64_t>& v) {
  std::ostringstream out;
  for (int64_t id : v) out << id << ' ';
  return out.str();
}

template <typename T>
std::string show(const std::optional<T>& v) {
  if (!v) return "-";
  std::ostringstream out;
  out << *v;
  return out.str();
}

/// ListTasks as this program reads it: the open tasks the given filters keep, sorted.
std::vector<int64_t> expected_list(const std::optional<std::string>& team,
                                   const std::optional<int32_t>& min_priority,
                                   const std::optional<std::string>& search,
                                   work::ListTasksOrderBy order, SortDirection dir) {
  std::vector<Task> kept;
  for (const Task& t : k_tasks) {
    if (t.done || (team && t.team != *team) || (min_priority && t.priority < *min_priority) ||
        (search && t.title.find(*search) == std::string::npos)) {
      continue;
    }
    kept.push_back(t);
  }
  auto key_less = [&](const Task& a, const Task& b) {
    switch (order) {
      case work::ListTasksOrderBy::priority:
        return a.priority < b.priority;
      case work::ListTasksOrderBy::title:
        return a.title < b.title;
      case work::ListTasksOrderBy::created_at:
        return a.day < b.day;
    }
    return false;
  };
  std::stable_sort(kept.begin(), kept.end(), [&](const Task& a, const Task& b) {
    bool less = dir == SortDirection::asc ? key_less(a, b) : key_less(b, a);
    bool greater = dir == SortDirection::asc ? key_less(b, a) : key_less(a, b);
    return less || (!greater && a.id < b.id);  // then `, id`
  });
  std::vector<int64_t> out;
  for (const Task& t : kept) out.push_back(t.id);
  return out;
}

/// TeamCounts as this program reads it: team → (rows, tagged rows).
std::map<std::string, std::pair<int64_t, int64_t>> expected_counts(
    const std::optional<std::string>& tag, const std::optional<bool>& done,
    const std::optional<int32_t>& min_priority, const std::optional<int64_t>& min_tasks) {
  std::map<std::string, std::pair<int64_t, int64_t>> out;
  for (const Task& t : k_tasks) {
    if ((done && t.done != *done) || (min_priority && t.priority < *min_priority)) continue;
    int64_t matched = 0;
    for (const auto& [task, name] : k_tags) {
      if (task == t.id && (!tag || name == *tag)) ++matched;
    }
    auto& [rows, tagged] = out[t.team];
    rows += std::max<int64_t>(matched, 1);  // LEFT JOIN: one row without a tag
    tagged += matched;
  }
  std::erase_if(out, [&](const auto& e) { return min_tasks && e.second.first < *min_tasks; });
  return out;
}

void check_list(work::Queries& q) {
  const std::vector<std::optional<std::string>> teams = {std::nullopt, "red", "blue"};
  const std::vector<std::optional<int32_t>> priorities = {std::nullopt, 3};
  const std::vector<std::optional<std::string>> searches = {std::nullopt, "fix"};
  const work::ListTasksOrderBy orders[] = {work::ListTasksOrderBy::priority,
                                           work::ListTasksOrderBy::title,
                                           work::ListTasksOrderBy::created_at};
  for (const auto& team : teams) {
    for (const auto& min_priority : priorities) {
      for (const auto& search : searches) {
        for (work::ListTasksOrderBy order : orders) {
          for (SortDirection dir : {SortDirection::asc, SortDirection::desc}) {
            std::vector<int64_t> got;
            for (const work::ListTasksRow& r :
                 q.list_tasks(team, min_priority, search, order, dir)) {
              got.push_back(r.id);
              const Task& t = k_tasks[static_cast<size_t>(r.id - 1)];
              EXPECT(r.team == t.team && r.title == t.title && r.priority == t.priority);
            }
            std::vector<int64_t> want = expected_list(team, min_priority, search, order, dir);
            ++g_checks;
            if (got != want) {
              ++g_failures;
              std::cerr << "list_tasks(" << show(team) << ", " << show(min_priority) << ", "
                        << show(search) << ", " << static_cast<int>(order) << ", "
                        << static_cast<int>(dir) << "): got " << ids(got) << "want " << ids(want)
                        << "\n";
            }
          }
        }
      }
    }
  }
}

void check_counts(work::Queries& q) {
  for (const std::optional<std::string>& tag :
       {std::optional<std::string>{}, std::optional<std::string>{"bug"}}) {
    for (const std::optional<bool>& done : {std::optional<bool>{}, std::optional<bool>{false}}) {
      for (const std::optional<int32_t>& min_priority :
           {std::optional<int32_t>{}, std::optional<int32_t>{2}}) {
        for (const std::optional<int64_t>& min_tasks :
             {std::optional<int64_t>{}, std::optional<int64_t>{2}}) {
          std::map<std::string, std::pair<int64_t, int64_t>> got;
          for (const work::TeamCountsRow& r : q.team_counts(tag, done, min_priority, min_tasks)) {
            got[r.team] = {r.tasks, r.tagged};
          }
          ++g_checks;
          if (got != expected_counts(tag, done, min_priority, min_tasks)) {
            ++g_failures;
            std::cerr << "team_counts(" << show(tag) << ", " << show(done) << ", "
                      << show(min_priority) << ", " << show(min_tasks) << ") differs\n";
          }
        }
      }
    }
  }
}

void check_titles(work::Queries& q) {
  auto titles = [&](work::TaskTitlesBy by, SortDirection dir) {
    std::vector<int64_t> out;
    for (const work::TaskTitlesRow& r : q.task_titles(by, dir)) out.push_back(r.id);
    return out;
  };
  EXPECT(ids(titles(work::TaskTitlesBy::created_at, SortDirection::asc)) == "6 1 3 2 5 4 ");
  EXPECT(ids(titles(work::TaskTitlesBy::created_at, SortDirection::desc)) == "4 5 2 3 1 6 ");
  EXPECT(ids(titles(work::TaskTitlesBy::loud, SortDirection::asc)) == "3 2 5 1 6 4 ");
  EXPECT(ids(titles(work::TaskTitlesBy::loud, SortDirection::desc)) == "4 6 1 5 2 3 ");
  // Values outside the enums are refused, not mapped onto another variant (or past them).
  for (auto [by, dir] : {std::pair{static_cast<work::TaskTitlesBy>(2), SortDirection::asc},
                         std::pair{work::TaskTitlesBy::loud, static_cast<SortDirection>(2)}}) {
    bool refused = false;
    try {
      (void)q.task_titles(by, dir);
    } catch (const std::invalid_argument&) {
      refused = true;
    }
    EXPECT(refused);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: program CONNINFO\n";
    return 2;
  }
  try {
    pqxx::connection conn(argv[1]);
    work::Queries::prepare(conn);
    pqxx::work tx(conn);
    for (const Task& t : k_tasks) {
      tx.exec_params(
          "INSERT INTO tasks VALUES ($1, $2, $3, $4, $5, "
          "timestamptz '2024-01-01 00:00:00+00' + $6 * interval '1 day')",
          t.id, t.team, t.title, t.priority, t.done, t.day);
    }
    for (const auto& [task, tag] : k_tags) {
      tx.exec_params("INSERT INTO tags VALUES ($1, $2)", task, tag);
    }
    work::Queries q(tx);
    check_list(q);
    check_counts(q);
    check_titles(q);
    // An optional slice: std::optional<std::vector<T>>; empty leaves its condition out, a set
    // but empty list matches nothing.
    auto by_ids = [&](const std::optional<std::vector<int64_t>>& list) {
      std::vector<int64_t> out;
      for (const work::TasksByIdsRow& r : q.tasks_by_ids(list)) out.push_back(r.id);
      return ids(out);
    };
    EXPECT(by_ids(std::vector<int64_t>{4, 2}) == "2 4 ");
    EXPECT(by_ids(std::nullopt) == "1 2 3 4 5 6 ");
    EXPECT(by_ids(std::vector<int64_t>{}) == "");
    // :execrows with an optional parameter (UPDATE ... WHERE).
    EXPECT(q.close_tasks("green", 1) == 0);
    EXPECT(q.close_tasks("red", 3) == 2);  // tasks 1 and 2 (priority 3 and 1), not 6
    EXPECT(q.close_tasks("green", std::nullopt) == 1);
    EXPECT(q.close_tasks("blue", std::nullopt) == 2);
  } catch (const std::exception& e) {
    std::cerr << "exception: " << e.what() << "\n";
    return 1;
  }
  if (g_failures > 0 || g_checks < 48 + 16) {
    std::cerr << g_failures << " failures of " << g_checks << " checks\n";
    return 1;
  }
  std::cout << "ok\n";
  return 0;
}
