#pragma once
/// Internal to pg/: making a PostgreSQL data dir, by copying a cached initdb template or by
/// running initdb (then caching it), for throwaway clusters and the development database.

#include <sys/types.h>

#include <filesystem>
#include <functional>

#include "pg/cluster.hpp"
#include "pg/process.hpp"

namespace sqlgen::pg::detail {

/// Creates the data dir `data` for `binaries`, owned by `run_as` when active: a copy of the
/// cached template when `options` allow and it exists, else initdb (trust auth, superuser
/// "postgres", UTF8, C locale), whose result is cached. `on_child` gets initdb's pid while it
/// runs (0 after). Sets `from_cache` when copied.
Result<> make_data_dir(const Binaries& binaries, const std::filesystem::path& data,
                       const RunAs& run_as, const ClusterOptions& options,
                       const std::function<void(pid_t)>& on_child, bool& from_cache);

}  // namespace sqlgen::pg::detail
