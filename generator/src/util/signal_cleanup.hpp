#pragma once
/// The one registry of what SIGINT, SIGTERM or SIGHUP must clean up before the process ends:
/// temp files (write_file_atomic) and temp directory trees (pg/'s throwaway clusters), each
/// with an optional child process that writes into it and is stopped first. Lock-free and
/// async-signal-safe on the handler's side.
///
/// No path escapes it: a path is created by the registry itself (mkstemp/mkdtemp on the slot's
/// own buffer, the signals blocked in the calling thread meanwhile), and whatever is registered
/// after the handler's pass (by another thread) removes itself and waits for the end. A child
/// is registered before it may exec (pg/'s spawn holds it at a gate until then).

#include <sys/types.h>

#include <string>

namespace sqlgen::util {

/// What a registered path is.
enum class CleanupKind { file, tree };

/// A path made by make_cleaned_up().
struct CleanupEntry {
  int slot = -1;  ///< -1: not registered (registry full or path too long); removed by nobody
  int fd = -1;    ///< the open file (CleanupKind::file), else -1
  int error = 0;  ///< errno when it could not be made (then `fd` is -1 and no slot is held)
};

/// Creates `tmpl` ("...XXXXXX", filled in place) as a file (mkstemp, the fd returned) or a
/// directory (mkdtemp) and registers it for removal on SIGINT, SIGTERM and SIGHUP, installing
/// the handlers on first use.
CleanupEntry make_cleaned_up(std::string& tmpl, CleanupKind kind);

/// Sets the process the handler stops (SIGINT, SIGQUIT, then SIGKILL to its group) before
/// removing `slot`'s path; 0 = none. When the process is already dying (the handler may have
/// passed the slot) it does not return: register a child before it may run.
void set_cleanup_child(int slot, pid_t pid);

/// Takes the slot's process back from the handler; returns it (0 when the handler took it).
pid_t take_cleanup_child(int slot);

/// True when the signal handler has cleaned `slot` up (its path is gone).
bool cleaned_on_signal(int slot);

/// Forgets `slot` (its path is gone or renamed away); -1 is a no-op.
void release_cleanup(int slot);

/// True once a cleanup signal arrived: the process is about to end.
bool signal_cleanup_dying();

/// Removes `path` recursively with raw syscalls only (safe in a signal handler).
void remove_tree_signal_safe(const char* path);

/// (Re)installs the SIGINT/SIGTERM/SIGHUP handler, chained to what was installed before it
/// (usually the default action); a signal that is ignored (nohup) stays ignored. Call it again
/// when something else (e.g. a test framework) replaced the handlers.
void install_signal_cleanup();

}  // namespace sqlgen::util
