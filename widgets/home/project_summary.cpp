#include "widgets/home/project_summary.h"

#include "core/project/project.h"

#include <QFile>
#include <QFileInfo>

#include <filesystem>

namespace pixmark {

ProjectSummary ProjectSummary::load(const QString& filePath)
{
    const QString absolute = QFileInfo(filePath).absoluteFilePath();
    const auto project = Project::open(std::filesystem::path(QFile::encodeName(absolute).toStdString()), Project::Access::ReadOnly);
    ProjectSummary summary;
    summary.filePath = absolute;
    summary.info = project->info();
    summary.classes = project->classes();
    summary.itemCounts = project->itemCounts();
    return summary;
}

std::int64_t ProjectSummary::count(ItemStatus status) const
{
    const auto found = itemCounts.find(status);
    return found == itemCounts.end() ? 0 : found->second;
}

std::int64_t ProjectSummary::totalItems() const
{
    std::int64_t total = 0;
    for (const auto& [status, count] : itemCounts)
        total += count;
    return total;
}

} // namespace pixmark
