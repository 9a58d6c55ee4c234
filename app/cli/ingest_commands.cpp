#include "app/cli/ingest_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/progress_printer.h"
#include "core/cache/thumbnail_cache.h"
#include "core/cache/training_cache.h"
#include "core/errors.h"
#include "core/ingest/folder_watcher.h"
#include "core/ingest/refresh_schedule.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "core/util/clock.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iomanip>
#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

struct ItemsAddOptions {
    std::string project;
    std::vector<std::string> paths;
    bool copy = false;
    bool keepDuplicates = false;
    std::string manifest;
    std::string imageColumn;
    std::string labelColumn;
    std::string labels = "prelabel";
    bool incremental = false;
    int interval = 0;
    std::int64_t maxPixels = 0;
    bool noThumbnails = false;
};

struct RefreshOptions {
    std::string project;
    std::vector<SourceId> sources;
    bool watch = false;
    int forSeconds = 0;
};

struct CacheOptions {
    std::string project;
    std::optional<int> side;
    std::optional<int> channels;
};

struct ItemsOptions {
    std::string project;
    std::string status;
    std::int64_t limit = 100;
    std::int64_t offset = 0;
};

nlohmann::json issuesJson(const std::vector<ingest::FileIssue>& issues)
{
    nlohmann::json array = nlohmann::json::array();
    for (const auto& issue : issues)
        array.push_back({{"path", issue.path}, {"reason", issue.reason}});
    return array;
}

nlohmann::json reportJson(const ingest::RegistrationReport& report)
{
    nlohmann::json duplicates = nlohmann::json::array();
    for (const auto& duplicate : report.duplicates)
        duplicates.push_back({{"path", duplicate.path}, {"same_as", duplicate.sameAs}, {"kept", duplicate.kept}});
    return {
        {"source", report.sourceId},
        {"listed", report.listed},
        {"added", report.added},
        {"already_registered", report.alreadyRegistered},
        {"ignored", report.ignored},
        {"marked_missing", report.markedMissing},
        {"found_again", report.foundAgain},
        {"moved", report.moved},
        {"changed", report.changed},
        {"labels_imported", report.labelsImported},
        {"unreadable", issuesJson(report.unreadable)},
        {"problems", issuesJson(report.problems)},
        {"duplicates", duplicates},
        {"cancelled", report.cancelled},
    };
}

void printReport(std::ostream& out, const ingest::RegistrationReport& report)
{
    out << "Source " << report.sourceId << ": " << report.added << " added";
    if (report.alreadyRegistered)
        out << ", " << report.alreadyRegistered << " already registered";
    if (!report.duplicates.empty())
        out << ", " << report.duplicates.size() << " duplicates";
    if (!report.unreadable.empty())
        out << ", " << report.unreadable.size() << " unreadable";
    if (report.markedMissing)
        out << ", " << report.markedMissing << " missing";
    if (report.foundAgain)
        out << ", " << report.foundAgain << " found again";
    if (report.moved)
        out << ", " << report.moved << " moved";
    if (report.changed)
        out << ", " << report.changed << " changed";
    if (report.labelsImported)
        out << ", " << report.labelsImported << " labels imported";
    if (report.ignored)
        out << ", " << report.ignored << " non-image files ignored";
    out << (report.cancelled ? " (cancelled: the rest was not added)" : "") << '\n';
    for (const auto& issue : report.unreadable)
        out << "  unreadable  " << issue.path << ": " << issue.reason << '\n';
    for (const auto& duplicate : report.duplicates)
        out << "  duplicate   " << duplicate.path << " = " << duplicate.sameAs
            << (duplicate.kept ? " (kept)" : " (skipped)") << '\n';
    for (const auto& issue : report.problems)
        out << "  problem     " << issue.path << ": " << issue.reason << '\n';
}

std::vector<ingest::SourceRequest> requestsFor(const ItemsAddOptions& options)
{
    std::vector<ingest::SourceRequest> requests;
    ingest::SourceRequest files;
    files.kind = SourceKind::Files;
    for (const auto& path : options.paths) {
        auto request = ingest::requestForPath(path);
        if (request.kind == SourceKind::Files)
            files.files.insert(files.files.end(), request.files.begin(), request.files.end());
        else
            requests.push_back(std::move(request));
    }
    if (!files.files.empty())
        requests.push_back(std::move(files));
    if (!options.manifest.empty()) {
        ingest::SourceRequest manifest;
        manifest.kind = SourceKind::Manifest;
        manifest.root = std::filesystem::absolute(options.manifest);
        manifest.manifestColumns.image = options.imageColumn;
        if (!options.labelColumn.empty())
            manifest.manifestColumns.label = options.labelColumn;
        manifest.manifestLabels =
            options.labels == "final" ? ingest::ManifestLabels::Final : ingest::ManifestLabels::Prelabel;
        requests.push_back(std::move(manifest));
    }
    for (auto& request : requests) {
        request.copyIntoProject = options.copy;
        request.duplicates = options.keepDuplicates ? ingest::DuplicatePolicy::Keep : ingest::DuplicatePolicy::Skip;
        request.incrementalRefresh = options.incremental;
        request.refreshIntervalSeconds = options.interval;
    }
    return requests;
}

ingest::RegistrationOptions registrationOptions(std::int64_t maxPixels)
{
    ingest::RegistrationOptions options;
    if (maxPixels > 0)
        options.limits.maxPixels = maxPixels;
    return options;
}

void addItemsAdd(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<ItemsAddOptions>();
    auto* command = app.add_subcommand("add", "Register images: files, folders (recursive), globs or a manifest");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("paths", options->paths, "Files, folders or quoted globs such as 'photos/**/*.jpg'");
    command->add_flag("--copy", options->copy, "Copy the files into the project's data folder");
    command->add_flag("--keep-duplicates", options->keepDuplicates,
                      "Register files whose content equals an image already in the project");
    auto* manifest = command->add_option("--manifest", options->manifest, "CSV or JSONL table listing the images")
                         ->check(CLI::ExistingFile);
    command->add_option("--image-column", options->imageColumn, "Manifest column with the image path")
        ->needs(manifest);
    command->add_option("--label-column", options->labelColumn, "Manifest column with the class name")
        ->needs(manifest);
    command->add_option("--labels", options->labels, "Manifest classes become final labels or prelabels to review")
        ->check(CLI::IsMember({"final", "prelabel"}))
        ->needs(manifest);
    command->add_flag("--incremental", options->incremental, "Refresh this source when files change");
    command->add_option("--refresh-interval", options->interval, "Refresh every S seconds (with --incremental)")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--max-pixels", options->maxPixels, "Refuse images with more pixels than this")
        ->check(CLI::PositiveNumber);
    command->add_flag("--no-thumbnails", options->noThumbnails, "Do not make thumbnails after registering");
    command->callback([options, &context] {
        if (options->paths.empty() && options->manifest.empty())
            throw UsageError("Name at least one file, folder or glob, or a --manifest.");
        if (!options->manifest.empty() && options->imageColumn.empty())
            throw UsageError("With --manifest, name the column that holds the image paths (--image-column).");
        const auto requests = requestsFor(*options);
        auto project = Project::open(options->project);
        ingest::Registrar registrar(*project, registrationOptions(options->maxPixels));
        stopOnInterrupt();
        nlohmann::json reports = nlohmann::json::array();
        for (const auto& request : requests) {
            ProgressPrinter printer;
            const auto report = registrar.addSource(request, printer.callback(), interruptToken());
            printer.finish();
            reports.push_back(reportJson(report));
            if (!context.json)
                printReport(*context.out, report);
            if (report.cancelled)
                break;
        }
        if (!options->noThumbnails && !interruptToken().isCancelled()) {
            ProgressPrinter printer;
            const cache::ThumbnailCache thumbnails(project->cacheFolder());
            // Default limits here: --max-pixels is about the files being added, and must
            // not turn older items unreadable.
            const auto made =
                thumbnails.build(cache::readableImages(*project), {}, 0, printer.callback(), interruptToken());
            printer.finish();
            project->markItemsUnreadable(made.undecodable);
            if (!context.json)
                *context.out << "Thumbnails: " << made.made << " made, " << made.alreadyThere << " already there"
                             << (made.failed.empty() ? "" : ", " + std::to_string(made.failed.size()) + " failed")
                             << '\n';
        }
        if (context.json)
            *context.out << reports.dump(2) << '\n';
    });
}

std::vector<std::filesystem::path> watchedFolders(Project& project)
{
    std::vector<std::filesystem::path> folders;
    for (const auto& source : project.sources()) {
        if (!source.incrementalRefresh || source.root.empty())
            continue;
        const auto root = project.absolutePath(source.root);
        folders.push_back(source.kind == SourceKind::Manifest ? root.parent_path() : root);
    }
    return folders;
}

void addRefresh(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<RefreshOptions>();
    auto* command = app.add_subcommand("refresh", "Look for new and vanished files in the project's sources");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--source", options->sources, "Only these source ids (default: all)");
    command->add_flag("--watch", options->watch,
                      "Keep running: refresh incremental sources when their files change and on their interval");
    command->add_option("--for", options->forSeconds, "With --watch: stop after this many seconds")
        ->check(CLI::PositiveNumber);
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        ingest::Registrar registrar(*project);
        stopOnInterrupt();
        nlohmann::json reports = nlohmann::json::array();
        const auto refreshAll = [&](const std::vector<SourceId>& ids) {
            for (SourceId id : ids) {
                ProgressPrinter printer;
                const auto report = registrar.refresh(id, printer.callback(), interruptToken());
                printer.finish();
                reports.push_back(reportJson(report));
                if (!context.json)
                    printReport(*context.out, report);
                context.out->flush();
            }
        };
        std::vector<SourceId> ids = options->sources;
        if (ids.empty())
            for (const auto& source : project->sources())
                ids.push_back(source.id);
        refreshAll(ids);
        if (options->watch) {
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options->forSeconds);
            ingest::FolderWatcher watcher(watchedFolders(*project));
            if (!context.json)
                *context.out << (watcher.available() ? "Watching for changes (Ctrl+C stops)...\n"
                                                     : "Live watching is not available; refreshing on intervals.\n");
            while (!interruptToken().isCancelled()) {
                auto wait = std::chrono::milliseconds(60'000);
                if (auto next = ingest::timeUntilNextDue(project->sources(), nowMs()))
                    wait = std::min(wait, *next);
                if (options->forSeconds > 0) {
                    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now());
                    if (left.count() <= 0)
                        break;
                    wait = std::min(wait, left);
                }
                wait = std::max(wait, std::chrono::milliseconds(50));
                std::vector<SourceId> due = ingest::dueSources(project->sources(), nowMs());
                if (watcher.waitForChange(wait, std::chrono::milliseconds(300)))
                    for (const auto& source : project->sources())
                        if (source.incrementalRefresh && std::find(due.begin(), due.end(), source.id) == due.end())
                            due.push_back(source.id);
                refreshAll(due);
            }
        }
        if (context.json)
            *context.out << reports.dump(2) << '\n';
        else if (ids.empty())
            *context.out << "The project has no sources yet; add some with pixmark-cli add.\n";
    });
}

void addThumbnails(CLI::App& app, const CliContext& context)
{
    auto project = std::make_shared<std::string>();
    auto* command = app.add_subcommand("thumbnails", "Make the thumbnails that are missing (256 px)");
    command->add_option("project", *project, "Project file")->required();
    command->callback([project, &context] {
        auto opened = Project::open(*project);
        stopOnInterrupt();
        ProgressPrinter printer;
        const cache::ThumbnailCache thumbnails(opened->cacheFolder());
        const auto report =
            thumbnails.build(cache::readableImages(*opened), {}, 0, printer.callback(), interruptToken());
        printer.finish();
        opened->markItemsUnreadable(report.undecodable);
        nlohmann::json failed = nlohmann::json::array();
        for (const auto& [item, reason] : report.failed)
            failed.push_back({{"item", item}, {"reason", reason}});
        context.emit({{"made", report.made}, {"already_there", report.alreadyThere}, {"failed", failed},
                      {"cancelled", report.cancelled}},
                     [&](std::ostream& out) {
                         out << "Thumbnails: " << report.made << " made, " << report.alreadyThere
                             << " already there, " << report.failed.size() << " failed\n";
                         for (const auto& [item, reason] : report.failed)
                             out << "  item " << item << ": " << reason << '\n';
                     });
    });
}

void addTrainingCache(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<CacheOptions>();
    auto* command = app.add_subcommand("cache", "Bring the training cache up to date (fixed-size 8-bit images)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--side", options->side,
                        "Side of the square cached images in pixels; stored as the project's choice (default 224)");
    command->add_option("--channels", options->channels, "1 (gray) or 3 (RGB, default); stored like --side");
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(*project);
        if (options->side || options->channels) {
            spec.side = options->side.value_or(spec.side);
            spec.channels = options->channels.value_or(spec.channels);
            cache::setTrainingCacheSpec(*project, spec);
        }
        cache::TrainingCache trainingCache(project->cacheFolder(), spec);
        stopOnInterrupt();
        ProgressPrinter printer;
        const auto report = trainingCache.update(cache::readableImages(*project), {}, 0, printer.callback(), interruptToken());
        printer.finish();
        context.emit({{"appended", report.appended},
                      {"already_cached", report.alreadyCached},
                      {"failed", report.failed.size()},
                      {"rebuilt", report.rebuilt},
                      {"file", std::filesystem::absolute(trainingCache.imagesFile()).string()}},
                     [&](std::ostream& out) {
                         out << "Training cache " << trainingCache.imagesFile().filename().string() << ": "
                             << report.appended << " added, " << report.alreadyCached << " already there, "
                             << report.failed.size() << " failed\n";
                     });
    });
}

void addItems(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<ItemsOptions>();
    auto* command = app.add_subcommand("items", "List registered items in queue order");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--status", options->status, "unlabeled, labeled, skipped, missing or unreadable");
    command->add_option("--limit", options->limit, "At most this many (default 100)")->check(CLI::PositiveNumber);
    command->add_option("--offset", options->offset, "Skip this many first")->check(CLI::NonNegativeNumber);
    command->callback([options, &context] {
        std::optional<ItemStatus> status;
        if (!options->status.empty()) {
            status = parseItemStatus(options->status);
            if (!status)
                throw UsageError("Unknown status \"" + options->status +
                                      "\": use unlabeled, labeled, skipped, missing or unreadable.");
        }
        auto project = Project::open(options->project, Project::Access::ReadOnly);
        const auto items = project->items(status, options->limit, options->offset);
        nlohmann::json array = nlohmann::json::array();
        for (const Item& item : items)
            array.push_back({{"id", item.id},
                             {"path", item.relativePath},
                             {"status", toId(item.status)},
                             {"format", item.format},
                             {"width", item.width},
                             {"height", item.height},
                             {"frames", item.frames},
                             {"orientation", item.orientation},
                             {"bits_per_sample", item.bitsPerSample},
                             {"channels", item.channels},
                             {"bytes", item.bytes},
                             {"content_hash", item.contentHash},
                             {"unreadable_reason", item.unreadableWhy}});
        context.emit(array, [&](std::ostream& out) {
            for (const Item& item : items) {
                out << std::left << std::setw(8) << item.id << std::setw(11) << toId(item.status) << std::setw(7)
                    << item.format << std::setw(12)
                    << (std::to_string(item.width) + "x" + std::to_string(item.height)) << item.relativePath;
                if (item.frames > 1)
                    out << "  (" << item.frames << " frames)";
                if (!item.unreadableWhy.empty())
                    out << "  -- " << item.unreadableWhy;
                out << '\n';
            }
        });
    });
}

} // namespace

bool wasInterrupted()
{
    return interruptToken().isCancelled();
}

void addIngestCommands(CLI::App& app, const CliContext& context)
{
    addItemsAdd(app, context);
    addRefresh(app, context);
    addItems(app, context);
    addThumbnails(app, context);
    addTrainingCache(app, context);
}

} // namespace pixmark::cli
