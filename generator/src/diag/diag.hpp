#pragma once
/// Diagnostics: ids with message templates, locations in source files, a
/// thread-safe collector, and clang-style text and JSON rendering.

#include <cstdint>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diag/source_buffer.hpp"

namespace sqlgen::diag {

/// Remarks (what sqlgen skipped, and why) are printed only with `--verbose`.
enum class Severity { Error, Warning, Note, Remark };

/// Every diagnostic sqlgen can print; see diag_ids.def.
enum class DiagId : uint16_t {
#define SQLGEN_DIAG(id, sev, msg) id,
#include "diag/diag_ids.def"
#undef SQLGEN_DIAG
};

/// A place in a source file: a byte range, or the whole file when
/// `offset` is negative, or nowhere when `source` is null.
struct Location {
  SourcePtr source;
  int64_t offset = -1;
  uint32_t length = 0;

  static Location at(SourcePtr source, uint32_t offset, uint32_t length = 0) {
    return Location{std::move(source), offset, length};
  }
  static Location file(SourcePtr source) { return Location{std::move(source), -1, 0}; }
};

/// One diagnostic with its notes, message already formatted.
struct Diagnostic {
  DiagId id{};
  Severity severity = Severity::Error;
  Location loc;
  std::string message;
  /// PostgreSQL's SQLSTATE for a mistake PostgreSQL rejects the same way ("42803"), or "".
  std::string sqlstate;
  /// The `sqlgen vet` rule that found it ("delete-without-where"), or "": printed after the
  /// message as `[rule]` (as clang prints `[-Wflag]`) and as "rule" in JSON.
  std::string rule;
  std::vector<Diagnostic> notes;

  /// Adds a note and returns *this for chaining.
  Diagnostic& note(DiagId note_id, Location where, std::vector<std::string> args = {});
};

/// Formats `id`'s template with positional arguments.
Diagnostic make(DiagId id, Location loc, std::vector<std::string> args = {});
/// The template's severity and id name (e.g. "err_syntax").
Severity severity_of(DiagId id);
std::string_view name_of(DiagId id);
/// Replaces {0}, {1}, ... in `tmpl`; a missing argument stays verbatim.
std::string format_message(std::string_view tmpl, const std::vector<std::string>& args);
/// Edit distance with adjacent transpositions (optimal string alignment): "emial" is one
/// edit from "email".
size_t edit_distance(std::string_view a, std::string_view b);
/// "did you mean \"x\"?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

/// Collects diagnostics from any thread; reporting never throws or exits.
class DiagnosticEngine {
 public:
  void report(Diagnostic d);
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  /// All diagnostics ordered by file path, then position, then report order.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex m_mutex;
  std::vector<Diagnostic> m_diags;
  size_t m_errors = 0;
  size_t m_warnings = 0;
};

/// How diagnostics are printed.
struct RenderOptions {
  bool color = false;
  unsigned tab_width = 8;
  bool verbose = false;  ///< print remarks too
};

/// clang style: "path:line:col: error: message", the source line, a caret
/// line, then the notes the same way.
std::string render_text(const Diagnostic& d, const RenderOptions& opts = {});
/// {"file","line","column","severity","message","id","notes":[...]}, and "sqlstate" when set.
nlohmann::json render_json(const Diagnostic& d);
/// Reports the first NUL byte or invalid UTF-8 sequence of `source` (PostgreSQL's
/// "invalid byte sequence" error, at its position); false when there is one.
bool check_encoding(const SourcePtr& source, DiagnosticEngine& engine);

/// Renders every diagnostic of `engine`, text or a {"diagnostics": [...]} document.
std::string render_all(const DiagnosticEngine& engine, bool json, const RenderOptions& opts = {});

}  // namespace sqlgen::diag
