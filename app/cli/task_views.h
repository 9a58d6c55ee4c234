#pragma once
// How pixmark-cli shows a task (a page of items for a labeler or reviewer).

#include <nlohmann/json.hpp>

#include <iosfwd>

namespace pixmark {
class Project;
struct Task;
} // namespace pixmark

namespace pixmark::cli {

nlohmann::json taskJson(Project& project, const Task& task);
void printTask(std::ostream& out, Project& project, const Task& task);

} // namespace pixmark::cli
