#include "pg/cache_dir.hpp"

#include "pg/template_cache.hpp"

namespace sqlgen::pg {

bool prepare_cache_subdir(const std::filesystem::path& dir) {
  return detail::prepare_cache_dir(dir.parent_path()) && detail::prepare_cache_dir(dir);
}

}  // namespace sqlgen::pg
