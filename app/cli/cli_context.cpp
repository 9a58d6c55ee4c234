#include "app/cli/cli_context.h"

#include "core/project/project.h"

#include <ostream>

namespace pixmark::cli {

void CliContext::emit(const nlohmann::json& result, const std::function<void(std::ostream&)>& text) const
{
    if (json)
        *out << result.dump(2) << '\n';
    else
        text(*out);
}

} // namespace pixmark::cli

namespace pixmark::cli {

std::unique_ptr<Project> openAs(const std::string& file, const std::string& labeler)
{
    auto project = Project::open(file);
    if (!labeler.empty())
        project->useLabeler(labeler);
    return project;
}

} // namespace pixmark::cli
