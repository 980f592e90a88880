#!/usr/bin/env python3
"""Generates a sqlgen project for `scripts/bench.sh vet`: one module with N goose migrations
(tables, nullable and defaulted columns, enums with values added in NO TRANSACTION migrations,
PL/pgSQL functions in StatementBegin/End blocks, views with column lists, indexes built
CONCURRENTLY in NO TRANSACTION migrations) and the queries of every table (lookups by key,
lists by owner, counts per owner, INSERT ... RETURNING, UPDATE and DELETE by key). The project
vets clean, so every rule runs over every statement and query without printing a finding.

    bench/gen_vet_corpus.py OUT_DIR [--migrations 600] [--seed 1] [--stats FILE]
"""

import argparse
import json
import os
import random
import shutil


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--migrations", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stats")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    mig_dir = os.path.join(args.out, "migrations")
    q_dir = os.path.join(args.out, "queries")
    os.makedirs(mig_dir)
    os.makedirs(q_dir)
    with open(os.path.join(args.out, "sqlgen.yaml"), "w") as f:
        f.write('version: "1"\nmodules:\n  - name: app\n    migrations: migrations\n'
                "    queries: queries\n")

    tables = []  # (name, [extra columns])
    enums = []  # (name, [labels])
    stats = {"migrations": args.migrations, "seed": args.seed, "tables": 0, "enums": 0,
             "functions": 0, "views": 0, "indexes": 0, "columns_added": 0, "values_added": 0,
             "statements": 0}

    def write(version: int, name: str, up: list, down: list, no_transaction=False) -> None:
        text = "-- +goose NO TRANSACTION\n" if no_transaction else ""
        text += "-- +goose Up\n" + "\n".join(up) + "\n\n-- +goose Down\n" + "\n".join(down) + "\n"
        stats["statements"] += len(up)
        with open(os.path.join(mig_dir, f"{version:04d}_{name}.sql"), "w") as f:
            f.write(text)

    for v in range(1, args.migrations + 1):
        kind = rng.random()
        if not tables or kind < 0.30:
            t = f"item_{len(tables)}"
            cols = []
            status = ""
            if enums and rng.random() < 0.5:
                e = rng.choice(enums)
                status = f", status {e[0]} NOT NULL DEFAULT '{e[1][0]}'"
            up = [f"CREATE TABLE {t} (id bigint PRIMARY KEY, owner_id bigint NOT NULL, "
                  f"name text NOT NULL, note text{status}, "
                  f"created_at timestamptz NOT NULL DEFAULT now());",
                  f"CREATE INDEX {t}_owner ON {t} (owner_id);"]
            tables.append((t, cols))
            stats["tables"] += 1
            write(v, f"create_{t}", up, [f"DROP TABLE {t};"])
        elif kind < 0.45:
            t, cols = rng.choice(tables)
            c = f"extra_{len(cols)}"
            if rng.random() < 0.5:
                up = [f"ALTER TABLE {t} ADD COLUMN {c} integer;"]
            else:
                up = [f"ALTER TABLE {t} ADD COLUMN {c} text NOT NULL DEFAULT 'x';"]
            cols.append(c)
            stats["columns_added"] += 1
            write(v, f"add_{t}_{c}", up, [f"ALTER TABLE {t} DROP COLUMN {c};"])
        elif kind < 0.55:
            e = f"kind_{len(enums)}"
            labels = ["a", "b", "c"]
            enums.append((e, labels))
            stats["enums"] += 1
            write(v, f"create_{e}", [f"CREATE TYPE {e} AS ENUM ('a', 'b', 'c');"],
                  [f"DROP TYPE {e};"])
        elif kind < 0.62 and enums:
            e, labels = rng.choice(enums)
            label = f"v{len(labels)}"
            labels.append(label)
            stats["values_added"] += 1
            write(v, f"add_{e}_{label}", [f"ALTER TYPE {e} ADD VALUE '{label}';"],
                  ["SELECT 1;"], no_transaction=True)
        elif kind < 0.75:
            t, _ = rng.choice(tables)
            f_name = f"touch_{t}_{v}"
            up = ["-- +goose StatementBegin",
                  f"CREATE FUNCTION {f_name}(target bigint) RETURNS void LANGUAGE plpgsql AS $$",
                  "BEGIN",
                  f"  UPDATE {t} SET note = 'touched' WHERE id = target;",
                  "END",
                  "$$;",
                  "-- +goose StatementEnd"]
            stats["functions"] += 1
            stats["statements"] -= len(up) - 1
            write(v, f"function_{f_name}", up, [f"DROP FUNCTION {f_name}(bigint);"])
        elif kind < 0.85:
            t, _ = rng.choice(tables)
            view = f"{t}_names_{v}"
            stats["views"] += 1
            write(v, f"view_{view}",
                  [f"CREATE VIEW {view} AS SELECT id, owner_id, name FROM {t};"],
                  [f"DROP VIEW {view};"])
        else:
            t, _ = rng.choice(tables)
            idx = f"{t}_name_{v}"
            stats["indexes"] += 1
            write(v, f"index_{idx}", [f"CREATE INDEX CONCURRENTLY {idx} ON {t} (name);"],
                  [f"DROP INDEX CONCURRENTLY {idx};"], no_transaction=True)

    queries = 0
    with open(os.path.join(q_dir, "queries.sql"), "w") as f:
        for t, _ in tables:
            camel = "".join(p.capitalize() for p in t.split("_"))
            f.write(f"-- name: Get{camel} :one\nSELECT id, owner_id, name FROM {t} WHERE id = $1;\n\n"
                    f"-- name: List{camel}ByOwner :many\nSELECT id, name FROM {t} "
                    f"WHERE owner_id = $1 ORDER BY id;\n\n"
                    f"-- name: Count{camel}PerOwner :many\nSELECT owner_id, count(*) FROM {t} "
                    f"GROUP BY owner_id;\n\n"
                    f"-- name: Create{camel} :one\nINSERT INTO {t} (id, owner_id, name) "
                    f"VALUES ($1, $2, $3) RETURNING id;\n\n"
                    f"-- name: Rename{camel} :exec\nUPDATE {t} SET name = $2 WHERE id = $1;\n\n"
                    f"-- name: Delete{camel} :exec\nDELETE FROM {t} WHERE id = $1;\n\n")
            queries += 6
    stats["queries"] = queries
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()
