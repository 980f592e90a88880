#!/usr/bin/env python3
"""Regenerates generator/src/catalog/pg_builtins.inc from a real PostgreSQL 15.

Starts a throwaway server (unix socket only) in a temp directory, installs the
supported extensions each into its own database (with CASCADE), dumps pg_type,
pg_proc, pg_aggregate, pg_operator, pg_cast and pg_range, the relations and
views of pg_catalog and information_schema (and those extensions create) with
their pg_attribute columns, and writes one C++ aggregate-initializer row per
object, ordered by oid, so the output is byte-identical across runs. The server
and its directory are removed on exit.

Core objects keep their PostgreSQL oids (all below 10000 and pinned in PG15,
except the information_schema domains). Extension objects get synthetic oids:
k_first_extension_oid + extension_index * 0x10000 + a sequence number over the
extension's types, procs, operators and relations sorted by name and signature.
Objects of a required extension (cube in earthdistance's database) are mapped
to the oids of that extension's block by name and signature.

Usage: scripts/gen_builtins.py [output.inc]    (PG_BIN overrides the binaries)
"""

import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
EXT_DIR = "/usr/share/postgresql/15/extension"
# Sorted: the index in this list (1-based) picks the extension's oid block. Every
# contrib extension of Debian's postgresql-15 that installs cleanly (plpgsql is
# preinstalled in every database).
EXTENSIONS = [
    "adminpack", "amcheck", "autoinc", "bloom", "btree_gin", "btree_gist", "citext", "cube",
    "dblink", "dict_int", "dict_xsyn", "earthdistance", "file_fdw", "fuzzystrmatch", "hstore",
    "insert_username", "intagg", "intarray", "isn", "lo", "ltree", "moddatetime", "old_snapshot",
    "pageinspect", "pg_buffercache", "pg_freespacemap", "pg_prewarm", "pg_stat_statements",
    "pg_surgery", "pg_trgm", "pg_visibility", "pg_walinspect", "pgcrypto", "pgrowlocks",
    "pgstattuple", "postgres_fdw", "refint", "seg", "sslinfo", "tablefunc", "tcn",
    "tsm_system_rows", "tsm_system_time", "unaccent", "uuid-ossp", "xml2",
]
FIRST_EXTENSION_OID = 0xF0000000
EXTENSION_OID_BLOCK = 0x10000
CORE_OID_LIMIT = 10000  # FirstGenbkiObjectId: below it oids are fixed by the .dat files
SEP = "\x1f"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO, "generator", "src", "catalog", "pg_builtins.inc")


class Server:
    """A throwaway PostgreSQL cluster listening on a unix socket only."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="sqlgen-pg-")
        self.data = os.path.join(self.root, "data")
        self.started = False
        self.as_user = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *args):
        subprocess.run(self.as_user + list(args), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self.run(f"{PG_BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
                 "-E", "UTF8", "--locale=C", "--no-sync")
        opts = f"-c listen_addresses='' -k {self.root} -c fsync=off"
        self.run(f"{PG_BIN}/pg_ctl", "-D", self.data, "-o", opts, "-w", "-s",
                 "-l", os.path.join(self.root, "log"), "start")
        self.started = True

    def stop(self):
        if self.started:
            subprocess.run(self.as_user + [f"{PG_BIN}/pg_ctl", "-D", self.data, "-m",
                                           "immediate", "-s", "stop"], check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def query(self, sql, db="postgres"):
        out = subprocess.run(
            [f"{PG_BIN}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.root, "-U",
             "postgres", "-d", db, "-At", "-F", SEP, "-c", sql],
            check=True, capture_output=True, text=True).stdout
        return [line.split(SEP) for line in out.splitlines()]


TYPE_SQL = """
select t.oid, t.typname, n.nspname, t.typtype, t.typcategory, t.typispreferred, t.typelem,
       t.typarray, t.typbasetype, t.typlen, t.typtypmod, t.typstorage,
       t.typsubscript = 'array_subscript_handler'::regproc, t.typcollation <> 0,
       t.typmodin <> 0, coalesce(r.rngsubtype, mr.rngsubtype, 0),
       coalesce(r.rngmultitypid, mr.rngtypid, 0)
from pg_type t join pg_namespace n on n.oid = t.typnamespace
left join pg_range r on r.rngtypid = t.oid
left join pg_range mr on mr.rngmultitypid = t.oid
where {where} order by t.oid"""

# System relations: pg_catalog's and information_schema's tables and views.
SYSTEM_RELATION_WHERE = """c.relkind in ('r', 'v', 'm', 'p')
  and c.relnamespace in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)"""

# The types of system relations' columns (pg_statistic_ext_data.stxdexpr is pg_statistic[]).
SYSTEM_COLUMN_TYPES = f"""select a.atttypid from pg_attribute a join pg_class c on c.oid = a.attrelid
  where {SYSTEM_RELATION_WHERE} and a.attnum > 0 and not a.attisdropped"""

CORE_TYPE_WHERE = f"""(t.typrelid = 0 and ((n.nspname = 'pg_catalog' and t.oid < 10000 and
  not exists (select 1 from pg_type e where e.oid = t.typelem and e.typrelid <> 0))
  or (n.nspname = 'information_schema' and (t.typtype = 'd' or
  exists (select 1 from pg_type e where e.oid = t.typelem and e.typtype = 'd')))))
  or t.oid in ({SYSTEM_COLUMN_TYPES})
  or t.oid in (select e.typelem from pg_type e where e.oid in ({SYSTEM_COLUMN_TYPES}))"""

# Relations with their columns: "name:type[/typmod][!]" separated by spaces, "!" = not null;
# then the primary key's name and columns (system catalogs have one since PostgreSQL 14, which
# GROUP BY's functional dependency uses), comma-separated in key order, "" for none.
REL_SQL = """
select c.oid, c.reltype, n.nspname, c.relname, c.relkind,
       coalesce((select string_agg(a.attname || ':' || a.atttypid ||
                 case when a.atttypmod <> -1 then '/' || a.atttypmod else '' end ||
                 case when a.attnotnull then '!' else '' end, ' ' order by a.attnum)
          from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
          ''),
       coalesce((select con.conname from pg_constraint con
          where con.conrelid = c.oid and con.contype = 'p'), ''),
       coalesce((select string_agg(a.attname, ',' order by k.ord)
          from pg_constraint con, unnest(con.conkey) with ordinality k(attnum, ord),
               pg_attribute a
          where con.conrelid = c.oid and con.contype = 'p' and a.attrelid = c.oid
            and a.attnum = k.attnum), '')
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where {where} order by c.oid"""

PROC_SQL = """
select p.oid, p.proname, n.nspname, p.prokind, coalesce(a.aggkind, ''), p.proretset,
       p.prorettype, p.proisstrict, p.provolatile, p.pronargs, p.pronargdefaults,
       array_to_string(p.proargtypes::oid[], ' '), p.provariadic,
       coalesce(array_to_string(p.proallargtypes, ' '), ''),
       coalesce(array_to_string(p.proargmodes, ''), ''),
       coalesce(array_to_string(p.proargnames, ',', ''), ''),
       p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
left join pg_aggregate a on a.aggfnoid = p.oid
where {where} order by p.oid"""

OPER_SQL = """
select o.oid, o.oprname, n.nspname, o.oprkind, o.oprleft, o.oprright, o.oprresult,
       o.oprcode::oid, o.oprcom, o.oprnegate,
       o.oprname || ' ' || format_type(o.oprleft, null) || ' ' || format_type(o.oprright, null)
from pg_operator o join pg_namespace n on n.oid = o.oprnamespace
where {where} order by o.oid"""

CAST_SQL = """
select c.castsource, c.casttarget, c.castfunc, c.castcontext, c.castmethod
from pg_cast c where {where} order by c.castsource, c.casttarget"""


def members(classname, ext, column):
    return (f"{column} in (select d.objid from pg_depend d"
            f" join pg_extension x on x.oid = d.refobjid"
            f" where d.refclassid = 'pg_extension'::regclass and d.deptype = 'e'"
            f" and d.classid = '{classname}'::regclass and x.extname = '{ext}')")


def ext_member_relations(ext):
    # Views an extension creates, and the relations behind its composite types.
    types = members("pg_type", ext, "t.oid")
    return (f"({members('pg_class', ext, 'c.oid')} or c.oid in"
            f" (select t.typrelid from pg_type t where t.typtype = 'c' and {types}))")


def ext_member_types(ext):
    # Array types are not members themselves; they depend on their element type.
    base = members("pg_type", ext, "t.oid")
    elem = members("pg_type", ext, "t.typelem")
    return f"({base} or ({elem} and t.typsubscript = 'array_subscript_handler'::regproc))"


class OidMap:
    """Maps server oids to the oids written out (core: as is; extensions: synthetic)."""

    def __init__(self):
        self.synthetic = {}
        self.core_types = set()

    def __call__(self, oid):
        oid = int(oid)
        if oid == 0 or oid < CORE_OID_LIMIT:
            return oid
        if oid in self.synthetic:
            return self.synthetic[oid]
        raise SystemExit(f"gen_builtins: oid {oid} is neither core nor a known extension object")

    def known(self, oid):
        """The mapped oid, or 0 for an object that is not written out (a row type)."""
        oid = int(oid)
        return oid if oid < CORE_OID_LIMIT and oid in self.core_types else self.synthetic.get(
            oid, 0)


def c_str(text):
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("?", "\\?")
    return f'"{out}"'


def c_char(ch):
    return "0" if ch == "" else f"'{ch}'"


def b(text):
    return "1" if text == "t" else "0"


def oid_list(text, omap):
    return c_str(" ".join(str(omap(x)) for x in text.split()))


def type_row(r, omap, ext):
    (oid, name, nsp, typtype, cat, pref, elem, arr, base, length, typmod, storage, true_array,
     collatable, has_typmodin, rng_sub, rng_pair) = r
    nsp = "" if ext else nsp
    return (f"{{{omap(oid)}, {c_str(name)}, {c_str(nsp)}, {c_str(ext)}, '{typtype}', '{cat}', "
            f"{b(pref)}, {omap(elem)}, {omap(arr)}, {omap(base)}, {length}, {typmod}, "
            f"'{storage}', {b(true_array)}, {b(collatable)}, {b(has_typmodin)}, "
            f"{omap(rng_sub)}, {omap(rng_pair)}}},")


def proc_row(r, omap, ext):
    (oid, name, nsp, kind, aggkind, retset, rettype, strict, volatile, nargs, ndefaults,
     argtypes, variadic, allargtypes, modes, names, _sig) = r
    nsp = "" if ext else nsp
    return (f"{{{omap(oid)}, {c_str(name)}, {c_str(nsp)}, {c_str(ext)}, '{kind}', "
            f"{c_char(aggkind)}, {b(retset)}, {omap(rettype)}, {b(strict)}, '{volatile}', "
            f"{nargs}, {ndefaults}, {oid_list(argtypes, omap)}, {omap(variadic)}, "
            f"{oid_list(allargtypes, omap)}, {c_str(modes)}, {c_str(names)}}},")


def oper_row(r, omap, ext):
    oid, name, nsp, kind, left, right, result, code, com, negate, _sig = r
    nsp = "" if ext else nsp
    return (f"{{{omap(oid)}, {c_str(name)}, {c_str(nsp)}, {c_str(ext)}, '{kind}', "
            f"{omap(left)}, {omap(right)}, {omap(result)}, {omap(code)}, {omap(com)}, "
            f"{omap(negate)}}},")


def cast_row(r, omap, ext):
    source, target, func, context, method = r
    return (f"{{{omap(source)}, {omap(target)}, {omap(func)}, '{context}', '{method}', "
            f"{c_str(ext)}}},")


def column_list(text, omap):
    out = []
    for col in text.split():
        name, rest = col.split(":")
        if not name.replace("_", "").isalnum() or name != name.lower():
            raise SystemExit(f"gen_builtins: column name {name!r} needs quoting")
        typmod = ""
        not_null = rest.endswith("!")
        rest = rest.rstrip("!")
        if "/" in rest:
            rest, typmod = rest.split("/")
            typmod = "/" + typmod
        out.append(f"{name}:{omap(rest)}{typmod}{'!' if not_null else ''}")
    return c_str(" ".join(out))


def rel_row(r, omap, ext):
    oid, reltype, nsp, name, kind, columns, pk_name, pk_columns = r
    nsp = "" if ext else nsp
    row_type = omap.known(reltype)
    return (f"{{{omap(oid)}, {row_type}, {c_str(nsp)}, {c_str(name)}, {c_str(ext)}, '{kind}', "
            f"{column_list(columns, omap)}, {c_str(pk_name)}, {c_str(pk_columns)}}},")


def check_names(server, db):
    bad = server.query("select p.oid from pg_proc p, unnest(p.proargnames) a where a ~ ','", db)
    if bad:
        raise SystemExit(f"gen_builtins: argument names with a comma in {db}: {bad}")


# Per kind of object: the column its synthetic oid is sorted by (name or signature).
SORT_KEYS = (("types", 1), ("procs", 16), ("opers", 10), ("rels", 3))

EXT_META_SQL = """
select e.default_version, coalesce(array_to_string(v.requires, ','), ''),
       case when v.relocatable then '' else coalesce(v.schema, '') end
from pg_available_extensions e
join pg_available_extension_versions v on v.name = e.name and v.version = e.default_version
where e.name = '{ext}'"""


def member_data(server, ext, db):
    return {
        "types": server.query(TYPE_SQL.format(where=ext_member_types(ext)), db),
        "procs": server.query(PROC_SQL.format(where=members("pg_proc", ext, "p.oid")), db),
        "opers": server.query(OPER_SQL.format(where=members("pg_operator", ext, "o.oid")), db),
        "casts": server.query(CAST_SQL.format(where=members("pg_cast", ext, "c.oid")), db),
        "rels": server.query(REL_SQL.format(where=ext_member_relations(ext)), db),
    }


def collect(server):
    omap = OidMap()
    core = {
        "types": server.query(TYPE_SQL.format(where=CORE_TYPE_WHERE)),
        "procs": server.query(PROC_SQL.format(
            where="n.nspname = 'pg_catalog' and p.oid < 10000")),
        "opers": server.query(OPER_SQL.format(
            where="n.nspname = 'pg_catalog' and o.oid < 10000")),
        "casts": server.query(CAST_SQL.format(
            where="c.castsource < 10000 and c.casttarget < 10000")),
        "rels": server.query(REL_SQL.format(where=SYSTEM_RELATION_WHERE)),
    }
    # information_schema's domains and views keep their (unpinned) oids.
    for key in ("types", "rels"):
        for r in core[key]:
            omap.synthetic[int(r[0])] = int(r[0])
    omap.core_types = {int(t[0]) for t in core["types"]}
    check_names(server, "postgres")
    exts = []
    assigned = {}  # (extension, kind, name or signature) -> synthetic oid
    for index, ext in enumerate(EXTENSIONS, start=1):
        if not os.path.exists(os.path.join(EXT_DIR, f"{ext}.control")):
            raise SystemExit(f"gen_builtins: extension {ext} is not installed in {EXT_DIR}")
        db = f"ext_{ext.replace('-', '_')}"
        server.query(f'create database "{db}"')
        server.query(f'create extension "{ext}" cascade', db)
        version, requires, schema = server.query(EXT_META_SQL.format(ext=ext))[0]
        for req in [r for r in requires.split(",") if r]:
            for key, sort_key in SORT_KEYS:
                for r in member_data(server, req, db)[key]:
                    if (req, key, r[sort_key]) not in assigned:
                        raise SystemExit(f"gen_builtins: {ext} requires {req}, listed after it")
                    omap.synthetic[int(r[0])] = assigned[(req, key, r[sort_key])]
        data = member_data(server, ext, db)
        data.update(name=ext, version=version, requires=requires, schema=schema)
        check_names(server, db)
        # Synthetic oids: types and relations by name, procs and operators by signature.
        next_oid = FIRST_EXTENSION_OID + index * EXTENSION_OID_BLOCK
        for key, sort_key in SORT_KEYS:
            for r in sorted(data[key], key=lambda r: r[sort_key]):
                omap.synthetic[int(r[0])] = next_oid
                assigned[(ext, key, r[sort_key])] = next_oid
                next_oid += 1
        exts.append(data)
    keywords = server.query(
        'select word, catcode from pg_get_keywords() order by word collate "C"')
    return omap, core, exts, keywords


def render(omap, core, exts, keywords):
    out = [
        "// Generated by scripts/gen_builtins.py from PostgreSQL 15; do not edit.",
        "// clang-format off",
        "// Rows are ordered by oid; extension objects use synthetic oids (see the script).",
        "",
        "// name, version, required extensions (comma-separated), fixed schema",
        "constexpr RawExtension k_raw_extensions[] = {",
    ]
    out += [f"{{{c_str(e['name'])}, {c_str(e['version'])}, {c_str(e['requires'])}, "
            f"{c_str(e['schema'])}}}," for e in exts]
    out.append("};")
    out += ["",
            "// word, catcode (U unreserved, C column name, T type or function name, R reserved)",
            "constexpr RawKeyword k_raw_keywords[] = {"]
    out += [f"{{{c_str(w)}, '{c}'}}," for w, c in keywords]
    out.append("};")
    sections = (
        ("types", "RawType", "k_raw_types", type_row,
         "oid, name, schema, extension, typtype, typcategory, typispreferred, typelem, "
         "typarray, typbasetype, typlen, typtypmod, typstorage, array subscripting, "
         "collatable, has typmodin, range subtype, range<->multirange"),
        ("procs", "RawProc", "k_raw_procs", proc_row,
         "oid, name, schema, extension, prokind, aggkind, proretset, prorettype, "
         "proisstrict, provolatile, pronargs, pronargdefaults, proargtypes, provariadic, "
         "proallargtypes, proargmodes, proargnames"),
        ("opers", "RawOperator", "k_raw_operators", oper_row,
         "oid, name, schema, extension, oprkind, oprleft, oprright, oprresult, oprcode, "
         "oprcom, oprnegate"),
        ("casts", "RawCast", "k_raw_casts", cast_row,
         "castsource, casttarget, castfunc, castcontext, castmethod, extension"),
        ("rels", "RawRelation", "k_raw_relations", rel_row,
         "oid, row type (0: not written out), schema, name, extension, relkind, "
         "columns (name:type[/typmod][!], ! = not null)"),
    )
    for key, struct, var, fmt, doc in sections:
        def sort_key(r):
            return (omap(r[0]), omap(r[1])) if key == "casts" else (omap(r[0]), 0)

        rows = [(sort_key(r), fmt(r, omap, "")) for r in core[key]]
        for e in exts:
            rows += [(sort_key(r), fmt(r, omap, e["name"])) for r in e[key]]
        rows.sort(key=lambda row: row[0])
        out += ["", f"// {doc}", f"constexpr {struct} {var}[] = {{"]
        out += [row for _, row in rows]
        out.append("};")
    out.append("// clang-format on")
    return "\n".join(out) + "\n"


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_OUT
    server = Server()

    def on_signal(signum, _frame):
        server.stop()
        sys.exit(128 + signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        server.start()
        text = render(*collect(server))
    finally:
        server.stop()
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out_path)
    print(f"gen_builtins: wrote {out_path} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
