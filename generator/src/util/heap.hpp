#pragma once
// How the process's heap grows: in large steps backed by transparent huge pages.

namespace sqlgen::util {

/// Makes malloc serve every thread from the one heap (the brk heap), grow it 64 MB at a time,
/// keep what is freed, and asks the kernel to back the heap with transparent huge pages
/// (madvise: honoured when /sys/kernel/mm/transparent_hugepage/enabled is `always` or
/// `madvise`). A run then takes a few hundred page faults instead of thousands: on virtual
/// machines, where a fault is costly, that was a third of a cold `generate` (BENCHMARKS.md).
/// Call first thing in main(), before any thread starts; glibc only (elsewhere it does nothing).
/// `SQLGEN_HUGE_PAGES=0` leaves malloc as it is.
void use_huge_page_heap();

}  // namespace sqlgen::util
