#pragma once
/// The catalog stage's public header: schemas, relations, columns, types,
/// functions and sequences as PostgreSQL would hold them after the same
/// migrations. Built by applying parsed DDL statements in order
/// (apply_*.cpp); read by the analyzer, codegen, the dump check and vet.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/builtins.hpp"
#include "diag/diag.hpp"
#include "parse/ast.hpp"

namespace sqlgen::source {
struct Migration;
}

namespace sqlgen::catalog {

using Oid = builtins::Oid;

/// User objects get oids from here on (builtins keep PostgreSQL's, extension
/// objects the synthetic range of builtins.hpp).
inline constexpr Oid k_first_user_oid = 0x80000000u;

/// Where an object was declared: file and byte offset, for diagnostics and JSON.
struct Origin {
  diag::SourcePtr source;
  uint32_t offset = 0;
  uint32_t length = 0;
  diag::Location location() const { return diag::Location::at(source, offset, length); }
};

/// A column's or argument's type: the type oid and its typmod. Array types
/// are their own oids (as in pg_type); `array_dims` records what was written.
struct TypeRef {
  Oid oid = 0;
  int32_t typmod = -1;
  int32_t array_dims = 0;
};

/// A column of a table, view or composite type.
struct Column {
  std::string name;
  TypeRef type;
  bool not_null = false;
  bool has_default = false;
  char identity = 0;        ///< 0, 'a' always, 'd' by default
  char generated = 0;       ///< 0, 's' stored
  std::string default_sql;  ///< the default expression's text, when there is one
  std::string comment;
  std::vector<std::string> collation;
  bool view_updatable = true;  ///< a view's column: a plain column of its base relation
  Origin origin;
};

/// A table constraint that later DDL may name (PK, UNIQUE, CHECK, FK).
struct TableConstraint {
  std::string name;
  char type = 'c';  ///< p primary key, u unique, c check, f foreign key, x exclusion
  std::vector<std::string> columns;
  Oid references = 0;  ///< foreign keys: the referenced relation
};

/// A unique index made by CREATE UNIQUE INDEX (PRIMARY KEY and UNIQUE constraints are
/// TableConstraints): ON CONFLICT infers its arbiter among these. Not shown by `schema`.
struct UniqueIndex {
  std::string name;
  std::vector<std::string> columns;  ///< the key columns named plainly
  bool has_expressions = false;      ///< a key is an expression
  bool partial = false;              ///< `WHERE predicate`
};

/// pg_class kinds sqlgen keeps.
enum class RelKind { Table, PartitionedTable, View, MatView, ForeignTable, Sequence };

/// "table", "view", "materialized_view", "partitioned_table", "foreign_table", "sequence".
const char* relkind_name(RelKind k);

/// A table, view, materialized view or sequence.
struct Relation {
  Oid oid = 0;
  Oid row_type = 0;  ///< the composite type every table and view has (0 for sequences)
  RelKind kind = RelKind::Table;
  std::string schema;
  std::string name;
  std::vector<Column> columns;  ///< in attribute order
  std::vector<TableConstraint> constraints;
  std::vector<UniqueIndex> unique_indexes;
  bool indexes_unknown = false;  ///< LIKE ... INCLUDING INDEXES copied indexes sqlgen does not keep
  /// Created by a plain schema file (sqlc's schema list, not a versioned migration): such
  /// files often leave indexes out, so a missing ON CONFLICT arbiter is only a warning.
  bool plain_schema = false;
  /// Views: why INSERT/UPDATE/DELETE cannot go through (PostgreSQL's DETAIL, "" when the view
  /// is automatically updatable), and the relation they go to when they can.
  std::string view_not_updatable;
  Oid view_base = 0;
  std::vector<Oid> parents;  ///< INHERITS / PARTITION OF
  std::string comment;
  bool columns_known = true;  ///< false for views and CREATE TABLE AS until bound
  bool bind_failed = false;   ///< the defining query had errors (reported at it)
  std::string owned_by;       ///< sequences: "table.column" of a serial/identity column
  Origin origin;
  /// The column named `name`, or null.
  const Column* column(const std::string& name) const;
  Column* column(const std::string& name);
};

/// A type: enum, composite, domain, range, a table's row type, an array,
/// or an extension type that CREATE EXTENSION made visible in a schema.
struct Type {
  Oid oid = 0;
  std::string schema;
  std::string name;
  char typtype = 'b';  ///< b base (extension), c composite, d domain, e enum, r range, m multirange
  Oid elem = 0;        ///< arrays: element type
  Oid array = 0;       ///< the array type over this one
  Oid relation = 0;    ///< composites: the relation holding the fields (tables) or 0
  std::vector<std::string> labels;  ///< enums, in sort order
  std::vector<Column> fields;       ///< standalone composite types
  TypeRef base;                     ///< domains: base type; ranges: subtype
  bool not_null = false;            ///< domains
  bool has_default = false;         ///< domains
  std::vector<std::string> checks;  ///< domains: CHECK expressions' text
  std::string extension;            ///< set for types an extension added
  std::string comment;
  Origin origin;
};

/// A function or procedure argument.
struct FunctionArg {
  std::string name;
  TypeRef type;
  char mode = 'i';  ///< i in, o out, b inout, v variadic, t table
  bool has_default = false;
};

/// A user function or procedure (or one an extension added).
struct Function {
  Oid oid = 0;
  std::string schema;
  std::string name;
  bool is_procedure = false;
  std::vector<FunctionArg> args;
  TypeRef returns;
  bool returns_set = false;
  bool strict = false;
  char volatility = 'v';
  std::string language;
  std::string extension;
  std::string comment;
  Origin origin;
  /// The IN/INOUT/VARIADIC argument types: the overload's identity.
  std::vector<Oid> input_types() const;
};

/// A schema and the objects named in it.
struct Schema {
  std::string name;
  std::string comment;
  std::map<std::string, Oid> relations;  ///< tables, views, sequences by name
  std::map<std::string, Oid> types;      ///< user and extension types by name (incl. arrays)
  std::multimap<std::string, Oid> functions;
  Origin origin;
};

/// A statement the catalog records without modelling (indexes, triggers, DML, ...).
struct NotModelled {
  std::string kind;  ///< e.g. "index", "do"
  Origin origin;
};

/// An extension a schema file uses without creating it (a pg_dump of one schema leaves out
/// the extensions of others): installed by the catalog with a warning at the first use.
struct AssumedExtension {
  std::string name;    ///< e.g. "citext"
  std::string schema;  ///< where it was assumed, e.g. "public"
};

class Catalog;

/// What binding a view's query found: its columns (view_updatable set) and whether writes can
/// go through it (Relation::view_not_updatable, view_base).
struct BoundView {
  std::vector<Column> columns;
  std::string not_updatable;
  Oid base = 0;
};

/// Binds a view's (or CREATE TABLE AS's) query once, when the catalog applies it: the
/// columns (name, type, typmod, not null as inferred) the query yields against the catalog
/// as it is at that statement, or nullopt after reporting why not. Set by the caller that
/// builds the catalog (the analyze stage provides one), so the catalog stays below analyze.
using ViewBinder = std::function<std::optional<BoundView>(
    const Catalog& cat, const parse::Stmt& query, const diag::SourcePtr& source,
    diag::DiagnosticEngine& diags)>;

/// The whole catalog. Copyable so callers can snapshot it between migrations.
class Catalog {
 public:
  /// An empty database: schemas pg_catalog and public, search_path "$user", public.
  Catalog();

  /// Applies one parsed statement; problems are reported, never thrown.
  void apply(const parse::Stmt& stmt, const diag::SourcePtr& source, diag::DiagnosticEngine& diags);

  // --- lookups (read by the analyzer, codegen, vet)
  const std::map<std::string, Schema>& schemas() const { return m_schemas; }
  /// The user's relations (built-in and extension relations are not included).
  const std::map<Oid, Relation>& relations() const { return m_relations; }
  const std::map<Oid, Type>& types() const { return m_types; }
  const std::map<Oid, Function>& functions() const { return m_functions; }
  /// A relation by oid: the user's, an installed extension's view, or a system relation.
  const Relation* relation(Oid oid) const;
  const Type* type(Oid oid) const;
  const Function* function(Oid oid) const;
  /// A relation by possibly-qualified name along `search_path` (pg_catalog first unless
  /// listed): user relations, the views of extensions installed in a schema, and the
  /// relations and views of pg_catalog and information_schema (the latter only when
  /// qualified or listed).
  const Relation* find_relation(const std::string& schema, const std::string& name,
                                const std::vector<std::string>& search_path) const;
  /// A user/extension type by possibly-qualified name; builtins are not included.
  const Type* find_type(const std::string& schema, const std::string& name,
                        const std::vector<std::string>& search_path) const;
  /// The search_path migrations set last (default {"$user", "public"}).
  const std::vector<std::string>& search_path() const { return m_search_path; }
  const std::vector<NotModelled>& not_modelled() const { return m_not_modelled; }
  /// Extensions installed because a schema file used one of their types without creating
  /// them, in the order assumed; whoever builds the real database creates them first.
  const std::vector<AssumedExtension>& assumed_extensions() const { return m_assumed_extensions; }
  /// The schema CREATE EXTENSION `name` put its types and functions in, or "" when it is not
  /// installed (or none of its types or functions is left). A few map lookups: it runs for
  /// every operator and cast the analyzer resolves.
  std::string_view extension_schema(std::string_view name) const;

  // --- type facts, for builtins and user types alike
  /// PostgreSQL's format_type() as printed with the default search_path.
  std::string format_type(const TypeRef& t) const;
  /// (schema, name) of a type oid; arrays name their array type ("_int4").
  std::pair<std::string, std::string> type_name(Oid oid) const;
  /// The element type of an array type, or 0.
  Oid element_type(Oid oid) const;
  /// The array type over `oid`, or 0.
  Oid array_type(Oid oid) const;

  /// The catalog as JSON (the `sqlgen schema` contract).
  nlohmann::json to_json() const;
  /// A catalog-only schema dump in a deterministic order.
  std::string to_sql() const;

  /// Views and CREATE TABLE AS applied from now on are bound with `binder`.
  void set_view_binder(ViewBinder binder) { m_view_binder = std::move(binder); }
  /// Whether the statements applied next come from a plain schema file (Relation::plain_schema).
  void set_applying_plain_schema(bool plain) { m_applying_plain_schema = plain; }

  // Implementation state is shared with apply_*.cpp through CatalogBuilder.
  friend class CatalogBuilder;

 private:
  std::map<std::string, Schema> m_schemas;
  std::map<Oid, Relation> m_relations;
  std::map<Oid, Relation> m_extension_relations;  ///< views of installed extensions
  std::map<Oid, Type> m_types;
  std::map<Oid, Function> m_functions;
  std::vector<std::string> m_search_path;
  std::vector<std::string> m_extensions;
  std::vector<NotModelled> m_not_modelled;
  std::vector<AssumedExtension> m_assumed_extensions;
  Oid m_next_oid = k_first_user_oid;
  ViewBinder m_view_binder;
  bool m_applying_plain_schema = false;
};

/// Parses every Up statement of `migrations` (in parallel) and applies them
/// in version order; views are bound with `binder` when one is given.
Catalog build_catalog(const std::vector<source::Migration>& migrations,
                      diag::DiagnosticEngine& diags, ViewBinder binder = {});

/// Builds now the process-wide index of PostgreSQL's built-in objects that a catalog build
/// otherwise builds at its first lookup (1.5-2 ms). Thread-safe: a command posts it as a task of
/// the worker pool while the migrations load, so the build, which runs on one core, does not
/// wait.
void warm_up();

}  // namespace sqlgen::catalog
