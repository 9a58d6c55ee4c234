#pragma once
// A snapshot of what the home window shows about a project, read in one go so that no
// project stays open while the window merely displays it.

#include "core/model/label_class.h"
#include "core/model/labeling.h"
#include "core/model/project_info.h"

#include <QString>

#include <cstdint>
#include <map>
#include <vector>

namespace pixmark {

/// Plain value: the project's row, its classes in order and its item counts.
struct ProjectSummary {
    QString filePath; ///< absolute path of the .pixmark file
    ProjectInfo info;
    std::vector<LabelClass> classes;
    std::map<ItemStatus, std::int64_t> itemCounts; ///< statuses without items may be absent

    /// Opens the project read-only (no lock, no migration, no write), reads the snapshot
    /// and closes it again. Throws what Project::open throws (pixmark::Error subclasses).
    static ProjectSummary load(const QString& filePath);

    /// Items with this status (0 when the map has no entry).
    std::int64_t count(ItemStatus status) const;
    /// Items of every status together.
    std::int64_t totalItems() const;
};

} // namespace pixmark
