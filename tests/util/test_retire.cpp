// util::retire: destroyed at once unless keeping is on (the CLI), then kept until the exit.
#include <catch2/catch.hpp>

#include "util/retire.hpp"

using namespace sqlgen;

namespace {

/// Counts its destructions (moved-from objects do not count).
struct Counted {
  int* destroyed;
  bool live = true;
  explicit Counted(int* d) : destroyed(d) {}
  Counted(Counted&& o) noexcept : destroyed(o.destroyed) { o.live = false; }
  Counted& operator=(Counted&&) = delete;
  ~Counted() {
    if (live) ++*destroyed;
  }
};

}  // namespace

TEST_CASE("retire destroys at once unless keeping at exit is on", "[util]") {
  int destroyed = 0;
  REQUIRE_FALSE(util::keep_at_exit());  // tests: off, as for any caller but the CLI's main
  util::retire(Counted(&destroyed));
  CHECK(destroyed == 1);

  util::set_keep_at_exit(true);
  util::retire(Counted(&destroyed));
  CHECK(destroyed == 1);  // kept: never destroyed in this process
  util::set_keep_at_exit(false);
  util::retire(Counted(&destroyed));
  CHECK(destroyed == 2);
}
