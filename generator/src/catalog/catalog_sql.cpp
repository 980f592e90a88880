// A catalog-only schema dump: what the catalog holds, as SQL, in a fixed
// order (schemas, extensions, types, tables, sequences, functions by name).
#include <algorithm>
#include <sstream>

#include "catalog/catalog.hpp"

namespace sqlgen::catalog {

namespace {

std::string q(const std::string& ident) { return builtins::quote_identifier(ident); }

std::string qualified(const std::string& schema, const std::string& name) {
  return q(schema) + "." + q(name);
}

std::string sql_literal(const std::string& s) { return builtins::quote_literal(s); }

/// A user type: enums, composites, domains and ranges (others are not written).
void write_type(std::ostream& out, const Catalog& cat, const std::string& name, const Type& t) {
  if (t.typtype == 'e') {
    out << "\nCREATE TYPE " << name << " AS ENUM (";
    for (size_t i = 0; i < t.labels.size(); ++i) {
      out << (i ? ", " : "") << sql_literal(t.labels[i]);
    }
    out << ");\n";
  } else if (t.typtype == 'c' && t.relation == 0) {
    out << "\nCREATE TYPE " << name << " AS (";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      out << (i ? ", " : "") << q(t.fields[i].name) << ' ' << cat.format_type(t.fields[i].type);
    }
    out << ");\n";
  } else if (t.typtype == 'd') {
    out << "\nCREATE DOMAIN " << name << " AS " << cat.format_type(t.base);
    if (t.not_null) out << " NOT NULL";
    for (const std::string& c : t.checks) out << " CHECK (" << c << ")";
    out << ";\n";
  } else if (t.typtype == 'r') {
    out << "\nCREATE TYPE " << name << " AS RANGE (subtype = " << cat.format_type(t.base) << ");\n";
  }
}

/// A view's columns as bound from its defining query (NOT NULL: as sqlgen infers it).
void write_view(std::ostream& out, const Catalog& cat, const std::string& name, const Relation& r) {
  out << "\n-- " << relkind_name(r.kind) << ' ' << name << " (";
  for (size_t i = 0; i < r.columns.size(); ++i) {
    const Column& c = r.columns[i];
    out << (i ? "," : "") << "\n--     " << q(c.name) << ' ' << cat.format_type(c.type)
        << (c.not_null ? " NOT NULL" : "");
  }
  out << "\n-- )\n";
}

void write_table(std::ostream& out, const Catalog& cat, const std::string& name,
                 const Relation& r) {
  out << "\nCREATE TABLE " << name << " (";
  for (size_t i = 0; i < r.columns.size(); ++i) {
    const Column& c = r.columns[i];
    out << (i ? "," : "") << "\n    " << q(c.name) << ' ' << cat.format_type(c.type);
    if (c.identity) {
      out << " GENERATED " << (c.identity == 'a' ? "ALWAYS" : "BY DEFAULT") << " AS IDENTITY";
    }
    if (c.generated) out << " GENERATED ALWAYS AS (" << c.default_sql << ") STORED";
    if (c.has_default && !c.generated) out << " DEFAULT " << c.default_sql;
    if (c.not_null) out << " NOT NULL";
  }
  for (const TableConstraint& k : r.constraints) {
    if (k.type != 'p' && k.type != 'u') continue;
    out << ",\n    CONSTRAINT " << q(k.name) << (k.type == 'p' ? " PRIMARY KEY (" : " UNIQUE (");
    for (size_t i = 0; i < k.columns.size(); ++i) out << (i ? ", " : "") << q(k.columns[i]);
    out << ")";
  }
  out << "\n);\n";
  if (!r.comment.empty()) {
    out << "COMMENT ON TABLE " << name << " IS " << sql_literal(r.comment) << ";\n";
  }
  for (const Column& c : r.columns) {
    if (c.comment.empty()) continue;
    out << "COMMENT ON COLUMN " << name << '.' << q(c.name) << " IS " << sql_literal(c.comment)
        << ";\n";
  }
}

/// Any relation: sequences, relations of unknown columns, views and tables.
void write_relation(std::ostream& out, const Catalog& cat, const std::string& name,
                    const Relation& r) {
  if (r.kind == RelKind::Sequence) {
    out << "\nCREATE SEQUENCE " << name << ";\n";
  } else if (!r.columns_known) {
    out << "\n-- " << relkind_name(r.kind) << ' ' << name << ": columns not known to the catalog\n";
  } else if (r.kind == RelKind::View || r.kind == RelKind::MatView) {
    write_view(out, cat, name, r);
  } else {
    write_table(out, cat, name, r);
  }
}

/// A function's or procedure's signature, as a comment.
void write_function(std::ostream& out, const Catalog& cat, const std::string& name,
                    const Function& f) {
  out << "\n-- " << (f.is_procedure ? "PROCEDURE " : "FUNCTION ") << name << '(';
  bool first = true;
  for (const FunctionArg& a : f.args) {
    if (a.mode == 't') continue;
    out << (first ? "" : ", ")
        << (a.mode == 'o'   ? "OUT "
            : a.mode == 'b' ? "INOUT "
                            : "")
        << (a.name.empty() ? "" : q(a.name) + " ") << cat.format_type(a.type);
    first = false;
  }
  out << ") RETURNS " << (f.returns_set ? "SETOF " : "") << cat.format_type(f.returns) << '\n';
}

}  // namespace

std::string Catalog::to_sql() const {
  std::ostringstream out;
  out << "-- Schema as sqlgen's catalog sees it (no database involved).\n";
  for (const auto& [name, sc] : m_schemas) {
    if (name == "pg_catalog" || name == "public") continue;
    out << "\nCREATE SCHEMA " << q(name) << ";\n";
  }
  std::vector<std::string> exts = m_extensions;
  std::sort(exts.begin(), exts.end());
  for (const std::string& e : exts) out << "\nCREATE EXTENSION " << q(e) << ";\n";
  for (const auto& [sname, sc] : m_schemas) {
    for (const auto& [tname, oid] : sc.types) {
      const Type& t = m_types.at(oid);
      if (!t.extension.empty() || t.elem != 0) continue;
      write_type(out, *this, qualified(sname, t.name), t);
    }
  }
  for (const auto& [sname, sc] : m_schemas) {
    for (const auto& [rname, oid] : sc.relations) {
      const Relation& r = m_relations.at(oid);
      write_relation(out, *this, qualified(sname, r.name), r);
    }
  }
  for (const auto& [sname, sc] : m_schemas) {
    for (const auto& [fname, oid] : sc.functions) {
      const Function& f = m_functions.at(oid);
      if (!f.extension.empty()) continue;
      write_function(out, *this, qualified(sname, f.name), f);
    }
  }
  return out.str();
}

}  // namespace sqlgen::catalog
