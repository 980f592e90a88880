// Must not compile: util/ depends on nothing project-specific.
#include "diag/diag.hpp"
