#include "app/cli/workflow_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/task_views.h"
#include "core/errors.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "core/util/clock.h"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <memory>
#include <ostream>

namespace pixmark::cli {

namespace {

using Json = nlohmann::json;

std::string classNames(Project& project, const std::vector<Annotation>& annotations)
{
    std::string names;
    for (const Annotation& annotation : annotations)
        names += (names.empty() ? "" : ", ") + project.labelClass(annotation.classId).name;
    return names;
}

struct LabelOptions {
    std::string project;
    ItemId item = 0;
    std::vector<std::string> classes;
    std::string labeler;
    bool correct = false;
};

void addLabel(CLI::App& app, const CliContext& context)
{
    for (const bool skip : {false, true}) {
        auto options = std::make_shared<LabelOptions>();
        auto* command = app.add_subcommand(skip ? "skip" : "label",
                                           skip ? "Skip an item (it leaves the queue; history is kept)"
                                                : "Tag an item with one class (multi-label: several)");
        command->add_option("project", options->project, "Project file")->required();
        command->add_option("item", options->item, "Item id")->required();
        if (!skip) {
            command->add_option("--class,-c", options->classes, "Class name (repeat for multi-label)")->required();
            command->add_flag("--correct", options->correct,
                              "Correct the item's current label (yours; a lead's: anyone's) with a new submission");
        }
        command->add_option("--as", options->labeler, "Labeler name (default: your login name)");
        command->callback([options, skip, &context] {
            auto project = openAs(options->project, options->labeler);
            SubmissionRequest request{options->item, project->currentLabeler(), 0, SubmissionOrigin::Manual, {},
                                      skip, {}};
            if (options->classes.size() > 1 &&
                project->info().taskType != TaskType::ClassificationMultiLabel)
                throw UsageError("This project takes one class per item; give --class once.");
            for (const auto& name : options->classes)
                request.annotations.push_back(
                    Annotation{project->classNamed(name).id, AnnotationKind::Tag, "", std::nullopt});
            const SubmissionId id = options->correct ? project->submitCorrection(request) : project->submit(request);
            context.emit({{"submission", id}, {"item", options->item}, {"skipped", skip}},
                         [&](std::ostream& out) {
                             out << (skip ? "Skipped item " : options->correct ? "Corrected item " : "Labeled item ")
                                 << options->item << '\n';
                         });
        });
    }
}

struct ReviewNextOptions {
    std::string project;
    int page = 9;
    std::string labeler;
};

void addReviewNext(CLI::App& group, const CliContext& context)
{
    auto options = std::make_shared<ReviewNextOptions>();
    auto* command = group.add_subcommand("next", "The next items waiting for review (leads)");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--page", options->page, "How many items (1-100)")->capture_default_str();
    command->add_option("--as", options->labeler, "Reviewer name (default: your login name)");
    command->callback([options, &context] {
        auto project = openAs(options->project, options->labeler);
        const Task task = project->nextReviewTask(options->page);
        context.emit(taskJson(*project, task), [&](std::ostream& out) { printTask(out, *project, task); });
    });
}

struct ReviewOptions {
    std::string project;
    std::vector<ItemId> items;
    std::string reason;
    std::string labeler;
};

void addReview(CLI::App& app, const CliContext& context)
{
    auto* group = app.add_subcommand("review", "Reject or approve labels (history is always kept)");
    group->require_subcommand(1);
    for (const bool reject : {true, false}) {
        auto options = std::make_shared<ReviewOptions>();
        auto* command = group->add_subcommand(
            reject ? "reject" : "approve",
            reject ? "Reject items' labels: they return to the queue with the reason" : "Approve items' labels");
        command->add_option("project", options->project, "Project file")->required();
        command->add_option("items", options->items, "Item ids")->required();
        if (reject)
            command->add_option("--reason,-r", options->reason, "Why (the labeler sees it)")->required();
        command->add_option("--as", options->labeler, "Reviewer name (default: your login name)");
        command->callback([options, reject, &context] {
            auto project = openAs(options->project, options->labeler);
            const int count = reject ? project->rejectItems(options->items, options->reason)
                                     : project->approveItems(options->items);
            context.emit({{reject ? "rejected" : "approved", count}}, [&](std::ostream& out) {
                out << (reject ? "Rejected " : "Approved ") << count << " of " << options->items.size()
                    << " items\n";
            });
        });
    }
    addReviewNext(*group, context);
}

void addHistory(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<LabelOptions>();
    auto* command = app.add_subcommand("history", "Every submission of an item, oldest first");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("item", options->item, "Item id")->required();
    command->callback([options, &context] {
        auto project = Project::open(options->project, Project::Access::ReadOnly);
        const auto records = project->itemHistory(options->item);
        Json array = Json::array();
        for (const auto& record : records) {
            Json classes = Json::array();
            Json annotations = Json::array();
            for (const Annotation& annotation : record.annotations) {
                classes.push_back(project->labelClass(annotation.classId).name);
                annotations.push_back({{"class", project->labelClass(annotation.classId).name},
                                       {"kind", toId(annotation.kind)},
                                       {"origin", toId(annotation.origin)}});
            }
            array.push_back({{"submission", record.id},
                             {"labeler", record.labelerName},
                             {"submitted_at", formatIsoUtc(record.submittedAt)},
                             {"duration_ms", record.durationMs},
                             {"origin", toId(record.origin)},
                             {"skipped", record.skipped},
                             {"epoch", record.epoch},
                             {"review", toId(record.reviewState)},
                             {"reviewer", record.reviewerName},
                             {"reason", record.reviewNote},
                             {"current", record.current},
                             {"role", toId(record.role)},
                             {"agrees_with_consensus", record.agreesWithConsensus ? Json(*record.agreesWithConsensus)
                                                                                  : Json()},
                             {"classes", classes},
                             {"annotations", annotations}});
        }
        context.emit(array, [&](std::ostream& out) {
            if (records.empty())
                out << "Item " << options->item << " has no submissions.\n";
            for (const auto& record : records) {
                out << formatIsoUtc(record.submittedAt) << "  " << std::left << std::setw(14) << record.labelerName
                    << std::setw(10) << toId(record.reviewState)
                    << (record.skipped ? std::string("(skipped)") : classNames(*project, record.annotations));
                if (record.current)
                    out << "  [current]";
                if (!record.reviewNote.empty())
                    out << "  -- " << record.reviewerName << ": " << record.reviewNote;
                out << '\n';
            }
        });
    });
}

struct FindOptions {
    std::string project;
    std::string category;
    std::string className;
    std::string labeler;
    SourceId source = 0;
    std::string prelabeled;
    std::string path;
};

void addFind(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<FindOptions>();
    auto* command = app.add_subcommand("find", "Items matching filters (all must hold), in registration order");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--status", options->category,
                        "queued, in-progress, labeled, needs-review, skipped, rejected, missing or unreadable");
    command->add_option("--class", options->className, "Current label includes this class");
    command->add_option("--labeler", options->labeler, "Current label made by this labeler");
    command->add_option("--source", options->source, "Source id")->check(CLI::PositiveNumber);
    command->add_option("--prelabeled", options->prelabeled, "yes or no")->check(CLI::IsMember({"yes", "no"}));
    command->add_option("--path", options->path, "Part of the path (any case)");
    command->callback([options, &context] {
        auto project = Project::open(options->project, Project::Access::ReadOnly);
        ItemFilter filter;
        if (!options->category.empty()) {
            filter.category = parseItemCategory(options->category);
            if (!filter.category)
                throw UsageError("Unknown status \"" + options->category + "\".");
        }
        if (!options->className.empty())
            filter.classId = project->classNamed(options->className).id;
        if (!options->labeler.empty()) {
            for (const Labeler& labeler : project->labelers())
                if (labeler.name == options->labeler)
                    filter.labelerId = labeler.id;
            if (!filter.labelerId)
                throw NotFoundError("No labeler named \"" + options->labeler + "\" has worked on this project.");
        }
        if (options->source != 0)
            filter.sourceId = options->source;
        if (!options->prelabeled.empty())
            filter.prelabeled = options->prelabeled == "yes";
        filter.pathContains = options->path;
        const auto ids = project->findItems(filter);
        context.emit(Json{{"count", ids.size()}, {"items", ids}}, [&](std::ostream& out) {
            for (const auto& overview : project->itemOverviews(ids))
                out << std::left << std::setw(8) << overview.id << std::setw(13) << toId(overview.category)
                    << overview.relativePath << '\n';
            out << ids.size() << " items\n";
        });
    });
}

struct DashboardOptions {
    std::string project;
    int hours = 24;
};

void addDashboard(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<DashboardOptions>();
    auto* command = app.add_subcommand("dashboard", "Progress, label and labeler distribution, throughput, queue");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--hours", options->hours, "Throughput over this many hours, hourly (default 24)")
        ->check(CLI::Range(1, 24 * 90));
    command->callback([options, &context] {
        auto project = Project::open(options->project, Project::Access::ReadOnly);
        const auto stats = project->dashboard(3600 * 1000, options->hours);
        Json progress = Json::object();
        for (const auto& [category, count] : stats.progress)
            progress[std::string(toId(category))] = count;
        Json labels = Json::object();
        for (const auto& [classId, count] : stats.labelDistribution)
            labels[project->labelClass(classId).name] = count;
        Json labelers = Json::array();
        for (const auto& activity : stats.labelers)
            labelers.push_back({{"name", activity.name},
                                {"labeled", activity.labeled},
                                {"skipped", activity.skipped},
                                {"rejected", activity.rejected}});
        Json throughput = Json::array();
        for (const auto& bucket : stats.throughput)
            throughput.push_back({{"start", formatIsoUtc(bucket.start)}, {"submissions", bucket.submissions}});
        const Json result{{"total", stats.totalItems},
                          {"progress", progress},
                          {"labels", labels},
                          {"labelers", labelers},
                          {"throughput", throughput},
                          {"queue",
                           {{"fresh", stats.queue.fresh},
                            {"prelabeled", stats.queue.prelabeled},
                            {"clustered", stats.queue.clustered},
                            {"returned", stats.queue.returned}}},
                          {"prelabels",
                           {{"accepted", stats.prelabels.accepted},
                            {"edited", stats.prelabels.edited},
                            {"rejected", stats.prelabels.rejected},
                            {"shapes_accepted", stats.prelabels.shapesAccepted},
                            {"shapes_edited", stats.prelabels.shapesEdited},
                            {"acceptance_rate", stats.prelabels.acceptanceRate() ? Json(*stats.prelabels.acceptanceRate())
                                                                                 : Json(nullptr)}}},
                          {"review_required", stats.reviewRequired}};
        context.emit(result, [&](std::ostream& out) {
            out << "Items: " << stats.totalItems << '\n';
            for (const auto& [category, count] : stats.progress)
                if (count > 0)
                    out << "  " << std::left << std::setw(14) << toId(category) << count << '\n';
            out << "Labels:\n";
            for (const auto& [name, count] : labels.items())
                out << "  " << std::left << std::setw(14) << name << count.get<std::int64_t>() << '\n';
            out << "Labelers:\n";
            for (const auto& activity : stats.labelers)
                out << "  " << std::left << std::setw(14) << activity.name << activity.labeled << " labeled, "
                    << activity.skipped << " skipped, " << activity.rejected << " rejected\n";
            std::int64_t recent = 0;
            for (const auto& bucket : stats.throughput)
                recent += bucket.submissions;
            out << "Submissions in the last " << options->hours << " h: " << recent << '\n';
            out << "Queue: " << stats.queue.fresh << " fresh, " << stats.queue.prelabeled << " prelabeled, "
                << stats.queue.clustered << " clustered, " << stats.queue.returned << " returned after rejection\n";
            if (const auto rate = stats.prelabels.acceptanceRate())
                out << "Prelabels reviewed: " << stats.prelabels.reviewed() << " (" << stats.prelabels.accepted
                    << " accepted, " << stats.prelabels.edited << " edited, " << stats.prelabels.rejected
                    << " rejected; acceptance " << std::fixed << std::setprecision(1) << 100.0 * *rate << " %); "
                    << "prelabel shapes kept: " << stats.prelabels.shapesAccepted << " unchanged, "
                    << stats.prelabels.shapesEdited << " edited\n";
        });
    });
}

/// "95 %", "99.9 %".
std::string percent(double share)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g %%", std::round(share * 1000) / 10);
    return text;
}

/// ", self-training", ", self-training in 2 rounds", or nothing.
std::string selfTrainingText(const AssistSettings& assist)
{
    if (!assist.selfTraining)
        return {};
    return assist.selfTrainingRounds > 1 ? ", self-training in " + std::to_string(assist.selfTrainingRounds) + " rounds"
                                         : ", self-training";
}

struct SettingsOptions {
    std::string project;
    std::optional<bool> consensus;
    std::optional<int> labelersPerItem;
    std::optional<int> maxLabelers;
    std::optional<double> agreement;
    std::optional<double> iou;
    std::optional<bool> reviewRequired;
    std::optional<bool> assist;
    std::optional<int> startAfter;
    std::optional<int> retrainEvery;
    std::optional<bool> selfTraining;
    std::optional<int> selfTrainingRounds;
    std::optional<double> targetPrecision;
    std::optional<double> calibrationConfidence;
};

void addWorkflowSettings(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<SettingsOptions>();
    auto* command = app.add_subcommand("settings", "Show or change quality control and ML assist settings");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--consensus", options->consensus, "Ask several labelers per item (true/false)");
    command->add_option("--labelers-per-item", options->labelersPerItem, "2-9 with consensus");
    command->add_option("--max-labelers", options->maxLabelers,
                        "While labelers disagree, ask more up to this many (then review)");
    command->add_option("--agreement", options->agreement, "Share of labelers that must agree, 0.5-1");
    command->add_option("--iou", options->iou, "Overlap that makes two labelers' shapes one object, 0.1-0.95");
    command->add_option("--review-required", options->reviewRequired, "Labels wait for approval (true/false)");
    command->add_option("--assist", options->assist, "ML assist on or off (true/false)");
    command->add_option("--assist-after", options->startAfter, "Start ML assist after this many labels");
    command->add_option("--retrain-every", options->retrainEvery, "Retrain after this many new labels");
    command->add_option("--self-training", options->selfTraining,
                        "Every training of a single-label classification project adds a second model that learns "
                        "from the first one's prelabels (true/false)");
    command->add_option("--self-training-rounds", options->selfTrainingRounds,
                        "With self-training: students in a row, each learning from the one before's prelabels, 1-" +
                            std::to_string(kMaxSelfTrainingRounds) + " (default 1)");
    command->add_option("--precision", options->targetPrecision,
                        "Precision the prelabels must reach on the held-out labels, 0.5-1 (default 0.95)");
    command->add_option("--confidence", options->calibrationConfidence,
                        "How sure the held-out labels must make it that they reach it, 0-0.999 (default 0.8; 0: the "
                        "precision as measured)");
    command->callback([options, &context] {
        const bool changing = options->consensus || options->labelersPerItem || options->reviewRequired ||
                              options->assist || options->startAfter || options->retrainEvery || options->selfTraining ||
                              options->selfTrainingRounds || options->targetPrecision || options->calibrationConfidence ||
                              options->maxLabelers ||
                              options->agreement || options->iou;
        auto project = Project::open(options->project, changing ? Project::Access::ReadWrite
                                                                : Project::Access::ReadOnly);
        QualitySettings quality = qualitySettingsOf(*project);
        AssistSettings assist = assistSettingsOf(*project);
        if (options->consensus) {
            quality.consensus = *options->consensus;
            if (!quality.consensus)
                quality.labelersPerItem = 1;
            else if (!options->labelersPerItem && quality.labelersPerItem < 2)
                quality.labelersPerItem = 2;
        }
        if (options->labelersPerItem)
            quality.labelersPerItem = *options->labelersPerItem;
        if (options->reviewRequired)
            quality.reviewRequired = *options->reviewRequired;
        quality.maxLabelersPerItem = options->maxLabelers.value_or(quality.maxLabelersPerItem);
        quality.agreement = options->agreement.value_or(quality.agreement);
        quality.iou = options->iou.value_or(quality.iou);
        if (options->assist)
            assist.enabled = *options->assist;
        if (options->startAfter)
            assist.startAfterLabels = *options->startAfter;
        if (options->retrainEvery)
            assist.retrainEvery = *options->retrainEvery;
        if (options->selfTraining)
            assist.selfTraining = *options->selfTraining;
        assist.selfTrainingRounds = options->selfTrainingRounds.value_or(assist.selfTrainingRounds);
        assist.targetPrecision = options->targetPrecision.value_or(assist.targetPrecision);
        assist.calibrationConfidence = options->calibrationConfidence.value_or(assist.calibrationConfidence);
        validate(quality);
        validate(assist);
        if (changing) {
            setQualitySettings(*project, quality);
            setAssistSettings(*project, assist);
        }
        const Json result{{"quality",
                           {{"consensus", quality.consensus},
                            {"labelers_per_item", quality.labelersPerItem},
                            {"max_labelers_per_item", quality.maxLabelers()},
                            {"agreement", quality.agreement},
                            {"iou", quality.iou},
                            {"review_required", quality.reviewRequired}}},
                          {"assist",
                           {{"enabled", assist.enabled},
                            {"start_after_labels", assist.startAfterLabels},
                            {"retrain_every", assist.retrainEvery},
                            {"self_training", assist.selfTraining},
                            {"self_training_rounds", assist.selfTrainingRounds},
                            {"target_precision", assist.targetPrecision},
                            {"calibration_confidence", assist.calibrationConfidence}}}};
        context.emit(result, [&](std::ostream& out) {
            out << "Consensus        " << (quality.consensus ? "on, " + std::to_string(quality.labelersPerItem) +
                                                                   " to " + std::to_string(quality.maxLabelers()) +
                                                                   " labelers per item, " +
                                                                   std::to_string(static_cast<int>(quality.agreement * 100)) +
                                                                   " % must agree"
                                                             : std::string("off"))
                << "\nReview required  " << (quality.reviewRequired ? "yes" : "no") << "\nML assist        "
                << (assist.enabled ? "on, after " + std::to_string(assist.startAfterLabels) +
                                         " labels, retraining every " + std::to_string(assist.retrainEvery) +
                                         " new labels" + selfTrainingText(assist) +
                                         "; prelabels " + percent(assist.targetPrecision) + " right, " +
                                         percent(assist.calibrationConfidence) + " sure"
                                   : std::string("off"))
                << '\n';
        });
    });
}

} // namespace

void addWorkflowCommands(CLI::App& app, const CliContext& context)
{
    addLabel(app, context);
    addReview(app, context);
    addHistory(app, context);
    addFind(app, context);
    addDashboard(app, context);
    addWorkflowSettings(app, context);
}

} // namespace pixmark::cli
