#!/usr/bin/env python3
"""Writes a deterministic synthetic schema and query corpus for the analyzer benchmark.

    bench/gen_query_corpus.py OUT_DIR [--tables N] [--queries N] [--seed S] [--stats FILE]

OUT_DIR receives:

- schema/001_schema.sql: one goose migration (`-- +goose Up` / `-- +goose
  Down`) creating eight schemas with enums, domains, N tables (realistic
  columns of the common types, NOT NULL and DEFAULT, identity keys, foreign
  keys to earlier tables, stored generated columns) and one view per schema;
- queries/qNNN.sql: N named queries (`-- name: X :many`, each after a comment
  naming its kind) in files of 25, a mix of lookups by key, filtered and paginated lists, optional filters
  (sqlc.narg), joins along foreign keys (inner, left, three-way,
  sqlc.embed), aggregates with GROUP BY / HAVING / FILTER, scalar, IN and
  EXISTS subqueries, CTEs (also recursive and data-modifying), window
  functions, UNION ALL, DISTINCT ON, LATERAL, CASE / COALESCE, jsonb and
  array operators, sqlc.slice, and INSERT / UPDATE / DELETE with RETURNING
  (also INSERT ... SELECT, ON CONFLICT, UPDATE ... FROM, DELETE ... USING),
  with named parameters (@name, sqlc.arg, sqlc.narg).

The generator keeps a model of the schema, so every query is valid for
PostgreSQL 15 (PREPAREd on a real server while it was written) and has no
parameter whose type PostgreSQL could not infer. The output depends only on
the arguments (and this file): the same arguments give byte-identical files.
--stats writes a JSON summary (tables, columns, queries per kind, bytes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from collections import Counter

SCHEMAS = ["core", "billing", "inventory", "shipping", "crm", "analytics", "auth", "support"]

NOUNS = [
    ("customer", "customers"), ("order", "orders"), ("invoice", "invoices"),
    ("payment", "payments"), ("product", "products"), ("category", "categories"),
    ("supplier", "suppliers"), ("warehouse", "warehouses"), ("shipment", "shipments"),
    ("carrier", "carriers"), ("account", "accounts"), ("member", "members"),
    ("login", "logins"), ("role", "roles"), ("ticket", "tickets"), ("message", "messages"),
    ("employee", "employees"), ("department", "departments"), ("event", "events"),
    ("report", "reports"), ("campaign", "campaigns"), ("lead", "leads"),
    ("contact", "contacts"), ("address", "addresses"), ("subscription", "subscriptions"),
    ("plan", "plans"), ("coupon", "coupons"), ("refund", "refunds"), ("review", "reviews"),
    ("vendor", "vendors"), ("stock_item", "stock_items"), ("batch", "batches"),
    ("route", "routes"), ("parcel", "parcels"), ("team", "teams"), ("project", "projects"),
    ("task", "tasks"), ("note", "notes"), ("attachment", "attachments"),
    ("device", "devices"), ("api_key", "api_keys"), ("metric", "metrics"),
    ("dashboard", "dashboards"), ("segment", "segments"), ("quote", "quotes"),
    ("contract", "contracts"), ("store", "stores"), ("region", "regions"),
    ("channel", "channels"), ("webhook", "webhooks"),
]

ENUM_SUFFIXES = ["status", "kind", "priority"]
ENUM_LABELS = ["pending", "active", "inactive", "draft", "open", "closed", "approved",
               "rejected", "cancelled", "archived", "low", "medium", "high", "urgent",
               "queued", "shipped", "delivered", "returned", "paid", "overdue"]

# name -> (definition, base kind)
DOMAINS = {
    "money_amount": ("numeric(14,2) CHECK (VALUE >= 0)", "numeric"),
    "short_code": ("varchar(16) CHECK (VALUE ~ '^[A-Z0-9_]+$')", "varchar"),
    "positive_int": ("integer CHECK (VALUE > 0)", "int"),
}

# kind -> (column names, SQL types)
KINDS = {
    "int": (["quantity", "priority_no", "sort_order", "attempts", "seats", "rating"],
            ["integer", "int", "smallint"]),
    "bigint": (["views", "size_bytes", "total_count", "sequence_no", "clicks"], ["bigint"]),
    "text": (["name", "description", "notes", "title", "summary", "body", "label", "reason"],
             ["text"]),
    "varchar": (["code", "slug", "sku", "reference_no", "locale", "phone", "city", "currency"],
                ["varchar(32)", "varchar(64)", "varchar(255)"]),
    "numeric": (["amount", "price", "balance", "weight", "rate", "discount", "unit_cost"],
                ["numeric(12,2)", "numeric(14,4)", "numeric"]),
    "timestamptz": (["updated_at", "deleted_at", "starts_at", "ends_at", "expires_at",
                     "published_at", "processed_at", "last_seen_at", "due_at"], ["timestamptz"]),
    "date": (["valid_from", "valid_until", "birth_date", "period_start"], ["date"]),
    "jsonb": (["metadata", "settings", "payload", "attributes"], ["jsonb"]),
    "uuid": (["external_id", "token", "correlation_id", "public_id"], ["uuid"]),
    "bool": (["is_active", "is_archived", "is_default", "verified", "enabled"], ["boolean"]),
    "text[]": (["tags", "aliases", "keywords", "scopes"], ["text[]"]),
}
KIND_WEIGHTS = {"int": 10, "bigint": 5, "text": 12, "varchar": 10, "numeric": 9,
                "timestamptz": 10, "date": 4, "jsonb": 5, "uuid": 5, "bool": 7, "text[]": 4,
                "enum": 8, "domain": 4}
DEFAULTS = {"int": "0", "bigint": "0", "text": "''", "varchar": "''", "numeric": "0",
            "timestamptz": "now()", "date": "CURRENT_DATE", "jsonb": "'{}'",
            "uuid": "gen_random_uuid()", "bool": "false", "text[]": "'{}'"}
# Kinds a query may compare with `=`, and the cast an optional filter uses.
EQ_KINDS = {"int": "integer", "bigint": "bigint", "text": "text", "varchar": "text",
            "uuid": "uuid", "bool": "boolean", "enum": None, "fk": "bigint", "date": "date"}
NUM_KINDS = ("int", "bigint", "numeric")
TIME_KINDS = ("timestamptz",)


class Column:
    def __init__(self, name, kind, sqltype, notnull=False, default=False, enum=None,
                 generated=False):
        self.name = name
        self.kind = kind
        self.sqltype = sqltype
        self.notnull = notnull
        self.default = default
        self.enum = enum          # (schema, name) for enum columns
        self.generated = generated


class Table:
    def __init__(self, schema, name, singular):
        self.schema = schema
        self.name = name
        self.singular = singular
        self.columns: list[Column] = []
        self.fks: list[tuple[Column, "Table"]] = []
        self.children: list[tuple[Column, "Table"]] = []  # (fk column in child, child)

    @property
    def qname(self):
        return f"{self.schema}.{self.name}"

    def col(self, name):
        return next(c for c in self.columns if c.name == name)

    def cols(self, pred=lambda c: True):
        return [c for c in self.columns if pred(c)]


def camel(s: str) -> str:
    return "".join(p.capitalize() for p in s.split("_"))


class Gen:
    def __init__(self, seed: int, n_tables: int):
        self.rng = random.Random(seed)
        self.n_tables = n_tables
        self.tables: list[Table] = []
        self.enums: dict[tuple[str, str], list[str]] = {}
        self.domains: list[tuple[str, str]] = []
        self.views: list[tuple[str, str, Table, list[str]]] = []
        self.kinds: Counter = Counter()
        self.names: Counter = Counter()

    # ---- schema ---------------------------------------------------------------

    def schema_sql(self) -> str:
        r = self.rng
        up, down = [], []
        per_schema = -(-self.n_tables // len(SCHEMAS))
        for s in SCHEMAS:
            up.append(f"CREATE SCHEMA {s};")
            down.insert(0, f"DROP SCHEMA {s} CASCADE;")
            for suffix in r.sample(ENUM_SUFFIXES, 2):
                name = f"{s}_{suffix}"
                labels = r.sample(ENUM_LABELS, r.randint(3, 6))
                self.enums[(s, name)] = labels
                vals = ", ".join(f"'{v}'" for v in labels)
                up.append(f"CREATE TYPE {s}.{name} AS ENUM ({vals});")
            for dname in r.sample(sorted(DOMAINS), 1):
                self.domains.append((s, dname))
                up.append(f"CREATE DOMAIN {s}.{dname} AS {DOMAINS[dname][0]};")
        for i in range(self.n_tables):
            s = SCHEMAS[i // per_schema]
            up.append(self.create_table(s))
        for s in SCHEMAS:
            view = self.create_view(s)
            if view:
                up.append(view)
        return ("-- Generated by bench/gen_query_corpus.py; do not edit.\n\n-- +goose Up\n"
                + "\n\n".join(up) + "\n\n-- +goose Down\n" + "\n".join(down) + "\n")

    def new_column(self, t: Table, s: str) -> tuple[Column, str]:
        r = self.rng
        kinds = list(KIND_WEIGHTS)
        kind = r.choices(kinds, weights=[KIND_WEIGHTS[k] for k in kinds])[0]
        taken = {c.name for c in t.columns}
        if kind == "enum":
            key = r.choice([k for k in self.enums if k[0] == s])
            name = key[1].split("_", 1)[1]
            col = Column(name, "enum", f"{key[0]}.{key[1]}", enum=key)
        elif kind == "domain":
            ds, dn = r.choice([d for d in self.domains if d[0] == s])
            col = Column(dn.split("_")[-1] + "_value", DOMAINS[dn][1], f"{ds}.{dn}")
        else:
            names, types = KINDS[kind]
            col = Column(r.choice(names), kind, r.choice(types))
        if col.name in taken:
            col.name = f"{col.name}_{len(t.columns)}"
        ddl = f"{col.name} {col.sqltype}"
        x = r.random()
        if x < 0.3 and kind not in ("domain",):
            d = f"'{self.enums[col.enum][0]}'" if kind == "enum" else DEFAULTS[kind]
            col.notnull, col.default = True, True
            ddl += f" NOT NULL DEFAULT {d}"
        elif x < 0.5:
            col.notnull = True
            ddl += " NOT NULL"
        return col, ddl

    def create_table(self, s: str) -> str:
        r = self.rng
        used = {t.name for t in self.tables if t.schema == s}
        singular, name = r.choice([n for n in NOUNS if n[1] not in used])
        t = Table(s, name, singular)
        lines = ["id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]
        t.columns.append(Column("id", "bigint", "bigint", notnull=True, default=True))
        earlier = self.tables[-40:]
        for target in r.sample(earlier, min(len(earlier), r.choice([0, 1, 1, 1, 2, 2, 3]))):
            cname = f"{target.singular}_id"
            if any(c.name == cname for c in t.columns):
                continue
            notnull = r.random() < 0.6
            col = Column(cname, "fk", "bigint", notnull=notnull)
            t.columns.append(col)
            t.fks.append((col, target))
            target.children.append((col, t))
            lines.append(f"{cname} bigint{' NOT NULL' if notnull else ''} REFERENCES "
                         f"{target.qname} (id){r.choice(['', ' ON DELETE CASCADE'])}")
        for _ in range(r.randint(4, 12)):
            col, ddl = self.new_column(t, s)
            t.columns.append(col)
            lines.append(ddl)
        nums = [c for c in t.columns if c.kind in ("int", "numeric") and c.sqltype[0] in "in"]
        if len(nums) >= 2 and r.random() < 0.3:
            lines.append(f"line_total numeric GENERATED ALWAYS AS ({nums[0].name} * "
                         f"{nums[1].name}) STORED")
            t.columns.append(Column("line_total", "numeric", "numeric", generated=True))
        lines.append("created_at timestamptz NOT NULL DEFAULT now()")
        t.columns.append(Column("created_at", "timestamptz", "timestamptz", notnull=True,
                                default=True))
        self.tables.append(t)
        body = ",\n    ".join(lines)
        return f"CREATE TABLE {t.qname} (\n    {body}\n);"

    def create_view(self, s: str, child_schemas: list[str] | None = None) -> str | None:
        """A view of schema `s` joining one of its tables with a child table; with
        `child_schemas`, only children in those schemas (ones that exist when it is made)."""
        r = self.rng

        def children(t: Table) -> list[tuple[Column, Table]]:
            if child_schemas is None:
                return t.children
            return [(fk, c) for fk, c in t.children if c.schema in child_schemas]

        cands = [t for t in self.tables if t.schema == s and children(t)]
        if not cands:
            return None
        parent = r.choice(cands)
        fk, child = r.choice(children(parent))
        label = self.label_col(parent)
        name = f"{parent.name}_with_{child.name}_stats"
        self.views.append((s, name, parent, ["id", label.name, "child_count", "last_created_at"]))
        return (f"CREATE VIEW {s}.{name} AS\n  SELECT p.id, p.{label.name}, count(c.id) AS "
                f"child_count, max(c.created_at) AS last_created_at\n  FROM {parent.qname} p "
                f"LEFT JOIN {child.qname} c ON c.{fk.name} = p.id\n  GROUP BY p.id;")

    # ---- query helpers ----------------------------------------------------------

    def label_col(self, t: Table) -> Column:
        cands = t.cols(lambda c: c.kind in ("text", "varchar"))
        return cands[0] if cands else t.col("created_at")

    def pick_cols(self, t: Table, lo=2, hi=6, alias=None) -> list[str]:
        r = self.rng
        others = [c for c in t.columns if c.name != "id"]
        chosen = r.sample(others, min(len(others), r.randint(lo, hi)))
        chosen.sort(key=t.columns.index)
        p = f"{alias}." if alias else ""
        return [f"{p}id"] + [f"{p}{c.name}" for c in chosen]

    def eq_col(self, t: Table, exclude=("id",)) -> Column | None:
        cands = [c for c in t.columns if c.kind in EQ_KINDS and c.name not in exclude]
        return self.rng.choice(cands) if cands else None

    def name(self, verb: str, t: Table) -> str:
        base = f"{verb}{camel(t.name)}"
        self.names[base] += 1
        n = self.names[base]
        return base if n == 1 else f"{base}{n}"

    def literal(self, c: Column) -> str:
        r = self.rng
        if c.kind == "enum":
            return f"'{r.choice(self.enums[c.enum])}'"
        return {"int": "0", "bigint": "0", "numeric": "0", "bool": "true", "text": "'x'",
                "varchar": "'x'", "uuid": "'00000000-0000-0000-0000-000000000000'",
                "date": "CURRENT_DATE", "timestamptz": "now()", "fk": "0",
                "jsonb": "'{}'", "text[]": "'{}'"}[c.kind]

    def child_pair(self):
        """A random (parent, fk column, child) triple."""
        r = self.rng
        child = r.choice([t for t in self.tables if t.fks])
        fk, parent = r.choice(child.fks)
        return parent, fk, child

    # ---- queries ----------------------------------------------------------------

    def q_get(self):
        t = self.rng.choice(self.tables)
        star = self.rng.random() < 0.3
        cols = "*" if star else ", ".join(self.pick_cols(t))
        return self.name("Get", t), "one", f"SELECT {cols}\nFROM {t.qname}\nWHERE id = @id;"

    def q_list(self):
        r = self.rng
        t = r.choice(self.tables)
        c = self.eq_col(t)
        if not c:
            return None
        where = f"{c.name} = @{c.name}"
        times = t.cols(lambda x: x.kind in TIME_KINDS and x.name != "created_at")
        if times and r.random() < 0.5:
            where += f"\n  AND {times[0].name} >= @since"
        return (self.name("List", t), "many",
                f"SELECT {', '.join(self.pick_cols(t))}\nFROM {t.qname}\nWHERE {where}\n"
                f"ORDER BY created_at DESC, id\nLIMIT @page_size OFFSET @page_offset;")

    def q_optional_filters(self):
        r = self.rng
        t = r.choice(self.tables)
        cands = [c for c in t.columns if c.kind in EQ_KINDS and c.name != "id"]
        if not cands:
            return None
        conds = []
        for c in r.sample(cands, min(len(cands), r.randint(1, 3))):
            cast = c.sqltype if c.kind == "enum" else EQ_KINDS[c.kind]
            conds.append(f"(sqlc.narg({c.name})::{cast} IS NULL OR {c.name} = "
                         f"sqlc.narg({c.name}))")
        return (self.name("Search", t), "many",
                f"SELECT {', '.join(self.pick_cols(t))}\nFROM {t.qname}\nWHERE "
                + "\n  AND ".join(conds) + "\nORDER BY id\nLIMIT sqlc.arg(max_rows);")

    def q_join(self, left=False):
        r = self.rng
        parent, fk, child = self.child_pair()
        cols = self.pick_cols(child, 1, 4, "c") + [f"p.{x.split('.')[-1]} AS parent_"
                                                   f"{x.split('.')[-1]}"
                                                   for x in self.pick_cols(parent, 1, 3, "p")[1:]]
        kind = "LEFT JOIN" if left else "JOIN"
        pl = self.label_col(parent)
        if left:
            sel = (f"SELECT p.id, p.{pl.name}, c.id AS {child.singular}_id_value, "
                   f"COALESCE(c.created_at, p.created_at) AS seen_at")
            return (self.name("ListWith", parent), "many",
                    f"{sel}\nFROM {parent.qname} p\n{kind} {child.qname} c ON c.{fk.name} = p.id\n"
                    f"WHERE p.created_at < @before\nORDER BY p.id;")
        c = self.eq_col(parent)
        where = f"p.{c.name} = @parent_{c.name}" if c else "p.id = @parent_id"
        return (self.name("ListJoined", child), "many",
                f"SELECT {', '.join(cols)}\nFROM {child.qname} c\n{kind} {parent.qname} p ON "
                f"p.id = c.{fk.name}\nWHERE {where};")

    def q_three_way(self):
        r = self.rng
        cands = [t for t in self.tables if t.fks and any(p.fks for _, p in t.fks)]
        if not cands:
            return None
        child = r.choice(cands)
        fk, mid = r.choice([(f, p) for f, p in child.fks if p.fks])
        fk2, top = r.choice(mid.fks)
        ml, tl = self.label_col(mid), self.label_col(top)
        return (self.name("ListChain", child), "many",
                f"SELECT c.id, c.created_at, m.{ml.name} AS mid_{ml.name}, t.{tl.name} AS "
                f"top_{tl.name}\nFROM {child.qname} c\nJOIN {mid.qname} m ON m.id = c.{fk.name}\n"
                f"LEFT JOIN {top.qname} t ON t.id = m.{fk2.name}\nWHERE c.id > @after_id\n"
                f"ORDER BY c.id\nLIMIT 100;")

    def q_embed(self):
        parent, fk, child = self.child_pair()
        return (self.name("GetWithParent", child), "one",
                f"SELECT sqlc.embed(c), sqlc.embed(p)\nFROM {child.qname} c\nJOIN {parent.qname} "
                f"p ON p.id = c.{fk.name}\nWHERE c.id = @id;")

    def q_aggregate(self, having=False):
        r = self.rng
        parent, fk, child = self.child_pair()
        nums = child.cols(lambda c: c.kind in NUM_KINDS and c.name != "id")
        aggs = ["count(c.id) AS n", "max(c.created_at) AS latest"]
        if nums:
            n = r.choice(nums)
            aggs += [f"sum(c.{n.name}) AS total_{n.name}", f"avg(c.{n.name}) AS avg_{n.name}",
                     f"COALESCE(sum(c.{n.name}), 0) AS total_{n.name}_or_zero"]
        enums = child.cols(lambda c: c.kind == "enum")
        if enums:
            e = enums[0]
            aggs.append(f"count(*) FILTER (WHERE c.{e.name} = {self.literal(e)}) AS "
                        f"n_{e.name}_picked")
        tail = "\nHAVING count(c.id) >= @min_count" if having else ""
        return (self.name("Stats", parent), "many",
                f"SELECT p.id, {', '.join(aggs)}\nFROM {parent.qname} p\nLEFT JOIN {child.qname} c "
                f"ON c.{fk.name} = p.id\nGROUP BY p.id{tail}\nORDER BY n DESC;")

    def q_group_by_column(self):
        t = self.rng.choice(self.tables)
        g = t.cols(lambda c: c.kind in ("enum", "bool", "varchar"))
        if not g:
            return None
        g = g[0]
        return (self.name("CountBy", t), "many",
                f"SELECT {g.name}, count(*) AS n, min(created_at) AS first_at, "
                f"array_agg(id ORDER BY id) AS ids\nFROM {t.qname}\nWHERE created_at >= now() - "
                f"@period::interval\nGROUP BY {g.name}\nORDER BY n DESC;")

    def q_scalar_subquery(self):
        parent, fk, child = self.child_pair()
        pl = self.label_col(parent)
        return (self.name("ListCounted", parent), "many",
                f"SELECT p.id, p.{pl.name},\n  (SELECT count(*) FROM {child.qname} c WHERE c.{fk.name} "
                f"= p.id) AS child_count,\n  (SELECT max(c.created_at) FROM {child.qname} c WHERE "
                f"c.{fk.name} = p.id) AS last_child_at\nFROM {parent.qname} p\nORDER BY p.id\n"
                f"LIMIT @lim;")

    def q_in_subquery(self):
        parent, fk, child = self.child_pair()
        c = self.eq_col(child, exclude=("id", fk.name))
        cond = f"{c.name} = @{c.name}" if c else "created_at > @since"
        return (self.name("ListReferenced", parent), "many",
                f"SELECT {', '.join(self.pick_cols(parent))}\nFROM {parent.qname}\nWHERE id IN "
                f"(SELECT {fk.name} FROM {child.qname} WHERE {cond});")

    def q_exists(self):
        parent, fk, child = self.child_pair()
        neg = "NOT " if self.rng.random() < 0.4 else ""
        return (self.name("ListHaving" if not neg else "ListWithout", parent), "many",
                f"SELECT p.id, p.created_at\nFROM {parent.qname} p\nWHERE {neg}EXISTS (\n  SELECT 1 "
                f"FROM {child.qname} c WHERE c.{fk.name} = p.id AND c.created_at > @since\n)\n"
                f"ORDER BY p.created_at;")

    def q_cte(self):
        parent, fk, child = self.child_pair()
        pl = self.label_col(parent)
        return (self.name("Recent", child), "many",
                f"WITH recent AS (\n  SELECT {fk.name} AS parent_id, count(*) AS n, max(created_at)"
                f" AS last_at\n  FROM {child.qname}\n  WHERE created_at > now() - @age::interval\n"
                f"  GROUP BY {fk.name}\n)\nSELECT p.id, p.{pl.name}, r.n, r.last_at\nFROM recent r\n"
                f"JOIN {parent.qname} p ON p.id = r.parent_id\nORDER BY r.n DESC;")

    def q_recursive(self):
        t = self.rng.choice(self.tables)
        return (self.name("Calendar", t), "many",
                f"WITH RECURSIVE days (day) AS (\n  SELECT date_trunc('day', @start_at::timestamptz)\n"
                f"  UNION ALL\n  SELECT day + interval '1 day' FROM days WHERE day < @end_at::"
                f"timestamptz\n)\nSELECT d.day, count(t.id) AS n\nFROM days d\nLEFT JOIN {t.qname} t "
                f"ON t.created_at >= d.day AND t.created_at < d.day + interval '1 day'\n"
                f"GROUP BY d.day\nORDER BY d.day;")

    def q_window(self):
        r = self.rng
        child = r.choice([t for t in self.tables if t.fks])
        fk, _ = r.choice(child.fks)
        nums = child.cols(lambda c: c.kind in NUM_KINDS and c.name != "id")
        extra = (f", sum({nums[0].name}) OVER w AS running_{nums[0].name}" if nums else "")
        return (self.name("Ranked", child), "many",
                f"SELECT id, {fk.name}, row_number() OVER w AS rn, lag(created_at) OVER w AS "
                f"prev_at{extra}\nFROM {child.qname}\nWHERE {fk.name} = ANY(@parent_ids::bigint[])\n"
                f"WINDOW w AS (PARTITION BY {fk.name} ORDER BY created_at, id);")

    def q_union(self):
        a, b = self.rng.sample(self.tables, 2)
        return (self.name("Timeline", a), "many",
                f"SELECT id, created_at, '{a.name}' AS source FROM {a.qname} WHERE created_at > "
                f"@since\nUNION ALL\nSELECT id, created_at, '{b.name}' FROM {b.qname} WHERE "
                f"created_at > @since\nORDER BY created_at DESC\nLIMIT 50;")

    def q_distinct_on(self):
        parent, fk, child = self.child_pair()
        return (self.name("LatestPer", child), "many",
                f"SELECT DISTINCT ON (c.{fk.name}) c.{fk.name}, c.id, c.created_at\nFROM "
                f"{child.qname} c\nWHERE c.{fk.name} IS NOT NULL\nORDER BY c.{fk.name}, "
                f"c.created_at DESC;")

    def q_lateral(self):
        parent, fk, child = self.child_pair()
        return (self.name("TopChildren", parent), "many",
                f"SELECT p.id, x.id AS child_id, x.created_at\nFROM {parent.qname} p\nCROSS JOIN "
                f"LATERAL (\n  SELECT c.id, c.created_at FROM {child.qname} c WHERE c.{fk.name} = "
                f"p.id\n  ORDER BY c.created_at DESC LIMIT @per_parent\n) x\nWHERE p.id = "
                f"ANY(sqlc.slice(ids));")

    def q_case(self):
        t = self.rng.choice(self.tables)
        nullable = t.cols(lambda c: not c.notnull and c.kind in ("text", "varchar"))
        enums = t.cols(lambda c: c.kind == "enum")
        sel = ["id"]
        if nullable:
            sel.append(f"COALESCE({nullable[0].name}, '') AS {nullable[0].name}_or_empty")
            sel.append(f"nullif({nullable[0].name}, '') AS {nullable[0].name}_or_null")
        if enums:
            e = enums[0]
            lab = self.enums[e.enum]
            sel.append(f"CASE {e.name} WHEN '{lab[0]}' THEN 'first' WHEN '{lab[1]}' THEN 'second' "
                       f"ELSE 'other' END AS {e.name}_bucket")
        sel.append("CASE WHEN created_at > now() - interval '1 day' THEN true ELSE false END "
                   "AS is_new")
        sel.append("greatest(created_at, @floor::timestamptz) AS clamped_at")
        return (self.name("Describe", t), "many",
                f"SELECT {', '.join(sel)}\nFROM {t.qname}\nORDER BY id;")

    def q_json_array(self):
        r = self.rng
        cands = [t for t in self.tables if t.cols(lambda c: c.kind in ("jsonb", "text[]"))]
        if not cands:
            return None
        t = r.choice(cands)
        sel, where = ["id"], []
        for c in t.cols(lambda c: c.kind in ("jsonb", "text[]")):
            if c.kind == "jsonb":
                sel.append(f"{c.name} ->> 'kind' AS {c.name}_kind")
                sel.append(f"{c.name} -> 'owner' AS {c.name}_owner")
                if not where:
                    where.append(f"{c.name} @> @filter::jsonb")
            else:
                sel.append(f"cardinality({c.name}) AS n_{c.name}")
                sel.append(f"{c.name}[1] AS first_{c.name}")
                if not any("ANY" in w for w in where):
                    where.append(f"@tag::text = ANY({c.name})")
        return (self.name("Find", t), "many",
                f"SELECT {', '.join(sel)}\nFROM {t.qname}\nWHERE {' AND '.join(where)};")

    def q_slice(self):
        t = self.rng.choice(self.tables)
        return (self.name("GetMany", t), "many",
                f"SELECT {', '.join(self.pick_cols(t))}\nFROM {t.qname}\nWHERE id = "
                f"ANY(sqlc.slice(ids))\nORDER BY id;")

    def q_view(self):
        if not self.views:
            return None
        s, name, parent, cols = self.rng.choice(self.views)
        return (self.name("ViewStats", parent), "many",
                f"SELECT {', '.join(cols)}\nFROM {s}.{name}\nWHERE child_count >= @min_children\n"
                f"ORDER BY child_count DESC;")

    def insertable(self, t: Table) -> list[Column]:
        r = self.rng
        req = [c for c in t.columns if c.notnull and not c.default and not c.generated]
        opt = [c for c in t.columns if not c.notnull and not c.generated]
        return req + r.sample(opt, min(len(opt), r.randint(0, 3)))

    def q_insert(self):
        r = self.rng
        t = r.choice(self.tables)
        cols = self.insertable(t)
        if not cols:
            return None
        vals = [f"@{c.name}" if c.notnull else f"sqlc.narg({c.name})" for c in cols]
        ret = r.choice(["*", "id, created_at"])
        return (self.name("Create", t), "one",
                f"INSERT INTO {t.qname} ({', '.join(c.name for c in cols)})\nVALUES "
                f"({', '.join(vals)})\nRETURNING {ret};")

    def q_insert_conflict(self):
        t = self.rng.choice(self.tables)
        cols = self.insertable(t)
        if not cols:
            return None
        vals = ", ".join(f"@{c.name}" for c in cols)
        return (self.name("TryCreate", t), "execrows",
                f"INSERT INTO {t.qname} ({', '.join(c.name for c in cols)})\nVALUES ({vals})\n"
                f"ON CONFLICT DO NOTHING;")

    def q_insert_select(self):
        t = self.rng.choice(self.tables)
        cols = [c for c in t.columns if c.notnull and not c.default and not c.generated]
        if not cols:
            return None
        return (self.name("Copy", t), "execrows",
                f"INSERT INTO {t.qname} ({', '.join(c.name for c in cols)})\nSELECT "
                f"{', '.join(c.name for c in cols)}\nFROM {t.qname}\nWHERE id = ANY(@ids::bigint[]);")

    def q_update(self):
        r = self.rng
        t = r.choice(self.tables)
        cands = [c for c in t.columns if c.name not in ("id", "created_at") and not c.generated]
        if not cands:
            return None
        sets = r.sample(cands, min(len(cands), r.randint(1, 3)))
        assign = ", ".join(f"{c.name} = @{c.name}" if c.notnull else
                           f"{c.name} = sqlc.narg({c.name})" for c in sets)
        cmd, ret = r.choice([("one", "\nRETURNING *"), ("one", "\nRETURNING id, created_at"),
                             ("execrows", ""), ("exec", "")])
        return (self.name("Update", t), cmd,
                f"UPDATE {t.qname}\nSET {assign}\nWHERE id = @id{ret};")

    def q_update_from(self):
        parent, fk, child = self.child_pair()
        cands = [c for c in child.columns if c.kind in ("bool", "timestamptz", "int", "text")
                 and c.name not in ("created_at",) and not c.generated]
        if not cands:
            return None
        c = cands[0]
        pc = self.eq_col(parent)
        cond = f"p.{pc.name} = @parent_{pc.name}" if pc else "p.created_at < @before"
        return (self.name("Touch", child), "many",
                f"UPDATE {child.qname} c\nSET {c.name} = @{c.name}\nFROM {parent.qname} p\nWHERE "
                f"p.id = c.{fk.name} AND {cond}\nRETURNING c.id, c.{c.name};")

    def q_delete(self):
        r = self.rng
        t = r.choice(self.tables)
        if r.random() < 0.5:
            return (self.name("Delete", t), "one",
                    f"DELETE FROM {t.qname}\nWHERE id = @id\nRETURNING id, created_at;")
        return (self.name("Purge", t), "execrows",
                f"DELETE FROM {t.qname}\nWHERE created_at < now() - @retention::interval;")

    def q_delete_using(self):
        parent, fk, child = self.child_pair()
        return (self.name("DeleteUnder", child), "many",
                f"DELETE FROM {child.qname} c\nUSING {parent.qname} p\nWHERE p.id = c.{fk.name} "
                f"AND p.created_at < @before\nRETURNING c.id, c.{fk.name};")

    def q_cte_dml(self):
        t = self.rng.choice(self.tables)
        return (self.name("Archive", t), "many",
                f"WITH gone AS (\n  DELETE FROM {t.qname} WHERE created_at < @before RETURNING id, "
                f"created_at\n)\nSELECT count(*) AS n, min(created_at) AS oldest FROM gone;")

    QUERY_KINDS = {
        "get": (q_get, 8), "list": (q_list, 9), "optional_filters": (q_optional_filters, 5),
        "join": (q_join, 9), "left_join": (lambda g: g.q_join(left=True), 6),
        "three_way_join": (q_three_way, 4), "embed": (q_embed, 3),
        "aggregate": (q_aggregate, 6), "aggregate_having": (lambda g: g.q_aggregate(True), 3),
        "group_by": (q_group_by_column, 3), "scalar_subquery": (q_scalar_subquery, 4),
        "in_subquery": (q_in_subquery, 4), "exists": (q_exists, 4), "cte": (q_cte, 5),
        "recursive_cte": (q_recursive, 1), "window": (q_window, 4), "union": (q_union, 3),
        "distinct_on": (q_distinct_on, 2), "lateral": (q_lateral, 2), "case": (q_case, 3),
        "json_array": (q_json_array, 3), "slice": (q_slice, 3), "view": (q_view, 2),
        "insert": (q_insert, 8), "insert_on_conflict": (q_insert_conflict, 2),
        "insert_select": (q_insert_select, 2), "update": (q_update, 8),
        "update_from": (q_update_from, 3), "delete": (q_delete, 4),
        "delete_using": (q_delete_using, 2), "cte_dml": (q_cte_dml, 1),
    }

    def query(self) -> tuple[str, str, str, str]:
        kinds = list(self.QUERY_KINDS)
        weights = [self.QUERY_KINDS[k][1] for k in kinds]
        while True:
            kind = self.rng.choices(kinds, weights=weights)[0]
            q = self.QUERY_KINDS[kind][0](self)
            if q:
                self.kinds[kind] += 1
                return (kind, *q)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--tables", type=int, default=208)
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20240615)
    ap.add_argument("--stats", help="write a JSON summary here")
    args = ap.parse_args()
    if args.tables < 2 * len(SCHEMAS) or args.tables > len(NOUNS) * len(SCHEMAS):
        ap.error(f"--tables must be between {2 * len(SCHEMAS)} and {len(NOUNS) * len(SCHEMAS)}")

    gen = Gen(args.seed, args.tables)
    parent = os.path.dirname(os.path.abspath(args.out_dir))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".query-corpus-", dir=parent)
    sizes = Counter()
    per_file = 25
    try:
        os.makedirs(os.path.join(tmp, "schema"))
        os.makedirs(os.path.join(tmp, "queries"))
        schema = gen.schema_sql().encode()
        sizes["schema"] = len(schema)
        with open(os.path.join(tmp, "schema", "001_schema.sql"), "wb") as f:
            f.write(schema)
        files = -(-args.queries // per_file)
        for i in range(files):
            n = min(per_file, args.queries - i * per_file)
            blocks = []
            for _ in range(n):
                kind, name, cmd, sql = gen.query()
                blocks.append(f"-- {kind.replace('_', ' ')}\n-- name: {name} :{cmd}\n{sql}\n")
            data = "\n".join(blocks).encode()
            sizes["queries"] += len(data)
            with open(os.path.join(tmp, "queries", f"q{i + 1:03d}.sql"), "wb") as f:
                f.write(data)
        if os.path.exists(args.out_dir):
            shutil.rmtree(args.out_dir)
        os.rename(tmp, args.out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    stats = {
        "seed": args.seed, "schemas": len(SCHEMAS), "tables": len(gen.tables),
        "columns": sum(len(t.columns) for t in gen.tables),
        "foreign_keys": sum(len(t.fks) for t in gen.tables), "views": len(gen.views),
        "enums": len(gen.enums), "domains": len(gen.domains),
        "queries": args.queries, "query_files": files,
        "schema_bytes": sizes["schema"], "query_bytes": sizes["queries"],
        "kinds": dict(sorted(gen.kinds.items())),
    }
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=2)
            f.write("\n")
    print(f"gen_query_corpus: {stats['tables']} tables, {args.queries} queries in {files} files "
          f"-> {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
