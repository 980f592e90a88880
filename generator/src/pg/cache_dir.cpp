#include "pg/cache_dir.hpp"

#include "util/cache.hpp"

namespace sqlgen::pg {

bool prepare_cache_subdir(const std::filesystem::path& dir) {
  return util::prepare_cache_dir(dir.parent_path()) && util::prepare_cache_dir(dir);
}

}  // namespace sqlgen::pg
