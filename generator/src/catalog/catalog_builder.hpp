#pragma once
// Internal to catalog/: applies statements to a Catalog. One apply_<ddl>.cpp
// per DDL family implements the matching member functions.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace sqlgen::catalog {

/// Applies the statements of one source file to a catalog, reporting problems
/// at their positions in that file.
class CatalogBuilder {
 public:
  CatalogBuilder(Catalog& catalog, const diag::SourcePtr& source, diag::DiagnosticEngine& diags)
      : m_cat(catalog), m_source(source), m_diags(diags) {}

  /// The statement dispatch: one case per modelled statement kind.
  void apply(const parse::Stmt& stmt);

  // apply_schema.cpp
  void create_schema(const parse::CreateSchemaStmt& s);
  void variable_set(const parse::VariableSetStmt& s);
  void create_extension(const parse::CreateExtensionStmt& s);
  /// Installs `ext` in `explicit_schema` (or its fixed or the default schema), its required
  /// extensions first when `cascade`; false after reporting a problem.
  bool install_extension(const builtins::ExtensionObjects& ext, const std::string& explicit_schema,
                         bool cascade, parse::Span span);
  // apply_create_table.cpp
  void create_table(const parse::CreateTableStmt& s);
  /// CREATE TABLE's columns from INHERITS / PARTITION OF (merged by name) and from its OF type,
  /// which come first; false after an error.
  bool inherited_columns(const parse::CreateTableStmt& s, Relation& rel);
  /// One column definition of CREATE TABLE: a new column (`serial` set for a serial type, whose
  /// sequence waits for the table), or constraints on an inherited one; false after an error.
  bool column_definition(const parse::CreateTableStmt& s, const parse::ColumnDef& def,
                         Relation& rel, bool& serial);
  /// The columns `LIKE t` copies; those with an identity (`INCLUDING IDENTITY`) are added to
  /// `identity_cols`, which get their own sequence; false after an error.
  bool like_columns(const parse::TableLike& like, Relation& rel,
                    std::vector<std::string>& identity_cols);
  void create_view(const parse::CreateViewStmt& s);
  void create_table_as(const parse::CreateTableAsStmt& s);
  /// Binds a view's or CREATE TABLE AS's query with the catalog's view binder (if any):
  /// its columns, renamed by `names`; on failure the relation is marked `bind_failed`.
  void bind_query(Relation& rel, const parse::Stmt* query, const std::vector<std::string>& names);
  void create_sequence(const parse::CreateSequenceStmt& s);
  // apply_alter_table.cpp
  void alter_table(const parse::AlterTableStmt& s);
  // apply_types.cpp
  void create_enum(const parse::CreateEnumStmt& s);
  void create_composite(const parse::CreateCompositeStmt& s);
  void create_domain(const parse::CreateDomainStmt& s);
  void create_range(const parse::CreateRangeStmt& s);
  void alter_enum(const parse::AlterEnumStmt& s);
  // apply_functions.cpp
  void create_function(const parse::CreateFunctionStmt& s);
  // apply_rename.cpp
  void rename(const parse::RenameStmt& s);
  void alter_object_schema(const parse::AlterObjectSchemaStmt& s);
  // apply_drop.cpp
  void drop(const parse::DropStmt& s);
  /// CREATE UNIQUE INDEX: kept on its table for ON CONFLICT (other indexes are not modelled).
  void create_index(const parse::IndexDef& def);
  /// DROP INDEX: a unique index kept is forgotten (no error for others: they are not modelled).
  void drop_index(const parse::ObjectRef& obj);
  // apply_comment.cpp
  void comment(const parse::CommentStmt& s);

  // ----------------------------------------------------------- shared helpers
  Origin origin(parse::Span span) const { return Origin{m_source, span.offset, span.length}; }
  diag::Location location(parse::Span span) const {
    return diag::Location::at(m_source, span.offset, span.length);
  }
  /// Reports `id` at `span` (without notes: report() a diag::Diagnostic to add them).
  void error(diag::DiagId id, parse::Span span, std::vector<std::string> args = {});
  void report(diag::Diagnostic d) { m_diags.report(std::move(d)); }

  /// Schemas of the search path that exist, "$user" dropped, pg_catalog not included.
  std::vector<std::string> path_schemas() const;
  /// The schema to create an object in: the explicit one (which must exist)
  /// or the first existing schema of the search path. nullopt after an error.
  std::optional<std::string> creation_schema(const std::string& explicit_schema, parse::Span span);
  Schema* schema(const std::string& name);

  /// Resolves a written type to an oid and typmod; reports and returns nullopt
  /// when it does not exist. `serial` receives the serial kind, if any.
  std::optional<TypeRef> resolve_type(const parse::TypeName& tn,
                                      builtins::SerialKind* serial = nullptr);
  /// `tbl.col%TYPE`: the column's type; reports and returns nullopt when there is none.
  std::optional<TypeRef> column_type_of(const parse::TypeName& tn);
  /// A user/extension type by name list; reports unless `missing_ok`.
  Type* lookup_type(const std::vector<std::string>& names, parse::Span span, bool missing_ok);
  /// The type `sch.name` (`sch` "" along the search_path) installed from the one known
  /// extension that defines it, when no schema file created that extension (warned and
  /// recorded as assumed); nullptr when no extension fits.
  Type* assume_extension_type(const std::string& sch, const std::string& name, parse::Span span);
  /// Installs `ext` in `where` as assumed (warned about `what`, recorded); false when it cannot
  /// go there (an extension bound to another schema) or failed (reported).
  bool assume_extension(const builtins::ExtensionObjects& ext, const std::string& what,
                        const std::string& where, parse::Span span);
  /// For every schema-qualified call in `e` of a function no schema file defines there but a
  /// known extension does, that extension installed in that schema (warned, recorded as
  /// assumed): a column default `public.gen_random_uuid()` of a pg_dump of one schema.
  void assume_extensions_called(const parse::Expr* e);
  /// One call `sch.name(...)`, as assume_extensions_called().
  void assume_extension_function(const std::string& sch, const std::string& name, parse::Span span);
  /// A relation by name, built-in ones included (for reading: LIKE, %TYPE); reports unless
  /// `missing_ok`.
  const Relation* lookup_any_relation(const parse::QualName& name, bool missing_ok);
  /// A user relation by name; reports unless `missing_ok`, and a built-in or extension
  /// relation as one migrations cannot change. `what` names the expected kind for
  /// "is not a ..." errors (empty: any kind).
  Relation* lookup_relation(const parse::QualName& name, bool missing_ok,
                            const std::vector<RelKind>& kinds = {}, const char* what = nullptr);
  /// A function by name and, when given, argument types.
  Function* lookup_function(const parse::ObjectRef& ref, bool missing_ok, bool procedure);

  Oid new_oid() { return m_cat.m_next_oid++; }
  /// Adds a type (and an array type over it unless it is an array); returns its oid.
  Oid add_type(Type t, bool with_array = true);
  /// Adds a relation and, for tables and views, its row type; returns its oid.
  Oid add_relation(Relation r);
  /// True (after reporting) when a type `name` already exists in `schema`.
  bool type_name_taken(const std::string& schema, const std::string& name, parse::Span span);
  /// True (after reporting) when a relation `name` already exists in `schema`.
  bool relation_name_taken(const std::string& schema, const std::string& name, parse::Span span);
  /// An array type name for `name` not yet used in `schema` ("_name", "__name", ...).
  std::string array_name(const std::string& schema, const std::string& name) const;
  /// A relation name not yet used in `schema`: base, base1, base2, ...
  std::string choose_relation_name(const std::string& schema, const std::string& base) const;

  /// Removes a type and its array; the caller has dealt with dependents.
  void remove_type(Oid oid);
  /// Removes a relation, its row type and the sequences it owns.
  void remove_relation(Oid oid);
  void remove_function(Oid oid);
  /// Renames a type (and its array type) in place.
  void rename_type(Oid oid, const std::string& new_name);
  /// Moves a type (and its array) to another schema.
  void move_type(Oid oid, const std::string& new_schema);

  /// The text of a span in the current source.
  std::string text(parse::Span span) const;

  Catalog& cat() { return m_cat; }
  const diag::SourcePtr& source() const { return m_source; }

 private:
  Catalog& m_cat;
  const diag::SourcePtr& m_source;
  diag::DiagnosticEngine& m_diags;
};

/// Adds a column's constraints (NOT NULL, DEFAULT, identity, generated, PK,
/// UNIQUE ...) to `col` and table-level constraints to `rel`.
void apply_column_constraints(CatalogBuilder& b, const parse::ColumnDef& def, Column& col,
                              Relation& rel);

/// Records a table constraint (default-named like PostgreSQL); PK columns
/// become NOT NULL.
void add_table_constraint(CatalogBuilder& b, Relation& rel, const parse::Constraint& c,
                          const std::vector<std::string>& cols);

/// Handles a serial or identity column: the sequence (named like
/// PostgreSQL does, or `sequence_name` when given), the default and NOT NULL.
void attach_serial_sequence(CatalogBuilder& b, Relation& rel, Column& col,
                            const std::vector<std::string>& sequence_name = {});

// system_relations.cpp
/// A catalog relation with the columns of a built-in one, named in `schema`.
Relation relation_from_builtin(const builtins::BuiltinRelation& b, const std::string& schema);
/// The pg_catalog or information_schema relation with this oid (shared by all catalogs), or
/// null.
const Relation* system_relation(Oid oid);
/// True for "pg_catalog" and "information_schema", whose relations are built-ins.
bool is_system_schema(const std::string& schema);

/// The columns of `rel` that a type is used by (directly or as an array or
/// through a domain over it), as "relation.column" descriptions.
std::vector<std::pair<Oid, std::string>> columns_using_type(const Catalog& cat, Oid type);

}  // namespace sqlgen::catalog
