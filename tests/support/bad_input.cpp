#include "support/bad_input.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <sstream>
#include <system_error>
#include <thread>

#include "util/fs.hpp"

namespace fs = std::filesystem;

namespace sqlgen::testing {

namespace {

constexpr uid_t k_nobody = 65534;

}  // namespace

void share_with_nobody(const fs::path& dir) {
  if (::geteuid() != 0) return;
  std::error_code ec;
  const auto share = [&](const fs::path& p, bool is_dir) {
    fs::perms perms = fs::symlink_status(p, ec).permissions();
    if (perms == fs::perms::none) return;  // the unreadable file stays so
    fs::permissions(
        p, is_dir ? fs::perms::others_read | fs::perms::others_exec : fs::perms::others_read,
        fs::perm_options::add, ec);
  };
  share(dir, true);
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    share(it->path(), it->is_directory(ec));
  }
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

SpawnResult spawn_sqlgen(const std::vector<std::string>& args, const fs::path& cwd,
                         const SpawnOptions& options) {
  util::TempDir io("sqlgen-spawn");
  const std::string out_path = (io.path() / "out").string();
  const std::string err_path = (io.path() / "err").string();
  const bool drop = options.drop_root && ::geteuid() == 0;

  std::vector<std::string> argv_s{SQLGEN_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);

  // The child's environment, made before fork (only async-signal-safe calls after it).
  std::vector<std::pair<std::string, std::string>> set = options.env;
  if (options.no_cache) set.emplace_back("SQLGEN_NO_CACHE", "1");
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& kv : set) overridden = overridden || kv.first == name;
    if (!overridden) env_s.push_back(std::move(entry));
  }
  for (const auto& [name, value] : set) env_s.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& s : env_s) envp.push_back(s.data());
  envp.push_back(nullptr);

  // Signals wait until the child has dropped the test runner's handlers.
  sigset_t all, previous;
  sigfillset(&all);
  ::sigprocmask(SIG_BLOCK, &all, &previous);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (in < 0 || out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(120);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (options.file_size_limit >= 0) {
      ::signal(SIGXFSZ, SIG_IGN);
      struct rlimit limit {};
      limit.rlim_cur = limit.rlim_max = static_cast<rlim_t>(options.file_size_limit);
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::setpgid(0, 0);  // its own group: a kill reaches its children (initdb, postgres) too
    if (drop &&
        (::setgroups(0, nullptr) != 0 || ::setgid(k_nobody) != 0 || ::setuid(k_nobody) != 0)) {
      ::_exit(121);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(122);
  }
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  SpawnResult r;
  if (pid < 0) return r;
  bool signalled = false;
  int status = 0;
  for (;;) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!signalled && options.signal != 0 && options.signal_after.count() >= 0 &&
        elapsed >= options.signal_after) {
      ::kill(pid, options.signal);
      signalled = true;
    }
    if (elapsed >= options.deadline) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = util::read_file(out_path).text.value_or("");
  r.err = util::read_file(err_path).text.value_or("");
  return r;
}

TreeSnapshot snapshot_tree(const fs::path& dir) {
  TreeSnapshot out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    std::ostringstream desc;
    // A directory's size and mtime change when a temp file comes and goes: its entries tell.
    desc << (st.st_mode & S_IFMT) << ' ' << (st.st_mode & 07777);
    if (!S_ISDIR(st.st_mode)) {
      desc << ' ' << st.st_size << ' ' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec;
    }
    if (S_ISLNK(st.st_mode)) {
      desc << " -> " << fs::read_symlink(it->path(), ec).string();
      it.disable_recursion_pending();
    }
    out[it->path().lexically_relative(dir).generic_string()] = desc.str();
  }
  return out;
}

namespace {

/// True for a `path:line:col: severity: ` line (std::regex recurses per character: no use on
/// the 10 MB lines of the corpus).
bool is_positioned(const std::string& line) {
  for (const char* severity : {": error: ", ": warning: ", ": note: ", ": remark: "}) {
    size_t at = line.find(severity);
    if (at == std::string::npos || at == 0) continue;
    // Backwards from the severity: digits, ':', digits, ':' and a non-empty path.
    size_t i = at;
    for (int field = 0; field < 2; ++field) {
      size_t end = i;
      while (i > 0 && std::isdigit(static_cast<unsigned char>(line[i - 1]))) --i;
      if (i == end || i == 0 || line[i - 1] != ':') return false;
      --i;
    }
    return i > 0 && line[0] != ' ';
  }
  return false;
}

}  // namespace

bool every_position_has_a_caret(const std::string& err) {
  std::vector<std::string> lines;
  std::istringstream in(err);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_positioned(lines[i])) continue;
    // The source line, then spaces and a caret.
    if (i + 2 >= lines.size()) return false;
    const std::string& caret = lines[i + 2];
    size_t at = caret.find_first_not_of(' ');
    if (at == std::string::npos || caret[at] != '^') return false;
  }
  return true;
}

void restore_permissions(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
}

}  // namespace sqlgen::testing
