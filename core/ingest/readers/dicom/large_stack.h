#pragma once
// Running work on a thread whose stack is as large as the work needs.

#include <cstddef>
#include <functional>

namespace pixmark::ingest {

/// Runs work to completion on a new thread with a stack of stackBytes and rethrows what
/// it threw. For DCMTK's recursive parser on deeply nested files; the stack is reserved
/// address space, touched (and so backed by memory) only as deep as the work goes.
/// Returns false, without running work, when the thread cannot be created.
bool runOnLargeStack(std::size_t stackBytes, const std::function<void()>& work);

} // namespace pixmark::ingest
