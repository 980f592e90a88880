#!/usr/bin/env python3
"""Scores scripts/mutations.sh's runs (see there).

  mutations_score.py LABEL OPS_TSV VERIFY_JSON DISAGREEMENTS_TSV OPS_JSONL
      one config: prints "mutants pg_rejects sqlgen_rejects both_reject both_accept agreement
      left_out", appends each disagreement (label, mutant, operator, who rejects, PostgreSQL's
      message, sqlgen's) to DISAGREEMENTS_TSV and one JSON line per mutant to OPS_JSONL.
  mutations_score.py --totals ROWS OPS_JSONL
      the total row of the table, then a table per operator.
"""
import json
import os
import sys

ACCEPT = {"agrees", "differs"}


def pct(part, whole):
    if whole == 0:
        return "-"
    return f"{part * 10000 // whole / 100:.2f}%"


def key(path, name):
    return (os.path.normpath(path), name)


def one_config(label, ops_tsv, verify_json, disagreements, ops_jsonl):
    verify = json.load(open(verify_json))
    status = {key(q["file"], q["name"]): q for q in verify["queries"]}
    n = pg = sg = both = accept = left_out = 0
    with open(ops_tsv) as ops, open(disagreements, "a") as dis, open(ops_jsonl, "a") as jl:
        for line in ops:
            path, original, mutant, op = line.rstrip("\n").split("\t")
            base = status.get(key(path, original))
            q = status.get(key(path, mutant))
            if not base or base["status"] not in ACCEPT or not q or q["status"] in (
                    "not_prepared", "not_analyzed"):
                left_out += 1
                continue
            s = q["status"]
            n += 1
            pg_rejects = s in ("rejected", "both_reject")
            sg_rejects = s in ("sqlgen_only", "both_reject")
            pg += pg_rejects
            sg += sg_rejects
            both += s == "both_reject"
            accept += s in ACCEPT
            jl.write(json.dumps({"op": op, "status": s}) + "\n")
            if pg_rejects != sg_rejects:
                who = "PostgreSQL only" if pg_rejects else "sqlgen only"
                pg_msg = f'{q.get("error", "")} ({q.get("sqlstate", "")})' if pg_rejects else ""
                sg_msg = (f'{q.get("sqlgen_error", "")} ({q.get("sqlgen_sqlstate", "")})'
                          if sg_rejects else "")
                dis.write("\t".join([label, q["file"], mutant, op, who, pg_msg, sg_msg]) + "\n")
    print(n, pg, sg, both, accept, pct(both + accept, n), left_out)


def totals(rows_path, ops_jsonl):
    t = [0] * 5
    if os.path.exists(rows_path):
        for line in open(rows_path):
            parts = line.split()
            if len(parts) == 5 and all(p.isdigit() for p in parts):
                t = [a + int(b) for a, b in zip(t, parts)]
    n, pg, sg, both, accept = t
    print(f"| **total** | | {n} | {pg} | {sg} | {both} | {accept} | {pct(both + accept, n)} |")
    per_op = {}
    if os.path.exists(ops_jsonl):
        for line in open(ops_jsonl):
            r = json.loads(line)
            per_op.setdefault(r["op"], []).append(r["status"])
    print()
    print("| operator | mutants | PostgreSQL rejects | sqlgen rejects | both reject | both accept "
          "| agreement |")
    print("|---|---|---|---|---|---|---|")
    for op in sorted(per_op):
        s = per_op[op]
        n = len(s)
        pg = sum(x in ("rejected", "both_reject") for x in s)
        sg = sum(x in ("sqlgen_only", "both_reject") for x in s)
        both = s.count("both_reject")
        accept = sum(x in ACCEPT for x in s)
        print(f"| {op} | {n} | {pg} | {sg} | {both} | {accept} | {pct(both + accept, n)} |")


if __name__ == "__main__":
    if sys.argv[1] == "--totals":
        totals(sys.argv[2], sys.argv[3])
    else:
        one_config(*sys.argv[1:6])
