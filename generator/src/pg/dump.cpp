// pg_dump as a client process, and the normalization that makes its output byte-stable.
#include "pg/dump.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "pg/process.hpp"
#include "util/fs.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

using detail::is_executable;

/// pg_dump next to the server binaries (same major version as the throwaway cluster), else the
/// first one on PATH.
Result<fs::path> find_pg_dump(const std::string& bindir) {
  if (!bindir.empty()) {
    fs::path p = fs::path(bindir) / "pg_dump";
    if (is_executable(p)) return p;
    return diag::make(DiagId::err_pg_dump, {}, {"no pg_dump in \"" + bindir + "\""});
  }
  if (Result<Binaries> found = find_binaries(); found && is_executable(found->bindir / "pg_dump")) {
    return found->bindir / "pg_dump";
  }
  for (const fs::path& dir : detail::path_dirs()) {
    if (is_executable(dir / "pg_dump")) return dir / "pg_dump";
  }
  return diag::make(DiagId::err_pg_dump, {},
                    {"pg_dump not found: install the \"postgresql-client-15\" package"});
}

/// pg_dump's stderr as one line: its "pg_dump: error: " prefixes dropped, lines joined.
std::string tool_message(const std::string& output) {
  std::string msg;
  std::stringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    for (std::string_view prefix : {"pg_dump: error: ", "pg_dump: detail: ", "pg_dump: "}) {
      if (line.rfind(prefix, 0) == 0) {
        line.erase(0, prefix.size());
        break;
      }
    }
    if (line.empty()) continue;
    if (!msg.empty()) msg += "; ";
    msg += line;
  }
  return msg.empty() ? "no message" : msg;
}

/// Where a line starts, lexically: outside any token, or inside one that spans lines.
struct LexState {
  enum Kind { Normal, Quote, EscapeQuote, Ident, Dollar, BlockComment } kind = Normal;
  std::string tag;  ///< the closing `$tag$` of a dollar-quoted string
  int depth = 0;    ///< nesting of block comments
};

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || (static_cast<unsigned char>(c) & 0x80) != 0;
}

/// Advances `st` over a token that starts at `line[i]` in Normal state; returns the next index.
size_t enter_token(std::string_view line, size_t i, LexState& st) {
  char c = line[i];
  char next = i + 1 < line.size() ? line[i + 1] : '\0';
  if (c == '-' && next == '-') return line.size();  // a comment to the end of the line
  if (c == '/' && next == '*') {
    st.kind = LexState::BlockComment;
    st.depth = 1;
    return i + 2;
  }
  bool after_ident = i > 0 && ident_char(line[i - 1]);
  if (c == '\'') {
    bool escape = after_ident && (line[i - 1] == 'E' || line[i - 1] == 'e') &&
                  (i < 2 || !ident_char(line[i - 2]));
    st.kind = escape ? LexState::EscapeQuote : LexState::Quote;
    return i + 1;
  }
  if (c == '"') {
    st.kind = LexState::Ident;
    return i + 1;
  }
  if (c == '$' && !after_ident && !(next >= '0' && next <= '9')) {
    size_t end = i + 1;
    while (end < line.size() && line[end] != '$' && ident_char(line[end])) ++end;
    if (end < line.size() && line[end] == '$') {
      st.kind = LexState::Dollar;
      st.tag = std::string(line.substr(i, end - i + 1));
      return end + 1;
    }
  }
  return i + 1;
}

/// Advances `st` over one line (without its newline).
void scan_line(std::string_view line, LexState& st) {
  size_t i = 0;
  while (i < line.size()) {
    std::string_view rest = line.substr(i);
    switch (st.kind) {
      case LexState::Normal:
        i = enter_token(line, i, st);
        break;
      case LexState::Quote:
      case LexState::Ident:
        if (line[i] == (st.kind == LexState::Quote ? '\'' : '"')) st.kind = LexState::Normal;
        ++i;
        break;
      case LexState::EscapeQuote:
        if (line[i] == '\'') st.kind = LexState::Normal;
        i += line[i] == '\\' ? 2 : 1;
        break;
      case LexState::Dollar:
        if (rest.starts_with(st.tag)) {
          st.kind = LexState::Normal;
          i += st.tag.size();
        } else {
          ++i;
        }
        break;
      case LexState::BlockComment:
        if (rest.starts_with("/*")) {
          ++st.depth;
          i += 2;
        } else if (rest.starts_with("*/")) {
          if (--st.depth == 0) st.kind = LexState::Normal;
          i += 2;
        } else {
          ++i;
        }
        break;
    }
  }
}

/// Lines pg_dump writes that differ between runs or versions for the same schema.
bool is_varying_line(std::string_view line) {
  for (std::string_view prefix : {"-- Dumped from database version", "-- Dumped by pg_dump version",
                                  "\\restrict", "\\unrestrict"}) {
    if (line.starts_with(prefix)) return true;
  }
  return false;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

Result<std::string> run_pg_dump(const std::string& conninfo, const DumpOptions& options) {
  Result<fs::path> pg_dump = find_pg_dump(options.bindir);
  if (!pg_dump) return pg_dump.error();
  util::TempDir tmp("sqlgen-dump");
  const fs::path file = tmp.path() / "schema.sql";
  detail::SpawnSpec spec;
  spec.argv = {pg_dump->string(), "--schema-only",    "--no-owner",
               "--no-privileges", "--no-tablespaces", "--file=" + file.string()};
  for (const std::string& table : options.exclude_tables) {
    spec.argv.push_back("--exclude-table=" + table);
  }
  for (const std::string& schema : options.exclude_schemas) {
    spec.argv.push_back("--exclude-schema=" + schema);
  }
  spec.argv.push_back("--dbname=" + conninfo);
  spec.die_with_parent = true;
  detail::RunResult run = detail::run(spec, options.timeout);
  if (!run.started) return diag::make(DiagId::err_pg_dump, {}, {run.error});
  if (run.timed_out) {
    return diag::make(
        DiagId::err_pg_dump, {},
        {"timed out after " + std::to_string(options.timeout.count() / 1000) + " seconds"});
  }
  if (!detail::succeeded(run.status)) {
    return diag::make(
        DiagId::err_pg_dump, {},
        {tool_message(run.output) + " (" + detail::describe_status(run.status) + ")"});
  }
  util::ReadResult read = util::read_file(file);
  if (!read.text) return diag::make(DiagId::err_pg_dump, {}, {"no output: " + read.error});
  return std::move(*read.text);
}

std::string normalize_dump(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  LexState st;
  bool pending_blank = false;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(start, end - start);
    start = end + 1;
    if (st.kind == LexState::Normal) {
      if (is_varying_line(line)) continue;
      if (is_blank(line)) {
        pending_blank = !out.empty();
        continue;
      }
    }
    if (pending_blank) out += '\n';
    pending_blank = false;
    out.append(line);
    out += '\n';
    scan_line(line, st);
  }
  return out;
}

Result<std::string> dump_schema(const std::string& conninfo, const DumpOptions& options) {
  Result<std::string> raw = run_pg_dump(conninfo, options);
  if (!raw) return raw.error();
  return normalize_dump(*raw);
}

}  // namespace sqlgen::pg
