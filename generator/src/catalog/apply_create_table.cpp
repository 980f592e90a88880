// CREATE TABLE (columns, constraints, LIKE, INHERITS, PARTITION OF, OF type),
// CREATE VIEW, CREATE TABLE AS / MATERIALIZED VIEW, CREATE SEQUENCE.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

namespace {

using parse::Constraint;

/// PostgreSQL's makeObjectName: `name1_name2_label` cut to 63 bytes by shortening the longer
/// of name1 and name2 one byte at a time (identifiers are ASCII here; a multibyte name is cut
/// on a character boundary, as pg_mbcliplen does).
std::string make_object_name(const std::string& name1, const std::string& name2,
                             const std::string& label) {
  constexpr size_t k_max = 63;  // NAMEDATALEN - 1
  size_t n1 = name1.size();
  size_t n2 = name2.size();
  size_t overhead = (label.empty() ? 0 : label.size() + 1) + (name2.empty() ? 0 : 1);
  size_t avail = k_max > overhead ? k_max - overhead : 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  auto clip = [](const std::string& s, size_t n) {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  };
  std::string out = clip(name1, n1);
  if (!name2.empty()) out += "_" + clip(name2, n2);
  if (!label.empty()) out += "_" + label;
  return out;
}

/// PostgreSQL's default constraint names (ChooseConstraintName with the column names joined by
/// "_" as the addition, as ChooseForeignKeyConstraintNameAddition does; name conflicts are not
/// numbered).
std::string default_constraint_name(const std::string& table, const Constraint& c,
                                    const std::vector<std::string>& cols) {
  std::string joined;
  for (const std::string& col : cols) {
    if (joined.size() >= 63) break;
    joined += (joined.empty() ? "" : "_") + col;
  }
  switch (c.type) {
    case Constraint::Type::PrimaryKey:
      return make_object_name(table, "", "pkey");
    case Constraint::Type::Unique:
      return make_object_name(table, joined, "key");
    case Constraint::Type::ForeignKey:
      return make_object_name(table, joined, "fkey");
    case Constraint::Type::Exclusion:
      return make_object_name(table, joined, "excl");
    default:
      return make_object_name(table, joined, "check");
  }
}

}  // namespace

void add_table_constraint(CatalogBuilder& b, Relation& rel, const Constraint& c,
                          const std::vector<std::string>& cols) {
  char type = 0;
  switch (c.type) {
    case Constraint::Type::PrimaryKey:
      type = 'p';
      break;
    case Constraint::Type::Unique:
      type = 'u';
      break;
    case Constraint::Type::Check:
      type = 'c';
      break;
    case Constraint::Type::ForeignKey:
      type = 'f';
      break;
    case Constraint::Type::Exclusion:
      type = 'x';
      break;
    default:
      return;
  }
  if (type == 'p') {
    for (const TableConstraint& k : rel.constraints) {
      if (k.type == 'p') {
        b.error(diag::DiagId::err_multiple_primary_keys, c.span, {rel.name});
        return;
      }
    }
    for (const std::string& col : cols) {
      if (Column* column = rel.column(col)) {
        column->not_null = true;
      } else {
        b.error(diag::DiagId::err_column_not_found, c.span, {col, rel.name, ""});
      }
    }
  }
  TableConstraint k;
  if (type == 'f') {
    // A self-reference names the table being created, not yet in the catalog.
    bool self = c.fk_table.name == rel.name &&
                (c.fk_table.schema.empty() || c.fk_table.schema == rel.schema);
    if (!self) {
      Relation* target = b.lookup_relation(c.fk_table, false);
      if (!target) return;
      k.references = target->oid;
    } else {
      k.references = rel.oid;
    }
  }
  k.type = type;
  k.columns = cols;
  k.name = c.name.empty() ? default_constraint_name(rel.name, c, cols) : c.name;
  rel.constraints.push_back(std::move(k));
}

namespace {

Column copy_column(const Column& src, bool defaults, bool identity, bool generated) {
  Column c;
  c.name = src.name;
  c.type = src.type;
  c.not_null = src.not_null;
  c.collation = src.collation;
  c.origin = src.origin;
  if (src.generated) {
    if (generated) {
      c.generated = src.generated;
      c.has_default = true;
      c.default_sql = src.default_sql;
    }
  } else if (defaults && src.has_default && !src.identity) {
    c.has_default = true;
    c.default_sql = src.default_sql;
  }
  if (identity && src.identity) {
    c.identity = src.identity;
    c.not_null = true;
  }
  return c;
}

}  // namespace

void attach_serial_sequence(CatalogBuilder& b, Relation& rel, Column& col,
                            const std::vector<std::string>& sequence_name) {
  Relation seq;
  seq.kind = RelKind::Sequence;
  seq.schema = sequence_name.size() >= 2 ? sequence_name[sequence_name.size() - 2] : rel.schema;
  if (!b.schema(seq.schema)) seq.schema = rel.schema;
  seq.name = sequence_name.empty()
                 ? b.choose_relation_name(rel.schema, rel.name + "_" + col.name + "_seq")
                 : sequence_name.back();
  seq.owned_by = rel.schema + "." + rel.name + "." + col.name;
  seq.origin = col.origin;
  std::string qualified = seq.schema == "public" ? seq.name : seq.schema + "." + seq.name;
  b.add_relation(std::move(seq));
  if (!col.identity) {
    col.has_default = true;
    col.default_sql = "nextval('" + qualified + "'::regclass)";
  }
  col.not_null = true;
}

void apply_column_constraints(CatalogBuilder& b, const parse::ColumnDef& def, Column& col,
                              Relation& rel) {
  for (const Constraint& c : def.constraints) {
    b.assume_extensions_called(c.expr.get());
    switch (c.type) {
      case Constraint::Type::NotNull:
        col.not_null = true;
        break;
      case Constraint::Type::Null:
        col.not_null = false;
        break;
      case Constraint::Type::Default:
        col.has_default = true;
        col.default_sql = c.expr_sql;
        break;
      case Constraint::Type::Identity:
        if (col.identity) {
          b.error(diag::DiagId::err_not_null_identity, c.span, {col.name, rel.name});
          break;
        }
        col.identity = c.generated_when == 'a' ? 'a' : 'd';
        attach_serial_sequence(b, rel, col, c.sequence_name);
        break;
      case Constraint::Type::Generated:
        col.generated = 's';
        col.has_default = true;
        col.default_sql = c.expr_sql;
        break;
      case Constraint::Type::PrimaryKey:
      case Constraint::Type::Unique:
      case Constraint::Type::Check:
      case Constraint::Type::ForeignKey:
        add_table_constraint(b, rel, c, {col.name});
        break;
      default:
        break;
    }
  }
}

bool CatalogBuilder::inherited_columns(const parse::CreateTableStmt& s, Relation& rel) {
  // Inherited columns come first, merged by name.
  for (const parse::QualName& p : s.inherits) {
    Relation* parent =
        lookup_relation(p, false, {RelKind::Table, RelKind::PartitionedTable}, "table");
    if (!parent) return false;
    rel.parents.push_back(parent->oid);
    for (const Column& pc : parent->columns) {
      if (Column* existing = rel.column(pc.name)) {
        existing->not_null = existing->not_null || pc.not_null;
        continue;
      }
      rel.columns.push_back(copy_column(pc, true, s.partition_of, true));
    }
  }
  if (s.of_type) {
    auto t = resolve_type(*s.of_type);
    if (!t) return false;
    const Type* comp = m_cat.type(t->oid);
    if (comp && comp->typtype == 'c') {
      const std::vector<Column>& fields =
          comp->relation ? m_cat.relation(comp->relation)->columns : comp->fields;
      for (const Column& f : fields) rel.columns.push_back(copy_column(f, false, false, false));
    }
  }
  return true;
}

bool CatalogBuilder::column_definition(const parse::CreateTableStmt& s, const parse::ColumnDef& def,
                                       Relation& rel, bool& serial) {
  serial = false;
  Column* col = rel.column(def.name);
  bool inherited = col != nullptr;
  if (inherited && !def.type.names.empty() && !s.partition_of && s.inherits.empty()) {
    error(diag::DiagId::err_column_duplicate, def.span, {def.name});
    return false;
  }
  if (!inherited) {
    if (def.type.names.empty()) {
      error(diag::DiagId::err_column_not_found, def.span, {def.name, rel.name, ""});
      return false;
    }
    builtins::SerialKind kind = builtins::SerialKind::None;
    auto type = resolve_type(def.type, &kind);
    if (!type) return false;
    Column c;
    c.name = def.name;
    c.type = *type;
    c.collation = def.collation;
    c.origin = origin(def.span);
    rel.columns.push_back(std::move(c));
    col = &rel.columns.back();
    serial = kind != builtins::SerialKind::None;
  }
  apply_column_constraints(*this, def, *col, rel);
  return true;
}

bool CatalogBuilder::like_columns(const parse::TableLike& like, Relation& rel,
                                  std::vector<std::string>& identity_cols) {
  const Relation* src = lookup_any_relation(like.table, false);
  if (!src) return false;
  for (const Column& sc : src->columns) {
    if (rel.column(sc.name)) {
      error(diag::DiagId::err_column_duplicate, like.span, {sc.name});
      return false;
    }
    Column c = copy_column(sc, like.options & parse::TableLike::k_defaults,
                           like.options & parse::TableLike::k_identity,
                           like.options & parse::TableLike::k_generated);
    if (like.options & parse::TableLike::k_comments) c.comment = sc.comment;
    if (c.identity) identity_cols.push_back(c.name);  // gets its own sequence
    rel.columns.push_back(std::move(c));
  }
  return true;
}

void CatalogBuilder::create_table(const parse::CreateTableStmt& s) {
  if (s.persistence == 't') return;  // temporary tables vanish with the session
  auto sch = creation_schema(s.table.schema, s.table.span);
  if (!sch) return;
  if (s.if_not_exists && schema(*sch)->relations.count(s.table.name)) return;
  if (relation_name_taken(*sch, s.table.name, s.table.span)) return;
  if (type_name_taken(*sch, s.table.name, s.table.span)) return;

  Relation rel;
  rel.oid = new_oid();
  rel.kind = s.partitioned ? RelKind::PartitionedTable : RelKind::Table;
  rel.schema = *sch;
  rel.name = s.table.name;
  rel.origin = origin(s.table.span);
  rel.plain_schema = m_cat.m_applying_plain_schema;
  if (!inherited_columns(s, rel)) return;

  // Columns that get a sequence once the table exists (it is named after the table).
  std::vector<std::string> sequence_cols;
  std::vector<std::string> like_identity_cols;
  for (const parse::TableElement& e : s.elements) {
    if (const auto* def = std::get_if<parse::ColumnDef>(&e)) {
      bool serial = false;
      if (!column_definition(s, *def, rel, serial)) return;
      if (serial) sequence_cols.push_back(def->name);
    } else if (const auto* like = std::get_if<parse::TableLike>(&e)) {
      if (!like_columns(*like, rel, like_identity_cols)) return;
      if (like->options & parse::TableLike::k_indexes) rel.indexes_unknown = true;
    }
  }
  sequence_cols.insert(sequence_cols.end(), like_identity_cols.begin(), like_identity_cols.end());
  // Table constraints after all columns exist (they may name any column).
  for (const parse::TableElement& e : s.elements) {
    if (const auto* c = std::get_if<Constraint>(&e)) {
      std::vector<std::string> cols =
          c->type == Constraint::Type::ForeignKey ? c->fk_columns : c->keys;
      add_table_constraint(*this, rel, *c, cols);
    }
  }
  Oid oid = add_relation(std::move(rel));
  Relation& added = m_cat.m_relations.at(oid);
  for (const std::string& name : sequence_cols) {
    attach_serial_sequence(*this, added, *added.column(name));
  }
}

void CatalogBuilder::create_view(const parse::CreateViewStmt& s) {
  auto sch = creation_schema(s.view.schema, s.view.span);
  if (!sch) return;
  if (s.replace) {
    if (Relation* old = lookup_relation(parse::QualName{*sch, s.view.name, s.view.span}, true)) {
      if (old->kind == RelKind::View) {
        old->origin = origin(s.span);
        bind_query(*old, s.query.get(), s.column_names);
        return;
      }
    }
  }
  if (relation_name_taken(*sch, s.view.name, s.view.span)) return;
  Relation rel;
  rel.kind = RelKind::View;
  rel.schema = *sch;
  rel.name = s.view.name;
  rel.columns_known = false;
  rel.origin = origin(s.span);
  Oid oid = add_relation(std::move(rel));
  bind_query(m_cat.m_relations.at(oid), s.query.get(), s.column_names);
}

void CatalogBuilder::bind_query(Relation& rel, const parse::Stmt* query,
                                const std::vector<std::string>& names) {
  if (!m_cat.m_view_binder || !query) return;
  std::optional<BoundView> bound = m_cat.m_view_binder(m_cat, *query, m_source, m_diags);
  if (!bound) {
    rel.columns_known = false;
    rel.bind_failed = true;
    return;
  }
  std::vector<Column>* cols = &bound->columns;
  rel.view_not_updatable = std::move(bound->not_updatable);
  rel.view_base = bound->base;
  for (size_t i = 0; i < cols->size() && i < names.size(); ++i) (*cols)[i].name = names[i];
  // A materialized view or CREATE TABLE AS stores rows: PostgreSQL declares no NOT NULL.
  if (rel.kind != RelKind::View) {
    for (Column& c : *cols) c.not_null = false;
  }
  for (Column& c : *cols) c.origin = rel.origin;
  rel.columns = std::move(*cols);
  rel.columns_known = true;
  rel.bind_failed = false;
}

void CatalogBuilder::create_table_as(const parse::CreateTableAsStmt& s) {
  auto sch = creation_schema(s.table.schema, s.table.span);
  if (!sch) return;
  if (s.if_not_exists && schema(*sch)->relations.count(s.table.name)) return;
  if (relation_name_taken(*sch, s.table.name, s.table.span)) return;
  Relation rel;
  rel.kind = s.materialized ? RelKind::MatView : RelKind::Table;
  rel.schema = *sch;
  rel.name = s.table.name;
  rel.columns_known = false;
  rel.origin = origin(s.span);
  Oid oid = add_relation(std::move(rel));
  bind_query(m_cat.m_relations.at(oid), s.query.get(), s.column_names);
}

void CatalogBuilder::create_sequence(const parse::CreateSequenceStmt& s) {
  auto sch = creation_schema(s.sequence.schema, s.sequence.span);
  if (!sch) return;
  if (s.if_not_exists && schema(*sch)->relations.count(s.sequence.name)) return;
  if (relation_name_taken(*sch, s.sequence.name, s.sequence.span)) return;
  Relation rel;
  rel.kind = RelKind::Sequence;
  rel.schema = *sch;
  rel.name = s.sequence.name;
  rel.origin = origin(s.sequence.span);
  add_relation(std::move(rel));
}

}  // namespace sqlgen::catalog
