// libFuzzer target: the strict mustache renderer (codegen/template.cpp). The input holds
// templates separated by NUL bytes: the first is `queries.hpp`, the others the partials `p1`,
// `p2`, ... next to the built-in templates (`struct`, `codec`, `models.hpp`). It is rendered
// with the real view models of the codegen golden case (fuzz/fixture.hpp): its parse, the
// check of every name against the view (also where nothing is rendered), partials, sections
// over lists (long ones in parallel) and the generated-file marker check.
#include "fixture.hpp"

using namespace sqlgen;

namespace {
const std::vector<fuzz::View>& views() {
  static const std::vector<fuzz::View> v = [] {
    diag::DiagnosticEngine diags;
    return fuzz::build_views(fuzz::fixture().modules, diags);
  }();
  return v;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  (void)views();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = fuzz::text_of(data, size);
  codegen::TemplateSet set = fuzz::builtin_template_set();
  size_t part = 0;
  for (size_t begin = 0;; ++part) {
    size_t end = text.find('\0', begin);
    std::string name = part == 0 ? "queries.hpp" : "p" + std::to_string(part);
    set.templates[name] = diag::make_source(
        "/sqlgen-fuzz/templates/" + name + ".mustache",
        text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  for (const fuzz::View& v : views()) {
    diag::DiagnosticEngine diags;
    (void)codegen::render_template(set, "queries.hpp", v.view, diags);
    (void)diag::render_all(diags, false);
  }
  return 0;
}
