// One migration file → Up and Down statements: goose annotations line by
// line, dbmate's `-- migrate:up` / `-- migrate:down`, libpg_query's splitter
// for the text between them; plain files lose the queries of query files.
// The text of the Up statements is split by parsing it (parse::split_and_parse), so the same
// parse gives their statements (ParsedFile::parsed_up): the file is parsed once.
#include <algorithm>
#include <cctype>

#include "parse/parse.hpp"
#include "source/migrations.hpp"
#include "source/parse_up.hpp"

namespace sqlgen::source {

namespace {

using diag::DiagId;

enum class Annotation { Up, Down, StatementBegin, StatementEnd, NoTransaction, EnvSub, Unknown };

/// A `-- +goose ...` line (or sql-migrate's `-- +migrate ...`, the same annotations): what it
/// says and where its words are.
struct AnnotationLine {
  Annotation kind = Annotation::Unknown;
  uint32_t line_begin = 0;  ///< first byte of the line
  uint32_t next_line = 0;   ///< first byte after the line's '\n'
  uint32_t word = 0;        ///< first byte after "+goose" and blanks
  uint32_t word_length = 0;
  std::string text;             ///< the words after "+goose" as written
  bool sql_migrate = false;     ///< `+migrate` (sql-migrate), not `+goose`
  bool no_transaction = false;  ///< sql-migrate's `Up notransaction`
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// The words after "+goose" (or "+migrate"), blanks collapsed, upper-cased, to an annotation;
/// sql-migrate's `Up notransaction` sets `*no_transaction`.
Annotation classify(std::string_view words, bool migrate, bool* no_transaction) {
  std::string key;
  for (char c : words) {
    if (is_blank(c)) {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  if (key == "UP") return Annotation::Up;
  if (key == "DOWN") return Annotation::Down;
  if (key == "STATEMENTBEGIN") return Annotation::StatementBegin;
  if (key == "STATEMENTEND") return Annotation::StatementEnd;
  if (migrate) {
    if (key == "UP NOTRANSACTION") {
      *no_transaction = true;
      return Annotation::Up;
    }
    if (key == "DOWN NOTRANSACTION") return Annotation::Down;
    return Annotation::Unknown;
  }
  if (key == "NO TRANSACTION") return Annotation::NoTransaction;
  if (key == "ENVSUB ON" || key == "ENVSUB OFF") return Annotation::EnvSub;
  return Annotation::Unknown;
}

/// The annotation on the line [begin, end), if the line is one:
/// optional blanks, "--", optional blanks, "+goose" (or sql-migrate's "+migrate"), words.
std::optional<AnnotationLine> annotation_at(std::string_view text, uint32_t begin, uint32_t end) {
  uint32_t i = begin;
  while (i < end && is_blank(text[i])) ++i;
  if (text.compare(i, 2, "--") != 0) return std::nullopt;
  i += 2;
  while (i < end && is_blank(text[i])) ++i;
  const bool migrate = text.compare(i, 8, "+migrate") == 0;
  if (!migrate && text.compare(i, 6, "+goose") != 0) return std::nullopt;
  i += migrate ? 8 : 6;
  if (i < end && !is_blank(text[i]) && text[i] != '\r') return std::nullopt;
  while (i < end && is_blank(text[i])) ++i;
  uint32_t word_end = end;
  while (word_end > i && (is_blank(text[word_end - 1]) || text[word_end - 1] == '\r')) --word_end;
  AnnotationLine a;
  a.line_begin = begin;
  a.word = i;
  a.word_length = word_end - i;
  a.text = std::string(text.substr(i, word_end - i));
  a.sql_migrate = migrate;
  a.kind = classify(a.text, migrate, &a.no_transaction);
  return a;
}

/// Every goose annotation line of `text`, in order.
std::vector<AnnotationLine> find_annotations(std::string_view text) {
  std::vector<AnnotationLine> out;
  uint32_t begin = 0;
  const uint32_t size = static_cast<uint32_t>(text.size());
  while (begin < size) {
    size_t nl = text.find('\n', begin);
    uint32_t end = nl == std::string_view::npos ? size : static_cast<uint32_t>(nl);
    if (auto a = annotation_at(text, begin, end)) {
      a->next_line = std::min(end + 1, size);
      out.push_back(std::move(*a));
    }
    begin = end + 1;
  }
  return out;
}

/// `text` with psql meta-command lines (`\connect`, `\restrict KEY`, ... as
/// pg_dump prints them) blanked out; offsets are unchanged.
std::string blank_psql_meta_commands(std::string_view text) {
  std::string out(text);
  size_t line = 0;
  while (line < out.size()) {
    size_t end = out.find('\n', line);
    if (end == std::string::npos) end = out.size();
    if (out[line] == '\\') std::fill(out.begin() + line, out.begin() + end, ' ');
    line = end + 1;
  }
  return out;
}

/// Statements of one run of a file's text and, for Up statements, their parses.
struct Run {
  std::vector<Statement> statements;
  /// One per statement when parsed (see parse::SplitParse::stmts), else empty.
  std::vector<parse::ParsedRange> parsed;
};

/// Statements of text[begin, end) of `source`, with offsets into the whole text; with `up`, also
/// their statements, from the parse that splits them. Plain schema files (pg_dump output) may
/// hold psql meta-commands: skipped.
Run split_range(const diag::SourcePtr& source, uint32_t begin, uint32_t end, bool up,
                bool plain = false) {
  Run out;
  if (end <= begin) return out;
  std::string_view text = source->text();
  std::string blanked;
  std::string_view part = text.substr(begin, end - begin);
  if (plain) {
    blanked = blank_psql_meta_commands(part);
    part = blanked;
  }
  if (up) {
    parse::SplitParse split = parse::split_and_parse(source, begin, part);
    for (const parse::StatementRange& r : split.ranges) {
      out.statements.push_back(Statement{r.offset, r.length});
    }
    out.parsed = std::move(split.stmts);
    out.parsed.resize(out.statements.size());  // nullopt for each when it did not parse
    return out;
  }
  for (const parse::StatementRange& r : parse::split_statements(part)) {
    out.statements.push_back(Statement{begin + r.offset, r.length});
  }
  return out;
}

/// The StatementBegin/End block text[begin, end) as one statement, trimmed
/// like the splitter trims: no leading blanks or comments, no trailing semicolon.
std::optional<Statement> block_statement(std::string_view text, uint32_t begin, uint32_t end) {
  begin = std::min(parse::skip_space_and_comments(text.substr(0, end), begin), end);
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (end > begin && text[end - 1] == ';') --end;
  if (end <= begin) return std::nullopt;
  return Statement{begin, end - begin};
}

/// The parses of a file's Up statements, gathered in order as it is split
/// (ParsedFile::parsed_up).
class UpParses {
 public:
  /// The next Up statement's parse; nullopt: it is parse_range's (parse_up's) to parse.
  void add(parse::ParsedRange stmts) {
    if (!stmts) m_complete = false;
    if (m_complete) m_stmts.push_back(std::move(*stmts));
  }
  /// A StatementBegin/End block of the Up section (`at` in `source`), parsed as parse_up would
  /// parse it; kept when that reports nothing.
  void add_block(const diag::SourcePtr& source, const Statement& at) {
    if (!m_complete) return;
    diag::DiagnosticEngine own;
    std::vector<parse::StmtPtr> stmts =
        parse::parse_range(source, parse::StatementRange{at.offset, at.length}, own);
    if (own.sorted().empty()) {
      m_stmts.push_back(std::move(stmts));
    } else {
      m_complete = false;
    }
  }
  /// The parses of `up`, the Up statements of `source`, when every one was added without a
  /// diagnostic; else null.
  std::shared_ptr<const ParsedUp> finish(const diag::SourcePtr& source,
                                         const std::vector<Statement>& up) {
    if (!m_complete || up.empty() || m_stmts.size() != up.size()) return nullptr;
    auto out = std::make_shared<ParsedUp>();
    out->source = source;
    out->up = up;
    out->stmts = std::move(m_stmts);
    return out;
  }

 private:
  std::vector<std::vector<parse::StmtPtr>> m_stmts;
  bool m_complete = true;
};

/// Walks a goose file's annotations, collecting statements per section.
class GooseParser {
 public:
  GooseParser(const diag::SourcePtr& source, diag::DiagnosticEngine& diags)
      : m_source(source), m_text(source->text()), m_diags(diags) {}

  ParsedFile run(const std::vector<AnnotationLine>& annotations) {
    m_out.format = Migration::Goose;
    m_sql_migrate = annotations.front().sql_migrate;  // as the file's first annotation says
    for (const AnnotationLine& a : annotations) visit(a);
    if (m_block) {
      report_unterminated();
    } else {
      add_plain(m_run_start, static_cast<uint32_t>(m_text.size()));
    }
    if (!m_up) {
      m_diags.report(diag::make(DiagId::err_goose_no_up, diag::Location::file(m_source), {word()}));
    } else if (m_down && m_down->word < m_up->word && !m_sql_migrate) {
      m_diags.report(diag::make(DiagId::err_goose_down_before_up, at(*m_down), {word()}));
    }
    m_out.parsed_up = m_parses.finish(m_source, m_out.up);
    return std::move(m_out);
  }

 private:
  enum class Section { None, Up, Down };

  diag::Location at(const AnnotationLine& a) const {
    return diag::Location::at(m_source, a.word, a.word_length);
  }

  /// The tool, as "unknown ... annotation" names it.
  std::string tool_name() const { return m_sql_migrate ? "sql-migrate" : "goose"; }

  /// The annotations' word after "+", as messages spell them.
  std::string word() const { return m_sql_migrate ? "migrate" : "goose"; }

  void visit(const AnnotationLine& a) {
    switch (a.kind) {
      case Annotation::NoTransaction:
        m_out.no_transaction = true;
        return;
      case Annotation::EnvSub:
        return;
      case Annotation::Unknown:
        m_diags.report(
            diag::make(DiagId::err_goose_unknown_annotation, at(a), {a.text, tool_name()}));
        return;
      case Annotation::Up:
      case Annotation::Down:
        end_run(a);
        start_section(a);
        if (a.no_transaction) m_out.no_transaction = true;
        break;
      case Annotation::StatementBegin:
        end_run(a);
        if (m_block) report_unterminated();
        if (m_section == Section::None) {
          m_diags.report(diag::make(DiagId::err_goose_statement_outside_section, at(a), {word()}));
        }
        m_block = a;
        break;
      case Annotation::StatementEnd:
        if (!m_block) {
          m_diags.report(diag::make(DiagId::err_goose_stray_end, at(a), {word()}));
        } else {
          std::optional<Statement> s = block_statement(m_text, m_block->next_line, a.line_begin);
          if (s && m_section != Section::None) {
            section().push_back(*s);
            if (m_section == Section::Up) m_parses.add_block(m_source, *s);
          }
          m_block.reset();
        }
        break;
    }
    m_run_start = a.next_line;
  }

  /// Ends the text run (or the open block) before a structural annotation.
  void end_run(const AnnotationLine& a) {
    if (m_block) {
      // A section change inside a block leaves the block unterminated; a
      // second StatementBegin is reported by the caller.
      if (a.kind != Annotation::StatementBegin) {
        report_unterminated();
        m_block.reset();
      }
      return;
    }
    add_plain(m_run_start, a.line_begin);
  }

  void start_section(const AnnotationLine& a) {
    bool is_up = a.kind == Annotation::Up;
    std::optional<AnnotationLine>& seen = is_up ? m_up : m_down;
    // sql-migrate takes a direction any number of times, in any order: each section adds to its
    // direction's statements (goose takes each once, Up first).
    if (seen && m_sql_migrate) {
      m_section = is_up ? Section::Up : Section::Down;
      return;
    }
    if (seen) {
      diag::Diagnostic d =
          diag::make(DiagId::err_goose_duplicate_section, at(a), {is_up ? "Up" : "Down", word()});
      d.note(DiagId::note_previous_here, at(*seen), {"annotation"});
      m_diags.report(std::move(d));
    } else {
      seen = a;
    }
    m_section = is_up ? Section::Up : Section::Down;
  }

  void add_plain(uint32_t begin, uint32_t end) {
    Run run = split_range(m_source, begin, end, m_section == Section::Up);
    for (size_t i = 0; i < run.statements.size(); ++i) {
      const Statement& s = run.statements[i];
      if (m_section == Section::None) {
        if (!m_reported_outside) {
          m_diags.report(diag::make(DiagId::err_goose_statement_outside_section,
                                    diag::Location::at(m_source, s.offset, 0), {word()}));
        }
        m_reported_outside = true;
        continue;
      }
      section().push_back(s);
      if (m_section == Section::Up) m_parses.add(std::move(run.parsed[i]));
    }
  }

  void report_unterminated() {
    m_diags.report(diag::make(DiagId::err_goose_unterminated_block, at(*m_block), {word()}));
  }

  std::vector<Statement>& section() { return m_section == Section::Down ? m_out.down : m_out.up; }

  const diag::SourcePtr& m_source;
  std::string_view m_text;
  diag::DiagnosticEngine& m_diags;
  ParsedFile m_out;
  Section m_section = Section::None;
  std::optional<AnnotationLine> m_up, m_down, m_block;
  uint32_t m_run_start = 0;
  bool m_reported_outside = false;
  UpParses m_parses;
  bool m_sql_migrate = false;  ///< the file's annotations are sql-migrate's (`+migrate`)
};

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A dbmate marker line: `-- migrate:up` / `-- migrate:down`, options after it.
struct DbmateMarker {
  bool up = false;
  uint32_t line_begin = 0;
  uint32_t next_line = 0;
  bool no_transaction = false;  ///< `transaction:false`
};

/// Every dbmate marker line of `text`, in order.
std::vector<DbmateMarker> find_dbmate_markers(std::string_view text) {
  std::vector<DbmateMarker> out;
  const uint32_t size = static_cast<uint32_t>(text.size());
  uint32_t begin = 0;
  while (begin < size) {
    size_t nl = text.find('\n', begin);
    uint32_t end = nl == std::string_view::npos ? size : static_cast<uint32_t>(nl);
    uint32_t i = begin;
    while (i < end && is_blank(text[i])) ++i;
    if (text.compare(i, 2, "--") == 0) {
      i += 2;
      while (i < end && is_blank(text[i])) ++i;
      std::string_view rest = text.substr(i, end - i);
      for (bool up : {true, false}) {
        std::string_view word = up ? "migrate:up" : "migrate:down";
        if (rest.substr(0, word.size()) != word) continue;
        std::string_view after = rest.substr(word.size());
        if (!after.empty() && !is_blank(after[0]) && after[0] != '\r') continue;
        out.push_back(DbmateMarker{up, begin, std::min(end + 1, size),
                                   after.find("transaction:false") != std::string_view::npos});
      }
    }
    begin = end + 1;
  }
  return out;
}

/// A dbmate file: the Up section runs from `-- migrate:up` to `-- migrate:down` (or the end).
ParsedFile parse_dbmate(const diag::SourcePtr& source, const std::vector<DbmateMarker>& markers,
                        diag::DiagnosticEngine& diags) {
  ParsedFile out;
  out.format = Migration::Dbmate;
  std::string_view text = source->text();
  const uint32_t size = static_cast<uint32_t>(text.size());
  auto up = std::find_if(markers.begin(), markers.end(), [](const auto& m) { return m.up; });
  auto down = std::find_if(markers.begin(), markers.end(), [](const auto& m) { return !m.up; });
  if (up == markers.end()) {
    diags.report(
        diag::make(DiagId::err_migration_no_up, diag::Location::file(source), {"-- migrate:up"}));
    return out;
  }
  out.no_transaction = up->no_transaction;
  uint32_t up_end =
      down != markers.end() && down->line_begin > up->line_begin ? down->line_begin : size;
  Run up_run = split_range(source, up->next_line, up_end, true);
  UpParses parses;
  for (parse::ParsedRange& p : up_run.parsed) parses.add(std::move(p));
  out.up = std::move(up_run.statements);
  out.parsed_up = parses.finish(source, out.up);
  if (down != markers.end()) {
    uint32_t down_end = down->line_begin < up->line_begin ? up->line_begin : size;
    out.down = split_range(source, down->next_line, down_end, false).statements;
  }
  return out;
}

/// True when a `-- name: ...` (or `/* name: ...`) line is in text[begin, end): the statement
/// after it is a query of a query file, not schema.
bool has_name_comment(std::string_view text, uint32_t begin, uint32_t end) {
  std::string_view gap = text.substr(begin, end - begin);
  for (std::string_view opener : {"--", "/*"}) {
    for (size_t at = gap.find(opener); at != std::string_view::npos;
         at = gap.find(opener, at + 2)) {
      size_t i = at + 2;
      while (i < gap.size() && is_blank(gap[i])) ++i;
      if (gap.substr(i, 5) == "name:") return true;
    }
  }
  return false;
}

/// `run` without the queries of a query file (sqlc lets schema lists name query files).
Run without_named_queries(std::string_view text, Run run) {
  Run out;
  uint32_t prev_end = 0;
  for (size_t i = 0; i < run.statements.size(); ++i) {
    const Statement& s = run.statements[i];
    if (!has_name_comment(text, prev_end, s.offset)) {
      out.statements.push_back(s);
      if (i < run.parsed.size()) out.parsed.push_back(std::move(run.parsed[i]));
    }
    prev_end = s.offset + s.length;
  }
  return out;
}

}  // namespace

ParsedFile parse_migration_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags) {
  std::string_view text = source->text();
  const uint32_t size = static_cast<uint32_t>(text.size());
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    diags.report(diag::make(DiagId::warn_file_empty, diag::Location::file(source)));
  }
  ParsedFile out;
  const std::string& path = source->path();
  if (ends_with(path, ".up.sql") || ends_with(path, ".down.sql")) {
    out.format = Migration::MigratePair;
    if (ends_with(path, ".up.sql")) {
      Run run = split_range(source, 0, size, true);
      UpParses parses;
      for (parse::ParsedRange& p : run.parsed) parses.add(std::move(p));
      out.up = std::move(run.statements);
      out.parsed_up = parses.finish(source, out.up);
    } else {
      out.down = split_range(source, 0, size, false).statements;
    }
    return out;
  }
  std::vector<AnnotationLine> annotations = find_annotations(text);
  if (!annotations.empty()) return GooseParser(source, diags).run(annotations);
  std::vector<DbmateMarker> dbmate = find_dbmate_markers(text);
  if (!dbmate.empty()) return parse_dbmate(source, dbmate, diags);
  out.format = Migration::Plain;
  Run run = without_named_queries(text, split_range(source, 0, size, true, true));
  UpParses parses;
  for (parse::ParsedRange& p : run.parsed) parses.add(std::move(p));
  out.up = std::move(run.statements);
  out.parsed_up = parses.finish(source, out.up);
  return out;
}

}  // namespace sqlgen::source
