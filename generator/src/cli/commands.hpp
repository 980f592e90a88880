#pragma once
/// One function per subcommand; main.cpp only wires the command line to them.

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// `sqlgen parse FILE...`: statements with kinds and positions.
int run_parse(Context& ctx, const std::vector<std::string>& paths, bool json, std::ostream& out);

}  // namespace sqlgen::cli
