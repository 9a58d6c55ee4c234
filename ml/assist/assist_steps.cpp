#include "ml/assist/assist_steps_p.h"

#include "core/cache/cache_jobs.h"
#include "core/errors.h"
#include "core/project/workflow_settings.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/inference.h"
#include "ml/engine/kmeans.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <set>

namespace pixmark::assist::detail {

Step::Step(Project& project, RunKind kind, RunId parent, const Json& config)
    : mProject(project), mId(project.startRun(kind, parent, config.dump()))
{
}

Step::~Step()
{
    if (mFinished)
        return;
    try {
        mProject.finishRun(mId, RunOutcome{RunStatus::Failed, "{}", "", mFailure});
    } catch (...) {
        // The step's own error is already on its way up; a second one about recording it
        // must not replace it.
    }
}

void Step::finish(RunStatus status, const Json& metrics, const std::string& modelFile)
{
    mProject.finishRun(mId, RunOutcome{status, metrics.dump(), modelFile, ""});
    mFinished = true;
}

bool isClassification(TaskType type)
{
    return type == TaskType::ClassificationMultiClass || type == TaskType::ClassificationMultiLabel;
}

ml::LabelMode labelModeOf(TaskType type)
{
    return type == TaskType::ClassificationMultiLabel ? ml::LabelMode::MultiLabel : ml::LabelMode::MultiClass;
}

ml::ClassifierSpec classifierSpecFor(const cache::TrainingCacheSpec& spec, int classes, ml::LabelMode mode)
{
    ml::ClassifierSpec classifierSpec;
    classifierSpec.classes = classes;
    classifierSpec.mode = mode;
    // Small cached images train a compact network from scratch; larger ones a ResNet-18.
    classifierSpec.backbone =
        spec.side <= 64 ? ml::ResNetOptions::compact(spec.channels) : ml::ResNetOptions::resnet18(spec.channels);
    return classifierSpec;
}

void requireEnoughLabels(std::size_t labeledCount, TaskType taskType)
{
    const int minimum = std::max(defaultAssistSettings(taskType).startAfterLabels / 5, 10);
    if (labeledCount < static_cast<std::size_t>(minimum))
        throw ValidationError("Only " + std::to_string(labeledCount) + " labeled images can be trained on; label at least " +
                              std::to_string(minimum) + " first.");
}

ml::TrainResult trainModel(Project& project, ml::Task& task, const ml::TrainingCacheReader& cacheReader,
                           const std::vector<std::int64_t>& records, const std::vector<LabelClass>& classes,
                           const AssistOptions& options, AssistReport& result, const Reporter& report,
                           const CancelToken& cancel)
{
    ml::TrainerOptions trainerOptions;
    trainerOptions.device = options.device;
    trainerOptions.maxEpochs = options.maxEpochs;
    trainerOptions.seed = options.seed;
    trainerOptions.validationFraction = 0.25;
    Json classIds = Json::array(); // the model's output order
    for (const LabelClass& labelClass : classes)
        classIds.push_back(labelClass.id);
    Step step(project, RunKind::Training, result.cacheRun,
              Json{{"model", task.describe()},
                   {"class_ids", classIds},
                   {"labels", records.size()},
                   {"max_epochs", options.maxEpochs},
                   {"device", options.device.empty() ? "auto" : options.device}});
    result.trainingRun = step.id();
    std::filesystem::create_directories(project.cacheFolder() / "models");
    const std::string modelFile = "models/run-" + std::to_string(step.id()) + ".pt";
    const ml::TrainResult trained = recorded(step, [&] {
        auto fitted = ml::Trainer(trainerOptions)
                          .fit(task, cacheReader, records,
                               [&](const ml::TrainProgress& p) {
                                   report((p.epoch - 1) * p.stepsPerEpoch + p.step,
                                          std::int64_t(p.maxEpochs) * p.stepsPerEpoch, "training");
                               },
                               [&] { return cancel.isCancelled(); });
        ml::saveCheckpoint(project.cacheFolder() / modelFile, task,
                           {{"class_ids", classIds.dump()}, {"task_type", std::string(toId(project.info().taskType))}});
        return fitted;
    });
    result.trainedOn = static_cast<std::int64_t>(trained.trainingSamples.size());
    result.heldOut = static_cast<std::int64_t>(trained.validationSamples.size());
    result.heldOutAccuracy = trained.bestValidationMetric;
    Json metrics{{"device", trained.device},
                 {"epochs", trained.epochsRun},
                 {"best_epoch", trained.bestEpoch},
                 {"held_out_loss", trained.bestValidationLoss},
                 {"metric", task.metricName()},
                 {"held_out_metric", trained.bestValidationMetric},
                 {"trained_on", result.trainedOn},
                 {"held_out", result.heldOut},
                 {"images_per_second", trained.imagesPerSecond}};
    if (task.metricName() == "accuracy")
        metrics["held_out_accuracy"] = trained.bestValidationMetric;
    step.finish(trained.cancelled ? RunStatus::Cancelled : RunStatus::Succeeded, metrics, modelFile);
    result.cancelled = trained.cancelled;
    return trained;
}

bool refreshCache(Project& project, cache::TrainingCache& trainingCache, const cache::TrainingCacheSpec& spec,
                  AssistReport& result,
                  const Reporter& report, const CancelToken& cancel)
{
    Step step(project, RunKind::Cache, 0, Json{{"side", spec.side}, {"channels", spec.channels}});
    result.cacheRun = step.id();
    const auto cached = recorded(step, [&] {
        return trainingCache.update(cache::readableImages(project), {}, 0,
                                    [&](std::int64_t done, std::int64_t total, std::string_view) {
                                        report(done, total, "cache");
                                    },
                                    cancel);
    });
    step.finish(cached.cancelled ? RunStatus::Cancelled : RunStatus::Succeeded,
                Json{{"appended", cached.appended},
                     {"already_cached", cached.alreadyCached},
                     {"failed", cached.failed.size()},
                     {"rebuilt", cached.rebuilt}});
    result.cancelled = cached.cancelled;
    return !cached.cancelled;
}

namespace {

// About one page of similar items per cluster (docs/benchmarks.md, ML assist); k-means stays
// cheap at this size in tensor ops.
constexpr int kMaxClusters = 1024;

/// The model's decisions that pass the calibration, as suggestions: the top class
/// (multi-class), or every present class when all of the image's decisions pass
/// (multi-label: a suggestion is the whole set of classes).
std::vector<ModelSuggestion> suggestionsFrom(const CalibratedModel& model, const at::Tensor& probabilitiesIn,
                                             const std::vector<ItemId>& items, std::int64_t& prelabeledItems)
{
    const at::Tensor accepted = ml::acceptedDecisions(model.calibration, probabilitiesIn, model.mode);
    const at::Tensor probabilities = probabilitiesIn.contiguous();
    const auto classCount = probabilities.size(1);
    std::vector<ModelSuggestion> suggestions;
    for (std::size_t n = 0; n < items.size(); ++n) {
        const auto row = static_cast<std::int64_t>(n);
        const std::size_t before = suggestions.size();
        if (model.mode == ml::LabelMode::MultiClass) {
            if (!accepted[row].item<bool>())
                continue;
            const auto best = probabilities[row].argmax().item<std::int64_t>();
            suggestions.push_back(ModelSuggestion{
                items[n], Annotation{model.classes[static_cast<std::size_t>(best)].id, AnnotationKind::Tag, "",
                                     probabilities[row][best].item<double>()}});
        } else {
            if (!accepted[row].all().item<bool>())
                continue;
            for (std::int64_t k = 0; k < classCount; ++k) {
                const double p = probabilities[row][k].item<double>();
                if (p >= 0.5)
                    suggestions.push_back(ModelSuggestion{
                        items[n], Annotation{model.classes[static_cast<std::size_t>(k)].id, AnnotationKind::Tag, "", p}});
            }
        }
        if (suggestions.size() > before)
            ++prelabeledItems;
    }
    return suggestions;
}

} // namespace

bool prelabelAndCluster(Project& project, const CalibratedModel& model, const ml::TrainingCacheReader& cacheReader,
                        RunId parent, const AssistOptions& options, AssistReport& result, const Reporter& report,
                        const CancelToken& cancel)
{
    std::vector<ItemId> unlabeledItems;
    std::vector<std::int64_t> unlabeledRecords;
    for (const Item& item : project.items(ItemStatus::Unlabeled, std::numeric_limits<std::int64_t>::max())) {
        if (const auto record = cacheReader.find(item.id)) {
            unlabeledItems.push_back(item.id);
            unlabeledRecords.push_back(static_cast<std::int64_t>(*record));
        }
    }

    // Inference: what passes the threshold becomes a suggestion.
    ml::Predictions predictions;
    std::set<ItemId> prelabeledItems;
    {
        Step step(project, RunKind::Inference, parent, Json{{"items", unlabeledItems.size()}});
        result.inferenceRun = step.id();
        ml::InferenceOptions inference;
        inference.embeddings = true;
        predictions = recorded(step, [&] {
            return ml::predict(
                model.classifier, cacheReader, unlabeledRecords, inference,
                [&](std::int64_t done, std::int64_t total) { report(done, total, "inference"); },
                [&] { return cancel.isCancelled(); });
        });
        if (predictions.cancelled) {
            step.finish(RunStatus::Cancelled, Json::object());
            result.cancelled = true;
            return false;
        }
        recorded(step, [&] {
            const auto suggestions = suggestionsFrom(model, predictions.probabilities, unlabeledItems, result.prelabeled);
            for (const ModelSuggestion& suggestion : suggestions)
                prelabeledItems.insert(suggestion.itemId);
            project.storeModelSuggestions(step.id(), suggestions);
            return 0;
        });
        result.predicted = static_cast<std::int64_t>(unlabeledItems.size());
        step.finish(RunStatus::Succeeded, Json{{"predicted", result.predicted}, {"prelabeled", result.prelabeled}});
    }

    // Featurization: the unlabeled items left without a prelabel, clustered by their
    // embeddings. The prelabeled ones are served as review pages first; clustering only the
    // rest keeps each cluster about one full page of what is actually served that way.
    std::vector<ItemId> restItems;
    std::vector<std::int64_t> restRows;
    for (std::size_t i = 0; i < unlabeledItems.size(); ++i)
        if (!prelabeledItems.count(unlabeledItems[i])) {
            restItems.push_back(unlabeledItems[i]);
            restRows.push_back(static_cast<std::int64_t>(i));
        }
    const auto n = static_cast<int>(restItems.size());
    const int k = options.clusters > 0 ? std::min(options.clusters, n) : std::clamp(n / 9, std::min(2, n), kMaxClusters);
    Step step(project, RunKind::Featurization, result.inferenceRun, Json{{"items", n}, {"clusters", k}});
    result.featurizationRun = step.id();
    if (n == 0) {
        recorded(step, [&] {
            project.storeClusters(step.id(), {}); // the clusters of an earlier run are stale
            return 0;
        });
        step.finish(RunStatus::Succeeded, Json{{"clusters", 0}});
        return true;
    }
    const at::Tensor embeddings = torch::nn::functional::normalize(
        predictions.embeddings.index_select(0, torch::tensor(restRows, torch::kInt64)),
        torch::nn::functional::NormalizeFuncOptions().dim(1));
    const auto clustered = recorded(step, [&] { return ml::kmeans(embeddings, k, {.seed = options.seed}); });
    recorded(step, [&] {
        const at::Tensor centres = clustered.centroids.index_select(0, clustered.assignments);
        const at::Tensor distances = (embeddings - centres).norm(2, 1).contiguous();
        std::vector<ItemCluster> rows;
        for (int i = 0; i < n; ++i)
            rows.push_back(ItemCluster{restItems[static_cast<std::size_t>(i)],
                                       static_cast<int>(clustered.assignments[i].item<std::int64_t>()),
                                       distances[i].item<double>()});
        project.storeClusters(step.id(), rows);
        return 0;
    });
    result.clusters = k;
    step.finish(RunStatus::Succeeded,
                Json{{"clusters", k}, {"inertia", clustered.inertia}, {"iterations", clustered.iterations}});
    return true;
}

} // namespace pixmark::assist::detail
