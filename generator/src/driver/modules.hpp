#pragma once
/// Internal to driver/: what the commands that name a module (fixture, create) share.

#include <cstddef>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::driver {

/// The index of the module named `name` in `config`; nullopt (reported, with did-you-mean)
/// when there is none.
std::optional<size_t> find_module(const config::Config& config, const std::string& name,
                                  diag::DiagnosticEngine& diags);

}  // namespace sqlgen::driver
