#pragma once
// Wall-clock time as stored in projects.

#include <cstdint>
#include <string>

namespace pixmark {

/// UTC milliseconds since the Unix epoch.
std::int64_t nowMs();

/// Test hook: moves nowMs() forward for the rest of the process (abandoned tasks,
/// throughput buckets) without sleeping.
void advanceClockForTesting(std::int64_t ms);

/// "2026-11-25T12:00:00Z" for a timestamp from nowMs().
std::string formatIsoUtc(std::int64_t ms);

} // namespace pixmark
