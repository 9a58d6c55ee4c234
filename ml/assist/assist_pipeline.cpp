#include "ml/assist/assist_pipeline.h"

#include "core/cache/cache_jobs.h"
#include "core/cache/training_cache.h"
#include "core/errors.h"
#include "core/project/project.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/calibration.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/classifier.h"
#include "ml/engine/inference.h"
#include "ml/engine/kmeans.h"
#include "ml/engine/trainer.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pixmark::assist {

namespace {

using Json = nlohmann::json;

bool isClassification(TaskType type)
{
    return type == TaskType::ClassificationMultiClass || type == TaskType::ClassificationMultiLabel;
}

/// One pipeline step as a run: recorded as running, then as it ended; an exception marks
/// it failed with its message and goes on up.
class Step {
public:
    Step(Project& project, RunKind kind, RunId parent, const Json& config)
        : mProject(project), mId(project.startRun(kind, parent, config.dump()))
    {
    }
    ~Step()
    {
        if (!mFinished) {
            try {
                mProject.finishRun(mId, RunOutcome{RunStatus::Failed, "{}", "", mFailure});
            } catch (...) {
                // The step's own error is already on its way up; a second one about
                // recording it must not replace it.
            }
        }
    }
    RunId id() const { return mId; }
    void failedWith(const std::string& why) { mFailure = why; }
    void finish(RunStatus status, const Json& metrics, const std::string& modelFile = {})
    {
        mProject.finishRun(mId, RunOutcome{status, metrics.dump(), modelFile, ""});
        mFinished = true;
    }

private:
    Project& mProject;
    RunId mId;
    bool mFinished = false;
    std::string mFailure = "The step stopped on an error.";
};

template <class Body>
auto recorded(Step& step, Body body)
{
    try {
        return body();
    } catch (const std::exception& error) {
        step.failedWith(error.what());
        throw;
    }
}

struct LabeledSet {
    std::vector<std::int64_t> records; ///< cache records, one per sample
    at::Tensor targets;                ///< int64 [N] or float [N, K]
};

} // namespace

int defaultMinimumLabels(TaskType type)
{
    switch (type) {
    case TaskType::ClassificationMultiClass:
    case TaskType::ClassificationMultiLabel:
        return 100;
    case TaskType::ObjectDetection:
    case TaskType::InstanceSegmentation:
        return 50;
    case TaskType::SemanticSegmentation:
        return 30;
    }
    return 100;
}

AssistReport runPipeline(Project& project, const AssistOptions& options, const ProgressCallback& progress,
                         const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    if (!isClassification(info.taskType))
        throw ValidationError("ML assist trains classifiers in this version; " + std::string(displayName(info.taskType)) +
                              " projects get their detector and segmenter in a later one.");
    const ml::LabelMode mode = info.taskType == TaskType::ClassificationMultiClass ? ml::LabelMode::MultiClass
                                                                                   : ml::LabelMode::MultiLabel;
    const std::vector<LabelClass> classes = project.classes();
    std::map<ClassId, std::int64_t> classIndex;
    for (const LabelClass& labelClass : classes)
        classIndex.emplace(labelClass.id, static_cast<std::int64_t>(classIndex.size()));
    const auto report = [&](std::int64_t done, std::int64_t total, std::string_view stage) {
        if (progress)
            progress(done, total, stage);
    };
    AssistReport result;

    // 1. The training cache.
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    cache::TrainingCache trainingCache(project.cacheFolder(), spec);
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
        if (cached.cancelled) {
            result.cancelled = true;
            return result;
        }
    }
    const ml::TrainingCacheReader cacheReader(trainingCache.imagesFile());

    // 2. Training, on every current label whose image is cached.
    LabeledSet labeled;
    {
        std::vector<std::int64_t> single;
        std::vector<float> multi;
        for (const auto& [item, annotations] : project.currentLabels()) {
            const auto record = cacheReader.find(item);
            if (!record || annotations.empty())
                continue;
            labeled.records.push_back(static_cast<std::int64_t>(*record));
            if (mode == ml::LabelMode::MultiClass) {
                single.push_back(classIndex.at(annotations.front().classId));
            } else {
                std::vector<float> row(classes.size(), 0.0f);
                for (const Annotation& annotation : annotations)
                    row[static_cast<std::size_t>(classIndex.at(annotation.classId))] = 1.0f;
                multi.insert(multi.end(), row.begin(), row.end());
            }
        }
        const auto count = static_cast<std::int64_t>(labeled.records.size());
        labeled.targets = mode == ml::LabelMode::MultiClass
                              ? torch::tensor(single, torch::kInt64)
                              : torch::tensor(multi, torch::kFloat32).reshape({count, std::int64_t(classes.size())});
    }
    const int minimum = defaultMinimumLabels(info.taskType) / 5; // what can be split and trained at all
    if (static_cast<int>(labeled.records.size()) < std::max(minimum, 10))
        throw ValidationError("Only " + std::to_string(labeled.records.size()) +
                              " labeled images can be trained on; label at least " +
                              std::to_string(std::max(minimum, 10)) + " first.");
    if (classes.size() < 2)
        throw ValidationError("A classifier needs at least two classes; add another class first.");

    ml::ClassifierSpec classifierSpec;
    classifierSpec.classes = static_cast<int>(classes.size());
    classifierSpec.mode = mode;
    // Small cached images train a compact network from scratch; larger ones a ResNet-18.
    classifierSpec.backbone =
        spec.side <= 64 ? ml::ResNetOptions::compact(spec.channels) : ml::ResNetOptions::resnet18(spec.channels);
    ml::Classifier classifier(classifierSpec);
    ml::ClassificationTask task(classifier, labeled.targets);
    ml::TrainerOptions trainerOptions;
    trainerOptions.device = options.device;
    trainerOptions.maxEpochs = options.maxEpochs;
    trainerOptions.seed = options.seed;
    trainerOptions.validationFraction = 0.25;
    ml::TrainResult trained;
    {
        Step step(project, RunKind::Training, result.cacheRun,
                  Json{{"model", classifier.describe()},
                       {"labels", labeled.records.size()},
                       {"max_epochs", options.maxEpochs},
                       {"device", options.device.empty() ? "auto" : options.device}});
        result.trainingRun = step.id();
        const std::filesystem::path modelFolder = project.cacheFolder() / "models";
        std::filesystem::create_directories(modelFolder);
        const std::string modelFile = "models/run-" + std::to_string(step.id()) + ".pt";
        trained = recorded(step, [&] {
            auto fitted = ml::Trainer(trainerOptions)
                              .fit(task, cacheReader, labeled.records,
                                   [&](const ml::TrainProgress& p) {
                                       report((p.epoch - 1) * p.stepsPerEpoch + p.step,
                                              std::int64_t(p.maxEpochs) * p.stepsPerEpoch, "training");
                                   },
                                   [&] { return cancel.isCancelled(); });
            Json classIds = Json::array();
            for (const LabelClass& labelClass : classes)
                classIds.push_back(labelClass.id);
            ml::saveCheckpoint(project.cacheFolder() / modelFile, task,
                               {{"class_ids", classIds.dump()}, {"task_type", std::string(toId(info.taskType))}});
            return fitted;
        });
        result.trainedOn = static_cast<std::int64_t>(trained.trainingSamples.size());
        result.heldOut = static_cast<std::int64_t>(trained.validationSamples.size());
        result.heldOutAccuracy = trained.bestValidationMetric;
        step.finish(trained.cancelled ? RunStatus::Cancelled : RunStatus::Succeeded,
                    Json{{"device", trained.device},
                         {"epochs", trained.epochsRun},
                         {"best_epoch", trained.bestEpoch},
                         {"held_out_loss", trained.bestValidationLoss},
                         {"held_out_accuracy", trained.bestValidationMetric},
                         {"trained_on", result.trainedOn},
                         {"held_out", result.heldOut},
                         {"images_per_second", trained.imagesPerSecond}},
                    modelFile);
        if (trained.cancelled) {
            result.cancelled = true;
            return result;
        }
    }

    // 3. Validation: calibrate the confidence threshold on the held-out labels.
    ml::Calibration calibration;
    {
        Step step(project, RunKind::Validation, result.trainingRun, Json{{"target_precision", options.targetPrecision}});
        result.validationRun = step.id();
        calibration = recorded(step, [&] {
            std::vector<std::int64_t> heldRecords;
            std::vector<std::int64_t> heldSamples;
            for (const auto sample : trained.validationSamples) {
                heldRecords.push_back(labeled.records[static_cast<std::size_t>(sample)]);
                heldSamples.push_back(sample);
            }
            const auto held = ml::predict(classifier, cacheReader, heldRecords);
            const auto heldTargets = labeled.targets.index_select(0, torch::tensor(heldSamples, torch::kInt64));
            return ml::calibrate(held.probabilities, heldTargets, mode, {.targetPrecision = options.targetPrecision});
        });
        result.precision = calibration.precision;
        result.coverage = calibration.coverage;
        Json thresholds = Json::object();
        for (std::size_t k = 0; k < calibration.classes.size(); ++k) {
            const auto& choice = calibration.classes[k];
            thresholds[classes[k].name] = choice.reached ? Json(choice.threshold) : Json(nullptr);
        }
        step.finish(RunStatus::Succeeded, Json{{"precision", calibration.precision},
                                               {"coverage", calibration.coverage},
                                               {"target_precision", options.targetPrecision},
                                               {"thresholds", thresholds}});
    }

    // 4. Inference on the unlabeled items: what passes the threshold becomes a suggestion.
    std::vector<ItemId> unlabeledItems;
    std::vector<std::int64_t> unlabeledRecords;
    for (const Item& item : project.items(ItemStatus::Unlabeled, std::numeric_limits<std::int64_t>::max())) {
        if (const auto record = cacheReader.find(item.id)) {
            unlabeledItems.push_back(item.id);
            unlabeledRecords.push_back(static_cast<std::int64_t>(*record));
        }
    }
    ml::Predictions predictions;
    {
        Step step(project, RunKind::Inference, result.validationRun, Json{{"items", unlabeledItems.size()}});
        result.inferenceRun = step.id();
        ml::InferenceOptions inference;
        inference.embeddings = true;
        predictions = recorded(step, [&] {
            return ml::predict(
                classifier, cacheReader, unlabeledRecords, inference,
                [&](std::int64_t done, std::int64_t total) { report(done, total, "inference"); },
                [&] { return cancel.isCancelled(); });
        });
        if (predictions.cancelled) {
            step.finish(RunStatus::Cancelled, Json::object());
            result.cancelled = true;
            return result;
        }
        std::vector<ModelSuggestion> suggestions;
        recorded(step, [&] {
            const at::Tensor accepted = ml::acceptedDecisions(calibration, predictions.probabilities, mode);
            const at::Tensor probabilities = predictions.probabilities.contiguous();
            const auto classCount = probabilities.size(1);
            for (std::size_t n = 0; n < unlabeledItems.size(); ++n) {
                const auto row = static_cast<std::int64_t>(n);
                const std::size_t before = suggestions.size();
                if (mode == ml::LabelMode::MultiClass) {
                    if (!accepted[row].item<bool>())
                        continue;
                    const auto best = probabilities[row].argmax().item<std::int64_t>();
                    suggestions.push_back(ModelSuggestion{
                        unlabeledItems[n], Annotation{classes[static_cast<std::size_t>(best)].id, AnnotationKind::Tag,
                                                      "", probabilities[row][best].item<double>()}});
                } else {
                    // Every decision of the image must pass: a suggestion is the whole set of classes.
                    if (!accepted[row].all().item<bool>())
                        continue;
                    for (std::int64_t k = 0; k < classCount; ++k) {
                        const double p = probabilities[row][k].item<double>();
                        if (p >= 0.5)
                            suggestions.push_back(ModelSuggestion{
                                unlabeledItems[n],
                                Annotation{classes[static_cast<std::size_t>(k)].id, AnnotationKind::Tag, "", p}});
                    }
                }
                if (suggestions.size() > before)
                    ++result.prelabeled;
            }
            project.storeModelSuggestions(step.id(), suggestions);
            return 0;
        });
        result.predicted = static_cast<std::int64_t>(unlabeledItems.size());
        step.finish(RunStatus::Succeeded, Json{{"predicted", result.predicted}, {"prelabeled", result.prelabeled}});
    }

    // 5. Featurization: unlabeled items clustered by their embeddings.
    {
        const auto n = static_cast<int>(unlabeledItems.size());
        const int k = options.clusters > 0 ? std::min(options.clusters, n) : std::clamp(n / 9, std::min(2, n), 64);
        Step step(project, RunKind::Featurization, result.inferenceRun, Json{{"items", n}, {"clusters", k}});
        result.featurizationRun = step.id();
        if (n == 0) {
            step.finish(RunStatus::Succeeded, Json{{"clusters", 0}});
            return result;
        }
        const at::Tensor embeddings = torch::nn::functional::normalize(
            predictions.embeddings, torch::nn::functional::NormalizeFuncOptions().dim(1));
        const auto clustered = recorded(step, [&] { return ml::kmeans(embeddings, k, {.seed = options.seed}); });
        recorded(step, [&] {
            const at::Tensor centres = clustered.centroids.index_select(0, clustered.assignments);
            const at::Tensor distances = (embeddings - centres).norm(2, 1).contiguous();
            std::vector<ItemCluster> rows;
            for (int i = 0; i < n; ++i)
                rows.push_back(ItemCluster{unlabeledItems[static_cast<std::size_t>(i)],
                                           static_cast<int>(clustered.assignments[i].item<std::int64_t>()),
                                           distances[i].item<double>()});
            project.storeClusters(step.id(), rows);
            return 0;
        });
        result.clusters = k;
        step.finish(RunStatus::Succeeded, Json{{"clusters", k}, {"inertia", clustered.inertia},
                                               {"iterations", clustered.iterations}});
    }
    report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
