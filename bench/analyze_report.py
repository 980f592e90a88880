#!/usr/bin/env python3
"""The tables of `scripts/bench.sh analyze` (BENCHMARKS.md, "Query analysis").

    bench/analyze_report.py --files CONFIG
        prints the migration and query files CONFIG (a sqlgen.yaml) lists, space-separated,
        in the order sqlgen reads them (a directory: its *.sql files, recursively, sorted)
    bench/analyze_report.py DIR REPO PROJECT...
        prints the Markdown for the projects measured under DIR (synthetic, realworld);
        REPO names the real-world project
"""

import json
import os
import sys

import yaml

TITLES = {"synthetic": "Synthetic corpus", "realworld": "Real-world project"}


def listed_files(config):
    base = os.path.dirname(os.path.abspath(config))
    out = []
    for module in yaml.safe_load(open(config, encoding="utf-8"))["modules"]:
        for key in ("migrations", "queries"):
            value = module.get(key) or []
            for entry in [value] if isinstance(value, str) else value:
                path = os.path.normpath(os.path.join(base, entry))
                if os.path.isdir(path):
                    out += sorted(os.path.join(root, f) for root, _, files in os.walk(path)
                                  for f in files if f.endswith(".sql"))
                else:
                    out.append(path)
    return out


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def read(path, default=""):
    try:
        return open(path, encoding="utf-8").read().strip()
    except OSError:
        return default


def diag_counts(stderr_text):
    errors = sum(1 for line in stderr_text.splitlines() if ": error: " in line)
    warnings = sum(1 for line in stderr_text.splitlines() if ": warning: " in line)
    return errors, warnings


def facts(d, p, n):
    prefix = os.path.join(d, f"{p}_x{n}")
    files = read(prefix + ".files").split()
    size = sum(os.path.getsize(f) for f in files)
    out = {"files": len(files), "bytes": size, "floor": read(prefix + ".floor.txt"),
           "rss": {}, "rc": {}, "diags": {}}
    for c in ("analyze", "generate", "schema", "vet"):
        out["rc"][c] = read(f"{prefix}.{c}.rc", "?")
        rss = read(f"{prefix}.{c}.rss", "0").splitlines()
        out["rss"][c] = int(rss[-1]) if rss and rss[-1].isdigit() else 0
        out["diags"][c] = diag_counts(read(f"{prefix}.{c}.stderr"))
    try:
        analysis = json.load(open(prefix + ".analyze.stdout", encoding="utf-8"))
        out["queries"] = len(analysis["queries"])
        out["ok"] = sum(1 for q in analysis["queries"] if q.get("ok", True))
    except (OSError, ValueError, KeyError):
        out["queries"] = out["ok"] = 0
    return out


def project(d, p, repo):
    res = json.load(open(os.path.join(d, f"{p}.json"), encoding="utf-8"))
    r = res["results"]
    lin = json.load(open(os.path.join(d, f"{p}_linear.json"), encoding="utf-8"))["results"]
    f1, f4 = facts(d, p, 1), facts(d, p, 4)
    floor, floor_json = r["floor"]["median"], r["floor_json"]["median"]
    lines = []
    title = TITLES[p] + (f" (`{repo}`)" if p == "realworld" else "")
    lines.append(f"### {title}")
    lines.append("")
    e, w = f1["diags"]["analyze"]
    lines.append(f"- Input: {f1['files']} files, {f1['bytes']:,} bytes of SQL; {f1['queries']} "
                 f"queries; the floor says: {f1['floor']}")
    lines.append(f"- Untimed check: `analyze` exited {f1['rc']['analyze']} with {e} errors and "
                 f"{w} warnings; `generate` exited {f1['rc']['generate']}, `schema` "
                 f"{f1['rc']['schema']}, `vet` {f1['rc']['vet']} ({f1['diags']['vet'][0]} errors, "
                 f"{f1['diags']['vet'][1]} warnings)")
    lines.append(f"- Repetitions: {res['reps']} of each command, alternating, after "
                 f"{res['warmup']} untimed warm-up round")
    lines.append("")
    lines.append("| Benchmark | Median (ms) | Min (ms) | Max (ms) | / floor (protobuf) | / floor (JSON) |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    threads = sorted(int(k[len("analyze_j"):]) for k in r
                     if k.startswith("analyze_j") and k[len("analyze_j"):].isdigit())
    rows = [("floor", "Floor: libpg_query, protobuf (`sqlgen_parse_floor`)"),
            ("floor_json", "Floor: libpg_query, JSON (`sqlgen_parse_floor --json`)"),
            ("floor_raw", "libpg_query's raw parse, nothing serialized (`sqlgen_parse_floor --raw`): "
                          "the route sqlgen reads"),
            ("floor_huge", "Floor: libpg_query, protobuf, with sqlgen's heap (huge pages, "
                           "`sqlgen_parse_floor --huge-heap`)"),
            ("parse", "`sqlgen parse` (split, parse, sqlgen's tree)"),
            ("analyze", "`sqlgen analyze`, all cores")]
    rows += [(f"analyze_j{t}", f"`sqlgen -j {t} analyze`") for t in threads]
    rows += [("generate", "`sqlgen generate`, cold, all cores"),
             ("generate_small_pages", "`sqlgen generate`, cold, all cores, `SQLGEN_HUGE_PAGES=0`"),
             ("schema", "`sqlgen schema`"), ("vet", "`sqlgen vet`"),
             ("noop", "`sqlgen generate`, no-op (stamp)")]
    rows += [(k, label) for k, label in (("noop_schema", "`sqlgen schema`, no-op (stamp)"),
                                         ("noop_vet", "`sqlgen vet`, no-op (stamp)"),
                                         ("version", "`sqlgen --version` (process start)"),
                                         ("harness", "`/bin/true`: the harness alone (Python "
                                                     "starting `sh -c`, which starts a program that "
                                                     "does nothing), part of every row"))
             if k in r]
    for key, label in rows:
        if key not in r:
            continue
        x = r[key]
        lines.append(f"| {label} | {ms(x['median'])} | {ms(x['min'])} | {ms(x['max'])} | "
                     f"{x['median'] / floor:.2f}x | {x['median'] / floor_json:.2f}x |")
    lines.append("")
    files = read(os.path.join(d, f"{p}_x1.files"))
    shown = [(k, r[k]["command"].replace(files, "FILES")) for k in ("floor", "parse", "analyze")]
    lines.append("Commands (FILES: the project's migration and query files in the order its "
                 "`sqlgen.yaml` lists them): " + "; ".join(f"{k}: `{c}`" for k, c in shown) + ".")
    lines.append("")
    lines.append("Scaling (`sqlgen -j N analyze`):")
    lines.append("")
    lines.append("| Threads | Median (ms) | Speed-up over 1 thread |")
    lines.append("|---:|---:|---:|")
    one = r["analyze_j1"]["median"]
    for t in threads:
        m = r[f"analyze_j{t}"]["median"]
        lines.append(f"| {t} | {ms(m)} | {one / m:.2f}x |")
    lines.append("")
    if "analyze_j1_at_once" in r:
        # N independent single-threaded runs at once: the throughput perfect parallelism gets
        # on this machine (N = the number of cores, the last row of the table above).
        n = threads[-1]
        ceiling = n * one / r["analyze_j1_at_once"]["median"]
        floor_ceiling = n * floor / r["floor_at_once"]["median"]
        best = one / r[f"analyze_j{n}"]["median"]
        lines.append(f"The machine's ceiling: {n} runs of `sqlgen -j 1 analyze` started at once "
                     f"take {ms(r['analyze_j1_at_once']['median'])} ms, a throughput of "
                     f"**{ceiling:.2f}x** one run ({n} floors at once: {floor_ceiling:.2f}x); "
                     f"`-j {n}` reaches {best:.2f}x, {best / ceiling * 100:.0f}% of that ceiling.")
        lines.append("")
    counts = [n for n in (0, 1, 2, 4) if f"analyze_x{n}" in lin]
    if len(counts) > 1 and counts[0] == 0:
        # The same speed-up by input size, from the linearity run below: a run's fixed cost (an
        # empty project: process start, config, exit) is serial, so the whole-run speed-up
        # grows with the input; the work each added copy brings shows the parallel part alone.
        lines.append("Scaling by input size (the linearity run below; all cores against 1 "
                     "thread):")
        lines.append("")
        lines.append("| Copies | 1 thread (ms) | All cores (ms) | Speed-up |")
        lines.append("|---:|---:|---:|---:|")
        for n in counts:
            a, a1 = lin[f"analyze_x{n}"]["median"], lin[f"analyze_j1_x{n}"]["median"]
            lines.append(f"| {n} | {ms(a1)} | {ms(a)} | {a1 / a:.2f}x |")
        last = counts[-1]
        added1 = (lin[f"analyze_j1_x{last}"]["median"] - lin["analyze_j1_x0"]["median"]) / last
        added = (lin[f"analyze_x{last}"]["median"] - lin["analyze_x0"]["median"]) / last
        lines.append("")
        lines.append(f"Without the fixed cost (the empty project's row), each copy of the input "
                     f"takes {ms(added1)} ms on 1 thread and {ms(added)} ms on all cores: "
                     f"**{added1 / added:.2f}x**" + (f", {added1 / added / ceiling * 100:.0f}% "
                     f"of the machine's ceiling above" if "analyze_j1_at_once" in r else "") + ".")
        lines.append("")
    lines.append("Linearity (copies of the project under new names, alternating in one run; 0 "
                 "copies is an empty project, the fixed cost of a run; \"per added copy\" is the "
                 "time each copy adds over the row above, constant when the time is linear):")
    lines.append("")
    lines.append("| Copies | Files | Bytes | Queries | Floor (ms) | Analyze, all cores (ms) | "
                 "x of 1 copy | per added copy (ms) | Analyze, 1 thread (ms) | x of 1 copy | "
                 "per added copy (ms) |")
    lines.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    prev = None
    for n in counts:
        fx = facts(d, p, n) if n else {"files": 0, "bytes": 0, "queries": 0}
        a, a1 = lin[f"analyze_x{n}"]["median"], lin[f"analyze_j1_x{n}"]["median"]
        added = added1 = ""
        if prev is not None:
            pa, pa1, pn = prev
            added, added1 = ms((a - pa) / (n - pn)), ms((a1 - pa1) / (n - pn))
        lines.append(f"| {n} | {fx['files']} | {fx['bytes']:,} | {fx['queries']} | "
                     f"{ms(lin[f'floor_x{n}']['median'])} | {ms(a)} | "
                     f"{a / lin['analyze_x1']['median']:.2f} | {added} | {ms(a1)} | "
                     f"{a1 / lin['analyze_j1_x1']['median']:.2f} | {added1} |")
        prev = (a, a1, n)
    lines.append("")
    rss = ", ".join(f"`{c}` {f1['rss'][c] / 1024:.0f} MB" for c in ("analyze", "generate", "schema", "vet"))
    rss4 = ", ".join(f"`{c}` {f4['rss'][c] / 1024:.0f} MB" for c in ("analyze", "generate"))
    lines.append(f"Peak RSS (`/usr/bin/time -f %M`, all cores): {rss}; with 4 copies: {rss4}.")
    lines.append("")
    a = r["analyze"]["median"]
    g = r["generate"]["median"]
    fmin, amin, gmin = r["floor"]["min"], r["analyze"]["min"], r["generate"]["min"]
    noop_note = ""
    if "noop_vet" in r:
        noop_note = (f"; no-op schema {ms(r['noop_schema']['median'])} ms and vet "
                     f"{ms(r['noop_vet']['median'])} ms, `--version` {ms(r['version']['median'])} ms")
        if "harness" in r:
            h = r["harness"]["median"]
            noop_note += (f", the harness alone {ms(h)} ms (without it: no-op generate "
                          f"{ms(r['noop']['median'] - h)} ms, schema "
                          f"{ms(r['noop_schema']['median'] - h)} ms, vet "
                          f"{ms(r['noop_vet']['median'] - h)} ms, `--version` "
                          f"{ms(r['version']['median'] - h)} ms)")
    marginal_note = ""
    if "analyze_j1_x0" in lin:
        j1 = {n: lin[f"analyze_j1_x{n}"]["median"] for n in (1, 2, 4)}
        marginal_note = (f" (on 1 thread each copy past the first adds "
                         f"{ms(j1[2] - j1[1])} ms, then {ms((j1[4] - j1[2]) / 2)} ms: "
                         f"{(j1[4] - j1[2]) / 2 / (j1[2] - j1[1]):.2f}x)")
    lines.append(f"**{title}: analyze {a / floor:.2f}x and generate {g / floor:.2f}x the "
                 f"protobuf floor by median ({amin / fmin:.2f}x and {gmin / fmin:.2f}x by min; "
                 f"{a / floor_json:.2f}x and {g / floor_json:.2f}x the JSON floor"
                 + (f"; {a / r['floor_huge']['median']:.2f}x and {g / r['floor_huge']['median']:.2f}x "
                    f"the protobuf floor with sqlgen's heap" if "floor_huge" in r else "") + "); "
                 f"2 copies {lin['analyze_x2']['median'] / lin['analyze_x1']['median']:.2f}x, "
                 f"4 copies {lin['analyze_x4']['median'] / lin['analyze_x1']['median']:.2f}x the "
                 f"time of one{marginal_note}; no-op generate {ms(r['noop']['median'])} ms"
                 f"{noop_note}.**")
    lines.append("")
    return lines


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--files":
        print(" ".join(listed_files(sys.argv[2])))
        return
    d, repo, projects = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = []
    for p in projects:
        out += project(d, p, repo)
    print("\n".join(out).rstrip())


if __name__ == "__main__":
    main()
