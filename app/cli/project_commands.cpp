#include "app/cli/project_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/json_views.h"
#include "core/errors.h"
#include "core/project/project.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iomanip>
#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

struct ProjectCreateOptions {
    std::string file;
    std::string name;
    std::string taskType;
};

struct InstructionsOptions {
    std::string file;
    std::string text;
    std::string textFile;
    std::string url;
};

std::filesystem::path withProjectExtension(const std::string& file)
{
    std::filesystem::path path(file);
    if (path.extension() != ".pixmark")
        path += ".pixmark";
    return path;
}

void printSummary(std::ostream& out, const nlohmann::json& summary)
{
    const auto row = [&out](const char* label, const std::string& value) {
        out << std::left << std::setw(14) << label << value << '\n';
    };
    const TaskType type = *parseTaskType(summary["task_type"].get<std::string>());
    row("Project", summary["name"].get<std::string>());
    row("File", summary["file"].get<std::string>());
    row("Task type", std::string(displayName(type)) + " [" + std::string(toId(type)) + "]");
    row("State", summary["state"].get<std::string>());
    row("Created", summary["created_at"].get<std::string>());
    row("Modified", summary["modified_at"].get<std::string>());
    std::string items = std::to_string(summary["items"]["total"].get<std::int64_t>());
    std::string breakdown;
    for (const auto& [status, count] : summary["items"]["by_status"].items())
        if (count.get<std::int64_t>() > 0)
            breakdown += (breakdown.empty() ? "" : ", ") + status + " " + std::to_string(count.get<std::int64_t>());
    row("Items", breakdown.empty() ? items : items + " (" + breakdown + ")");
    row("Submissions", std::to_string(summary["submissions"].get<std::int64_t>()));
    std::size_t archived = 0;
    for (const auto& labelClass : summary["classes"])
        archived += labelClass["archived"].get<bool>() ? 1 : 0;
    row("Classes", std::to_string(summary["classes"].size()) +
                       (archived ? " (" + std::to_string(archived) + " archived)" : std::string()));
    if (const auto url = summary["instructions_url"].get<std::string>(); !url.empty())
        row("Guide", url);
    if (const auto text = summary["instructions"].get<std::string>(); !text.empty())
        out << "\nInstructions:\n" << text << '\n';
}

void addProjectCreate(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<ProjectCreateOptions>();
    auto* command = app.add_subcommand("create", "Create a new project file (NAME.pixmark) and its cache folder");
    command->add_option("file", options->file, "Project file to create (.pixmark is added when missing)")
        ->required();
    command->add_option("--type,-t", options->taskType, "Task type: " + taskTypeChoices())->required();
    command->add_option("--name,-n", options->name, "Project name (default: the file name without extension)");
    command->callback([options, &context] {
        const auto file = withProjectExtension(options->file);
        const auto type = parseTaskType(options->taskType);
        if (!type)
            throw UsageError("Unknown task type \"" + options->taskType + "\". Choose one of: " +
                                  taskTypeChoices() + ".");
        const std::string name = options->name.empty() ? file.stem().string() : options->name;
        auto project = Project::create(file, name, *type);
        const auto summary = projectSummary(*project);
        context.emit(summary, [&](std::ostream& out) {
            out << "Created " << summary["name"].get<std::string>() << " (" << displayName(*type) << ") at "
                << file.string() << '\n';
        });
    });
}

void addInfo(CLI::App& app, const CliContext& context)
{
    auto file = std::make_shared<std::string>();
    auto* command = app.add_subcommand("info", "Show a project's summary (opens it read-only)");
    command->add_option("project", *file, "Project file")->required();
    command->callback([file, &context] {
        auto project = Project::open(*file, Project::Access::ReadOnly);
        const auto summary = projectSummary(*project);
        context.emit(summary, [&](std::ostream& out) { printSummary(out, summary); });
    });
}

void addState(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("state", "Run or pause a project (paused projects take no submissions)");
    group->require_subcommand(1);
    for (const auto& [verb, state] : {std::pair{"run", ProjectState::Running}, {"pause", ProjectState::Paused}}) {
        auto file = std::make_shared<std::string>();
        auto* command = group->add_subcommand(verb, state == ProjectState::Running ? "Resume labeling"
                                                                                    : "Pause labeling");
        command->add_option("project", *file, "Project file")->required();
        command->callback([file, state = state, &context] {
            auto project = Project::open(*file);
            project->setState(state);
            context.emit({{"state", toId(state)}},
                         [&](std::ostream& out) { out << "Project is now " << toId(state) << '\n'; });
        });
    }
}

void addRename(CLI::App& app, const CliContext& context)
{
    auto file = std::make_shared<std::string>();
    auto name = std::make_shared<std::string>();
    auto* command = app.add_subcommand("rename", "Rename a project (its file keeps its name)");
    command->add_option("project", *file, "Project file")->required();
    command->add_option("name", *name, "New project name")->required();
    command->callback([file, name, &context] {
        auto project = Project::open(*file);
        project->rename(*name);
        const std::string renamed = project->info().name;
        context.emit({{"name", renamed}}, [&](std::ostream& out) { out << "Project renamed to " << renamed << '\n'; });
    });
}

void addInstructions(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("instructions", "Labeling instructions shown to labelers");
    group->require_subcommand(1);
    auto options = std::make_shared<InstructionsOptions>();
    auto* set = group->add_subcommand("set", "Replace the instructions text and link");
    set->add_option("project", options->file, "Project file")->required();
    auto* text = set->add_option("--text", options->text, "Instructions text");
    auto* fromFile = set->add_option("--from-file", options->textFile, "Read the instructions text from a file")
                         ->check(CLI::ExistingFile);
    text->excludes(fromFile);
    set->add_option("--url", options->url, "Link to a longer guide");
    set->callback([options, &context] {
        std::string body = options->text;
        if (!options->textFile.empty()) {
            std::ifstream in(options->textFile, std::ios::binary);
            body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (!in.good() && !in.eof())
                throw Error("Cannot read " + options->textFile + ".");
        }
        auto project = Project::open(options->file);
        project->setInstructions(body, options->url);
        context.emit({{"instructions", body}, {"instructions_url", options->url}}, [&](std::ostream& out) {
            out << "Instructions updated (" << body.size() << " characters)\n";
        });
    });
}

} // namespace

void addProjectCommands(CLI::App& app, const CliContext& context)
{
    addProjectCreate(app, context);
    addInfo(app, context);
    addState(app, context);
    addRename(app, context);
    addInstructions(app, context);
}

} // namespace pixmark::cli
