#include "app/cli/task_views.h"

#include "core/project/project.h"

#include <ostream>

namespace pixmark::cli {

nlohmann::json taskJson(Project& project, const Task& task)
{
    nlohmann::json items = nlohmann::json::array();
    for (const Item& item : task.items)
        items.push_back({{"id", item.id}, {"path", item.relativePath}});
    return {{"task", task.id},
            {"kind", toId(task.kind)},
            {"source", toId(task.source)},
            {"labeler", task.labelerId != 0 ? project.labeler(task.labelerId).name : ""},
            {"items", items}};
}

void printTask(std::ostream& out, Project& project, const Task& task)
{
    if (task.id == 0) {
        out << (task.kind == TaskKind::Review ? "Nothing waits for review.\n" : "Nothing waits in the queue.\n");
        return;
    }
    out << (task.kind == TaskKind::Review ? "Review task " : "Task ") << task.id << " for "
        << project.labeler(task.labelerId).name << ", " << task.items.size() << " items"
        << (task.source == PageSource::Prelabeled  ? " (prelabels to review)"
            : task.source == PageSource::Clustered ? " (similar images)"
                                                   : "")
        << ":\n";
    for (const Item& item : task.items)
        out << "  " << item.id << "  " << item.relativePath << '\n';
}

} // namespace pixmark::cli
