#include "app/cli/json_views.h"

#include "core/util/clock.h"

namespace pixmark::cli {

nlohmann::json toJson(const LabelClass& labelClass)
{
    return {
        {"id", labelClass.id},
        {"name", labelClass.name},
        {"color", labelClass.color},
        {"hotkey", labelClass.hotkey ? nlohmann::json(*labelClass.hotkey) : nlohmann::json()},
        {"position", labelClass.position},
        {"description", labelClass.description},
        {"archived", labelClass.archived},
    };
}

nlohmann::json projectSummary(Project& project)
{
    const ProjectInfo info = project.info();
    nlohmann::json classes = nlohmann::json::array();
    for (const LabelClass& labelClass : project.classes())
        classes.push_back(toJson(labelClass));
    nlohmann::json byStatus = nlohmann::json::object();
    std::int64_t total = 0;
    const auto counts = project.itemCounts();
    for (ItemStatus status : {ItemStatus::Unlabeled, ItemStatus::Labeled, ItemStatus::Skipped, ItemStatus::Missing,
                              ItemStatus::Unreadable}) {
        const auto it = counts.find(status);
        const std::int64_t count = it == counts.end() ? 0 : it->second;
        byStatus[std::string(toId(status))] = count;
        total += count;
    }
    return {
        {"file", project.file().string()},
        {"uuid", info.uuid},
        {"name", info.name},
        {"task_type", toId(info.taskType)},
        {"state", toId(info.state)},
        {"instructions", info.instructions},
        {"instructions_url", info.instructionsUrl},
        {"data_root", info.dataRoot},
        {"created_at", formatIsoUtc(info.createdAt)},
        {"modified_at", formatIsoUtc(info.modifiedAt)},
        {"classes", classes},
        {"items", {{"total", total}, {"by_status", byStatus}}},
        {"submissions", project.submissionCount()},
    };
}

} // namespace pixmark::cli
