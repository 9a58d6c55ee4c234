#include "core/store/source_table.h"

#include "core/store/sqlite/database.h"

namespace pixmark::store {

namespace {
constexpr const char* kSourceColumns =
    "SELECT id, kind, root, pattern, options, copy_into_project, incremental_refresh, "
    "refresh_interval_s, last_refresh_at FROM data_sources ";

DataSource readSource(const sqlite::Statement& row)
{
    DataSource source;
    source.id = row.integer(0);
    source.kind = parseSourceKind(row.text(1)).value_or(SourceKind::Folder);
    source.root = row.text(2);
    source.pattern = row.text(3);
    source.options = row.text(4);
    source.copyIntoProject = row.integer(5) != 0;
    source.incrementalRefresh = row.integer(6) != 0;
    source.refreshIntervalSeconds = static_cast<int>(row.integer(7));
    source.lastRefreshAt = row.optionalInteger(8);
    return source;
}
} // namespace

SourceId SourceTable::insert(const DataSource& source, std::int64_t now)
{
    mDb.prepare("INSERT INTO data_sources (kind, root, pattern, options, copy_into_project, incremental_refresh, "
                "refresh_interval_s, last_refresh_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(toId(source.kind), source.root, source.pattern, source.options, source.copyIntoProject ? 1 : 0,
                 source.incrementalRefresh ? 1 : 0, source.refreshIntervalSeconds, source.lastRefreshAt, now)
        .run();
    return mDb.lastInsertRowId();
}

std::vector<DataSource> SourceTable::list()
{
    std::vector<DataSource> sources;
    auto row = mDb.prepare(std::string(kSourceColumns) + "ORDER BY id");
    while (row.step())
        sources.push_back(readSource(row));
    return sources;
}

std::optional<DataSource> SourceTable::find(SourceId id)
{
    auto row = mDb.prepare(std::string(kSourceColumns) + "WHERE id = ?");
    row.bind(1, id);
    if (!row.step())
        return std::nullopt;
    return readSource(row);
}

void SourceTable::setLastRefresh(SourceId id, std::int64_t at)
{
    mDb.prepare("UPDATE data_sources SET last_refresh_at = ? WHERE id = ?").bindAll(at, id).run();
}

void SourceTable::setRefresh(SourceId id, bool incremental, int intervalSeconds)
{
    mDb.prepare("UPDATE data_sources SET incremental_refresh = ?, refresh_interval_s = ? WHERE id = ?")
        .bindAll(incremental ? 1 : 0, intervalSeconds, id)
        .run();
}

} // namespace pixmark::store
