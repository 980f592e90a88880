// `options:` of sqlgen.yaml as the code generator reads them; unknown keys are errors.
#include <charconv>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

/// The option's key in the config text (the config keeps no positions for option keys).
diag::Location option_location(const config::Config& config, const std::string& key) {
  if (!config.source) return {};
  const std::string& text = config.source->text();
  size_t options = text.find("options:");
  if (options != std::string::npos) {
    for (size_t at = text.find(key, options); at != std::string::npos;
         at = text.find(key, at + 1)) {
      bool line_start = at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\n');
      bool followed =
          text.compare(at + key.size(), 1, ":") == 0 || text.compare(at + key.size(), 1, "\"") == 0;
      if (line_start && followed) {
        return diag::Location::at(config.source, static_cast<uint32_t>(at),
                                  static_cast<uint32_t>(key.size()));
      }
    }
  }
  return diag::Location::file(config.source);
}

std::optional<bool> parse_bool(const std::string& v) {
  if (v == "true" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "no" || v == "off") return false;
  return std::nullopt;
}

}  // namespace

Options parse_options(const config::Config& config, diag::DiagnosticEngine& diags) {
  Options out;
  for (const auto& option : config.options) {
    // named references, not a structured binding: clang 15 (the fuzz build) cannot capture one
    const std::string& key = option.first;
    const std::string& value = option.second;
    auto bad = [&](const std::string& why) {
      diags.report(diag::make(diag::DiagId::err_codegen_option_value, option_location(config, key),
                              {key, value, why}));
    };
    if (key == "max_params") {
      int n = -1;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 0) {
        bad("expected a number of parameters (0 or more)");
      } else {
        out.max_params = n;
      }
    } else if (key == "json") {
      std::optional<bool> b = parse_bool(value);
      if (!b && value != "auto")
        bad("expected auto (JSON for modules with json or jsonb values), true or false");
      else
        out.json = b;
    } else if (key == "nullable_array_elements" || key == "exact_table_names") {
      std::optional<bool> b = parse_bool(value);
      if (!b)
        bad("expected true or false");
      else if (key == "exact_table_names")
        out.exact_table_names = *b;
      else
        out.nullable_array_elements = *b;
    } else if (key == "query_classes") {
      if (value != "module" && value != "file")
        bad("expected module (one Queries class per module) or file (one per query file)");
      else
        out.class_per_file = value == "file";
    } else if (key == "function_naming") {
      if (value != "snake_case" && value != "camelCase" && value != "as_is") {
        bad("expected snake_case, camelCase or as_is");
      } else {
        out.function_naming = value;
      }
    } else {
      std::string hint = diag::did_you_mean(key, config::option_keys());
      diags.report(diag::make(diag::DiagId::err_codegen_unknown_option,
                              option_location(config, key),
                              {key, hint.empty() ? "" : ", " + hint}));
    }
  }
  return out;
}

}  // namespace sqlgen::codegen
