#pragma once
// What the golden cases' programs (tests/cases/codegen/*/program.cpp) check with: EXPECT(cond)
// counts the check and, when `cond` is false, the failure, printing its line; a program's main
// returns 1 when g_failures is not 0.

#include <iostream>

inline int g_failures = 0;
inline int g_checks = 0;

#define EXPECT(cond)                                                      \
  do {                                                                    \
    ++g_checks;                                                           \
    if (!(cond)) {                                                        \
      ++g_failures;                                                       \
      std::cerr << "line " << __LINE__ << ": EXPECT(" #cond ") failed\n"; \
    }                                                                     \
  } while (0)
