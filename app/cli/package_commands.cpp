#include "app/cli/package_commands.h"

#include "app/cli/cli_context.h"
#include "core/project/project.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

using Json = nlohmann::json;

struct PackageCreateOptions {
    std::string project;
    std::vector<std::string> labelers;
    std::optional<std::int64_t> count;
    std::vector<ItemId> items;
    std::string status;
    std::string pathContains;
    int overlap = 1;
    bool copy = false;
    std::string folder = ".";
    std::string lead;
};

void addPackageCreate(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<PackageCreateOptions>();
    auto* command = group.add_subcommand(
        "create", "Cut waiting items into one package file per labeler, to label offline (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--labeler,-l", options->labelers, "Labeler name (repeat: one package each)")->required();
    auto* count = command->add_option("--count,-n", options->count, "The next N items in queue order");
    auto* items = command->add_option("--items", options->items, "Exactly these item ids");
    auto* status = command->add_option("--status", options->status,
                                       "Waiting items of one status (queued, rejected, labeled)");
    auto* path = command->add_option("--path-contains", options->pathContains, "Waiting items whose path contains this");
    count->excludes(items)->excludes(status)->excludes(path);
    items->excludes(status)->excludes(path);
    command->add_option("--overlap", options->overlap,
                        "How many packages each item goes into (consensus: several labelers per item)")
        ->capture_default_str();
    command->add_flag("--copy", options->copy, "Copy the images beside each package (default: reference them)");
    command->add_option("--out,-o", options->folder, "Folder for the package files")->capture_default_str();
    command->add_option("--as", options->lead, "Lead name (default: your login name)");
    command->callback([options, &context] {
        PackagePlan plan;
        plan.labelers = options->labelers;
        plan.count = options->count;
        plan.items = options->items;
        if (!options->status.empty() || !options->pathContains.empty()) {
            ItemFilter filter;
            if (!options->status.empty()) {
                filter.category = parseItemCategory(options->status);
                if (!filter.category)
                    throw UsageError("Unknown status \"" + options->status + "\".");
            }
            filter.pathContains = options->pathContains;
            plan.filter = filter;
        }
        plan.overlap = options->overlap;
        plan.copyImages = options->copy;
        plan.folder = options->folder;
        auto project = openAs(options->project, options->lead);
        const auto packages = project->createPackages(plan);
        Json list = Json::array();
        for (const auto& package : packages)
            list.push_back({{"file", package.file.string()},
                            {"labeler", package.labeler},
                            {"items", package.items},
                            {"copied_bytes", package.copiedBytes}});
        context.emit({{"packages", list}}, [&](std::ostream& out) {
            for (const auto& package : packages)
                out << package.file.string() << ": " << package.items << " items for " << package.labeler << '\n';
        });
    });
}

struct PackageMergeOptions {
    std::string project;
    std::vector<std::string> packages;
    std::string lead;
};

void addMerge(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<PackageMergeOptions>();
    auto* command = group.add_subcommand("merge", "Bring packages' labels back into their project (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("packages", options->packages, "Package files")->required();
    command->add_option("--as", options->lead, "Lead name (default: your login name)");
    command->callback([options, &context] {
        auto project = openAs(options->project, options->lead);
        Json list = Json::array();
        std::vector<MergeReport> reports;
        for (const auto& file : options->packages)
            reports.push_back(project->mergePackage(file));
        for (const auto& report : reports)
            list.push_back({{"package", report.packageName},
                            {"labeler", report.labeler},
                            {"merged", report.merged},
                            {"already_merged", report.alreadyMerged},
                            {"labels", report.labels},
                            {"skips", report.skips},
                            {"consensus_agreed", report.consensusAgreed},
                            {"consensus_disputed", report.consensusDisputed},
                            {"returned_to_queue", report.returnedToQueue}});
        context.emit({{"merges", list}}, [&](std::ostream& out) {
            for (const auto& report : reports) {
                out << report.packageName << " (" << report.labeler << "): merged " << report.merged
                    << " submissions (" << report.labels << " labels, " << report.skips << " skips)";
                if (report.alreadyMerged > 0)
                    out << ", " << report.alreadyMerged << " already merged before";
                if (report.consensusAgreed + report.consensusDisputed > 0)
                    out << "; consensus reached on " << report.consensusAgreed << " items, "
                        << report.consensusDisputed << " go to review";
                out << "; " << report.returnedToQueue << " unlabeled items back in the queue\n";
            }
        });
    });
}

} // namespace

void addPackageCommands(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("package", "Work packages for labeling offline: create, merge");
    group->require_subcommand(1);
    addPackageCreate(*group, context);
    addMerge(*group, context);
}

} // namespace pixmark::cli
