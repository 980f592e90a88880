#!/usr/bin/env python3
"""Writes a project holding N copies of a sqlgen project under new names, for the linearity
rows of `scripts/bench.sh analyze`.

    bench/copy_project.py CONFIG N OUT_DIR

CONFIG is a sqlgen.yaml whose modules list their migrations and queries as files or
directories (relative to it). OUT_DIR receives a sqlgen.yaml with N modules per module of
CONFIG: copy 1 is the module as it is; copy k (k >= 2) is module `<name>_c<k>`, whose
migrations start with `CREATE SCHEMA copy_k; SET search_path TO copy_k, public;`, so every
object the copy creates without a schema name lands in `copy_k`, and whose queries resolve
`copy_k` first. The copies' own `CREATE EXTENSION x` become `CREATE EXTENSION IF NOT EXISTS x`
(the first copy installed it). Meant for projects that create their objects without schema
names (the real-world corpus's largest project does); files are copied, never edited in place.
"""

import copy as copy_module
import os
import shutil
import sys

import yaml


def listed(base, entry):
    """The .sql files an entry names (a file, or a directory searched recursively), sorted."""
    path = os.path.normpath(os.path.join(base, entry))
    if os.path.isfile(path):
        return [path]
    out = []
    for root, _dirs, files in os.walk(path):
        out += [os.path.join(root, f) for f in files if f.endswith(".sql")]
    return sorted(out)


def entries(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def copy_files(files, dest, rewrite):
    os.makedirs(dest, exist_ok=True)
    out = []
    for i, src in enumerate(files):
        # The file's own name (a leading number is a migration version), in a folder per file
        # so two files of the same name stay apart.
        os.makedirs(os.path.join(dest, str(i)))
        target = os.path.join(dest, str(i), os.path.basename(src))
        if rewrite:
            text = open(src, encoding="utf-8").read()
            text = text.replace("CREATE EXTENSION IF NOT EXISTS ", "CREATE EXTENSION ")
            text = text.replace("CREATE EXTENSION ", "CREATE EXTENSION IF NOT EXISTS ")
            open(target, "w", encoding="utf-8").write(text)
        else:
            shutil.copyfile(src, target)
        out.append(target)
    return out


def main():
    config_path, n, out_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = os.path.dirname(os.path.abspath(config_path))
    config = yaml.safe_load(open(config_path, encoding="utf-8"))
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    modules = []
    for k in range(1, n + 1):
        for module in config["modules"]:
            copy = {key: copy_module.deepcopy(value) for key, value in module.items()
                    if key not in ("migrations", "queries", "search_path", "schema")}
            suffix = "" if k == 1 else f"_c{k}"
            copy["name"] = module["name"] + suffix
            dest = os.path.join(out_dir, f"copy{k}", module["name"])
            migrations = [f for e in entries(module.get("migrations")) for f in listed(base, e)]
            migrations = copy_files(migrations, os.path.join(dest, "migrations"), k > 1)
            if k > 1:
                prefix = os.path.join(dest, "migrations", "copy_schema.sql")
                with open(prefix, "w", encoding="utf-8") as f:
                    f.write(f"CREATE SCHEMA copy_{k};\nSET search_path TO copy_{k}, public;\n")
                migrations.insert(0, prefix)
            queries = [f for e in entries(module.get("queries")) for f in listed(base, e)]
            queries = copy_files(queries, os.path.join(dest, "queries"), False)
            copy["migrations"] = [os.path.relpath(f, out_dir) for f in migrations]
            copy["queries"] = [os.path.relpath(f, out_dir) for f in queries]
            copy["search_path"] = ["public"] if k == 1 else [f"copy_{k}", "public"]
            modules.append(copy)
    out = {key: value for key, value in config.items() if key != "modules"}
    out["modules"] = modules
    with open(os.path.join(out_dir, "sqlgen.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(out, f, sort_keys=False)


if __name__ == "__main__":
    main()
