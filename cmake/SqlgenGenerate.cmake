# sqlgen_generate(): run `sqlgen generate` at build time and hand its output
# to a target.
#
#   sqlgen_generate(TARGET <target>
#                   CONFIG <path/to/sqlgen.yaml>
#                   [OUTPUT_DIR <dir>]
#                   [SQLGEN <executable or target>]
#                   [SCOPE PRIVATE|PUBLIC|INTERFACE])
#
# Adds a custom command that runs `<sqlgen> -c <config> generate` (plus
# `--output <dir>` when OUTPUT_DIR is given) and a custom target
# `<target>_sqlgen` (`<target>_sqlgen_2`, ... for a target's further configs)
# that <target> depends on, with a stamp file of the same name in
# CMAKE_CURRENT_BINARY_DIR as the command's output, so the generated files exist
# before any of <target>'s sources compile (targets naming the same config and
# output directory share one command and custom target). The generated queries'
# definitions (every `<module>/*.cpp`, through the `sqlgen_queries.cpp` that
# includes them all) compile into a static library `<target>_sqlgen_code` per
# generation, position-independent, so targets sharing a generation link one
# copy. Then, with SCOPE (default PRIVATE):
#   - adds the output directory to <target>'s include directories, so
#     `#include <module/queries.hpp>` finds the generated headers;
#   - links that library and sqlgen::runtime (the runtime headers, libpqxx,
#     nlohmann_json).
#
# OUTPUT_DIR defaults to the config's own `output:` (default `generated`),
# relative to the config's directory. A relative OUTPUT_DIR is taken relative
# to CMAKE_CURRENT_BINARY_DIR.
#
# SQLGEN defaults to the target sqlgen::sqlgen (the imported executable after
# find_package(sqlgen), or the tool being built inside sqlgen's own tree).
#
# Regeneration: the command depends on the config, on every *.sql under the
# config's `migrations:` and `queries:` directories and every *.mustache under
# its `templates:` directory (globbed with CONFIGURE_DEPENDS, so an added or
# removed file re-runs CMake and is noticed), and on the sqlgen executable.
# The keys are read from the YAML line by line (block style, one `key: value`
# per line); a config without readable `migrations:`/`queries:` keys falls back
# to every *.sql / *.mustache below the config's directory. Paths listed only
# in other ways (YAML anchors, flow style) are not tracked.
#
# The C++ files the generator already wrote (*.hpp, *.h, *.cpp, *.inc below
# the output directory, globbed) are declared as BYPRODUCTS, so Ninja
# recompiles the sources that include a regenerated header in the same build;
# files the generator creates for the first time are picked up by the CMake
# re-run that glob triggers; `sqlgen_queries.cpp`, always written, is always one.

include_guard(GLOBAL)

# Values of `key:` lines in a block-style YAML file. TOP_LEVEL: only keys at
# column 0. Quotes and trailing comments are stripped.
function(_sqlgen_yaml_values out_var file key)
  cmake_parse_arguments(PARSE_ARGV 3 arg "TOP_LEVEL" "" "")
  file(STRINGS "${file}" lines)
  set(values "")
  foreach(line IN LISTS lines)
    if(arg_TOP_LEVEL)
      set(re "^${key}[ \t]*:[ \t]*(.*)$")
    else()
      set(re "^[ \t]*(-[ \t]+)?${key}[ \t]*:[ \t]*(.*)$")
    endif()
    if(NOT line MATCHES "${re}")
      continue()
    endif()
    if(arg_TOP_LEVEL)
      set(value "${CMAKE_MATCH_1}")
    else()
      set(value "${CMAKE_MATCH_2}")
    endif()
    string(REGEX REPLACE "[ \t]+#.*$" "" value "${value}")
    string(STRIP "${value}" value)
    if(value MATCHES "^\"(.*)\"$" OR value MATCHES "^'(.*)'$")
      set(value "${CMAKE_MATCH_1}")
    endif()
    if(NOT value STREQUAL "")
      list(APPEND values "${value}")
    endif()
  endforeach()
  set(${out_var} "${values}" PARENT_SCOPE)
endfunction()

function(sqlgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;CONFIG;OUTPUT_DIR;SQLGEN;SCOPE" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sqlgen_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET)
    message(FATAL_ERROR "sqlgen_generate: TARGET is required")
  endif()
  if(NOT TARGET "${arg_TARGET}")
    message(FATAL_ERROR "sqlgen_generate: \"${arg_TARGET}\" is not a target")
  endif()
  if(NOT arg_CONFIG)
    message(FATAL_ERROR "sqlgen_generate: CONFIG is required")
  endif()
  if(NOT arg_SCOPE)
    set(arg_SCOPE PRIVATE)
  elseif(NOT arg_SCOPE MATCHES "^(PRIVATE|PUBLIC|INTERFACE)$")
    message(FATAL_ERROR "sqlgen_generate: SCOPE must be PRIVATE, PUBLIC or INTERFACE")
  endif()

  if(NOT TARGET sqlgen::runtime)
    message(FATAL_ERROR "sqlgen_generate: no target sqlgen::runtime "
                        "(call find_package(sqlgen REQUIRED) first)")
  endif()

  get_filename_component(config "${arg_CONFIG}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${config}")
    message(FATAL_ERROR "sqlgen_generate: config \"${config}\" does not exist")
  endif()
  get_filename_component(config_dir "${config}" DIRECTORY)
  get_filename_component(config_name "${config}" NAME)

  # The tool: a target (imported or built here) or a path.
  if(NOT arg_SQLGEN)
    if(NOT TARGET sqlgen::sqlgen)
      message(FATAL_ERROR "sqlgen_generate: no SQLGEN given and no target sqlgen::sqlgen "
                          "(call find_package(sqlgen REQUIRED) first)")
    endif()
    set(arg_SQLGEN sqlgen::sqlgen)
  endif()
  set(tool_deps "")
  if(TARGET "${arg_SQLGEN}")
    set(tool "${arg_SQLGEN}")
    get_target_property(aliased "${tool}" ALIASED_TARGET)
    if(aliased)
      set(tool "${aliased}")
    endif()
    get_target_property(imported "${tool}" IMPORTED)
    set(sqlgen_cmd "$<TARGET_FILE:${tool}>")
    list(APPEND tool_deps "$<TARGET_FILE:${tool}>")
    if(NOT imported)
      list(APPEND tool_deps "${tool}")
    endif()
  else()
    get_filename_component(sqlgen_cmd "${arg_SQLGEN}" ABSOLUTE)
    if(NOT EXISTS "${sqlgen_cmd}")
      find_program(SQLGEN_PROGRAM_${arg_TARGET} NAMES "${arg_SQLGEN}")
      if(NOT SQLGEN_PROGRAM_${arg_TARGET})
        message(FATAL_ERROR "sqlgen_generate: SQLGEN \"${arg_SQLGEN}\" not found")
      endif()
      set(sqlgen_cmd "${SQLGEN_PROGRAM_${arg_TARGET}}")
    endif()
    list(APPEND tool_deps "${sqlgen_cmd}")
  endif()

  # Where the output goes.
  set(output_args "")
  if(arg_OUTPUT_DIR)
    get_filename_component(output_dir "${arg_OUTPUT_DIR}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    set(output_args --output "${output_dir}")
  else()
    _sqlgen_yaml_values(output "${config}" output TOP_LEVEL)
    if(NOT output)
      set(output generated)
    endif()
    list(GET output -1 output)
    get_filename_component(output_dir "${output}" ABSOLUTE BASE_DIR "${config_dir}")
  endif()

  # One generation per config and output directory: another target asking for
  # the same one shares it (two commands writing the same files would race).
  string(MD5 generation_key "${config}|${output_dir}")
  set(generation_key "SQLGEN_GENERATION_${generation_key}")
  get_property(generation GLOBAL PROPERTY "${generation_key}")
  if(generation)
    _sqlgen_use_generation(${arg_TARGET} ${generation} "${output_dir}" ${arg_SCOPE})
    return()
  endif()

  # Inputs: the config, the migrations and queries (*.sql), the templates.
  set(sql_dirs "")
  set(template_dirs "")
  _sqlgen_yaml_values(migration_dirs "${config}" migrations)
  _sqlgen_yaml_values(query_dirs "${config}" queries)
  _sqlgen_yaml_values(templates "${config}" templates TOP_LEVEL)
  if(NOT templates)
    set(templates templates)
    # Without a `templates:` key the tool may use its own templates.
    if(DEFINED sqlgen_TEMPLATES_DIR AND IS_DIRECTORY "${sqlgen_TEMPLATES_DIR}")
      list(APPEND templates "${sqlgen_TEMPLATES_DIR}")
    endif()
  endif()
  foreach(dir IN LISTS migration_dirs query_dirs)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${config_dir}")
    list(APPEND sql_dirs "${dir}")
  endforeach()
  foreach(dir IN LISTS templates)
    get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${config_dir}")
    list(APPEND template_dirs "${dir}")
  endforeach()
  set(globs "")
  if(NOT migration_dirs AND NOT query_dirs)
    # Not a config this function can read: depend on everything below it.
    list(APPEND globs "${config_dir}/*.sql" "${config_dir}/*.mustache")
  endif()
  foreach(dir IN LISTS sql_dirs)
    list(APPEND globs "${dir}/*.sql")
  endforeach()
  foreach(dir IN LISTS template_dirs)
    list(APPEND globs "${dir}/*.mustache")
  endforeach()
  file(GLOB_RECURSE inputs CONFIGURE_DEPENDS ${globs})
  # What the tool writes is not an input, even if it lies below an input dir.
  set(kept "")
  string(LENGTH "${output_dir}/" prefix_len)
  foreach(file IN LISTS inputs)
    string(SUBSTRING "${file}" 0 ${prefix_len} prefix)
    if(NOT prefix STREQUAL "${output_dir}/")
      list(APPEND kept "${file}")
    endif()
  endforeach()
  set(inputs "${kept}")
  list(REMOVE_DUPLICATES inputs)

  # Outputs: a stamp (always), and the C++ files the last run wrote. Only C++
  # files: the output directory may hold files other commands own (the
  # example app keeps `sqlgen dump`'s schema.sql there), and byproducts are
  # deleted by `cmake --build . --target clean`.
  set(generation ${arg_TARGET}_sqlgen)
  set(n 1)
  while(TARGET ${generation})  # a target may use several configs
    math(EXPR n "${n} + 1")
    set(generation ${arg_TARGET}_sqlgen_${n})
  endwhile()
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${generation}.stamp")
  set(all_sources "${output_dir}/sqlgen_queries.cpp")
  file(GLOB_RECURSE byproducts CONFIGURE_DEPENDS
       "${output_dir}/*.hpp" "${output_dir}/*.h" "${output_dir}/*.cpp" "${output_dir}/*.inc")
  list(APPEND byproducts "${all_sources}")
  list(REMOVE_DUPLICATES byproducts)

  file(RELATIVE_PATH config_shown "${CMAKE_SOURCE_DIR}" "${config}")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${byproducts}
    # Run from the config's directory with `-c <file name>`: paths the tool
    # prints or writes into the output stay relative to it.
    COMMAND "${sqlgen_cmd}" -c "${config_name}" generate ${output_args}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS "${config}" ${inputs} ${tool_deps}
    WORKING_DIRECTORY "${config_dir}"
    COMMENT "sqlgen generate for ${arg_TARGET} (${config_shown})"
    VERBATIM)
  add_custom_target(${generation} DEPENDS "${stamp}")
  # The generated queries' definitions, compiled once for every target using them.
  add_library(${generation}_code STATIC "${all_sources}")
  add_dependencies(${generation}_code ${generation})
  target_include_directories(${generation}_code PUBLIC "${output_dir}")
  target_link_libraries(${generation}_code PUBLIC sqlgen::runtime)
  set_target_properties(${generation}_code PROPERTIES POSITION_INDEPENDENT_CODE ON)
  set_property(GLOBAL PROPERTY "${generation_key}" ${generation})
  _sqlgen_use_generation(${arg_TARGET} ${generation} "${output_dir}" ${arg_SCOPE})
endfunction()

# <target> waits for <generation> and sees its output and the runtime.
function(_sqlgen_use_generation target generation output_dir scope)
  add_dependencies(${target} ${generation})
  target_include_directories(${target} ${scope} "${output_dir}")
  target_link_libraries(${target} ${scope} ${generation}_code sqlgen::runtime)
endfunction()
