#include "source/query_file.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "parse/parse.hpp"
#include "util/cpp_words.hpp"

namespace sqlgen::source {

namespace {

using diag::DiagId;

const std::vector<std::pair<std::string, QueryCommand>>& commands() {
  static const std::vector<std::pair<std::string, QueryCommand>> k_commands = {
      {"one", QueryCommand::One},
      {"many", QueryCommand::Many},
      {"exec", QueryCommand::Exec},
      {"execrows", QueryCommand::ExecRows},
      {"execresult", QueryCommand::ExecResult},
      {"copyfrom", QueryCommand::CopyFrom},
      {"batchexec", QueryCommand::BatchExec},
      {"batchmany", QueryCommand::BatchMany},
      {"batchone", QueryCommand::BatchOne},
  };
  return k_commands;
}

/// `[A-Za-z_][A-Za-z0-9_]*`: a name C++ takes as it is.
bool is_identifier(const std::string& word) {
  if (word.empty() || std::isdigit(static_cast<unsigned char>(word[0]))) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

/// A comment's text without `--` or `/* */` and surrounding blanks.
std::string comment_body(std::string_view text, const parse::Comment& c) {
  std::string_view body = text.substr(c.offset, c.length);
  if (c.block) {
    body.remove_prefix(2);
    if (body.size() >= 2) body.remove_suffix(2);
  } else {
    body.remove_prefix(2);
  }
  size_t b = body.find_first_not_of(" \t\r\n");
  size_t e = body.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? std::string() : std::string(body.substr(b, e - b + 1));
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

/// What a comment above a query is.
struct Header {
  bool is_name = false;
  std::string name;
  std::string command;
  bool malformed = false;
  parse::Comment comment;
};

/// "name: X :cmd" → name/command; other "name:" forms are malformed.
Header classify(std::string_view text, const parse::Comment& c) {
  Header h;
  h.comment = c;
  std::string body = comment_body(text, c);
  if (body.rfind("name:", 0) != 0) return h;
  h.is_name = true;
  std::vector<std::string> w = words(body.substr(5));
  if (w.size() != 2 || w[1].size() < 2 || w[1][0] != ':') {
    h.malformed = true;
    return h;
  }
  h.name = w[0];
  h.command = w[1].substr(1);
  return h;
}

/// True when a blank line separates comment `ci` from what follows it (the next comment
/// before `stmt_offset`, or the statement): it detaches everything above it (file headers,
/// section comments) from the query's doc comment.
bool blank_line_after(std::string_view text, const std::vector<parse::Comment>& comments, size_t ci,
                      uint32_t stmt_offset) {
  const parse::Comment& c = comments[ci];
  uint32_t next = ci + 1 < comments.size() && comments[ci + 1].offset < stmt_offset
                      ? comments[ci + 1].offset
                      : stmt_offset;
  std::string_view gap = text.substr(c.offset + c.length, next - (c.offset + c.length));
  size_t nl = gap.find('\n');
  return nl != std::string_view::npos &&
         gap.find_first_not_of(" \t\r\n") == std::string_view::npos &&
         gap.find('\n', nl + 1) != std::string_view::npos;
}

/// Reads the comments of one query file into its queries, reporting problems.
struct Reader {
  const diag::SourcePtr& source;
  std::string_view text;
  diag::DiagnosticEngine& diags;

  diag::Location loc(uint32_t off, uint32_t len) const {
    return diag::Location::at(source, off, len);
  }

  /// A `-- name: X :cmd` comment; false after reporting it malformed or its command unknown.
  bool read_name(Query& q, const Header& h, const parse::Comment& c) const {
    if (h.malformed) {
      diags.report(diag::make(DiagId::err_query_bad_name_comment, loc(c.offset, c.length)));
      return false;
    }
    auto cmd = std::find_if(commands().begin(), commands().end(),
                            [&](const auto& p) { return p.first == h.command; });
    if (cmd == commands().end()) {
      std::vector<std::string> names;
      for (const auto& p : commands()) names.push_back(p.first);
      std::string hint = diag::did_you_mean(h.command, names);
      diags.report(diag::make(DiagId::err_query_unknown_command, loc(c.offset, c.length),
                              {h.command, hint.empty() ? "" : ", " + hint}));
      return false;
    }
    q.name = h.name;
    q.command = cmd->second;
    q.name_offset = c.offset;
    q.name_length = c.length;
    return true;
  }

  /// Reports that the query `q` names has no statement.
  void no_statement(const Query& q) const {
    diags.report(
        diag::make(DiagId::err_query_no_statement, loc(q.name_offset, q.name_length), {q.name}));
  }

  /// A goose or dbmate marker (`-- +goose Up`, `-- migrate:up`): the file is a migration.
  bool migration_marker(const parse::Comment& c) const {
    std::string body = comment_body(text, c);
    if (body.rfind("+goose", 0) != 0 && body.rfind("migrate:up", 0) != 0 &&
        body.rfind("migrate:down", 0) != 0) {
      return false;
    }
    std::string marker = body.substr(0, body.find_first_of(" \t\r\n"));
    diags.report(
        diag::make(DiagId::err_query_file_is_migration, loc(c.offset, c.length), {marker}));
    return true;
  }

  /// A `-- @word ...` comment (`body` without the dashes): an annotation of the query, or
  /// documentation when the word is not a known annotation. False when it is not kept as an
  /// annotation (documentation, or a malformed @override reported).
  bool read_annotation(Query& q, const std::string& body, const parse::Comment& c) const {
    std::vector<std::string> w = words(body.substr(1));
    QueryAnnotation a;
    a.kind = w.empty() ? "" : w[0];
    a.args.assign(w.begin() + (w.empty() ? 0 : 1), w.end());
    a.offset = c.offset;
    a.length = c.length;
    const auto& known = known_annotations();
    if (std::find(known.begin(), known.end(), a.kind) == known.end()) {
      // sqlc reads other `-- @word` lines as documentation; a near miss of a known
      // annotation (`@nulable`) is a warning, and the line stays documentation.
      std::string nearest;
      for (const std::string& k : known) {
        if (diag::edit_distance(a.kind, k) <= 2) nearest = k;
      }
      if (!nearest.empty()) {
        diags.report(diag::make(DiagId::warn_query_misspelled_annotation, loc(c.offset, c.length),
                                {a.kind, ", did you mean \"@" + nearest + "\"?"}));
      }
      q.doc.push_back(body);
      return false;
    }
    if ((a.kind == "nullable" || a.kind == "not-null" || a.kind == "raw-json" ||
         a.kind == "optional") &&
        a.args.empty()) {
      diags.report(
          diag::make(DiagId::err_query_annotation_no_columns, loc(c.offset, c.length), {a.kind}));
      return false;
    }
    if (a.kind == "override" && a.args.size() < 2) {
      diags.report(diag::make(DiagId::err_query_bad_override, loc(c.offset, c.length)));
      return false;
    }
    if (a.kind == "row") {
      if (a.args.size() != 1 || !is_identifier(a.args[0]) || util::is_cpp_reserved(a.args[0])) {
        diags.report(diag::make(DiagId::err_query_bad_row, loc(c.offset, c.length)));
        return false;
      }
      if (q.command != QueryCommand::One && q.command != QueryCommand::Many &&
          q.command != QueryCommand::BatchOne && q.command != QueryCommand::BatchMany) {
        diags.report(diag::make(DiagId::err_query_row_without_rows, loc(c.offset, c.length),
                                {q.name, command_name(q.command)}));
        return false;
      }
      for (const QueryAnnotation& earlier : q.annotations) {
        if (earlier.kind == "row") {
          diags.report(
              diag::make(DiagId::err_query_duplicate_row, loc(c.offset, c.length), {q.name}));
          return false;
        }
      }
    }
    q.annotations.push_back(std::move(a));
    return true;
  }
};

}  // namespace

const char* command_name(QueryCommand c) {
  for (const auto& [name, cmd] : commands()) {
    if (cmd == c) return name.c_str();
  }
  return "exec";
}

const std::vector<std::string>& known_annotations() {
  static const std::vector<std::string> k_known = {"nullable", "not-null", "override",
                                                   "row",      "raw-json", "optional"};
  return k_known;
}

std::vector<Query> read_query_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags,
                                   std::vector<parse::ParsedRange>* parsed) {
  std::string_view text = source->text();
  parse::SplitParse split = parse::split_and_parse(source, 0, text);
  const std::vector<parse::StatementRange>& stmts = split.ranges;
  std::vector<parse::Comment> comments =
      // Inside a statement only a `name:` comment (a missing `;` before it) or a migration
      // marker (a `-- +goose Down` after a last statement without `;`) matters.
      split.parsed ? parse::scan_comments_between(text, stmts, {"name:", "+goose", "migrate:"})
                   : parse::scan_comments(text);
  const Reader reader{source, text, diags};
  for (const parse::Comment& c : comments) {
    if (reader.migration_marker(c)) return {};
  }

  std::vector<Query> out;
  size_t ci = 0;
  uint32_t prev_end = 0;
  for (size_t si = 0; si < stmts.size(); ++si) {
    const parse::StatementRange& st = stmts[si];
    Query q;
    q.source = source;
    q.offset = st.offset;
    q.length = st.length;
    bool named = false;
    bool broken = false;
    // Comments between the previous statement and this one: name, annotations, doc.
    for (; ci < comments.size() && comments[ci].offset < st.offset; ++ci) {
      const parse::Comment& c = comments[ci];
      if (c.offset < prev_end) continue;
      Header h = classify(text, c);
      std::string body = comment_body(text, c);
      if (h.is_name) {
        // A second name before any statement: the first one named nothing.
        if (named) reader.no_statement(q);
        named = false;
        if (!reader.read_name(q, h, c)) {
          broken = true;
          continue;
        }
        named = true;
      } else if (!body.empty() && body[0] == '@') {
        if (!reader.read_annotation(q, body, c)) continue;
      } else {
        q.doc.push_back(body);
      }
      if (blank_line_after(text, comments, ci, st.offset)) q.doc.clear();
    }
    // A name comment inside the statement means a ';' is missing before it.
    uint32_t end = st.offset + st.length;
    for (; ci < comments.size() && comments[ci].offset < end; ++ci) {
      Header h = classify(text, comments[ci]);
      if (h.is_name && !h.malformed) {
        diags.report(diag::make(DiagId::err_query_missing_semicolon,
                                reader.loc(comments[ci].offset, comments[ci].length), {h.name}));
        broken = true;
      }
    }
    prev_end = end;
    if (broken) continue;
    if (!named) {
      diags.report(diag::make(DiagId::remark_query_no_name, reader.loc(st.offset, 0)));
      continue;
    }
    out.push_back(std::move(q));
    if (parsed && si < split.stmts.size()) {
      parsed->push_back(std::move(split.stmts[si]));
    } else if (parsed) {
      parsed->emplace_back();  // the file did not parse: parse_range's
    }
  }
  // A name comment after the last statement names nothing.
  for (; ci < comments.size(); ++ci) {
    if (comments[ci].offset < prev_end) continue;
    Header h = classify(text, comments[ci]);
    if (!h.is_name) continue;
    Query q;
    if (reader.read_name(q, h, comments[ci])) reader.no_statement(q);
  }
  return out;
}

void check_duplicate_names(const std::vector<Query>& queries, diag::DiagnosticEngine& diags) {
  std::map<std::string, const Query*> seen;
  for (const Query& q : queries) {
    auto [it, inserted] = seen.emplace(q.name, &q);
    if (inserted) continue;
    diag::Diagnostic d =
        diag::make(diag::DiagId::err_query_duplicate_name,
                   diag::Location::at(q.source, q.name_offset, q.name_length), {q.name});
    d.note(diag::DiagId::note_previous_here,
           diag::Location::at(it->second->source, it->second->name_offset, it->second->name_length),
           {"definition"});
    diags.report(std::move(d));
  }
}

}  // namespace sqlgen::source
