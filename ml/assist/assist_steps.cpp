#include "ml/assist/assist_steps_p.h"

#include "core/cache/cache_jobs.h"
#include "core/errors.h"
#include "core/project/workflow_settings.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/inference.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
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

Json calibrationAsked(const AssistOptions& options, Json results)
{
    results["target_precision"] = options.targetPrecision;
    results["confidence"] = options.calibrationConfidence;
    return results;
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

namespace {

/// The weights a training saves at each better epoch while it runs; gone once it finishes.
std::string partialModelFile(RunId run)
{
    return "models/run-" + std::to_string(run) + ".partial.pt";
}

/// A training to go on from: its run, its saved weights, its held-out items, and the epoch
/// it started at (the trainer numbers the epochs of each fit from 1).
struct StoppedTraining {
    RunId run = 0;
    std::filesystem::path weights;
    std::vector<ItemId> heldOut;
    int startEpoch = 1;
};

/// The newest training when it stopped before its end, for the same model and classes, with
/// weights saved on the way.
std::optional<StoppedTraining> stoppedTraining(Project& project, const std::string& model, const Json& classIds)
{
    for (const Run& run : project.runs(50)) {
        if (run.kind != RunKind::Training)
            continue;
        if (run.status != RunStatus::Interrupted && run.status != RunStatus::Cancelled)
            return std::nullopt;
        const auto config = Json::parse(run.configJson, nullptr, false);
        const auto weights = project.cacheFolder() / partialModelFile(run.id);
        if (!config.is_object() || config.contains("student_of") || config.value("model", std::string()) != model ||
            config.value("class_ids", Json()) != classIds || !config.contains("held_out_items") ||
            !std::filesystem::exists(weights))
            return std::nullopt;
        return StoppedTraining{run.id, weights, config["held_out_items"].get<std::vector<ItemId>>(),
                               config.value("start_epoch", 1)};
    }
    return std::nullopt;
}

} // namespace

void requireEnoughLabels(std::size_t labeledCount, TaskType taskType)
{
    const int minimum = std::max(defaultAssistSettings(taskType).startAfterLabels / 5, 10);
    if (labeledCount < static_cast<std::size_t>(minimum))
        throw ValidationError("Only " + std::to_string(labeledCount) + " labeled images can be trained on; label at least " +
                              std::to_string(minimum) + " first.");
}

ml::TrainResult trainModel(Project& project, ml::Task& task, ml::TrainingRole role,
                           const ml::TrainingCacheReader& cacheReader, const std::vector<std::int64_t>& records,
                           const std::vector<LabelClass>& classes, const AssistOptions& options, AssistReport& result,
                           const Reporter& report, const CancelToken& cancel, const StudentOf* student)
{
    Json classIds = Json::array(); // the model's output order
    for (const LabelClass& labelClass : classes)
        classIds.push_back(labelClass.id);
    std::vector<ItemId> itemOfSample;
    for (const auto record : records)
        itemOfSample.push_back(cacheReader.record(static_cast<std::size_t>(record)).itemId);

    // Going on from a stopped training: its weights, its held-out items that are still
    // labeled, the epochs it had left. Weights that do not load mean starting over.
    std::vector<std::int64_t> heldOut;
    int startEpoch = 1;
    const auto stopped =
        options.resume && student == nullptr ? stoppedTraining(project, task.describe(), classIds) : std::nullopt;
    if (stopped) {
        for (std::size_t sample = 0; sample < itemOfSample.size(); ++sample)
            if (std::find(stopped->heldOut.begin(), stopped->heldOut.end(), itemOfSample[sample]) != stopped->heldOut.end())
                heldOut.push_back(static_cast<std::int64_t>(sample));
        try {
            if (!heldOut.empty() && heldOut.size() < records.size()) {
                const auto saved = ml::loadCheckpoint(stopped->weights, task);
                startEpoch = stopped->startEpoch + std::stoi(saved.at("epoch"));
                result.resumedFrom = stopped->run;
            }
        } catch (const std::exception&) {
            // Unreadable weights: start over. The checkpoint was saved by this same model
            // (checked above), so the load fails before copying anything or not at all.
        }
    }
    if (student != nullptr) {
        heldOut = student->heldOut;
    } else if (result.resumedFrom == 0) {
        heldOut = ml::Trainer::split(task, 0.25, options.seed).second;
        startEpoch = 1;
    }
    ml::TrainerOptions trainerOptions = ml::plannedTraining(records.size() - heldOut.size(), role, options.maxEpochs);
    trainerOptions.device = options.device;
    trainerOptions.seed = options.seed;
    trainerOptions.validationSamples = heldOut;
    const int epochs = trainerOptions.maxEpochs;
    trainerOptions.maxEpochs = std::max(1, epochs - (startEpoch - 1));
    Json heldOutItems = Json::array();
    for (const auto sample : heldOut)
        heldOutItems.push_back(itemOfSample[static_cast<std::size_t>(sample)]);
    Json config{{"model", task.describe()},
                {"class_ids", classIds},
                {"labels", records.size() - static_cast<std::size_t>(student ? student->prelabels : 0)},
                {"max_epochs", epochs},
                {"start_epoch", startEpoch},
                {"resumed_from", result.resumedFrom && !student ? Json(result.resumedFrom) : Json(nullptr)},
                {"held_out_items", heldOutItems},
                {"device", options.device.empty() ? "auto" : options.device},
                {"keeps", trainerOptions.keepLastWeights ? "last epoch" : "lowest held-out loss"}};
    if (student != nullptr) {
        config["student_of"] = student->teacherRun;
        config["prelabels"] = student->prelabels;
    }
    Step step(project, RunKind::Training, result.cacheRun, config);
    result.trainingRun = step.id();
    std::filesystem::create_directories(project.cacheFolder() / "models");
    const std::string modelFile = "models/run-" + std::to_string(step.id()) + ".pt";
    trainerOptions.checkpoint = project.cacheFolder() / partialModelFile(step.id());
    const ml::TrainResult trained = recorded(step, [&] {
        auto fitted = ml::Trainer(trainerOptions)
                          .fit(task, cacheReader, records,
                               [&](const ml::TrainProgress& p) {
                                   report((startEpoch + p.epoch - 2) * p.stepsPerEpoch + p.step,
                                          std::int64_t(startEpoch - 1 + p.maxEpochs) * p.stepsPerEpoch, "training");
                               },
                               [&] { return cancel.isCancelled(); });
        ml::saveCheckpoint(project.cacheFolder() / modelFile, task,
                           {{"class_ids", classIds.dump()}, {"task_type", std::string(toId(project.info().taskType))}});
        return fitted;
    });
    result.trainedOn = static_cast<std::int64_t>(trained.trainingSamples.size());
    result.heldOut = static_cast<std::int64_t>(trained.validationSamples.size());
    result.heldOutAccuracy = trained.bestValidationMetric;
    // A finished training's weights are its model file; those of the training it went on
    // from are used up.
    if (!trained.cancelled) {
        std::error_code ignored;
        std::filesystem::remove(trainerOptions.checkpoint, ignored);
        if (result.resumedFrom != 0 && student == nullptr)
            std::filesystem::remove(project.cacheFolder() / partialModelFile(result.resumedFrom), ignored);
    }
    Json metrics{{"device", trained.device},
                 {"epochs", startEpoch - 1 + trained.epochsRun},
                 {"best_epoch", trained.bestEpoch > 0 ? startEpoch - 1 + trained.bestEpoch : 0},
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

void finishInference(Project& project, Step& step, const std::vector<ModelSuggestion>& suggestions,
                     std::int64_t predicted, const char* shapesKey, AssistReport& result, const Reporter& report)
{
    recorded(step, [&] {
        project.storeModelSuggestions(step.id(), suggestions);
        return 0;
    });
    result.predicted = predicted;
    step.finish(RunStatus::Succeeded,
                Json{{"predicted", predicted}, {"prelabeled", result.prelabeled}, {shapesKey, suggestions.size()}});
    report(1, 1, "done");
}

std::map<ClassId, int> classIndexOf(const std::vector<LabelClass>& classes)
{
    std::map<ClassId, int> index;
    for (const LabelClass& labelClass : classes)
        index.emplace(labelClass.id, static_cast<int>(index.size()));
    return index;
}

CachedItems unlabeledInCache(Project& project, const ml::TrainingCacheReader& cacheReader)
{
    CachedItems cached;
    for (const Item& item : project.items(ItemStatus::Unlabeled, std::numeric_limits<std::int64_t>::max()))
        if (const auto record = cacheReader.find(item.id)) {
            cached.items.push_back(item.id);
            cached.records.push_back(static_cast<std::int64_t>(*record));
        }
    return cached;
}

std::optional<ml::TrainingCacheReader> refreshCache(Project& project, const cache::TrainingCacheSpec& spec,
                                                    AssistReport& result, const Reporter& report,
                                                    const CancelToken& cancel)
{
    cache::TrainingCache trainingCache(project.cacheFolder(), spec);
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
    if (cached.cancelled)
        return std::nullopt;
    return ml::TrainingCacheReader(trainingCache.imagesFile());
}

namespace {

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
                        const CancelToken& cancel, UnlabeledPredictions* predicted)
{
    const auto [unlabeledItems, unlabeledRecords] = unlabeledInCache(project, cacheReader);

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
        if (predicted != nullptr)
            *predicted = UnlabeledPredictions{unlabeledRecords, predictions.probabilities};
    }

    // Featurization: the unlabeled items left without a prelabel, grouped into pages by
    // their embeddings. The prelabeled ones are served as review pages first, so grouping
    // only the rest keeps every group a full page of what is actually served that way.
    std::vector<ItemId> restItems;
    std::vector<std::int64_t> restRows;
    for (std::size_t i = 0; i < unlabeledItems.size(); ++i)
        if (!prelabeledItems.count(unlabeledItems[i])) {
            restItems.push_back(unlabeledItems[i]);
            restRows.push_back(static_cast<std::int64_t>(i));
        }
    const auto n = static_cast<std::int64_t>(restItems.size());
    Step step(project, RunKind::Featurization, result.inferenceRun,
              Json{{"items", n}, {"features", "embeddings"}, {"clusters", options.clusters}});
    result.featurizationRun = step.id();
    const at::Tensor features =
        n == 0 ? at::Tensor()
               : torch::nn::functional::normalize(
                     predictions.embeddings.index_select(0, torch::tensor(restRows, torch::kInt64)),
                     torch::nn::functional::NormalizeFuncOptions().dim(1));
    const auto groups = storeSimilarGroups(project, step, restItems, features, options, cancel);
    if (!groups) {
        result.cancelled = true;
        return false;
    }
    result.clusters = *groups;
    return true;
}

} // namespace pixmark::assist::detail
