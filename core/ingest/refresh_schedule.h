#pragma once
// When incremental sources are due for a refresh.

#include "core/model/data_source.h"

#include <chrono>
#include <optional>
#include <vector>

namespace pixmark::ingest {

/// Incremental sources whose interval has passed since their last refresh (never
/// refreshed counts as due).
std::vector<SourceId> dueSources(const std::vector<DataSource>& sources, Timestamp now);

/// How long until the next incremental source with an interval is due; nullopt when none has one.
std::optional<std::chrono::milliseconds> timeUntilNextDue(const std::vector<DataSource>& sources, Timestamp now);

} // namespace pixmark::ingest
