// Must not compile: analyze/analyzer.hpp is internal to analyze/; vet/ types column references
// with the scope model analyze/ makes public (scope.hpp), not with the analyzer's state.
#include "analyze/analyzer.hpp"
