// The test process's PostgreSQL server and its template databases.
#include "support/pg_fixture.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "util/signal_cleanup.hpp"

namespace sqlgen::testing {

namespace {

/// Process-wide: the server and the templates built on it, torn down at exit.
struct State {
  std::mutex mutex;
  std::unique_ptr<pg::Server> server;
  std::map<std::string, std::string> templates;  ///< setup SQL → template database
  unsigned next_database = 0;
  pid_t owner = getpid();  ///< a forked child's copy drops nothing

  ~State() {
    // A throwaway cluster disappears as a whole; on a shared server, clean up after us.
    if (server && !server->throwaway() && getpid() == owner) {
      for (const auto& entry : templates) (void)server->drop_database(entry.second);
    }
  }
};

State& state() {
  static State s;
  return s;
}

[[noreturn]] void fail(const diag::Diagnostic& d) {
  throw std::runtime_error(diag::render_text(d));
}

pg::Server& server_locked(State& s) {
  if (!s.server) {
    pg::Result<std::unique_ptr<pg::Server>> r = pg::acquire();
    if (!r) fail(r.error());
    s.server = std::move(*r);
  }
  // Catch2 restores its own signal handlers after each test case: take them back.
  util::install_signal_cleanup();
  return *s.server;
}

/// FNV-1a, stable across runs (std::hash need not be).
uint64_t fnv1a(const std::string& text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

/// The template for `setup_sql`, built on first use.
const std::string& template_locked(State& s, pg::Server& server, const std::string& setup_sql) {
  auto found = s.templates.find(setup_sql);
  if (found != s.templates.end()) return found->second;
  char name[64];
  std::snprintf(name, sizeof name, "sqlgen_tmpl_%d_%016llx", static_cast<int>(getpid()),
                static_cast<unsigned long long>(fnv1a(setup_sql)));
  if (pg::Result<> r = server.create_database(name); !r) fail(r.error());
  if (!setup_sql.empty()) {
    if (pg::Result<> r = server.execute(name, setup_sql); !r) {
      (void)server.drop_database(name);
      fail(r.error());
    }
  }
  return s.templates.emplace(setup_sql, name).first->second;
}

}  // namespace

pg::Server& test_server() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  return server_locked(s);
}

FreshDatabase::FreshDatabase(pg::Server& server, std::string name)
    : m_server(&server), m_name(std::move(name)) {}

FreshDatabase::FreshDatabase(FreshDatabase&& other) noexcept
    : m_server(other.m_server), m_name(std::move(other.m_name)) {
  other.m_name.clear();
}

FreshDatabase::~FreshDatabase() {
  if (m_name.empty()) return;
  if (pg::Result<> r = m_server->drop_database(m_name); !r) {
    std::fprintf(stderr, "%s", diag::render_text(r.error()).c_str());
  }
}

FreshDatabase fresh_database(const std::string& setup_sql) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  pg::Server& server = server_locked(s);
  const std::string& tmpl = template_locked(s, server, setup_sql);
  std::string name =
      "sqlgen_test_" + std::to_string(getpid()) + "_" + std::to_string(s.next_database++);
  if (pg::Result<> r = server.create_database(name, tmpl); !r) fail(r.error());
  return FreshDatabase(server, name);
}

}  // namespace sqlgen::testing
