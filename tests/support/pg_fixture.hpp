#pragma once
/// Catch2 support for tests that need PostgreSQL: one server per test process (the one in
/// $SQLGEN_DATABASE_URL, else a throwaway cluster started on first use and stopped at exit),
/// and per test a fresh database cloned from a template database built from setup SQL.

#include <string>

#include "pg/cluster.hpp"

namespace sqlgen::testing {

/// The test process's server; throws std::runtime_error (the rendered diagnostic) when there
/// is none.
pg::Server& test_server();

/// A database for one test, dropped when destroyed.
class FreshDatabase {
 public:
  /// Takes ownership of the existing database `name` on `server`.
  FreshDatabase(pg::Server& server, std::string name);
  /// Drops the database (DROP DATABASE ... WITH (FORCE)).
  ~FreshDatabase();
  /// Moves ownership; `other` then drops nothing.
  FreshDatabase(FreshDatabase&& other) noexcept;
  FreshDatabase(const FreshDatabase&) = delete;
  FreshDatabase& operator=(const FreshDatabase&) = delete;
  FreshDatabase& operator=(FreshDatabase&&) = delete;

  /// The database's name.
  const std::string& name() const { return m_name; }
  /// A libpq connection string for the database.
  std::string conninfo() const { return m_server->conninfo(m_name); }

 private:
  pg::Server* m_server;
  std::string m_name;
};

/// A new database cloned (CREATE DATABASE ... TEMPLATE) from the template database that
/// `setup_sql` builds; each distinct setup SQL runs once per process, in its own template.
/// Throws std::runtime_error when the server, the setup SQL or the clone fails.
FreshDatabase fresh_database(const std::string& setup_sql = "");

}  // namespace sqlgen::testing
