#include "app/cli/queue_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/task_views.h"
#include "core/project/project.h"

#include <CLI/CLI.hpp>

#include <iomanip>
#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

using Json = nlohmann::json;

struct QueueOptions {
    std::string project;
    std::string labeler;
    int page = 1;
    std::vector<ItemId> items;
    std::optional<int> abandonAfter;
    std::optional<std::uint64_t> seed;
};

Json countsJson(const QueueCounts& counts)
{
    Json byState = Json::object();
    for (const auto& [category, count] : counts.byState)
        byState[std::string(toId(category))] = count;
    Json byLabeler = Json::array();
    for (const auto& labeler : counts.byLabeler)
        byLabeler.push_back({{"labeler", labeler.name},
                             {"role", labeler.role},
                             {"in_task", labeler.inTask},
                             {"submitted", labeler.submitted}});
    Json tasks = Json::array();
    for (const auto& task : counts.openTasks)
        tasks.push_back({{"task", task.id},
                         {"kind", toId(task.kind)},
                         {"labeler_id", task.labelerId},
                         {"package", task.packageUuid},
                         {"pending", task.pending}});
    return {{"never_served", counts.neverServed}, {"in_task", counts.inTask}, {"queued", counts.queued},
            {"by_state", byState},            {"by_labeler", byLabeler},   {"open_tasks", tasks}};
}

void addStatus(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<QueueOptions>();
    auto* command = group.add_subcommand("status", "What waits, what is in tasks, by state and by labeler");
    command->add_option("project", options->project, "Project file")->required();
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        const QueueCounts counts = project->queueCounts();
        context.emit(countsJson(counts), [&](std::ostream& out) {
            out << "Queued " << counts.queued << " (never served " << counts.neverServed << "), in tasks "
                << counts.inTask << '\n';
            for (const auto& [category, count] : counts.byState)
                out << "  " << std::left << std::setw(14) << toId(category) << count << '\n';
            for (const auto& labeler : counts.byLabeler)
                out << "  " << std::left << std::setw(16) << labeler.name << std::setw(9) << labeler.role
                    << labeler.inTask << " in tasks, " << labeler.submitted << " submitted\n";
        });
    });
}

void addNext(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<QueueOptions>();
    auto* command = group.add_subcommand(
        "next", "The next page of items for a labeler (held while this command runs, like a screen would)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--as", options->labeler, "Labeler name (default: your login name)");
    command->add_option("--page", options->page, "Items per task: 1 for drawing, 1/4/6/9 for grids")
        ->capture_default_str();
    command->callback([options, &context] {
        auto project = openAs(options->project, options->labeler);
        const Task task = project->nextTask(project->currentLabeler(), options->page);
        context.emit(taskJson(*project, task), [&](std::ostream& out) { printTask(out, *project, task); });
    });
}

void addRequeue(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<QueueOptions>();
    auto* command = group.add_subcommand("requeue", "Put skipped items back in the queue (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("items", options->items, "Item ids (see: find PROJECT --status skipped)")->required();
    command->add_option("--as", options->labeler, "Lead name (default: your login name)");
    command->callback([options, &context] {
        auto project = openAs(options->project, options->labeler);
        const int count = project->requeueItems(options->items);
        context.emit({{"requeued", count}}, [&](std::ostream& out) {
            out << "Put " << count << " skipped items back in the queue\n";
        });
    });
}

void addReturnAbandoned(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<QueueOptions>();
    auto* command = group.add_subcommand("return-abandoned", "Give the items of idle tasks back to the queue");
    command->add_option("project", options->project, "Project file")->required();
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        const auto returned = project->returnAbandonedTasks();
        context.emit({{"returned", returned}}, [&](std::ostream& out) {
            out << returned << " items of abandoned tasks returned to the queue\n";
        });
    });
}

void addQueueSettings(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<QueueOptions>();
    auto* command = group.add_subcommand("settings", "Show or change the queue's settings (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--abandon-after", options->abandonAfter, "Minutes an idle task holds its items (1-10080)");
    command->add_option("--seed", options->seed, "Seed of the shuffle (only before the first items)");
    command->add_option("--as", options->labeler, "Lead name (default: your login name)");
    command->callback([options, &context] {
        auto project = openAs(options->project, options->labeler);
        QueueSettings settings = project->queueSettings();
        if (options->abandonAfter || options->seed) {
            settings.abandonAfterMinutes = options->abandonAfter.value_or(settings.abandonAfterMinutes);
            settings.seed = options->seed.value_or(settings.seed);
            project->setQueueSettings(settings);
        }
        context.emit({{"abandon_after_minutes", settings.abandonAfterMinutes}, {"seed", settings.seed}},
                     [&](std::ostream& out) {
                         out << "Idle tasks return their items after " << settings.abandonAfterMinutes
                             << " minutes; shuffle seed " << settings.seed << '\n';
                     });
    });
}

struct LabelerOptions {
    std::string project;
    std::string name;
    std::string role;
    std::string labeler;
};

void addLabelers(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<LabelerOptions>();
    auto* command = app.add_subcommand("labelers", "List the project's labelers, or change one's role (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--set-role", options->role, "lead or labeler")->check(CLI::IsMember({"lead", "labeler"}));
    command->add_option("--name", options->name, "The labeler whose role changes (created when new)");
    command->add_option("--as", options->labeler, "Lead name (default: your login name)");
    command->callback([options, &context] {
        auto project = openAs(options->project, options->labeler);
        if (!options->role.empty()) {
            if (options->name.empty())
                throw UsageError("--set-role needs --name: whose role changes.");
            project->setLabelerRole(project->ensureLabeler(options->name), *parseLabelerRole(options->role));
        }
        Json list = Json::array();
        for (const Labeler& labeler : project->labelers())
            list.push_back({{"id", labeler.id}, {"name", labeler.name}, {"role", labeler.role}, {"uuid", labeler.uuid}});
        context.emit(list, [&](std::ostream& out) {
            for (const Labeler& labeler : project->labelers())
                out << std::left << std::setw(6) << labeler.id << std::setw(20) << labeler.name << labeler.role << '\n';
        });
    });
}

} // namespace

void addQueueCommands(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("queue", "The task queue: status, next page, requeue skipped, settings");
    group->require_subcommand(1);
    addStatus(*group, context);
    addNext(*group, context);
    addRequeue(*group, context);
    addReturnAbandoned(*group, context);
    addQueueSettings(*group, context);
    addLabelers(app, context);
}

} // namespace pixmark::cli
