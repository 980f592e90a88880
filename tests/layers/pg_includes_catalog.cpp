// Must not compile: pg/ runs SQL on PostgreSQL and does not link catalog/, so catalog/'s
// header is not on its include path.
#include "catalog/catalog.hpp"
