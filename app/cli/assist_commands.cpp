#include "app/cli/assist_commands.h"

#include "app/cli/cli_context.h"
#include "app/cli/progress_printer.h"
#include "core/model/run_summary.h"
#include "core/project/project.h"
#include "core/project/training_schedule.h"
#include "core/project/workflow_settings.h"
#include "core/util/clock.h"
#include "ml/assist/assist_pipeline.h"
#include "ml/assist/engine_status.h"

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <ostream>

namespace pixmark::cli {

namespace {

using Json = nlohmann::json;

struct TrainOptions {
    std::string project;
    bool ifDue = false;
    std::string device;
    int epochs = 0;                  ///< 0: the engine's plan
    std::optional<double> precision; ///< default: the project's setting
    std::optional<double> confidence;
    int clusters = 0;
    bool fresh = false;
    bool selfTrain = false;
    std::optional<int> rounds;
};

Json scheduleJson(const TrainingSchedule& schedule)
{
    return {{"enabled", schedule.enabled},
            {"labels", schedule.labels},
            {"last_trained_on", schedule.lastTrainedOn},
            {"next_at", schedule.nextAt},
            {"due", schedule.isDue()}};
}

std::string scheduleText(const TrainingSchedule& schedule)
{
    if (!schedule.enabled)
        return "ML assist is off (pixmark-cli settings --assist true).";
    const std::string next = schedule.lastTrainedOn > 0 ? "retraining" : "the first training";
    if (schedule.isDue())
        return std::to_string(schedule.labels) + " labels: " + next + " is due (at " + std::to_string(schedule.nextAt) +
               ").";
    return std::to_string(schedule.labels) + " labels; " + next + " at " + std::to_string(schedule.nextAt) + " (" +
           std::to_string(schedule.remaining()) + " to go).";
}

/// --clusters, the same for every command that groups the unlabeled items.
void addClustersOption(CLI::App& command, int& clusters)
{
    command.add_option("--clusters", clusters,
                       "This many k-means clusters of the unlabeled items (default: pages of nine similar ones)")
        ->check(CLI::PositiveNumber);
}

/// Null without self-training; what the student learned, or why no student was trained.
Json selfTrainingJson(const assist::AssistReport& report)
{
    Json selfTraining = nullptr;
    if (report.prelabelsLearned > 0)
        selfTraining = Json{
            {"teacher_runs", {{"training", report.teacherTrainingRun}, {"validation", report.teacherValidationRun}}},
            {"teacher_coverage", report.teacherCoverage},
            {"prelabels_learned", report.prelabelsLearned}};
    if (!report.selfTrainingSkipped.empty()) {
        if (selfTraining.is_null())
            selfTraining = Json{{"prelabels_learned", 0}};
        selfTraining["skipped"] = report.selfTrainingSkipped;
    }
    return selfTraining;
}

/// What train and prelabel print: the runs of the steps and what they found.
void emitReport(const CliContext& context, const assist::AssistReport& report)
{
    context.emit({{"cancelled", report.cancelled},
                  {"runs",
                   {{"cache", report.cacheRun},
                    {"training", report.trainingRun},
                    {"validation", report.validationRun},
                    {"inference", report.inferenceRun},
                    {"featurization", report.featurizationRun}}},
                  {"resumed_from", report.resumedFrom ? Json(report.resumedFrom) : Json(nullptr)},
                  {"trained_on", report.trainedOn},
                  {"held_out", report.heldOut},
                  {"held_out_accuracy", report.heldOutAccuracy},
                  {"precision", report.precision},
                  {"coverage", report.coverage},
                  {"predicted", report.predicted},
                  {"prelabeled", report.prelabeled},
                  {"clusters", report.clusters},
                  {"self_training", selfTrainingJson(report)}},
                 [&](std::ostream& out) {
                     if (report.cancelled) {
                         out << "Cancelled; the steps finished before it are kept (pixmark-cli runs).\n";
                         return;
                     }
                     if (report.resumedFrom != 0)
                         out << "Went on from the stopped training of run #" << report.resumedFrom
                             << " (its saved weights and held-out labels).\n";
                     if (report.trainedOn > 0)
                         out << "Trained on " << report.trainedOn
                             << (report.prelabelsLearned > 0
                                     ? " images (" + std::to_string(report.prelabelsLearned) + " of them prelabels; "
                                     : std::string(" labels ("))
                             << report.heldOut
                             << " held out, held-out score " << report.heldOutAccuracy << ").\n"
                             << "Calibrated: precision " << report.precision << " at coverage " << report.coverage
                             << " on the held-out labels.\n";
                     else
                         out << "Used the model of run #" << report.trainingRun << " (calibrated in run #"
                             << report.validationRun << ").\n";
                     if (report.prelabelsLearned > 0)
                         out << "Self-trained: a second model learned from " << report.prelabelsLearned
                             << " prelabels of run #" << report.teacherTrainingRun << "'s model (held-out coverage "
                             << report.teacherCoverage << " before, " << report.coverage << " now).\n";
                     if (!report.selfTrainingSkipped.empty())
                         out << report.selfTrainingSkipped << '\n';
                     out << "Prelabeled " << report.prelabeled << " of " << report.predicted << " unlabeled items; "
                         << report.clusters << " clusters.\n";
                 });
}

void addTrain(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<TrainOptions>();
    auto* command = app.add_subcommand(
        "train", "Train now: refresh the training cache, train on the current labels, calibrate, prelabel the "
                 "unlabeled items and cluster them; every step is recorded as a run");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--device", options->device, "cpu, cuda or cuda:N (default: CUDA when present)");
    command
        ->add_option("--epochs", options->epochs,
                     "Most training epochs (default: the engine's plan, about 112,500 images seen for a classifier: "
                     "150 epochs of 1,000 labels, fewer as labels grow; 40 for a detector or segmenter)")
        ->check(CLI::Range(1, 100000)); // PositiveNumber's message quotes the largest double
    command->add_option("--precision", options->precision,
                        "Precision the prelabels must reach on held-out labels (default: the project's setting, "
                        "pixmark-cli settings --precision; 0.95 unless changed)")
        ->check(CLI::Range(0.5, 1.0));
    command->add_option("--confidence", options->confidence,
                        "How sure the held-out labels must make it that the precision is reached: the threshold is the "
                        "lowest whose lower bound on the precision, at this confidence, reaches it (0: as measured; "
                        "default: the project's setting, 0.8 unless changed)")
        ->check(CLI::Range(0.0, 0.999));
    addClustersOption(*command, options->clusters);
    command->add_flag("--fresh", options->fresh,
                      "Start the training over even when the last one stopped before its end (by default it goes on "
                      "from that one's saved weights)");
    command->add_flag("--if-due", options->ifDue,
                      "Only when the project's schedule says a training is due (pixmark-cli settings --assist-after, "
                      "--retrain-every), for scheduled jobs");
    command->add_flag("--self-train", options->selfTrain,
                      "Single-label classification: after prelabeling, train a second model from scratch on the labels "
                      "and the accepted prelabels (holding out the same labels), and prelabel with it instead; better "
                      "prelabels where labels are few, for a second, longer training");
    command->add_option("--rounds", options->rounds,
                        "With --self-train (or the project's self-training): students in a row, each learning from the "
                        "one before's prelabels, 1-" + std::to_string(kMaxSelfTrainingRounds) +
                            " (default: the project's setting, 1 unless changed)")
        ->check(CLI::Range(1, kMaxSelfTrainingRounds));
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        if (options->ifDue) {
            const TrainingSchedule schedule = trainingScheduleOf(*project);
            if (!schedule.isDue()) {
                context.emit({{"due", false}, {"schedule", scheduleJson(schedule)}}, [&](std::ostream& out) {
                    out << "Not due: " << scheduleText(schedule) << '\n';
                });
                return;
            }
        }
        stopOnInterrupt();
        assist::AssistOptions assistOptions = assist::assistOptionsFor(assistSettingsOf(*project));
        assistOptions.device = options->device;
        assistOptions.maxEpochs = options->epochs;
        assistOptions.targetPrecision = options->precision.value_or(assistOptions.targetPrecision);
        assistOptions.calibrationConfidence = options->confidence.value_or(assistOptions.calibrationConfidence);
        assistOptions.clusters = options->clusters;
        assistOptions.resume = !options->fresh;
        assistOptions.selfTraining = options->selfTrain || assistOptions.selfTraining;
        assistOptions.selfTrainingRounds = options->rounds.value_or(assistOptions.selfTrainingRounds);
        ProgressPrinter printer;
        const auto report = assist::runPipeline(*project, assistOptions, printer.callback(), interruptToken());
        printer.finish();
        emitReport(context, report);
    });
}

struct PrelabelOptions {
    std::string project;
    std::string device;
    RunId run = 0;
    int clusters = 0;
};

void addPrelabel(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<PrelabelOptions>();
    auto* command = app.add_subcommand(
        "prelabel", "Prelabel the unlabeled items with a model trained earlier (no training): suggestions that pass "
                    "its calibrated thresholds, and clusters; every step is recorded as a run");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--run", options->run, "The training run whose model to use (default: the newest calibrated)")
        ->check(CLI::PositiveNumber);
    command->add_option("--device", options->device, "cpu, cuda or cuda:N (default: CUDA when present)");
    addClustersOption(*command, options->clusters);
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        stopOnInterrupt();
        assist::AssistOptions assistOptions;
        assistOptions.device = options->device;
        assistOptions.clusters = options->clusters;
        ProgressPrinter printer;
        const auto report =
            assist::runPrelabel(*project, assistOptions, options->run, printer.callback(), interruptToken());
        printer.finish();
        emitReport(context, report);
    });
}

struct GroupOptions {
    std::string project;
    int clusters = 0;
};

void addGroup(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<GroupOptions>();
    auto* command = app.add_subcommand(
        "group", "Before a model exists: group the unlabeled items into pages of similar images by their look "
                 "(thumbnails of the training cache), served as clustered pages; train does it from the model after");
    command->add_option("project", options->project, "Project file")->required();
    addClustersOption(*command, options->clusters);
    command->callback([options, &context] {
        auto project = Project::open(options->project);
        stopOnInterrupt();
        assist::AssistOptions assistOptions;
        assistOptions.clusters = options->clusters;
        ProgressPrinter printer;
        const auto report = assist::groupBySimilarity(*project, assistOptions, printer.callback(), interruptToken());
        printer.finish();
        context.emit({{"cancelled", report.cancelled},
                      {"runs", {{"cache", report.cacheRun}, {"featurization", report.featurizationRun}}},
                      {"items", report.predicted},
                      {"clusters", report.clusters}},
                     [&](std::ostream& out) {
                         if (report.cancelled)
                             out << "Cancelled; the steps finished before it are kept (pixmark-cli runs).\n";
                         else
                             out << "Grouped " << report.predicted << " unlabeled items into " << report.clusters
                                 << " groups of similar images (run #" << report.featurizationRun
                                 << "); the queue serves them a group at a time.\n";
                     });
    });
}

Json runJson(const Run& run)
{
    return {{"id", run.id},
            {"kind", toId(run.kind)},
            {"status", toId(run.status)},
            {"parent", run.parentId},
            {"config", Json::parse(run.configJson, nullptr, false)},
            {"metrics", Json::parse(run.metricsJson, nullptr, false)},
            {"model_file", run.modelFile},
            {"message", run.message},
            {"created_at", formatIsoUtc(run.createdAt)},
            {"finished_at", run.finishedAt ? Json(formatIsoUtc(*run.finishedAt)) : Json(nullptr)}};
}

struct RunsOptions {
    std::string project;
    int limit = 20;
};

void addRuns(CLI::App& app, const CliContext& context)
{
    auto options = std::make_shared<RunsOptions>();
    auto* command = app.add_subcommand("runs", "List ML assist's runs, newest first, with their metrics");
    command->add_option("project", options->project, "Project file")->required();
    command->add_option("--limit", options->limit, "At most this many")->capture_default_str()->check(
        CLI::PositiveNumber);
    command->callback([options, &context] {
        auto project = Project::open(options->project, Project::Access::ReadOnly);
        const auto runs = project->runs(options->limit);
        Json list = Json::array();
        for (const Run& run : runs)
            list.push_back(runJson(run));
        const TrainingSchedule schedule = trainingScheduleOf(*project);
        context.emit({{"engine", assist::engineStatus().summary()}, {"schedule", scheduleJson(schedule)}, {"runs", list}},
                     [&](std::ostream& out) {
            out << scheduleText(schedule) << '\n';
            if (runs.empty())
                out << "No runs yet (pixmark-cli train starts one).\n";
            for (const Run& run : runs) {
                out << "#" << run.id << "  " << toId(run.kind) << "  " << toId(run.status) << "  "
                    << formatIsoUtc(run.createdAt) << "  " << runSummary(run) << '\n';
            }
        });
    });
}

} // namespace

void addAssistCommands(CLI::App& app, const CliContext& context)
{
    addTrain(app, context);
    addPrelabel(app, context);
    addGroup(app, context);
    addRuns(app, context);
}

} // namespace pixmark::cli
