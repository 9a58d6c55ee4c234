#pragma once
// SQL for the single project row.

#include "core/model/project_info.h"

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Reads and writes the project row. Holds a reference to the caller's Database.
class ProjectTable {
public:
    explicit ProjectTable(sqlite::Database& db) : mDb(db) {}

    /// Writes the row of a new project (labelEpoch is not written: it starts at 0).
    void insert(const ProjectInfo& info);
    ProjectInfo read();
    void setName(const std::string& name, Timestamp now);
    void setState(ProjectState state, Timestamp now);
    void setInstructions(const std::string& text, const std::string& url, Timestamp now);
    void setLabelEpoch(int epoch, Timestamp now);
    void touch(Timestamp now);
    std::string settings();
    void setSettings(const std::string& json, Timestamp now);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
