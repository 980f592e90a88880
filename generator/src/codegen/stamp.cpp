// The generate stamp (see stamp.hpp): the inputs' stats, hashing only what a stamp cannot vouch
// for, checking the outputs a stamp lists, and storing stamps under the cache dir.
//
// Formats (paths escaped: "\\" for a backslash, "\n" for a newline; a size of -1 is a path
// that was not a regular file, whose hash is "-" and which is never trusted):
//   inputs (what generate_inputs_hash returns; internal to one process):
//     sqlgen generate inputs v2 / ref <ns> / dir <config dir, absolute> / skeleton <sha256>
//     f <size> <mtime ns> <ctime ns> <ino> <dev> - <path>           one per input file
//   stamp:
//     sqlgen generate stamp v2 / inputs <sha256>
//     in <size> <mtime ns> <ctime ns> <ino> <dev> <sha256> <path>    inputs, in walk order
//     out <size> <mtime ns> <ctime ns> <ino> <dev> <sha256> <path>   outputs, sorted by path
#include "codegen/stamp.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "codegen/internal.hpp"
#include "util/cache.hpp"
#include "util/cache_key.hpp"
#include "util/fs.hpp"
#include "util/parallel.hpp"
#include "util/sha256.hpp"

namespace sqlgen::codegen {

namespace {

namespace fs = std::filesystem;

// First line of every stamp; bump the version when what is hashed or the format changes.
constexpr std::string_view k_stamp_magic = "sqlgen generate stamp v3";
/// The stamp's last line when the run reported anything: the key, then diag::save_diagnostics's
/// one line of JSON.
constexpr std::string_view k_diagnostics_key = "diagnostics ";
/// First line of a command stamp (command_inputs_hash): in records, then its output and
/// diagnostics, no out records.
constexpr std::string_view k_command_stamp_magic = "sqlgen command stamp v1";
/// A command stamp's output line: the key, then the output with escape_path's escapes.
constexpr std::string_view k_output_key = "output ";
// First line of the inputs description generate_inputs_hash returns.
constexpr std::string_view k_inputs_magic = "sqlgen generate inputs v2";
constexpr int64_t k_ns_per_s = 1'000'000'000;
// Below this many files to read, threads cost more than they save.
constexpr size_t k_parallel_reads = 8;

using util::FileStat;

/// Now, on the clock file timestamps come from: the coarse clock is never ahead of the time the
/// kernel gives a file modified later.
int64_t now_ns() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return static_cast<int64_t>(ts.tv_sec) * k_ns_per_s + ts.tv_nsec;
}

/// A recorded stat can be trusted when the file was last changed before `ref` (the stamp's
/// mtime) truncated to whole seconds: a later change would give it an mtime (and ctime) at or
/// after that, even on a filesystem that stores seconds only.
bool settled(const FileStat& s, int64_t ref) {
  int64_t cutoff = ref / k_ns_per_s * k_ns_per_s;
  return s.regular && s.mtime < cutoff && s.ctime < cutoff;
}

std::string escape_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> unescape_path(std::string_view text) {
  if (text.find('\\') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return std::nullopt;
    if (text[i] == '\\') {
      out += '\\';
    } else if (text[i] == 'n') {
      out += '\n';
    } else {
      return std::nullopt;
    }
  }
  return out;
}

/// One file as a stamp (or inputs) line records it.
struct Record {
  std::string path;
  FileStat stat;
  std::string hash;  ///< 64 hex digits, or "-" (unreadable, or not hashed)
};

std::string record_line(std::string_view tag, const Record& r) {
  std::string line(tag);
  for (int64_t v : {r.stat.size, r.stat.mtime, r.stat.ctime}) line += ' ' + std::to_string(v);
  for (uint64_t v : {r.stat.ino, r.stat.dev}) line += ' ' + std::to_string(v);
  line += ' ' + r.hash + ' ' + escape_path(r.path) + '\n';
  return line;
}

template <class Int>
bool parse_int(std::string_view text, Int& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

/// Splits off the text up to the next space.
std::string_view take_word(std::string_view& text) {
  size_t space = text.find(' ');
  std::string_view word = text.substr(0, space);
  text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
  return word;
}

/// Parses a record_line (without its newline) tagged `tag`.
bool parse_record(std::string_view line, std::string_view tag, Record& r) {
  if (take_word(line) != tag) return false;
  FileStat& s = r.stat;
  if (!parse_int(take_word(line), s.size) || !parse_int(take_word(line), s.mtime) ||
      !parse_int(take_word(line), s.ctime) || !parse_int(take_word(line), s.ino) ||
      !parse_int(take_word(line), s.dev)) {
    return false;
  }
  s.regular = s.size >= 0;
  if (!s.regular) s = FileStat{};
  r.hash = std::string(take_word(line));
  if (r.hash != "-" && r.hash.size() != 64) return false;
  std::optional<std::string> path = unescape_path(line);
  if (!path || path->empty()) return false;
  r.path = std::move(*path);
  return true;
}

/// Splits off the next line (without its newline); false at the end or on a last line without
/// a newline.
bool take_line(std::string_view& text, std::string_view& line) {
  size_t eol = text.find('\n');
  if (eol == std::string_view::npos) return false;
  line = text.substr(0, eol);
  text.remove_prefix(eol + 1);
  return true;
}

/// "<key> <value>" → value.
bool take_keyed(std::string_view& text, std::string_view key, std::string_view& value) {
  std::string_view line;
  if (!take_line(text, line) || !line.starts_with(key) || line.size() <= key.size() ||
      line[key.size()] != ' ') {
    return false;
  }
  value = line.substr(key.size() + 1);
  return true;
}

/// What generate_inputs_hash returns, parsed.
struct Inputs {
  int64_t ref = 0;       ///< taken before the first stat
  fs::path dir;          ///< the config's directory, absolute: outputs resolve against it
  std::string skeleton;  ///< SHA-256 of everything but the input files' bytes
  std::vector<Record> files;
};

std::optional<Inputs> parse_inputs(std::string_view text) {
  Inputs in;
  std::string_view line, value;
  if (!take_line(text, line) || line != k_inputs_magic) return std::nullopt;
  if (!take_keyed(text, "ref", value) || !parse_int(value, in.ref)) return std::nullopt;
  if (!take_keyed(text, "dir", value)) return std::nullopt;
  std::optional<std::string> dir = unescape_path(value);
  if (!dir) return std::nullopt;
  in.dir = *dir;
  if (!take_keyed(text, "skeleton", value)) return std::nullopt;
  in.skeleton = std::string(value);
  while (take_line(text, line)) {
    Record r;
    if (!parse_record(line, "f", r)) return std::nullopt;
    in.files.push_back(std::move(r));
  }
  if (!text.empty()) return std::nullopt;
  return in;
}

/// A stamp file, parsed, with its mtime (the time its records were last proven against).
struct Stamp {
  int64_t mtime = 0;
  uint64_t ino = 0;    ///< of the file read, so a touch never lands on another writer's stamp
  std::string inputs;  ///< the inputs hash
  std::vector<Record> in;
  std::vector<Record> out;
  std::string diagnostics;            ///< the run's saved diagnostics, "" for none
  std::optional<std::string> output;  ///< a command stamp's output (none in a generate stamp)
};

/// The stamp at `path` when it is ours (first line `magic`) and well-formed.
std::optional<Stamp> load_stamp(const fs::path& path, std::string_view magic = k_stamp_magic) {
  std::optional<util::CacheFile> file = util::read_cache_file(path);
  if (!file) return std::nullopt;
  Stamp stamp;
  stamp.mtime = file->mtime_ns;
  stamp.ino = file->ino;
  std::string_view text = file->text, line, value;
  if (!take_line(text, line) || line != magic) return std::nullopt;
  if (!take_keyed(text, "inputs", value) || value.size() != 64) return std::nullopt;
  stamp.inputs = std::string(value);
  while (take_line(text, line)) {
    Record rec;
    if (line.starts_with(k_output_key) && !stamp.output && stamp.diagnostics.empty()) {
      stamp.output = unescape_path(line.substr(k_output_key.size()));
      if (!stamp.output) return std::nullopt;
    } else if (line.starts_with(k_diagnostics_key)) {
      stamp.diagnostics = std::string(line.substr(k_diagnostics_key.size()));
      if (stamp.diagnostics.empty() || !text.empty()) return std::nullopt;  // the last line
    } else if (parse_record(line, "in", rec)) {
      if (!stamp.out.empty() || stamp.output) return std::nullopt;
      stamp.in.push_back(std::move(rec));
    } else if (parse_record(line, "out", rec) && rec.hash != "-") {
      stamp.out.push_back(std::move(rec));
    } else {
      return std::nullopt;
    }
  }
  if (!text.empty()) return std::nullopt;
  return stamp;
}

std::string stamp_content(const std::string& inputs_hash, const std::vector<Record>& in,
                          const std::vector<Record>& out, const std::string& diagnostics,
                          const std::optional<std::string>& output = std::nullopt) {
  std::string text = std::string(output ? k_command_stamp_magic : k_stamp_magic) + "\ninputs " +
                     inputs_hash + "\n";
  for (const Record& r : in) text += record_line("in", r);
  for (const Record& r : out) text += record_line("out", r);
  if (output) text += std::string(k_output_key) + escape_path(*output) + "\n";
  if (!diagnostics.empty()) text += std::string(k_diagnostics_key) + diagnostics + "\n";
  return text;
}

/// Sets the stamp's mtime to `ref`: its records were proven against files stat'ed after it.
/// With `ino`, only when the file at `path` is still that inode (not a stamp another run wrote
/// meanwhile, whose records this run did not check).
void set_stamp_time(const fs::path& path, int64_t ref, uint64_t ino = 0) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (ino == 0 || st.st_ino == ino)) {
    struct timespec times[2] = {{0, UTIME_OMIT}, {ref / k_ns_per_s, ref % k_ns_per_s}};
    (void)::futimens(fd, times);
  }
  ::close(fd);
}

/// Calls fn(i) for every i of `items`, on every core when there are enough of them.
template <class Fn>
void for_each_index(const std::vector<size_t>& items, Fn&& fn) {
  if (items.size() < k_parallel_reads) {
    for (size_t i : items) fn(i);
  } else {
    util::parallel_for(items.size(), [&](size_t k) { fn(items[k]); });
  }
}

/// The hashes of the input files, as "sha256:<hex>" or "unreadable: <why>": recorded ones where
/// the stamp vouches for them, else read now.
std::vector<std::string> input_slots(const Inputs& in, const Stamp* stamp) {
  std::vector<std::string> slots(in.files.size());
  std::unordered_map<std::string_view, const Record*> recorded;
  if (stamp) {
    for (const Record& r : stamp->in) recorded.emplace(r.path, &r);
  }
  std::vector<size_t> to_read;
  for (size_t i = 0; i < in.files.size(); ++i) {
    const Record& f = in.files[i];
    auto it = recorded.find(f.path);
    if (it != recorded.end() && it->second->hash != "-" && it->second->stat == f.stat &&
        settled(f.stat, stamp->mtime)) {
      slots[i] = "sha256:" + it->second->hash;
    } else {
      to_read.push_back(i);
    }
  }
  for_each_index(to_read, [&](size_t i) {
    util::ReadResult r = util::read_file(in.files[i].path);
    slots[i] = r.text ? "sha256:" + util::sha256_hex(*r.text) : "unreadable: " + r.error;
  });
  return slots;
}

std::string inputs_hash_of(const Inputs& in, const std::vector<std::string>& slots) {
  util::KeyHasher f;
  f.field(k_inputs_magic).field(in.skeleton).field(std::to_string(slots.size()));
  for (const std::string& s : slots) f.field(s);
  return f.hex();
}

/// The input records of a stamp: each file's stat (from before it was hashed) and hash.
std::vector<Record> input_records(const Inputs& in, const std::vector<std::string>& slots) {
  std::vector<Record> records = in.files;
  for (size_t i = 0; i < records.size(); ++i) {
    bool hashed = slots[i].starts_with("sha256:") && records[i].stat.regular;
    records[i].hash = hashed ? slots[i].substr(7) : "-";
    if (!hashed) records[i].stat = FileStat{};
  }
  return records;
}

/// The builder of the inputs description: text fields go into the skeleton hash, files are
/// stat'ed (not read) and their place in the skeleton marked.
class InputsBuilder {
 public:
  InputsBuilder() : m_ref(now_ns()) {}
  InputsBuilder& field(std::string_view text) {
    m_skeleton.field("text").field(text);
    return *this;
  }
  InputsBuilder& file(const fs::path& path) { return file(path.string(), util::stat_file(path)); }
  /// A file whose stat was taken (after this builder was made).
  InputsBuilder& file(std::string path, const FileStat& stat) {
    m_skeleton.field("file");
    m_files.push_back(Record{std::move(path), stat, "-"});
    return *this;
  }
  std::string text(const fs::path& dir) {
    std::string out = std::string(k_inputs_magic) + "\nref " + std::to_string(m_ref) + "\ndir " +
                      escape_path(dir.string()) + "\nskeleton " + m_skeleton.hex() + "\n";
    for (const Record& r : m_files) out += record_line("f", r);
    return out;
  }

 private:
  int64_t m_ref;  // before any stat
  util::KeyHasher m_skeleton;
  std::vector<Record> m_files;
};

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

/// Every file under `rel` (a module's migrations or queries path): relative path and file,
/// sorted, found by the walker source/ finds `*.sql` files with (util::walk_files: no symlinked
/// directories followed), which also gives each file's stat. Fixtures and non-.sql files are
/// included too: more than the run reads, never less.
void tree_fields(InputsBuilder& f, const fs::path& base, const std::string& rel) {
  f.field("tree").field(rel);
  if (rel.empty()) return;
  fs::path dir = (base / rel).lexically_normal();
  std::error_code ec;
  fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    f.field("missing");
    return;
  }
  if (!fs::is_directory(st)) {
    f.field("not a directory").file(dir);
    return;
  }
  util::DirWalk walk = util::walk_files(dir);
  if (!walk.error.empty()) f.field("walk error").field(walk.error_path + ": " + walk.error);
  f.field(std::to_string(walk.files.size()));
  for (util::WalkedFile& e : walk.files) f.field(e.rel).file(std::move(e.path), e.stat);
}

/// The project's part of an inputs description: sqlgen's build, the config's path and bytes,
/// and every file under each module's migrations and queries paths.
void project_fields(InputsBuilder& f, const config::Config& config, const fs::path& base) {
  f.field(util::build_identity());
  std::string config_path = config.source ? config.source->path() : std::string();
  f.field("config").field(absolute_normal(config_path).generic_string());
  f.field(config.source ? config.source->text() : std::string_view("<no config text>"));
  f.field("modules").field(std::to_string(config.modules.size()));
  for (const config::Module& m : config.modules) {
    f.field(m.name);
    for (const auto* list : {&m.migrations, &m.queries}) {
      f.field(std::to_string(list->size()));
      for (const config::SourcePath& p : *list) tree_fields(f, base, p.path);
    }
    f.field(m.migrations_listed ? "listed" : "directory");
    f.field(m.queries_listed ? "listed" : "directory");
  }
}

/// Keeps a stamp found up to date: input files (and `out` records) whose stat changed without
/// their bytes get their new stat recorded (`refresh`, or any input's stat differing from its
/// record), so the next check need not read them again; then the stamp's mtime moves to this
/// check's reference time (see stamp.hpp).
void keep_stamp(const fs::path& stamp_file, const Stamp& stamp, const Inputs& in,
                const std::vector<std::string>& slots, const std::string& hash,
                const std::vector<Record>& out, bool refresh, std::string_view magic) {
  std::vector<Record> in_records = input_records(in, slots);
  refresh = refresh || in_records.size() != stamp.in.size();
  for (size_t i = 0; !refresh && i < in_records.size(); ++i) {
    refresh = in_records[i].path != stamp.in[i].path || in_records[i].stat != stamp.in[i].stat;
  }
  std::optional<std::string> output;
  if (magic == k_command_stamp_magic) output = stamp.output;
  if (refresh && util::write_file_atomic(
                     stamp_file, stamp_content(hash, in_records, out, stamp.diagnostics, output))
                     .empty()) {
    set_stamp_time(stamp_file, in.ref);
  } else {
    set_stamp_time(stamp_file, in.ref, stamp.ino);
  }
}

/// Writes a stamp's `content` (atomically, only when it changed), dates it `ref` (see stamp.hpp)
/// and keeps the `keep` most recently used stamps of its directory. Returns an error or "".
std::string store_stamp(const fs::path& stamp_file, const std::string& content, int64_t ref,
                        size_t keep) {
  util::ReadResult existing = util::read_file(stamp_file);
  if (!(existing.text && *existing.text == content)) {
    if (std::string err = util::write_file_atomic(stamp_file, content); !err.empty()) return err;
  }
  set_stamp_time(stamp_file, ref);
  util::evict_cache_entries(
      stamp_file.parent_path(), keep,
      [](const std::string& name) { return name.ends_with(".stamp") && !name.starts_with("."); },
      stamp_file);
  return {};
}

}  // namespace

std::string generate_inputs_hash(const config::Config& config) {
  InputsBuilder f;  // takes the reference time first
  fs::path base = absolute_normal(config.dir.empty() ? fs::path(".") : config.dir);
  f.field(k_stamp_magic);
  project_fields(f, config, base);
  f.field("output").field(absolute_normal(config.resolve(config.output)).generic_string());
  if (std::optional<std::vector<fs::path>> templates =
          template_files((base / config.templates).lexically_normal())) {
    f.field("templates").field(std::to_string(templates->size()));
    for (const fs::path& t : *templates) f.field(t.filename().string()).file(t);
  } else {
    f.field("templates").field("built-in");  // compiled in: part of the build identity
  }
  return f.text(base);
}

fs::path stamp_path(const fs::path& cache_dir, const config::Config& config) {
  std::string config_path = config.source ? config.source->path() : std::string();
  std::string key =
      util::sha256_hex(absolute_normal(config_path).generic_string() + '\0' +
                       absolute_normal(config.resolve(config.output)).generic_string());
  return cache_dir / "generate" / (key + ".stamp");
}

bool stamp_up_to_date(const fs::path& stamp_file, const std::string& inputs_hash,
                      const config::Config& config, size_t* files, InputHashes* hashes,
                      std::string* diagnostics) {
  std::optional<Inputs> in = parse_inputs(inputs_hash);
  if (!in) return false;
  std::optional<Stamp> stamp = load_stamp(stamp_file);
  // Hash the inputs now, before a real run reads them, for write_stamp to record.
  std::vector<std::string> slots = input_slots(*in, stamp ? &*stamp : nullptr);
  if (hashes) *hashes = InputHashes{inputs_hash, slots};
  if (!stamp || stamp->out.empty()) return false;
  std::string hash = inputs_hash_of(*in, slots);
  if (hash != stamp->inputs) return false;

  // The outputs: the recorded hash where the stat vouches for it, else read and hash.
  std::vector<Record> out = stamp->out;
  std::vector<FileStat> now(out.size());
  std::vector<size_t> to_read;
  for (size_t i = 0; i < out.size(); ++i) {
    now[i] = util::stat_file(config.resolve(out[i].path));
    if (!now[i].regular) return false;
    if (!(now[i] == out[i].stat && settled(now[i], stamp->mtime))) to_read.push_back(i);
  }
  std::atomic<bool> all_same{true};
  for_each_index(to_read, [&](size_t i) {
    if (!all_same) return;
    util::ReadResult r = util::read_file(config.resolve(out[i].path));
    if (!r.text || util::sha256_hex(*r.text) != out[i].hash) all_same = false;
  });
  if (!all_same) return false;

  // A generated file nobody produces would be removed by a real run: then run for real.
  std::set<fs::path> expected;
  for (const Record& r : out) expected.insert(config.resolve(r.path).lexically_normal());
  StrayFiles stray =
      stray_generated_files(config.resolve(config.output).lexically_normal(), expected, 1);
  if (!stray.files.empty() || !stray.complete) return false;

  // Up to date. Outputs whose stat changed without their bytes (a touch, a rewrite with the
  // same content) get their new stat recorded, as inputs do (keep_stamp).
  bool refresh = false;
  for (size_t i : to_read) {
    if (now[i] != out[i].stat) {
      out[i].stat = now[i];
      refresh = true;
    }
  }
  keep_stamp(stamp_file, *stamp, *in, slots, hash, out, refresh, k_stamp_magic);
  if (files) *files = out.size();
  if (diagnostics) *diagnostics = stamp->diagnostics;
  return true;
}

std::string write_stamp(const fs::path& stamp_file, const std::string& inputs_hash,
                        const std::vector<GeneratedFile>& files, const std::string& diagnostics,
                        const InputHashes* hashes, size_t keep) {
  std::optional<Inputs> in = parse_inputs(inputs_hash);
  if (!in) return "not an inputs description from generate_inputs_hash";
  std::optional<std::vector<std::string>> slots;
  if (hashes && hashes->inputs == inputs_hash) slots = hashes->slots;
  if (!slots) {
    // Hashed after the run: only trustworthy for files whose stat has not moved since the run
    // started.
    slots = input_slots(*in, nullptr);
    for (const Record& f : in->files) {
      if (util::stat_file(f.path) != f.stat) return "\"" + f.path + "\" changed during the run";
    }
  }

  // The outputs as on disk now, with the hash of what the run wrote or found unchanged. A file
  // changed since then has an mtime after the reference time, so the next check reads it.
  std::vector<Record> out(files.size());
  util::parallel_for(files.size(), [&](size_t i) {
    const std::string& rel = files[i].path;
    fs::path target = fs::path(rel).is_absolute() ? fs::path(rel) : in->dir / rel;
    out[i] =
        Record{rel, util::stat_file(target.lexically_normal()), util::sha256_hex(files[i].content)};
  });
  std::sort(out.begin(), out.end(),
            [](const Record& a, const Record& b) { return a.path < b.path; });
  if (diagnostics.find('\n') != std::string::npos) return "diagnostics must be one line";
  std::string content =
      stamp_content(inputs_hash_of(*in, *slots), input_records(*in, *slots), out, diagnostics);
  return store_stamp(stamp_file, content, in->ref, keep);
}

std::string command_inputs_hash(const config::Config& config, std::string_view command) {
  InputsBuilder f;  // takes the reference time first
  fs::path base = absolute_normal(config.dir.empty() ? fs::path(".") : config.dir);
  f.field(k_command_stamp_magic).field(command);
  project_fields(f, config, base);
  return f.text(base);
}

fs::path command_stamp_path(const fs::path& cache_dir, const config::Config& config,
                            std::string_view command) {
  std::string config_path = config.source ? config.source->path() : std::string();
  std::string key =
      util::sha256_hex(absolute_normal(config_path).generic_string() + '\0' + std::string(command));
  std::string dir(command.substr(0, command.find(' ')));
  return cache_dir / dir / (key + ".stamp");
}

std::optional<CommandResult> command_stamp_lookup(const fs::path& stamp_file,
                                                  const std::string& inputs_hash,
                                                  InputHashes* hashes) {
  std::optional<Inputs> in = parse_inputs(inputs_hash);
  if (!in) return std::nullopt;
  std::optional<Stamp> stamp = load_stamp(stamp_file, k_command_stamp_magic);
  std::vector<std::string> slots = input_slots(*in, stamp ? &*stamp : nullptr);
  if (hashes) *hashes = InputHashes{inputs_hash, slots};
  if (!stamp || !stamp->output || !stamp->out.empty()) return std::nullopt;
  std::string hash = inputs_hash_of(*in, slots);
  if (hash != stamp->inputs) return std::nullopt;
  keep_stamp(stamp_file, *stamp, *in, slots, hash, {}, false, k_command_stamp_magic);
  return CommandResult{*stamp->output, stamp->diagnostics};
}

std::string write_command_stamp(const fs::path& stamp_file, const std::string& inputs_hash,
                                const CommandResult& result, const InputHashes* hashes,
                                size_t keep) {
  std::optional<Inputs> in = parse_inputs(inputs_hash);
  if (!in) return "not an inputs description from command_inputs_hash";
  // Only hashes taken before the run read its inputs vouch for what it read.
  if (!hashes || hashes->inputs != inputs_hash) return "no input hashes from before the run";
  if (result.diagnostics.find('\n') != std::string::npos) return "diagnostics must be one line";
  std::string content =
      stamp_content(inputs_hash_of(*in, hashes->slots), input_records(*in, hashes->slots), {},
                    result.diagnostics, result.output);
  return store_stamp(stamp_file, content, in->ref, keep);
}

}  // namespace sqlgen::codegen
