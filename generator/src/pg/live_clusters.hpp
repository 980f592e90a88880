#pragma once
/// Internal to pg/: the registry of this process's live clusters, read by the SIGINT/SIGTERM/
/// SIGHUP handler that stops their servers and removes their directories. Lock-free and
/// async-signal-safe on the handler's side.

#include <sys/types.h>

#include <string>

namespace sqlgen::pg::detail {

/// Registers a cluster directory (no server yet); the slot, or -1 when the registry is full or
/// the path too long (that cluster then gets no cleanup on signals).
int register_cluster(const std::string& dir);

/// Sets the process the handler must stop for `slot` (initdb, then the server; 0 = none).
void set_child(int slot, pid_t pid);

/// Takes the slot's process away from the handler; returns it (0 when the handler took it).
pid_t take_child(int slot);

/// True when the signal handler already cleaned `slot` up.
bool cleaned_by_handler(int slot);

/// Forgets `slot` once its directory is gone.
void unregister_cluster(int slot);

/// Removes `path` recursively with raw syscalls only (safe in a signal handler).
void remove_tree(const char* path);

}  // namespace sqlgen::pg::detail
