#include "diag/diag.hpp"

#include <algorithm>
#include <array>

namespace sqlgen::diag {

namespace {

struct DiagInfo {
  std::string_view name;
  Severity severity;
  std::string_view message;
};

constexpr std::array k_diag_infos = {
#define SQLGEN_DIAG(id, sev, msg) DiagInfo{#id, Severity::sev, msg},
#include "diag/diag_ids.def"
#undef SQLGEN_DIAG
};

}  // namespace

Severity severity_of(DiagId id) { return k_diag_infos[static_cast<size_t>(id)].severity; }

std::string_view name_of(DiagId id) { return k_diag_infos[static_cast<size_t>(id)].name; }

std::string format_message(std::string_view tmpl, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(tmpl.size());
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 1] >= '0' && tmpl[i + 1] <= '9' &&
        tmpl[i + 2] == '}') {
      size_t k = static_cast<size_t>(tmpl[i + 1] - '0');
      if (k < args.size()) {
        out += args[k];
        i += 2;
        continue;
      }
    }
    out += tmpl[i];
  }
  return out;
}

Diagnostic make(DiagId id, Location loc, std::vector<std::string> args) {
  const DiagInfo& info = k_diag_infos[static_cast<size_t>(id)];
  Diagnostic d;
  d.id = id;
  d.severity = info.severity;
  d.loc = std::move(loc);
  d.message = format_message(info.message, args);
  return d;
}

Diagnostic& Diagnostic::note(DiagId note_id, Location where, std::vector<std::string> args) {
  Diagnostic n = make(note_id, std::move(where), std::move(args));
  n.severity = Severity::Note;
  notes.push_back(std::move(n));
  return *this;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  size_t best_dist = 0;
  for (const auto& c : candidates) {
    size_t d = edit_distance(name, c);
    if (!best || d < best_dist || (d == best_dist && c < *best)) {
      best = &c;
      best_dist = d;
    }
  }
  // Close enough: at most a third of the name's length, and at least 1 edit allowed.
  if (!best || best_dist == 0 || best_dist > std::max<size_t>(1, name.size() / 3)) return {};
  return "did you mean \"" + *best + "\"?";
}

void DiagnosticEngine::report(Diagnostic d) {
  std::lock_guard lock(m_mutex);
  if (d.severity == Severity::Error) ++m_errors;
  if (d.severity == Severity::Warning) ++m_warnings;
  m_diags.push_back(std::move(d));
}

size_t DiagnosticEngine::error_count() const {
  std::lock_guard lock(m_mutex);
  return m_errors;
}

size_t DiagnosticEngine::warning_count() const {
  std::lock_guard lock(m_mutex);
  return m_warnings;
}

std::vector<Diagnostic> DiagnosticEngine::sorted() const {
  std::lock_guard lock(m_mutex);
  std::vector<Diagnostic> out = m_diags;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string pa = a.loc.source ? a.loc.source->path() : std::string();
    const std::string pb = b.loc.source ? b.loc.source->path() : std::string();
    if (pa != pb) return pa < pb;
    return a.loc.offset < b.loc.offset;
  });
  return out;
}

}  // namespace sqlgen::diag

namespace sqlgen::diag {

namespace {

/// Length of the valid UTF-8 sequence at text[i] (not NUL), or 0.
size_t valid_utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

/// The bytes PostgreSQL's message shows: as many as the lead byte announces (pg_utf_mblen),
/// cut at the end of the text.
std::string describe_bytes(std::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  n = std::min(n, text.size() - i);
  std::string out;
  static constexpr char k_hex[] = "0123456789abcdef";
  for (size_t k = 0; k < n; ++k) {
    const unsigned char b = static_cast<unsigned char>(text[i + k]);
    if (k) out += ' ';
    out += "0x";
    out += k_hex[b >> 4];
    out += k_hex[b & 15];
  }
  return out;
}

}  // namespace

bool check_encoding(const SourcePtr& source, DiagnosticEngine& engine) {
  std::string_view text = source->text();
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x01 && c < 0x80) {  // the common case, byte by byte
      ++i;
      continue;
    }
    size_t n = valid_utf8_length(text, i);
    if (n == 0) {
      engine.report(make(DiagId::err_invalid_byte_sequence,
                         Location::at(source, static_cast<uint32_t>(i), 1),
                         {describe_bytes(text, i)}));
      return false;
    }
    i += n;
  }
  return true;
}

}  // namespace sqlgen::diag
