#pragma once
// SQL for data sources.

#include "core/model/data_source.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Data source rows. Holds a reference to the caller's Database.
class SourceTable {
public:
    explicit SourceTable(sqlite::Database& db) : mDb(db) {}

    SourceId insert(const DataSource& source, std::int64_t now);
    std::vector<DataSource> list();
    std::optional<DataSource> find(SourceId id);
    void setLastRefresh(SourceId id, std::int64_t at);
    void setRefresh(SourceId id, bool incremental, int intervalSeconds);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
