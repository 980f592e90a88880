#!/usr/bin/env python3
"""Writes a deterministic synthetic corpus of goose migrations for benchmarks.

    bench/gen_corpus.py OUT_DIR [--files N] [--seed S] [--stats FILE]

OUT_DIR receives N files 0001_<slug>.sql ... (zero-padded, so lexical order is
numeric order), each with a `-- +goose Up` and a `-- +goose Down` section. The
DDL is spread across ten schemas: CREATE SCHEMA, CREATE TABLE (5-20 columns of
the common types, NOT NULL, DEFAULT, PRIMARY KEY, REFERENCES to earlier tables,
CHECK, identity and stored generated columns), CREATE TYPE ... AS ENUM, ALTER
TYPE ... ADD VALUE, CREATE DOMAIN, ALTER TABLE (ADD COLUMN, ALTER COLUMN TYPE,
SET NOT NULL, SET DEFAULT, RENAME COLUMN, DROP COLUMN), CREATE INDEX, COMMENT
ON, plpgsql CREATE FUNCTION inside StatementBegin/StatementEnd, and the odd
DROP TABLE.

The generator tracks the schema it has built so far, so the Up sections,
applied in order, are valid for PostgreSQL 15 (checked by bench/verify_pg.sh).
The Down sections are plausible reversals; nothing applies them.

The output depends only on --files and --seed (and this file): the same
arguments always give byte-identical files. --stats writes a JSON summary
(files, statements, bytes, statement kinds).
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

SCHEMAS = ["core", "billing", "inventory", "shipping", "crm",
           "analytics", "auth", "sales", "support", "hr"]

# (singular, plural) table nouns; no table name can clash with an enum,
# domain, index or sequence name below.
NOUNS = [
    ("customer", "customers"), ("order", "orders"), ("invoice", "invoices"),
    ("payment", "payments"), ("product", "products"), ("category", "categories"),
    ("supplier", "suppliers"), ("warehouse", "warehouses"), ("shipment", "shipments"),
    ("carrier", "carriers"), ("account", "accounts"), ("member", "members"),
    ("login", "logins"), ("role", "roles"), ("grant", "grants_list"),
    ("ticket", "tickets"), ("message", "messages"), ("employee", "employees"),
    ("department", "departments"), ("event", "events"), ("report", "reports"),
    ("campaign", "campaigns"), ("lead", "leads"), ("contact", "contacts"),
    ("address", "addresses"), ("subscription", "subscriptions"), ("plan", "plans"),
    ("coupon", "coupons"), ("refund", "refunds"), ("review", "reviews"),
    ("vendor", "vendors"), ("stock_item", "stock_items"), ("batch", "batches"),
    ("route", "routes"), ("parcel", "parcels"), ("team", "teams"),
    ("project", "projects"), ("task", "tasks"), ("note", "notes"),
    ("attachment", "attachments"), ("device", "devices"), ("api_key", "api_keys"),
    ("audit_entry", "audit_entries"), ("metric", "metrics"), ("dashboard", "dashboards"),
    ("segment", "segments"), ("opportunity", "opportunities"), ("quote", "quotes"),
    ("contract", "contracts"), ("payslip", "payslips"), ("leave_request", "leave_requests"),
    ("position_role", "position_roles"), ("price_list", "price_lists"),
    ("tax_rate", "tax_rates"), ("ledger_entry", "ledger_entries"), ("store", "stores"),
    ("region", "regions"), ("channel", "channels"), ("webhook", "webhooks"),
    ("feature_flag", "feature_flags"),
]

ENUM_STEMS = ["order", "payment", "ticket", "shipment", "account", "task",
              "lead", "invoice", "contract", "review", "device", "project"]
ENUM_SUFFIXES = ["status", "kind", "level", "state", "priority_level"]
ENUM_LABELS = ["pending", "active", "inactive", "draft", "open", "closed",
               "approved", "rejected", "cancelled", "archived", "low", "medium",
               "high", "urgent", "new", "in_progress", "done", "failed",
               "queued", "shipped", "delivered", "returned", "paid", "overdue",
               "void", "blocked", "trial", "expired", "suspended", "verified"]

# (name, definition) of the domains; each is created at most once per schema.
DOMAINS = [
    ("email_address", "text CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$')"),
    ("money_amount", "numeric(14,2) CHECK (VALUE >= 0)"),
    ("percentage", "numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100)"),
    ("short_code", "varchar(16) CHECK (VALUE ~ '^[A-Z0-9_]+$')"),
    ("non_empty_text", "text CHECK (length(btrim(VALUE)) > 0)"),
    ("quantity_count", "integer DEFAULT 0 CHECK (VALUE >= 0)"),
    ("http_url", "text CHECK (VALUE ~ '^https?://')"),
    ("country_code", "char(2) CHECK (VALUE ~ '^[A-Z]{2}$')"),
    ("phone_number", "varchar(32)"),
    ("positive_int", "integer NOT NULL CHECK (VALUE > 0)"),
]

# Column kind -> candidate names. Kinds map to SQL types in Gen.sql_type.
COLUMN_NAMES = {
    "int": ["quantity", "priority", "sort_order", "attempts", "version_no",
            "retry_count", "level_no", "seats", "duration_days", "rating"],
    "bigint": ["views", "size_bytes", "total_count", "sequence_no", "legacy_ref",
               "clicks", "impressions"],
    "text": ["name", "description", "notes", "title", "summary", "body",
             "street", "label", "reason", "headline"],
    "varchar": ["code", "slug", "sku", "reference_no", "locale", "phone",
                "handle", "city", "postal_code", "currency"],
    "numeric": ["amount", "price", "balance", "weight", "rate", "discount",
                "tax", "unit_cost", "total", "budget"],
    "timestamptz": ["created_at", "updated_at", "deleted_at", "starts_at",
                    "ends_at", "expires_at", "published_at", "processed_at",
                    "last_seen_at", "due_at"],
    "jsonb": ["metadata", "settings", "payload", "attributes", "extra", "config_doc"],
    "uuid": ["external_id", "token", "correlation_id", "request_id", "public_id"],
    "bool": ["is_active", "is_archived", "is_default", "verified", "enabled",
             "is_public", "is_deleted"],
    "text[]": ["tags", "aliases", "keywords", "labels_list", "scopes"],
}
KIND_WEIGHTS = {"int": 10, "bigint": 5, "text": 12, "varchar": 10, "numeric": 9,
                "timestamptz": 12, "jsonb": 5, "uuid": 5, "bool": 7, "text[]": 4,
                "enum": 6, "domain": 5}

# ALTER COLUMN TYPE changes PostgreSQL accepts without USING (assignment casts).
WIDENINGS = {"int": ["bigint", "numeric"], "varchar": ["text", "varchar"],
             "numeric": ["numeric"], "bigint": ["numeric"]}

COMMENT_WORDS = ["primary", "record", "of", "the", "customer's", "latest", "state",
                 "used", "by", "billing", "reports", "and", "the", "nightly", "sync",
                 "kept", "for", "auditing", "see", "docs", "owner", "team", "value",
                 "in", "cents", "UTC", "timestamp", "soft", "delete", "marker"]


def qident(schema: str, name: str) -> str:
    return f"{schema}.{name}"


class Column:
    def __init__(self, name, kind, sqltype, notnull=False, pinned=False):
        self.name = name
        self.kind = kind          # key of COLUMN_NAMES, or "enum"/"domain"/"fk"/"pk"/"generated"
        self.sqltype = sqltype    # as written in DDL
        self.notnull = notnull
        self.pinned = pinned      # part of a key, check, FK or generated expression


class Table:
    def __init__(self, schema, name, singular):
        self.schema = schema
        self.name = name
        self.singular = singular
        self.columns: dict[str, Column] = {}
        self.pk_type = "bigint"
        self.refs: list[tuple[str, str]] = []  # tables this one references
        self.referenced_by = 0                 # live FKs pointing here
        self.indexes: dict[str, set[str]] = {}  # index name -> columns it uses

    @property
    def key(self):
        return (self.schema, self.name)

    @property
    def qname(self):
        return qident(self.schema, self.name)


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.schemas: list[str] = []              # created, in order
        self.tables: dict[tuple[str, str], Table] = {}
        self.enums: dict[tuple[str, str], list[str]] = {}   # labels usable in DDL
        self.enum_all: dict[tuple[str, str], set[str]] = {}  # every label, incl. added
        self.domains: dict[tuple[str, str], str] = {}        # -> base kind
        self.relnames: dict[str, set[str]] = {}   # schema -> names in pg_class
        self.typenames: dict[str, set[str]] = {}  # schema -> names in pg_type
        self.functions: dict[str, set[str]] = {}
        self.name_uses: Counter = Counter()
        self.kinds: Counter = Counter()
        # Statements of the migration being written.
        self.up: list[tuple[str, bool]] = []      # (sql, needs StatementBegin/End)
        self.down: list[str] = []
        self.pending_schema_creates: list[str] = []

    # ---- helpers ------------------------------------------------------------

    def emit(self, kind, up, down=None, block=False):
        self.kinds[kind] += 1
        self.up.append((up, block))
        if down:
            self.down.append(down)

    def pick_schema(self):
        # Schemas come into use gradually; new ones are created on first use.
        if len(self.schemas) < len(SCHEMAS) and (not self.schemas or self.rng.random() < 0.12):
            s = SCHEMAS[len(self.schemas)]
            self.schemas.append(s)
            self.relnames[s] = set()
            self.typenames[s] = set()
            self.functions[s] = set()
            self.emit("create_schema", f"CREATE SCHEMA {s};", f"DROP SCHEMA IF EXISTS {s} CASCADE;")
            return s
        return self.rng.choice(self.schemas)

    def fresh_table_name(self, schema):
        for _ in range(50):
            singular, plural = self.rng.choice(NOUNS)
            n = self.name_uses[(schema, plural)]
            name = plural if n == 0 else f"{plural}_{n + 1}"
            if name not in self.relnames[schema] and name not in self.typenames[schema]:
                self.name_uses[(schema, plural)] += 1
                return singular, name
        raise RuntimeError("no table name")

    def sql_type(self, kind, table_schema):
        r = self.rng
        if kind == "int":
            return r.choice(["integer", "integer", "int", "int4", "smallint"])
        if kind == "bigint":
            return r.choice(["bigint", "bigint", "int8"])
        if kind == "text":
            return "text"
        if kind == "varchar":
            return f"varchar({r.choice([16, 32, 64, 100, 255])})"
        if kind == "numeric":
            p = r.choice([10, 12, 14, 18])
            return f"numeric({p},{r.choice([2, 2, 4])})"
        if kind == "timestamptz":
            return r.choice(["timestamptz", "timestamptz", "timestamp with time zone"])
        if kind == "jsonb":
            return "jsonb"
        if kind == "uuid":
            return "uuid"
        if kind == "bool":
            return r.choice(["boolean", "bool"])
        if kind == "text[]":
            return r.choice(["text[]", "varchar(64)[]"])
        raise ValueError(kind)

    def default_for(self, kind, col: Column, enum_labels=None):
        r = self.rng
        if kind in ("int", "bigint"):
            return str(r.choice([0, 0, 1, 10]))
        if kind == "numeric":
            return r.choice(["0", "0.00", "1.5"])
        if kind == "text":
            return r.choice(["''", "'unknown'", "'n/a'"])
        if kind == "varchar":
            return r.choice(["''", "'EUR'", "'default'"])
        if kind == "timestamptz":
            return r.choice(["now()", "CURRENT_TIMESTAMP", "now()"])
        if kind == "jsonb":
            return "'{}'::jsonb"
        if kind == "uuid":
            return "gen_random_uuid()"
        if kind == "bool":
            return r.choice(["false", "true", "FALSE"])
        if kind == "text[]":
            return r.choice(["'{}'", "ARRAY[]::text[]"]) if col.sqltype == "text[]" else "'{}'"
        if kind == "enum" and enum_labels:
            return f"'{enum_labels[0]}'"
        return None

    def unique_col_name(self, table: Table, base: str):
        if base not in table.columns:
            return base
        for i in range(2, 100):
            if f"{base}_{i}" not in table.columns:
                return f"{base}_{i}"
        raise RuntimeError("no column name")

    def new_plain_column(self, table: Table, allow_check=True) -> tuple[Column, str]:
        """A regular column for `table`: its Column and its DDL text."""
        r = self.rng
        kinds = list(KIND_WEIGHTS)
        while True:
            kind = r.choices(kinds, weights=[KIND_WEIGHTS[k] for k in kinds])[0]
            if kind == "enum" and not self.enums:
                continue
            if kind == "domain" and not self.domains:
                continue
            break
        labels = None
        if kind == "enum":
            (es, en) = r.choice(list(self.enums))
            labels = self.enums[(es, en)]
            base = en.rsplit("_", 1)[-1] if r.random() < 0.6 else en
            sqltype = qident(es, en)
        elif kind == "domain":
            (ds, dn) = r.choice(list(self.domains))
            base = dn
            sqltype = qident(ds, dn)
        else:
            base = r.choice(COLUMN_NAMES[kind])
            sqltype = self.sql_type(kind, table.schema)
        name = self.unique_col_name(table, base)
        col = Column(name, kind, sqltype)
        parts = [name, sqltype]
        if kind == "domain":
            # Domains bring their own constraints; the column is left alone.
            col.pinned = True
            return col, " ".join(parts)
        if r.random() < 0.35:
            d = self.default_for(kind, col, labels)
            if d is not None:
                if r.random() < 0.7:
                    parts.append("NOT NULL")
                    col.notnull = True
                parts.append(f"DEFAULT {d}")
        elif r.random() < 0.25:
            parts.append("NOT NULL")
            col.notnull = True
        if allow_check and r.random() < 0.12:
            if kind in ("int", "bigint", "numeric"):
                parts.append(f"CHECK ({name} >= 0)")
                col.pinned = True
            elif kind in ("text", "varchar"):
                parts.append(f"CHECK (char_length({name}) <= {r.choice([200, 500, 2000])})")
                col.pinned = True
        elif kind in ("uuid", "varchar") and r.random() < 0.08:
            parts.append("UNIQUE")
        return col, " ".join(parts)

    def fk_column(self, table: Table, target: Table, nullable_ok=True) -> tuple[Column, str]:
        r = self.rng
        name = self.unique_col_name(table, f"{target.singular}_id")
        col = Column(name, "fk", target.pk_type, pinned=True)
        parts = [name, target.pk_type]
        if not nullable_ok or r.random() < 0.6:
            parts.append("NOT NULL")
            col.notnull = True
            action = r.choice(["", " ON DELETE CASCADE", " ON DELETE RESTRICT", ""])
        else:
            action = r.choice(["", " ON DELETE SET NULL"])
        parts.append(f"REFERENCES {target.qname} (id){action}")
        table.refs.append(target.key)
        target.referenced_by += 1
        return col, " ".join(parts)

    def comment_text(self):
        n = self.rng.randint(3, 12)
        words = [self.rng.choice(COMMENT_WORDS) for _ in range(n)]
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def pick_table(self, pred=None):
        cands = [t for t in self.tables.values() if pred is None or pred(t)]
        if not cands:
            return None
        return self.rng.choice(cands)

    def free_columns(self, table: Table, pred=None):
        return [c for c in table.columns.values() if not c.pinned and (pred is None or pred(c))]

    def drop_indexes_using(self, table: Table, col: str):
        for ix in [ix for ix, cols in table.indexes.items() if col in cols]:
            del table.indexes[ix]
            self.relnames[table.schema].discard(ix)

    # ---- statements ---------------------------------------------------------

    def create_enum(self):
        s = self.pick_schema()
        for _ in range(20):
            name = f"{self.rng.choice(ENUM_STEMS)}_{self.rng.choice(ENUM_SUFFIXES)}"
            if name not in self.typenames[s]:
                break
        else:
            return None
        labels = self.rng.sample(ENUM_LABELS, self.rng.randint(3, 7))
        self.typenames[s].add(name)
        self.enums[(s, name)] = labels
        self.enum_all[(s, name)] = set(labels)
        vals = ", ".join(f"'{v}'" for v in labels)
        self.emit("create_enum", f"CREATE TYPE {qident(s, name)} AS ENUM ({vals});",
                  f"DROP TYPE IF EXISTS {qident(s, name)};")
        return f"create_{name}"

    def alter_enum(self):
        if not self.enums:
            return None
        key = self.rng.choice(list(self.enums))
        have = self.enum_all[key]
        free = [v for v in ENUM_LABELS if v not in have]
        if not free:
            return None
        v = self.rng.choice(free)
        have.add(v)  # not added to self.enums: a new label cannot be used in the same transaction
        where = ""
        x = self.rng.random()
        if x < 0.25:
            where = f" BEFORE '{self.rng.choice(self.enums[key])}'"
        elif x < 0.5:
            where = f" AFTER '{self.rng.choice(self.enums[key])}'"
        ine = " IF NOT EXISTS" if self.rng.random() < 0.3 else ""
        self.emit("alter_enum_add_value",
                  f"ALTER TYPE {qident(*key)} ADD VALUE{ine} '{v}'{where};")
        return f"add_{key[1]}_{v}"

    def create_domain(self):
        s = self.pick_schema()
        free = [d for d in DOMAINS if d[0] not in self.typenames[s]]
        if not free:
            return None
        name, definition = self.rng.choice(free)
        self.typenames[s].add(name)
        self.domains[(s, name)] = definition.split()[0]
        self.emit("create_domain", f"CREATE DOMAIN {qident(s, name)} AS {definition};",
                  f"DROP DOMAIN IF EXISTS {qident(s, name)};")
        return f"create_domain_{name}"

    def create_table(self):
        r = self.rng
        s = self.pick_schema()
        singular, name = self.fresh_table_name(s)
        t = Table(s, name, singular)
        lines = []
        # Primary key.
        pk_style = r.choices(["identity_always", "identity_default", "bigserial",
                              "int_identity", "uuid", "table_pk"],
                             weights=[30, 15, 20, 8, 12, 10])[0]
        if pk_style == "identity_always":
            lines.append("id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
        elif pk_style == "identity_default":
            lines.append("id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 1000) PRIMARY KEY")
        elif pk_style == "bigserial":
            lines.append("id bigserial PRIMARY KEY")
        elif pk_style == "int_identity":
            lines.append("id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
            t.pk_type = "integer"
        elif pk_style == "uuid":
            lines.append("id uuid PRIMARY KEY DEFAULT gen_random_uuid()")
            t.pk_type = "uuid"
        else:
            lines.append("id bigint NOT NULL")
        t.columns["id"] = Column("id", "pk", t.pk_type, notnull=True, pinned=True)
        target_cols = r.randint(5, 20)
        # Foreign keys to earlier tables.
        n_fk = min(len(self.tables), r.choice([0, 0, 1, 1, 1, 2, 2, 3]))
        for target in r.sample(list(self.tables.values()), n_fk):
            col, ddl = self.fk_column(t, target)
            t.columns[col.name] = col
            lines.append(ddl)
        while len(t.columns) < target_cols:
            col, ddl = self.new_plain_column(t)
            t.columns[col.name] = col
            lines.append(ddl)
        constraints = []
        if pk_style == "table_pk":
            constraints.append(r.choice(["PRIMARY KEY (id)", f"CONSTRAINT {name}_pk PRIMARY KEY (id)"]))
        # A stored generated column over two numeric columns.
        nums = [c for c in t.columns.values() if c.kind in ("int", "numeric") and not c.pinned]
        if len(nums) >= 2 and r.random() < 0.3:
            a, b = nums[0], nums[1]
            gname = self.unique_col_name(t, "computed_total")
            lines.append(f"{gname} numeric GENERATED ALWAYS AS ({a.name} * {b.name}) STORED")
            t.columns[gname] = Column(gname, "generated", "numeric", pinned=True)
            a.pinned = b.pinned = True
        # Table-level CHECK / UNIQUE.
        if "starts_at" in t.columns and "ends_at" in t.columns and r.random() < 0.7:
            constraints.append(f"CONSTRAINT {name}_period_chk CHECK (ends_at > starts_at)")
            t.columns["starts_at"].pinned = t.columns["ends_at"].pinned = True
        fks = [c for c in t.columns.values() if c.kind == "fk"]
        codes = [c for c in t.columns.values() if c.kind == "varchar" and not c.pinned]
        if fks and codes and r.random() < 0.3:
            constraints.append(f"UNIQUE ({fks[0].name}, {codes[0].name})")
            codes[0].pinned = True
        body = ",\n    ".join(lines + constraints)
        ine = "IF NOT EXISTS " if r.random() < 0.1 else ""
        self.emit("create_table", f"CREATE TABLE {ine}{t.qname} (\n    {body}\n);",
                  f"DROP TABLE IF EXISTS {t.qname};")
        self.tables[t.key] = t
        self.relnames[s].add(name)
        self.typenames[s].add(name)
        # Follow-ups that usually come with a new table.
        if r.random() < 0.5:
            self.create_index(t)
        if r.random() < 0.3:
            self.comment_on(t)
        return f"create_{s}_{name}"

    def add_column(self, t=None):
        r = self.rng
        t = t or self.pick_table()
        if t is None:
            return None
        actions, downs = [], []
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            if self.tables and r.random() < 0.15:
                target = self.pick_table(lambda x: x is not t)
                if target is None:
                    continue
                col, ddl = self.fk_column(t, target, nullable_ok=True)
            else:
                col, ddl = self.new_plain_column(t)
            t.columns[col.name] = col
            ine = "IF NOT EXISTS " if r.random() < 0.2 else ""
            actions.append(f"ADD COLUMN {ine}{ddl}" if r.random() < 0.85 else f"ADD {ddl}")
            downs.append(f"DROP COLUMN IF EXISTS {col.name}")
        if not actions:
            return None
        self.emit("alter_table_add_column",
                  f"ALTER TABLE {t.qname}\n    " + ",\n    ".join(actions) + ";",
                  f"ALTER TABLE {t.qname} " + ", ".join(reversed(downs)) + ";")
        return f"add_columns_to_{t.name}"

    def alter_column_type(self):
        r = self.rng
        t = self.pick_table(lambda x: self.free_columns(x, lambda c: c.kind in WIDENINGS))
        if t is None:
            return None
        c = r.choice(self.free_columns(t, lambda c: c.kind in WIDENINGS))
        to = r.choice(WIDENINGS[c.kind])
        if to == "bigint":
            new = "bigint"
        elif to == "text":
            new = "text"
        elif to == "varchar":
            n = int(c.sqltype[c.sqltype.index("(") + 1:-1]) if "(" in c.sqltype else 64
            new = f"varchar({n * 2})"
        else:  # numeric
            if c.sqltype.startswith("numeric("):
                p, s_ = c.sqltype[8:-1].split(",")
                new = f"numeric({int(p) + 4},{s_})"
            else:
                new = "numeric(20,2)"
        old = c.sqltype
        using = f" USING {c.name}::{new}" if r.random() < 0.3 else ""
        verb = r.choice(["TYPE", "SET DATA TYPE"])
        self.emit("alter_column_type",
                  f"ALTER TABLE {t.qname} ALTER COLUMN {c.name} {verb} {new}{using};",
                  f"ALTER TABLE {t.qname} ALTER COLUMN {c.name} TYPE {old};")
        c.sqltype = new
        c.kind = "bigint" if new == "bigint" else ("text" if new == "text" else
                                                   ("varchar" if new.startswith("varchar") else "numeric"))
        return f"widen_{t.name}_{c.name}"

    def set_not_null(self):
        t = self.pick_table(lambda x: self.free_columns(x, lambda c: not c.notnull))
        if t is None:
            return None
        c = self.rng.choice(self.free_columns(t, lambda c: not c.notnull))
        stmts = [f"ALTER COLUMN {c.name} SET NOT NULL"]
        downs = [f"ALTER COLUMN {c.name} DROP NOT NULL"]
        d = self.default_for(c.kind, c)
        if d is not None and self.rng.random() < 0.4:
            stmts.insert(0, f"ALTER COLUMN {c.name} SET DEFAULT {d}")
            downs.append(f"ALTER COLUMN {c.name} DROP DEFAULT")
        c.notnull = True
        self.emit("alter_column_set_not_null",
                  f"ALTER TABLE {t.qname} " + ", ".join(stmts) + ";",
                  f"ALTER TABLE {t.qname} " + ", ".join(downs) + ";")
        return f"require_{t.name}_{c.name}"

    def rename_column(self):
        t = self.pick_table(lambda x: self.free_columns(x))
        if t is None:
            return None
        c = self.rng.choice(self.free_columns(t))
        base = c.name.split("_renamed")[0]
        new = self.unique_col_name(t, f"{base}_renamed" if self.rng.random() < 0.3
                                   else self.rng.choice(["legacy_", "old_", "primary_"]) + base)
        if len(new) > 60:
            return None
        old = c.name
        cols = {}
        for k, v in t.columns.items():  # keep column order
            cols[new if k == old else k] = v
        t.columns = cols
        c.name = new
        for ixcols in t.indexes.values():
            if old in ixcols:
                ixcols.discard(old)
                ixcols.add(new)
        kw = "COLUMN " if self.rng.random() < 0.8 else ""
        self.emit("alter_table_rename_column",
                  f"ALTER TABLE {t.qname} RENAME {kw}{old} TO {new};",
                  f"ALTER TABLE {t.qname} RENAME COLUMN {new} TO {old};")
        return f"rename_{t.name}_{old}"

    def drop_column(self):
        t = self.pick_table(lambda x: len(x.columns) > 4 and self.free_columns(x))
        if t is None:
            return None
        c = self.rng.choice(self.free_columns(t))
        del t.columns[c.name]
        self.drop_indexes_using(t, c.name)
        ie = "IF EXISTS " if self.rng.random() < 0.3 else ""
        self.emit("alter_table_drop_column",
                  f"ALTER TABLE {t.qname} DROP COLUMN {ie}{c.name};",
                  f"ALTER TABLE {t.qname} ADD COLUMN IF NOT EXISTS {c.name} {c.sqltype};")
        return f"drop_{t.name}_{c.name}"

    def create_index(self, t=None):
        r = self.rng
        t = t or self.pick_table()
        if t is None:
            return None
        cols = [c for c in t.columns.values() if c.kind not in ("bool",)]
        if not cols:
            return None
        c = r.choice(cols)
        used = {c.name}
        method = ""
        unique = ""
        if c.kind in ("jsonb", "text[]"):
            method = " USING gin"
            expr = c.name
        elif c.kind in ("text", "varchar") and r.random() < 0.2:
            expr = f"lower({c.name})"
        else:
            expr = c.name
            others = [o for o in cols if o is not c and o.kind not in ("jsonb", "text[]")]
            if others and r.random() < 0.35:
                o = r.choice(others)
                expr += f", {o.name}" + (" DESC" if o.kind == "timestamptz" and r.random() < 0.5 else "")
                used.add(o.name)
            if c.kind in ("uuid", "varchar") and len(used) == 1 and r.random() < 0.3:
                unique = "UNIQUE "
        where = ""
        if "deleted_at" in t.columns and r.random() < 0.4 and not method:
            where = " WHERE deleted_at IS NULL"
            used.add("deleted_at")
        base = f"ix_{t.name}_{'_'.join(sorted(used))}"[:55]
        name = base
        i = 2
        while name in self.relnames[t.schema]:
            name = f"{base}_{i}"
            i += 1
        self.relnames[t.schema].add(name)
        t.indexes[name] = set(used)
        ine = "IF NOT EXISTS " if r.random() < 0.15 else ""
        conc = ""
        self.emit("create_index",
                  f"CREATE {unique}INDEX {conc}{ine}{name} ON {t.qname}{method} ({expr}){where};",
                  f"DROP INDEX IF EXISTS {qident(t.schema, name)};")
        return f"index_{t.name}"

    def comment_on(self, t=None):
        r = self.rng
        x = r.random()
        text = self.comment_text().replace("'", "''")
        if t is None and x < 0.1 and self.enums:
            key = r.choice(list(self.enums))
            self.emit("comment_on", f"COMMENT ON TYPE {qident(*key)} IS '{text}';",
                      f"COMMENT ON TYPE {qident(*key)} IS NULL;")
            return f"comment_{key[1]}"
        if t is None and x < 0.15 and self.schemas:
            s = r.choice(self.schemas)
            self.emit("comment_on", f"COMMENT ON SCHEMA {s} IS '{text}';",
                      f"COMMENT ON SCHEMA {s} IS NULL;")
            return f"comment_schema_{s}"
        t = t or self.pick_table()
        if t is None:
            return None
        if r.random() < 0.4:
            self.emit("comment_on", f"COMMENT ON TABLE {t.qname} IS '{text}';",
                      f"COMMENT ON TABLE {t.qname} IS NULL;")
        else:
            c = r.choice(list(t.columns.values()))
            self.emit("comment_on", f"COMMENT ON COLUMN {t.qname}.{c.name} IS '{text}';",
                      f"COMMENT ON COLUMN {t.qname}.{c.name} IS NULL;")
        return f"comment_{t.name}"

    def create_function(self):
        r = self.rng
        t = self.pick_table()
        if t is None:
            return None
        s = t.schema
        style = r.choice(["count", "touch", "normalize", "table", "void", "lookup"])
        stem = {"count": f"count_{t.name}", "touch": f"touch_{t.name}",
                "normalize": "normalize_code", "table": f"list_{t.name}",
                "void": f"purge_{t.name}", "lookup": f"{t.singular}_exists"}[style]
        name = stem
        i = 2
        while name in self.functions[s]:
            name = f"{stem}_v{i}"
            i += 1
        self.functions[s].add(name)
        fq = qident(s, name)
        cr = "CREATE OR REPLACE FUNCTION" if r.random() < 0.5 else "CREATE FUNCTION"
        if style == "count":
            args = "p_since timestamptz DEFAULT NULL"
            argtypes = "timestamptz"
            body = f"""{cr} {fq}({args})
RETURNS bigint
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    n bigint;
BEGIN
    IF p_since IS NULL THEN
        SELECT count(*) INTO n FROM {t.qname};
    ELSE
        SELECT count(*) INTO n FROM {t.qname} t WHERE t.id IS NOT NULL;
    END IF;
    RETURN coalesce(n, 0);
END;
$$;"""
        elif style == "touch":
            argtypes = ""
            body = f"""{cr} {fq}()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    -- keep the row's modification time current
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;"""
        elif style == "normalize":
            argtypes = "text"
            body = f"""{cr} {fq}(p_code text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE STRICT
AS $fn$
DECLARE
    v text := upper(btrim(p_code));
BEGIN
    IF v = '' THEN
        RAISE EXCEPTION 'empty code: %', p_code USING ERRCODE = '22023';
    END IF;
    v := regexp_replace(v, '[^A-Z0-9]+', '_', 'g');
    RETURN v;
END;
$fn$;"""
        elif style == "table":
            argtypes = "integer"
            body = f"""{cr} {fq}(p_limit integer DEFAULT 100)
RETURNS TABLE (row_id {t.pk_type}, row_label text)
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    RETURN QUERY
        SELECT t.id, t.id::text
        FROM {t.qname} AS t
        ORDER BY t.id
        LIMIT p_limit;
END;
$$;"""
        elif style == "void":
            argtypes = "integer"
            body = f"""{cr} {fq}(p_batch integer)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    removed integer := 0;
BEGIN
    LOOP
        DELETE FROM {t.qname} WHERE id IN (SELECT id FROM {t.qname} LIMIT p_batch);
        GET DIAGNOSTICS removed = ROW_COUNT;
        EXIT WHEN removed = 0;
        RAISE NOTICE 'removed % rows', removed;
    END LOOP;
END;
$$;"""
        else:  # lookup
            argtypes = t.pk_type
            body = f"""{cr} {fq}(p_id {t.pk_type})
RETURNS boolean
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM {t.qname} WHERE id = p_id);
END;
$$;"""
        self.emit("create_function", body, f"DROP FUNCTION IF EXISTS {fq}({argtypes});", block=True)
        return f"create_function_{name}"

    def drop_table(self):
        t = self.pick_table(lambda x: x.referenced_by == 0 and len(self.tables) > 20)
        if t is None:
            return None
        for ref in t.refs:
            if ref in self.tables:
                self.tables[ref].referenced_by -= 1
        del self.tables[t.key]
        self.relnames[t.schema].discard(t.name)
        self.typenames[t.schema].discard(t.name)
        for ix in t.indexes:
            self.relnames[t.schema].discard(ix)
        ie = "IF EXISTS " if self.rng.random() < 0.5 else ""
        self.emit("drop_table", f"DROP TABLE {ie}{t.qname};")
        return f"drop_{t.schema}_{t.name}"

    # ---- files --------------------------------------------------------------

    ACTIONS = [
        ("create_table", 24), ("create_index", 12), ("add_column", 12),
        ("alter_column_type", 5), ("set_not_null", 5), ("rename_column", 5),
        ("drop_column", 4), ("comment_on", 8), ("create_enum", 4),
        ("alter_enum", 3), ("create_domain", 2), ("create_function", 7),
        ("drop_table", 1.5),
    ]

    def action(self, first: bool):
        names = [a for a, _ in self.ACTIONS]
        weights = [w for _, w in self.ACTIONS]
        if len(self.tables) < 12:  # build up a base of tables first
            weights[0] *= 4
        for _ in range(30):
            name = self.rng.choices(names, weights=weights)[0]
            slug = getattr(self, name)()
            if slug:
                return slug
        return self.create_table()

    def migration(self) -> tuple[str, str]:
        self.up, self.down = [], []
        slug = self.action(True)
        for _ in range(self.rng.choice([0, 0, 1, 1, 2, 3, 4])):
            self.action(False)
        out = ["-- +goose Up"]
        for sql, block in self.up:
            if block:
                out += ["-- +goose StatementBegin", sql, "-- +goose StatementEnd"]
            else:
                out.append(sql)
        out += ["", "-- +goose Down"]
        if not self.down:
            out.append("-- irreversible: enum labels and dropped tables are not restored")
        for sql in reversed(self.down):
            if "\n" in sql:
                out += ["-- +goose StatementBegin", sql, "-- +goose StatementEnd"]
            else:
                out.append(sql)
        return slug[:60], "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--files", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--stats", help="write a JSON summary here")
    args = ap.parse_args()

    gen = Gen(args.seed)
    width = max(4, len(str(args.files)))
    parent = os.path.dirname(os.path.abspath(args.out_dir))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".corpus-", dir=parent)
    total_bytes = 0
    up_stmts = down_stmts = 0
    try:
        for i in range(1, args.files + 1):
            slug, text = gen.migration()
            up_stmts += len(gen.up)
            down_stmts += len(gen.down)
            data = text.encode()
            total_bytes += len(data)
            with open(os.path.join(tmp, f"{i:0{width}d}_{slug}.sql"), "wb") as f:
                f.write(data)
        if os.path.exists(args.out_dir):
            shutil.rmtree(args.out_dir)
        os.rename(tmp, args.out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    stats = {
        "files": args.files, "seed": args.seed, "bytes": total_bytes,
        "up_statements": up_stmts, "down_statements": down_stmts,
        "schemas": len(gen.schemas), "tables_at_end": len(gen.tables),
        "kinds": dict(sorted(gen.kinds.items())),
    }
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=2)
            f.write("\n")
    print(f"gen_corpus: {args.files} files, {up_stmts} Up + {down_stmts} Down statements, "
          f"{total_bytes} bytes -> {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
