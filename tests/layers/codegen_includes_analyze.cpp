// Must compile (the control of the layer tests): codegen/ may use analyze/'s public header,
// with everything it includes in turn.
#include "analyze/analyze.hpp"
