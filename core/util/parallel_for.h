#pragma once
// The one worker pool of core's batch jobs (probing, thumbnails, the training cache):
// indexes are handed out one at a time to a few threads, the caller's thread included.

#include "core/util/progress.h"

#include <cstddef>
#include <functional>

namespace pixmark {

/// Threads to use when the caller says 0: one per core, at least 2 (file work waits on
/// the disk as much as on the CPU).
int defaultThreadCount();

/// Calls body(i) for every i in [begin, end) on `threads` threads (0: defaultThreadCount()),
/// stopping early once cancel is set. Returns when every started call has returned.
/// body must not throw and must be safe to call concurrently for different i.
void parallelFor(std::size_t begin, std::size_t end, int threads, const CancelToken& cancel,
                 const std::function<void(std::size_t)>& body);

} // namespace pixmark
