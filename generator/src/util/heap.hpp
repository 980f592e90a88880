#pragma once
// How the process's heaps grow: in large steps backed by transparent huge pages.

namespace sqlgen::util {

/// Makes malloc grow its heaps 64 MB at a time and keep what is freed, and asks the kernel to
/// back the main heap with transparent huge pages (madvise: honoured when
/// /sys/kernel/mm/transparent_hugepage/enabled is `always` or `madvise`). A run then takes a
/// few hundred page faults instead of thousands: on virtual machines, where a fault is costly,
/// that was a third of a cold `generate` (BENCHMARKS.md). Call first thing in main(), before any
/// thread starts; glibc only (elsewhere it does nothing). `SQLGEN_HUGE_PAGES=0` leaves malloc
/// as it is.
void use_huge_page_heap();

/// The same advice for the calling thread's own malloc arena (glibc gives each thread an arena
/// of its own, so threads do not wait on one lock): called first thing by every thread sqlgen
/// starts. The rest of the arena's first 2 MB, which glibc touched before the advice, is
/// allocated and left unused: otherwise it takes 512 faults of 4 KB, which were most of a
/// short thread's faults. Does nothing unless use_huge_page_heap ran.
void use_huge_page_thread_heap();

}  // namespace sqlgen::util
