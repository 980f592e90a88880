#include "support/run.hpp"

#include <sys/wait.h>

#include <cstdlib>

#include "util/fs.hpp"

namespace sqlgen::testing {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

RunResult run_command(const std::string& args, const std::string& cwd) {
  util::TempDir tmp("sqlgen-run");
  std::string out_path = (tmp.path() / "out").string();
  std::string err_path = (tmp.path() / "err").string();
  std::string cmd = (cwd.empty() ? std::string() : "cd " + shell_quote(cwd) + " && ") + args +
                    " </dev/null >" + out_path + " 2>" + err_path;
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = util::read_file(out_path).text.value_or("");
  r.err = util::read_file(err_path).text.value_or("");
  return r;
}

RunResult run_sqlgen(const std::string& args, const std::string& cwd) {
  return run_command(shell_quote(SQLGEN_BINARY) + " " + args, cwd);
}

}  // namespace sqlgen::testing
