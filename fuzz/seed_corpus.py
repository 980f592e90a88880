#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the repository's own files (run at build time by
fuzz/CMakeLists.txt; nothing of it is committed).

Usage: seed_corpus.py <repo> <out dir>   writes <out dir>/<target>/<sha1> (files over 64 KB are
left out: libFuzzer's -max_len follows the largest seed, and large inputs only slow it down).

- config: the repo's sqlgen.yaml files and the YAML in tests/config/*.cpp string literals
- sqlc_import: the sqlc configs in tests/cli/test_cli_init*.cpp (first byte: 0 YAML, 1 JSON)
- query_file, analyze: every tracked .sql file with a `name:` comment
- migration_file: every tracked .sql file (first byte: 0 NNN_x.sql, 1 .up.sql, 2 .down.sql)
- catalog: every tracked .sql file without a `name:` comment
- template: templates/*.mustache, each alone and with the others as partials p1, p2, ...
"""
import hashlib
import os
import re
import subprocess
import sys

MAX = 64 * 1024


def tracked(repo, *patterns):
    out = subprocess.run(["git", "-C", repo, "ls-files", "-z", "--", *patterns],
                         check=True, capture_output=True).stdout
    return [p for p in out.decode().split("\0") if p]


def read(repo, rel):
    with open(os.path.join(repo, rel), "rb") as f:
        return f.read()


def cpp_strings(text):
    """The C++ string literals of a source file, raw ones included, adjacent ones joined."""
    out = []
    for m in re.finditer(r'R"([^(\s]*)\((.*?)\)\1"', text, re.S):
        out.append(m.group(2))
    plain = re.sub(r'R"([^(\s]*)\((.*?)\)\1"', "", text, flags=re.S)
    for m in re.finditer(r'("(?:[^"\\\n]|\\.)*"\s*)+', plain):
        parts = re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(0))
        joined = "".join(parts)
        try:
            out.append(joined.encode("latin-1", "backslashreplace").decode("unicode_escape"))
        except (UnicodeDecodeError, ValueError):
            pass
    return out


def main():
    repo, out_dir = sys.argv[1], sys.argv[2]
    corpora = {t: set() for t in ("config", "sqlc_import", "query_file", "migration_file",
                                  "catalog", "analyze", "template")}

    for rel in tracked(repo, "*sqlgen.yaml"):
        corpora["config"].add(read(repo, rel))
    for rel in tracked(repo, "tests/config/*.cpp"):
        for s in cpp_strings(read(repo, rel).decode("utf-8", "replace")):
            if "\n" in s and ":" in s:
                corpora["config"].add(s.encode())
    for rel in tracked(repo, "tests/cli/test_cli_init*.cpp"):
        for s in cpp_strings(read(repo, rel).decode("utf-8", "replace")):
            if "version" in s and ("packages" in s or "sql" in s):
                json = s.lstrip().startswith("{")
                corpora["sqlc_import"].add(bytes([1 if json else 0]) + s.encode())

    for rel in tracked(repo, "*.sql"):
        data = read(repo, rel)
        named = re.search(rb"(--|/\*)\s*name:", data) is not None
        if named:
            corpora["query_file"].add(data)
            corpora["analyze"].add(data)
        else:
            corpora["catalog"].add(data)
        kind = 1 if rel.endswith(".up.sql") else 2 if rel.endswith(".down.sql") else 0
        corpora["migration_file"].add(bytes([kind]) + data)

    templates = [read(repo, rel) for rel in tracked(repo, "templates/*.mustache")]
    for i, t in enumerate(templates):
        corpora["template"].add(t)
        corpora["template"].add(b"\0".join([t] + templates[:i] + templates[i + 1:]))

    for target, seeds in corpora.items():
        d = os.path.join(out_dir, target)
        os.makedirs(d, exist_ok=True)
        kept = 0
        for s in seeds:
            if len(s) > MAX:
                continue
            with open(os.path.join(d, hashlib.sha1(s).hexdigest()), "wb") as f:
                f.write(s)
            kept += 1
        print(f"seed corpus {target}: {kept} files")


if __name__ == "__main__":
    main()
