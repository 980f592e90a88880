#!/usr/bin/env python3
"""Compares the parameter numbering of the SQL sqlgen sends with the SQL sqlc generated.

Usage: sqlc_param_order.py PROJECT_DIR ANALYZE_JSON [--show N]

PROJECT_DIR holds the project's sqlc-generated Go files (committed next to its queries): each
query is a Go raw-string constant that starts with `-- name: <Name> :<cmd>` and holds the SQL
sqlc sends, its named parameters already numbered. ANALYZE_JSON is `sqlgen analyze` output for
the same queries. For every query both have, the sequence of `$n` in the text is compared (the
numbers, in the order they appear). Queries whose sqlc SQL expands a slice at run time
(`/*SLICE:name*/`) are left out: sqlgen sends one array there. Prints
"<agreeing> <compared>" on stdout and each difference on stderr (the first N with --show).
"""
import json
import os
import re
import sys

QUERY_CONST = re.compile(r"`(-- name: (\w+) :\w+[^`]*)`")
DOLLAR = re.compile(r"\$(\d+)")


def sqlc_queries(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in (".git", "node_modules", "vendor")]
        for f in filenames:
            if not f.endswith(".go"):
                continue
            try:
                text = open(os.path.join(dirpath, f), encoding="utf-8", errors="replace").read()
            except OSError:
                continue
            if "-- name: " not in text:
                continue
            # A backtick inside a raw string is written "` + \"`\" + `" by sqlc.
            text = text.replace('` + "`" + `', "'")
            for m in QUERY_CONST.finditer(text):
                out.setdefault(m.group(2), []).append(m.group(1))
    return out


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    root, analyze_json = sys.argv[1], sys.argv[2]
    show = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--show" else 20
    ours = json.load(open(analyze_json)).get("queries", [])
    theirs = sqlc_queries(root)
    agree = compared = 0
    shown = 0
    for q in ours:
        texts = theirs.get(q["name"])
        # A name with several different generated texts (two packages) is ambiguous: skipped.
        if not texts or len(set(texts)) != 1 or "/*SLICE:" in texts[0]:
            continue
        want = DOLLAR.findall(texts[0])
        got = DOLLAR.findall(q["sql"])
        compared += 1
        if want == got:
            agree += 1
        elif shown < show:
            shown += 1
            print(f"{q['file']}:{q['line']}: {q['name']}: sqlc ${' $'.join(want)}, "
                  f"sqlgen ${' $'.join(got)}", file=sys.stderr)
    print(agree, compared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
