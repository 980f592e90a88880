// Must not compile: catalog/ is below analyze/ (views are bound through catalog::ViewBinder,
// wired by the caller), so analyze/'s header is not on catalog's include path.
#include "analyze/analyze.hpp"
