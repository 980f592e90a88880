// The relations a view's defining query reads: PostgreSQL refuses to change the
// type of a column a view depends on, so the fixer must know them; and the relations a
// query's statement reads or writes (the rules on dropped tables and columns).
#include "parse/walk.hpp"
#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

class ReadCollector {
 public:
  explicit ReadCollector(const catalog::Catalog& cat) : m_cat(cat) {}

  void statement(const parse::Stmt& s) {
    if (s.kind == parse::StmtKind::Insert || s.kind == parse::StmtKind::Update ||
        s.kind == parse::StmtKind::Delete) {
      dml(s);
      return;
    }
    if (s.kind != parse::StmtKind::Select) return;
    const auto& sel = s.as<parse::SelectStmt>();
    if (sel.with) {
      for (const parse::CommonTableExpr& cte : sel.with->ctes) {
        m_ctes.insert(cte.name);
        if (cte.query) statement(*cte.query);
      }
    }
    if (sel.left) statement(*sel.left);
    if (sel.right) statement(*sel.right);
    for (const parse::FromItemPtr& item : sel.from) from_item(item.get());
    for (const parse::ResTarget& t : sel.targets) expr(t.value.get());
    expr(sel.where.get());
    expr(sel.having.get());
  }

  std::set<catalog::Oid> reads;

 private:
  /// INSERT, UPDATE and DELETE (a query's statement): the target, and what they read.
  void dml(const parse::Stmt& s) {
    auto with = [&](const std::optional<parse::WithClause>& w) {
      if (!w) return;
      for (const parse::CommonTableExpr& cte : w->ctes) {
        m_ctes.insert(cte.name);
        if (cte.query) statement(*cte.query);
      }
    };
    auto target = [&](const parse::QualName& name) {
      const catalog::Relation* rel =
          m_cat.find_relation(name.schema, name.name, m_cat.search_path());
      if (rel) reads.insert(rel->oid);
    };
    auto targets = [&](const std::vector<parse::ResTarget>& list) {
      for (const parse::ResTarget& t : list) expr(t.value.get());
    };
    if (s.kind == parse::StmtKind::Insert) {
      const auto& i = s.as<parse::InsertStmt>();
      with(i.with);
      target(i.table);
      if (i.source) statement(*i.source);
      targets(i.returning);
    } else if (s.kind == parse::StmtKind::Update) {
      const auto& u = s.as<parse::UpdateStmt>();
      with(u.with);
      target(u.table);
      for (const parse::FromItemPtr& item : u.from) from_item(item.get());
      targets(u.set);
      targets(u.returning);
      expr(u.where.get());
    } else {
      const auto& d = s.as<parse::DeleteStmt>();
      with(d.with);
      target(d.table);
      for (const parse::FromItemPtr& item : d.using_items) from_item(item.get());
      targets(d.returning);
      expr(d.where.get());
    }
  }

  void from_item(const parse::FromItem* item) {
    if (!item) return;
    switch (item->kind) {
      case parse::FromItem::Kind::Table: {
        const auto& t = item->as<parse::TableRef>();
        if (t.name.schema.empty() && m_ctes.count(t.name.name)) return;
        const catalog::Relation* rel =
            m_cat.find_relation(t.name.schema, t.name.name, m_cat.search_path());
        if (rel) reads.insert(rel->oid);
        return;
      }
      case parse::FromItem::Kind::Subquery:
        if (const auto& q = item->as<parse::SubqueryRef>().query) statement(*q);
        return;
      case parse::FromItem::Kind::Join: {
        const auto& j = item->as<parse::JoinRef>();
        from_item(j.left.get());
        from_item(j.right.get());
        expr(j.on.get());
        return;
      }
      case parse::FromItem::Kind::Function:
        return;
    }
  }

  /// The FROM items of subqueries anywhere in an expression (under operators, function
  /// calls, COALESCE, CASE, casts, ...).
  void expr(const parse::Expr* e) {
    parse::walk_expr(e, [&](const parse::Expr& x) {
      if (x.kind != parse::ExprKind::SubLink) return;
      if (const auto& q = x.as<parse::SubLinkExpr>().subselect) statement(*q);
    });
  }

  const catalog::Catalog& m_cat;
  std::set<std::string> m_ctes;
};

}  // namespace

std::set<catalog::Oid> relations_read(const parse::Stmt& query, const catalog::Catalog& cat) {
  ReadCollector c(cat);
  c.statement(query);
  return c.reads;
}

}  // namespace sqlgen::vet::detail
