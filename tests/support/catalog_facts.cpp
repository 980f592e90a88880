#include "support/catalog_facts.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <set>

namespace sqlgen::testing {

namespace {

std::string b(bool v) { return v ? "1" : "0"; }

std::string kind_name(const std::string& relkind) {
  if (relkind == "r") return "table";
  if (relkind == "p") return "partitioned_table";
  if (relkind == "v") return "view";
  if (relkind == "m") return "materialized_view";
  if (relkind == "f") return "foreign_table";
  return relkind;
}

std::string identity_name(const std::string& c) {
  return c == "a" ? "always" : c == "d" ? "by_default" : "";
}

/// Splits a PostgreSQL text[] literal as returned by array_to_string(..., '\x1f').
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\x1f') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

std::vector<std::string> catalog_facts(const catalog::Catalog& cat) {
  using namespace catalog;
  std::vector<std::string> out;
  for (const auto& [sname, sc] : cat.schemas()) {
    if (sname == "pg_catalog") continue;
    out.push_back("schema " + sname);
    for (const auto& [rname, oid] : sc.relations) {
      const Relation& r = *cat.relation(oid);
      std::string q = sname + "." + r.name;
      if (r.kind == RelKind::Sequence) {
        out.push_back("sequence " + q);
        continue;
      }
      out.push_back("relation " + q + " kind=" + relkind_name(r.kind));
      if (!r.columns_known) continue;
      for (size_t i = 0; i < r.columns.size(); ++i) {
        const Column& c = r.columns[i];
        auto [ts, tn] = cat.type_name(c.type.oid);
        out.push_back("column " + q + " #" + std::to_string(i + 1) + " " + c.name + " type=" + ts +
                      "." + tn + " format=" + cat.format_type(c.type) +
                      " not_null=" + b(c.not_null) + " has_default=" + b(c.has_default) +
                      " identity=" + identity_name(std::string(1, c.identity ? c.identity : ' ')) +
                      " generated=" + (c.generated ? "s" : ""));
      }
    }
    for (const auto& [tname, oid] : sc.types) {
      const Type& t = *cat.type(oid);
      if (!t.extension.empty() || t.elem != 0 || t.relation != 0) continue;
      std::string q = sname + "." + t.name;
      if (t.typtype == 'e') out.push_back("enum " + q + " labels=" + join(t.labels));
      if (t.typtype == 'c') {
        std::vector<std::string> fields;
        for (const Column& f : t.fields) fields.push_back(f.name + ":" + cat.format_type(f.type));
        out.push_back("composite " + q + " fields=" + join(fields));
      }
      if (t.typtype == 'd') {
        out.push_back("domain " + q + " base=" + cat.format_type(t.base) +
                      " not_null=" + b(t.not_null));
      }
      if (t.typtype == 'r' || t.typtype == 'm') {
        out.push_back(std::string(t.typtype == 'r' ? "range " : "multirange ") + q);
      }
    }
    for (const auto& [fname, oid] : sc.functions) {
      const Function& f = *cat.function(oid);
      if (!f.extension.empty()) continue;
      std::vector<std::string> args;
      for (const FunctionArg& a : f.args) {
        auto [ts, tn] = cat.type_name(a.type.oid);
        args.push_back(std::string(1, a.mode) + ":" + a.name + ":" + ts + "." + tn + ":" +
                       b(a.has_default));
      }
      auto [rs, rn] = cat.type_name(f.returns.oid);
      out.push_back(std::string(f.is_procedure ? "procedure " : "function ") + sname + "." +
                    f.name + "(" + join(args) + ") returns=" + (f.returns_set ? "setof " : "") +
                    rs + "." + rn);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> postgres_facts(const std::string& conninfo) {
  pqxx::connection conn(conninfo);
  pqxx::read_transaction tx(conn);
  std::vector<std::string> out;
  const std::string user_ns =
      "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE "
      "'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'";
  const std::string not_ext =
      "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND "
      "d.deptype = 'e')";
  auto not_extension = [&](const std::string& oid_expr) {
    std::string s = not_ext;
    return s.replace(s.find("%s"), 2, oid_expr);
  };

  for (const auto& row : tx.exec("SELECT n.nspname FROM pg_namespace n WHERE " + user_ns)) {
    out.push_back("schema " + row[0].as<std::string>());
  }
  for (const auto& row :
       tx.exec("SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON "
               "n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','f','S') AND " +
               user_ns + " AND " + not_extension("c.oid"))) {
    std::string q = row[0].as<std::string>() + "." + row[1].as<std::string>();
    std::string kind = row[2].as<std::string>();
    out.push_back(kind == "S" ? "sequence " + q : "relation " + q + " kind=" + kind_name(kind));
  }
  for (const auto& row : tx.exec(
           "SELECT n.nspname, c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY "
           "a.attnum), a.attname, tn.nspname, t.typname, format_type(a.atttypid, a.atttypmod), "
           "a.attnotnull, a.atthasdef, a.attidentity, a.attgenerated "
           "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
           "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
           "JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace "
           "WHERE c.relkind IN ('r','p','f') AND " +
           user_ns + " AND " + not_extension("c.oid"))) {
    out.push_back("column " + row[0].as<std::string>() + "." + row[1].as<std::string>() + " #" +
                  row[2].as<std::string>() + " " + row[3].as<std::string>() +
                  " type=" + row[4].as<std::string>() + "." + row[5].as<std::string>() +
                  " format=" + row[6].as<std::string>() + " not_null=" + b(row[7].as<bool>()) +
                  " has_default=" + b(row[8].as<bool>()) +
                  " identity=" + identity_name(row[9].as<std::string>()) +
                  " generated=" + row[10].as<std::string>());
  }
  for (const auto& row :
       tx.exec("SELECT n.nspname, t.typname, t.typtype, "
               "(SELECT array_to_string(array_agg(e.enumlabel ORDER BY e.enumsortorder), ',') FROM "
               "pg_enum e WHERE e.enumtypid = t.oid), "
               "(SELECT array_to_string(array_agg(a.attname || ':' || format_type(a.atttypid, "
               "a.atttypmod) ORDER BY a.attnum), ',') FROM pg_attribute a WHERE a.attrelid = "
               "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), "
               "format_type(t.typbasetype, t.typtypmod), t.typnotnull "
               "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
               "LEFT JOIN pg_class c ON c.oid = t.typrelid "
               "WHERE t.typtype IN ('e','c','d','r','m') AND (t.typtype <> 'c' OR c.relkind = 'c') "
               "AND " +
               user_ns + " AND " + not_extension("t.oid"))) {
    std::string q = row[0].as<std::string>() + "." + row[1].as<std::string>();
    std::string tt = row[2].as<std::string>();
    if (tt == "e") out.push_back("enum " + q + " labels=" + row[3].as<std::string>(""));
    if (tt == "c") out.push_back("composite " + q + " fields=" + row[4].as<std::string>(""));
    if (tt == "d") {
      out.push_back("domain " + q + " base=" + row[5].as<std::string>() +
                    " not_null=" + b(row[6].as<bool>()));
    }
    if (tt == "r") out.push_back("range " + q);
    if (tt == "m") out.push_back("multirange " + q);
  }
  for (const auto& row :
       tx.exec("SELECT n.nspname, p.proname, p.prokind, p.proretset, rn.nspname, rt.typname, "
               "p.pronargs, p.pronargdefaults, "
               "array_to_string(ARRAY(SELECT tn.nspname || '.' || ty.typname FROM "
               "unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) WITH ORDINALITY u(t, o) "
               "JOIN pg_type ty ON ty.oid = u.t JOIN pg_namespace tn ON tn.oid = ty.typnamespace "
               "ORDER BY u.o), E'\\x1f'), "
               "array_to_string(p.proargmodes, E'\\x1f'), "
               "array_to_string(p.proargnames, E'\\x1f', '') "
               "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
               "JOIN pg_type rt ON rt.oid = p.prorettype JOIN pg_namespace rn ON rn.oid = "
               "rt.typnamespace WHERE " +
               user_ns + " AND " + not_extension("p.oid"))) {
    std::vector<std::string> types = split(row[8].as<std::string>(""));
    std::vector<std::string> modes = split(row[9].as<std::string>(""));
    std::vector<std::string> names = split(row[10].as<std::string>(""));
    int nargs = row[6].as<int>();
    int ndefaults = row[7].as<int>();
    std::vector<std::string> args;
    int input = 0;
    for (size_t i = 0; i < types.size(); ++i) {
      std::string mode = i < modes.size() ? modes[i] : "i";
      bool is_input = mode == "i" || mode == "b" || mode == "v";
      bool has_default = is_input && input++ >= nargs - ndefaults;
      args.push_back(mode + ":" + (i < names.size() ? names[i] : "") + ":" + types[i] + ":" +
                     b(has_default));
    }
    bool proc = row[2].as<std::string>() == "p";
    out.push_back(std::string(proc ? "procedure " : "function ") + row[0].as<std::string>() + "." +
                  row[1].as<std::string>() + "(" + join(args) +
                  ") returns=" + (row[3].as<bool>() ? "setof " : "") + row[4].as<std::string>() +
                  "." + row[5].as<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string facts_diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::string out;
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  for (const std::string& s : only_a) out += "- " + s + "\n";
  for (const std::string& s : only_b) out += "+ " + s + "\n";
  return out;
}

}  // namespace sqlgen::testing
