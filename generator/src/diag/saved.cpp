#include "diag/saved.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace sqlgen::diag {

namespace {

using nlohmann::json;

/// How many DiagIds there are.
constexpr int k_diag_ids = 0
#define SQLGEN_DIAG(id, sev, msg) +1
#include "diag/diag_ids.def"
#undef SQLGEN_DIAG
    ;

/// Lines a location may cover beyond its first one (a caret line shows only the first).
constexpr uint32_t k_max_extra_lines = 16;

/// A source reduced to the lines the saved locations need, each at its line number.
struct Reduced {
  std::set<uint32_t> lines;
  std::map<uint32_t, uint32_t> new_start;  ///< line -> its offset in `text`
  std::string text;
};

template <class Fn>
void for_each_location(const std::vector<Diagnostic>& diags, Fn&& fn) {
  for (const Diagnostic& d : diags) {
    fn(d.loc);
    for (const Diagnostic& n : d.notes) fn(n.loc);
  }
}

/// The first and last line `loc` covers.
std::pair<uint32_t, uint32_t> lines_of(const Location& loc) {
  const uint32_t offset = static_cast<uint32_t>(loc.offset);
  const uint32_t first = loc.source->line_col(offset).line;
  const uint32_t last = loc.source->line_col(offset + loc.length).line;
  return {first, std::min(last, first + k_max_extra_lines)};
}

json save_one(const Diagnostic& d, const std::map<const SourceBuffer*, size_t>& index,
              const std::map<const SourceBuffer*, Reduced>& reduced) {
  json j = {{"id", static_cast<int>(d.id)},
            {"severity", static_cast<int>(d.severity)},
            {"message", d.message},
            {"sqlstate", d.sqlstate},
            {"rule", d.rule},
            {"source", -1},
            {"offset", d.loc.offset},
            {"length", d.loc.length}};
  if (d.loc.source) {
    j["source"] = index.at(d.loc.source.get());
    if (d.loc.offset >= 0) {
      const Reduced& r = reduced.at(d.loc.source.get());
      const uint32_t offset = static_cast<uint32_t>(d.loc.offset);
      const uint32_t line = d.loc.source->line_col(offset).line;
      j["offset"] = r.new_start.at(line) + (offset - d.loc.source->line_start(line));
    }
  }
  json notes = json::array();
  for (const Diagnostic& n : d.notes) notes.push_back(save_one(n, index, reduced));
  j["notes"] = std::move(notes);
  return j;
}

std::optional<Diagnostic> load_one(const json& j, const std::vector<SourcePtr>& sources) {
  if (!j.is_object()) return std::nullopt;
  Diagnostic d;
  const int id = j.at("id").get<int>();
  const int severity = j.at("severity").get<int>();
  if (id < 0 || id >= k_diag_ids || severity < 0 || severity > static_cast<int>(Severity::Remark)) {
    return std::nullopt;
  }
  d.id = static_cast<DiagId>(id);
  d.severity = static_cast<Severity>(severity);
  d.message = j.at("message").get<std::string>();
  d.sqlstate = j.at("sqlstate").get<std::string>();
  d.rule = j.at("rule").get<std::string>();
  const int64_t source = j.at("source").get<int64_t>();
  if (source >= static_cast<int64_t>(sources.size())) return std::nullopt;
  if (source >= 0) {
    d.loc.source = sources[static_cast<size_t>(source)];
    d.loc.offset = j.at("offset").get<int64_t>();
    d.loc.length = j.at("length").get<uint32_t>();
    if (d.loc.offset > static_cast<int64_t>(d.loc.source->text().size())) return std::nullopt;
  }
  for (const json& n : j.at("notes")) {
    std::optional<Diagnostic> note = load_one(n, sources);
    if (!note) return std::nullopt;
    d.notes.push_back(std::move(*note));
  }
  return d;
}

}  // namespace

std::optional<std::string> save_diagnostics(const std::vector<Diagnostic>& diags) {
  // Sources in order of first use, each reduced to the lines its locations cover.
  std::map<const SourceBuffer*, size_t> index;
  std::vector<const SourceBuffer*> order;
  std::map<const SourceBuffer*, Reduced> reduced;
  for_each_location(diags, [&](const Location& loc) {
    if (!loc.source) return;
    if (index.emplace(loc.source.get(), order.size()).second) order.push_back(loc.source.get());
    if (loc.offset < 0) return;
    auto [first, last] = lines_of(loc);
    for (uint32_t l = first; l <= last; ++l) reduced[loc.source.get()].lines.insert(l);
  });
  json sources = json::array();
  for (const SourceBuffer* s : order) {
    Reduced& r = reduced[s];
    uint32_t line = 1;
    for (uint32_t needed : r.lines) {
      r.text.append(needed - line, '\n');
      r.new_start[needed] = static_cast<uint32_t>(r.text.size());
      r.text += s->line_text(needed);
      r.text += '\n';
      line = needed + 1;
    }
    sources.push_back(json{{"path", s->path()}, {"text", r.text}});
  }
  json out = json::array();
  for (const Diagnostic& d : diags) out.push_back(save_one(d, index, reduced));
  try {
    return json{{"sources", std::move(sources)}, {"diagnostics", std::move(out)}}.dump();
  } catch (const json::exception&) {
    return std::nullopt;  // a text that is not UTF-8
  }
}

std::optional<std::vector<Diagnostic>> load_diagnostics(std::string_view text) {
  try {
    const json j = json::parse(text);
    std::vector<SourcePtr> sources;
    for (const json& s : j.at("sources")) {
      sources.push_back(
          make_source(s.at("path").get<std::string>(), s.at("text").get<std::string>()));
    }
    std::vector<Diagnostic> out;
    for (const json& d : j.at("diagnostics")) {
      std::optional<Diagnostic> one = load_one(d, sources);
      if (!one) return std::nullopt;
      out.push_back(std::move(*one));
    }
    return out;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace sqlgen::diag
