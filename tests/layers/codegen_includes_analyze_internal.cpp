// Must not compile: analyze/analyzer.hpp is internal to analyze/; codegen/ may use only the
// headers analyze/ makes public (analyze.hpp, types.hpp).
#include "analyze/analyzer.hpp"
