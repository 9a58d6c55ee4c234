#include "core/ingest/refresh_schedule.h"

#include <algorithm>

namespace pixmark::ingest {

namespace {
std::optional<Timestamp> dueAt(const DataSource& source)
{
    if (!source.incrementalRefresh || source.refreshIntervalSeconds <= 0)
        return std::nullopt;
    return source.lastRefreshAt.value_or(0) + Timestamp{source.refreshIntervalSeconds} * 1000;
}
} // namespace

std::vector<SourceId> dueSources(const std::vector<DataSource>& sources, Timestamp now)
{
    std::vector<SourceId> due;
    for (const auto& source : sources)
        if (auto at = dueAt(source); at && *at <= now)
            due.push_back(source.id);
    return due;
}

std::optional<std::chrono::milliseconds> timeUntilNextDue(const std::vector<DataSource>& sources, Timestamp now)
{
    std::optional<Timestamp> next;
    for (const auto& source : sources)
        if (auto at = dueAt(source))
            next = next ? std::min(*next, *at) : *at;
    if (!next)
        return std::nullopt;
    return std::chrono::milliseconds(std::max<Timestamp>(0, *next - now));
}

} // namespace pixmark::ingest
