// Rules on migration files: "missing-down" (no Down, or an empty one), "version-conflict"
// (versions shared within a module; with a config source/ reports those, and the version
// ranges, when it loads, and vet tags its diagnostics: rules.cpp), "version-gap"
// (a module's versions skip a number; off by default, timestamps always do) and
// "goose-statement-block" (goose's line splitter would cut a statement at an inner ";").
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

/// A `-- +goose <word>` or `-- migrate:<word>` annotation line.
struct Annotation {
  std::string word;  ///< "Up", "Down", "StatementBegin", ... as written; "migrate:up", ...
  uint32_t offset = 0;
  uint32_t length = 0;  ///< the line, without its newline
};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// Every annotation line of a migration file, in order (the lines source/ reads).
std::vector<Annotation> annotations(std::string_view text) {
  std::vector<Annotation> out;
  for (size_t begin = 0; begin < text.size();) {
    size_t nl = text.find('\n', begin);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(begin, end - begin);
    size_t i = 0;
    while (i < line.size() && blank(line[i])) ++i;
    if (line.substr(i, 2) == "--") {
      i += 2;
      while (i < line.size() && blank(line[i])) ++i;
      std::string_view rest = line.substr(i);
      size_t word_end = rest.find_first_of(" \t\r");
      std::string_view word = rest.substr(0, word_end);
      if (word == "+goose" && word_end != std::string_view::npos) {
        std::string_view after = rest.substr(word_end);
        size_t s = after.find_first_not_of(" \t");
        if (s != std::string_view::npos) {
          std::string_view w = after.substr(s, after.find_first_of(" \t\r", s) - s);
          out.push_back(
              {std::string(w), static_cast<uint32_t>(begin), static_cast<uint32_t>(line.size())});
        }
      } else if (word == "migrate:up" || word == "migrate:down") {
        out.push_back(
            {std::string(word), static_cast<uint32_t>(begin), static_cast<uint32_t>(line.size())});
      }
    }
    begin = end + 1;
  }
  return out;
}

const Annotation* find_annotation(const std::vector<Annotation>& all, std::string_view word) {
  for (const Annotation& a : all) {
    if (a.word == word) return &a;
  }
  return nullptr;
}

void check_missing_down(const source::Migration& m, VetState& st) {
  if (m.unversioned || !m.source || !m.down.empty()) return;
  constexpr std::string_view k_rule = "missing-down";
  std::vector<Annotation> marks = annotations(m.source->text());
  auto at = [&](const Annotation* a) {
    return a ? diag::Location::at(m.source, a->offset, a->length) : diag::Location::at(m.source, 0);
  };
  switch (m.format) {
    case source::Migration::Goose: {
      const Annotation* down = find_annotation(marks, "Down");
      const Annotation* where = down ? down : find_annotation(marks, "Up");
      report(st, k_rule,
             diag::make(
                 diag::DiagId::warn_vet_missing_down, at(where),
                 {down ? "an empty \"-- +goose Down\" section" : "no \"-- +goose Down\" section"}));
      return;
    }
    case source::Migration::Dbmate: {
      const Annotation* down = find_annotation(marks, "migrate:down");
      const Annotation* where = down ? down : find_annotation(marks, "migrate:up");
      report(st, k_rule,
             diag::make(diag::DiagId::warn_vet_missing_down, at(where),
                        {down ? "an empty \"-- migrate:down\" section"
                              : "no \"-- migrate:down\" section"}));
      return;
    }
    case source::Migration::MigratePair:
      // A missing .down.sql is reported when the pair is loaded; an empty one here.
      if (m.down_source) {
        report(st, k_rule,
               diag::make(diag::DiagId::warn_vet_missing_down, diag::Location::at(m.down_source, 0),
                          {"an empty down file \"" + m.down_source->path() + "\""}));
      }
      return;
    case source::Migration::Plain:
      return;
  }
}

void check_version_gaps(VetState& st) {
  const source::Migration* prev = nullptr;
  for (const source::Migration& m : st.migrations) {
    if (m.unversioned || !m.source) continue;
    if (prev && prev->module == m.module && m.local_version > prev->local_version + 1) {
      int64_t first = prev->local_version + 1, last = m.local_version - 1;
      std::string missing = first == last ? std::to_string(first)
                                          : std::to_string(first) + ".." + std::to_string(last);
      report(st, "version-gap",
             diag::make(
                 diag::DiagId::warn_vet_version_gap, diag::Location::at(m.source, 0),
                 {std::to_string(m.local_version), std::to_string(prev->local_version), missing}));
    }
    prev = &m;
  }
}

/// Migrations of one module sharing a version. Loading a config drops the second file (and
/// reports it, tagged by rule_of()); files named without a config are all kept, so here.
void check_duplicate_versions(VetState& st) {
  std::map<std::pair<std::string, int64_t>, const source::Migration*> seen;
  for (const source::Migration& m : st.migrations) {
    if (m.unversioned || !m.source || m.local_version == 0) continue;
    auto [it, inserted] = seen.emplace(std::make_pair(m.module, m.version), &m);
    if (inserted) continue;
    diag::Diagnostic d = diag::make(diag::DiagId::err_migration_duplicate_version,
                                    diag::Location::file(m.source), {std::to_string(m.version)});
    d.note(diag::DiagId::note_previous_here, diag::Location::file(it->second->source),
           {"migration with this version"});
    report(st, "version-conflict", std::move(d));
  }
}

/// goose's endsWithSemicolon: the last whitespace-separated word before a word starting with
/// "--" ends with ";".
bool goose_ends_statement(std::string_view line) {
  std::string_view last;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && (blank(line[i]) || line[i] == '\n')) ++i;
    size_t end = i;
    while (end < line.size() && !blank(line[end]) && line[end] != '\n') ++end;
    std::string_view word = line.substr(i, end - i);
    if (word.empty() || word.starts_with("--")) break;
    last = word;
    i = end;
  }
  return last.ends_with(";");
}

/// The end of the line holding the statement's terminating ";" (its newline, or the end of
/// the text), or npos when something other than blanks and a `--` comment follows the ";" or
/// precedes the statement on its first line.
size_t whole_lines_end(std::string_view text, const parse::Span& span, size_t line_start) {
  for (size_t i = line_start; i < span.offset; ++i) {
    if (!blank(text[i])) return std::string_view::npos;
  }
  size_t i = span.offset + span.length;
  while (i < text.size() && (blank(text[i]) || text[i] == '\n')) ++i;
  if (i >= text.size() || text[i] != ';') return std::string_view::npos;
  ++i;
  while (i < text.size() && blank(text[i])) ++i;
  if (i < text.size() && text[i] != '\n' && text.substr(i, 2) != "--") {
    return std::string_view::npos;
  }
  size_t nl = text.find('\n', i);
  return nl == std::string_view::npos ? text.size() : nl;
}

/// The fix for goose-statement-block: the statement's lines wrapped in StatementBegin/End.
void plan_statement_block(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& st) {
  std::string_view text = source->text();
  uint32_t first = source->line_col(stmt.span.offset).line;
  size_t start = source->line_start(first);
  size_t end = whole_lines_end(text, stmt.span, start);
  if (end == std::string_view::npos) {
    st.not_fixable.push_back(diag::make(
        diag::DiagId::warn_vet_fix_skipped,
        diag::Location::at(source, stmt.span.offset, stmt.span.length),
        {"another statement shares its first or last line, so StatementBegin/End cannot go on "
         "lines of their own"}));
    return;
  }
  Edit e;
  e.source = source;
  e.offset = static_cast<uint32_t>(start);
  e.length = static_cast<uint32_t>(end - start);
  e.text = "-- +goose StatementBegin\n" + std::string(text.substr(start, end - start)) +
           "\n-- +goose StatementEnd";
  e.rule = "goose-statement-block";
  e.what = "wrapped the statement at line " + std::to_string(first) +
           " in \"-- +goose StatementBegin\" and \"-- +goose StatementEnd\"";
  st.edits.push_back(std::move(e));
}

}  // namespace

void check_migration_files(VetState& st) {
  for (const source::Migration& m : st.migrations) check_missing_down(m, st);
  check_duplicate_versions(st);
  check_version_gaps(st);
}

void check_goose_block(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& st) {
  const source::Migration& m = st.migrations[st.migration];
  if (m.format != source::Migration::Goose) return;
  std::string_view text = source->text();
  // Inside StatementBegin/End goose keeps the lines together.
  bool in_block = false;
  for (const Annotation& a : annotations(text)) {
    if (a.offset > stmt.span.offset) break;
    if (a.word == "StatementBegin") in_block = true;
    if (a.word == "StatementEnd") in_block = false;
  }
  if (in_block) return;
  // Every line of the statement but its last (which holds the terminating ";").
  uint32_t first = source->line_col(stmt.span.offset).line;
  uint32_t last = source->line_col(stmt.span.offset + stmt.span.length).line;
  for (uint32_t line = first; line < last; ++line) {
    std::string_view t = source->line_text(line);
    uint32_t start = source->line_start(line);
    if (line == first) t = text.substr(stmt.span.offset, start + t.size() - stmt.span.offset);
    if (!goose_ends_statement(t)) continue;
    diag::Diagnostic d = diag::make(diag::DiagId::warn_vet_goose_split,
                                    diag::Location::at(source, stmt.span.offset, stmt.span.length),
                                    {std::to_string(line)});
    if (report(st, "goose-statement-block", std::move(d))) plan_statement_block(stmt, source, st);
    return;
  }
}

}  // namespace sqlgen::vet::detail
