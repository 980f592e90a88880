#!/usr/bin/env python3
"""Concatenates the example app's Up sections into one SQL script for psql.

    bench/goose_up.py [CONFIG] [--out FILE] [--stats FILE]

Reads the modules of CONFIG (default sqlgen.yaml; paths in it are relative to
its directory) in order; module i (0-based) owns versions (i+1)*1000+N for its
migration files N_*.sql. Writes, in namespaced version order, the `-- +goose
Up` part of every migration (up to `-- +goose Down`, goose annotations
dropped), each followed by its fixture, <migrations>/fixtures/<version>.sql
(namespaced, e.g. 5001.sql, or module-local, e.g. 1.sql), when there is one.
Nothing wraps the result in BEGIN/COMMIT: run it with
`psql -v ON_ERROR_STOP=1 --single-transaction -f FILE`, which is what the hand
pipeline of the "Schema dump" benchmark does. Migrations marked
`-- +goose NO TRANSACTION` cannot run that way and are refused.

--stats writes a JSON summary: the migrations' and fixtures' versions, in
the order they were written.

This is the script a user would otherwise write by hand; it runs once, before
anything is timed.
"""

import argparse
import json
import os
import re
import sys

NAMESPACE_WIDTH = 1000
ANNOTATION = re.compile(r"^\s*--\s*\+goose\s+(.*)$", re.IGNORECASE)


def read_modules(config_path):
    """[(name, migrations_dir)] in config order."""
    text = open(config_path).read()
    try:
        import yaml
        modules = [(m["name"], m["migrations"]) for m in yaml.safe_load(text)["modules"]]
    except ImportError:  # the config is simple enough for a line scan
        modules, name = [], None
        for line in text.splitlines():
            m = re.match(r"^\s*-?\s*(name|migrations):\s*(\S+)\s*$", line)
            if m and m.group(1) == "name":
                name = m.group(2).strip("'\"")
            elif m and name is not None:
                modules.append((name, m.group(2).strip("'\"")))
                name = None
    base = os.path.dirname(os.path.abspath(config_path))
    return [(n, os.path.join(base, d)) for n, d in modules]


def up_section(path):
    out, state = [], None
    for line in open(path).read().splitlines():
        m = ANNOTATION.match(line)
        if m:
            words = m.group(1).lower().split()
            if words[:1] == ["up"]:
                state = "up"
            elif words[:1] == ["down"]:
                state = "down"
            elif words[:2] == ["no", "transaction"]:
                sys.exit(f"goose_up: {path} is NO TRANSACTION; it cannot run in one transaction")
            continue  # StatementBegin/StatementEnd: psql splits on its own
        if state == "up":
            out.append(line)
    if state is None:
        sys.exit(f"goose_up: {path} has no `-- +goose Up` section")
    return "\n".join(out).strip("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config", nargs="?", default="sqlgen.yaml")
    ap.add_argument("--out", help="output file (default stdout)")
    ap.add_argument("--stats", help="write a JSON summary here")
    args = ap.parse_args()

    parts, migrations, fixtures = [], [], []
    for i, (module, mdir) in enumerate(read_modules(args.config)):
        first = (i + 1) * NAMESPACE_WIDTH
        files = []
        for name in os.listdir(mdir):
            m = re.match(r"^(\d+)_.*\.sql$", name)
            if m:
                files.append((first + int(m.group(1)), os.path.join(mdir, name)))
        for version, path in sorted(files):
            parts.append(f"-- {module} {version}: {os.path.relpath(path)}\n{up_section(path)}\n")
            migrations.append(version)
            for fx in (version, version - first):
                fpath = os.path.join(mdir, "fixtures", f"{fx}.sql")
                if os.path.isfile(fpath):
                    body = open(fpath).read().strip("\n")
                    parts.append(f"-- fixture {version}: {os.path.relpath(fpath)}\n{body}\n")
                    fixtures.append(version)
                    break
    sql = "\n".join(parts)
    if args.out:
        with open(args.out, "w") as f:
            f.write(sql)
    else:
        sys.stdout.write(sql)
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump({"migrations": migrations, "fixtures": fixtures}, f)
            f.write("\n")
    n, nf = len(migrations), len(fixtures)
    print(f"goose_up: {n} migrations, {nf} fixture{'' if nf == 1 else 's'}"
          + (f" -> {args.out}" if args.out else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
