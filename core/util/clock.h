#pragma once
// Wall-clock time as stored in projects.

#include <cstdint>

namespace pixmark {

/// UTC milliseconds since the Unix epoch.
std::int64_t nowMs();

} // namespace pixmark
