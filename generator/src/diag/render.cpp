// Text and JSON rendering of diagnostics, in clang's layout.
#include <nlohmann/json.hpp>

#include "diag/diag.hpp"

namespace sqlgen::diag {

namespace {

/// Source lines longer than this are shown from k_context_before bytes before the caret to
/// k_context_after bytes after it, with "..." where they are cut.
constexpr size_t k_long_line = 4096;
constexpr size_t k_context_before = 80;
constexpr size_t k_context_after = 160;

constexpr const char* k_reset = "\033[0m";
constexpr const char* k_bold = "\033[1m";
constexpr const char* k_green = "\033[1;32m";

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
    case Severity::Remark:
      return "remark";
  }
  return "error";
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error:
      return "\033[1;31m";
    case Severity::Warning:
      return "\033[1;35m";
    case Severity::Note:
    case Severity::Remark:
      return "\033[1;36m";
  }
  return "";
}

/// Display width of `text` up to byte `end`, tabs to the next tab stop.
size_t display_width(std::string_view text, size_t end, unsigned tab_width) {
  size_t width = 0;
  for (size_t i = 0; i < end && i < text.size();) {
    if (text[i] == '\t') {
      width += tab_width - width % tab_width;
      ++i;
      continue;
    }
    size_t next = i + char_to_byte(text.substr(i), 1);
    ++width;
    i = next;
  }
  return width;
}

std::string expand_tabs(std::string_view line, unsigned tab_width) {
  std::string out;
  size_t width = 0;
  for (size_t i = 0; i < line.size();) {
    if (line[i] == '\t') {
      size_t n = tab_width - width % tab_width;
      out.append(n, ' ');
      width += n;
      ++i;
      continue;
    }
    size_t len = char_to_byte(line.substr(i), 1);
    out.append(line.substr(i, len));
    ++width;
    i += len;
  }
  return out;
}

void render_one(std::string& out, const Diagnostic& d, const RenderOptions& opts) {
  const Location& loc = d.loc;
  bool has_pos = loc.source && loc.offset >= 0;
  LineCol lc;
  if (has_pos) lc = loc.source->line_col(static_cast<uint32_t>(loc.offset));

  if (opts.color) out += k_bold;
  if (loc.source) {
    out += loc.source->path();
    if (has_pos) out += ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
    out += ": ";
  } else {
    out += "sqlgen: ";
  }
  if (opts.color) out += severity_color(d.severity);
  out += severity_word(d.severity);
  out += ": ";
  if (opts.color) {
    out += k_reset;
    out += k_bold;
  }
  out += d.message;
  if (!d.rule.empty()) out += " [" + d.rule + "]";
  if (opts.color) out += k_reset;
  out += '\n';

  if (has_pos) {
    std::string_view line = loc.source->line_text(lc.line);
    uint32_t line_begin = loc.source->line_start(lc.line);
    size_t col_byte = static_cast<size_t>(loc.offset) - line_begin;
    // A very long line (a generated file, a 10 MB statement) is shown around the caret.
    std::string_view cut_before, cut_after;
    if (line.size() > k_long_line) {
      const auto continuation = [&](size_t i) {
        return i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80;
      };
      size_t begin = col_byte > k_context_before ? col_byte - k_context_before : 0;
      while (begin > 0 && continuation(begin)) --begin;
      size_t end = std::min(line.size(), col_byte + k_context_after);
      while (continuation(end)) ++end;
      if (begin > 0) cut_before = "...";
      if (end < line.size()) cut_after = "...";
      line = line.substr(begin, end - begin);
      col_byte -= begin;
    }
    size_t caret_col = cut_before.size() + display_width(line, col_byte, opts.tab_width);
    // The underline covers the span up to the end of this line.
    size_t span_end = std::min(line.size(), col_byte + loc.length);
    size_t span_width =
        span_end > col_byte
            ? cut_before.size() + display_width(line, span_end, opts.tab_width) - caret_col
            : 0;
    out += cut_before;
    out += expand_tabs(line, opts.tab_width);
    out += cut_after;
    out += '\n';
    out.append(caret_col, ' ');
    if (opts.color) out += k_green;
    out += '^';
    if (span_width > 1) out.append(span_width - 1, '~');
    if (opts.color) out += k_reset;
    out += '\n';
  }
  for (const Diagnostic& n : d.notes) render_one(out, n, opts);
}

}  // namespace

std::string render_text(const Diagnostic& d, const RenderOptions& opts) {
  std::string out;
  render_one(out, d, opts);
  return out;
}

nlohmann::json render_json(const Diagnostic& d) {
  nlohmann::json j = nlohmann::json::object();
  j["file"] = d.loc.source ? nlohmann::json(d.loc.source->path()) : nlohmann::json(nullptr);
  if (d.loc.source && d.loc.offset >= 0) {
    LineCol lc = d.loc.source->line_col(static_cast<uint32_t>(d.loc.offset));
    j["line"] = lc.line;
    j["column"] = lc.column;
  } else {
    j["line"] = nullptr;
    j["column"] = nullptr;
  }
  j["severity"] = severity_word(d.severity);
  j["message"] = d.message;
  j["id"] = std::string(name_of(d.id));
  if (!d.sqlstate.empty()) j["sqlstate"] = d.sqlstate;
  if (!d.rule.empty()) j["rule"] = d.rule;
  nlohmann::json notes = nlohmann::json::array();
  for (const Diagnostic& n : d.notes) notes.push_back(render_json(n));
  j["notes"] = std::move(notes);
  return j;
}

std::string render_all(const DiagnosticEngine& engine, bool json, const RenderOptions& opts) {
  std::vector<Diagnostic> diags = engine.sorted();
  if (json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Diagnostic& d : diags) {
      if (d.severity != Severity::Remark || opts.verbose) arr.push_back(render_json(d));
    }
    // Messages quote the user's text, which may not be UTF-8 (a Latin-1 comment): such bytes
    // become U+FFFD, as in every JSON sqlgen prints, instead of nlohmann's exception.
    return nlohmann::json{{"diagnostics", std::move(arr)}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
  }
  std::string out;
  for (const Diagnostic& d : diags) {
    if (d.severity != Severity::Remark || opts.verbose) out += render_text(d, opts);
  }
  return out;
}

}  // namespace sqlgen::diag
