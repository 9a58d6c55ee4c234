#include "ml/assist/assist_pipeline.h"

#include "core/errors.h"
#include "core/project/workflow_settings.h"
#include "ml/assist/assist_steps_p.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/inference.h"
#include "ml/engine/trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>

namespace pixmark::assist {

using namespace detail;

namespace {

struct LabeledSet {
    std::vector<std::int64_t> records; ///< cache records, one per sample
    at::Tensor targets;                ///< int64 [N] or float [N, K]
};

} // namespace

AssistReport runPipeline(Project& project, const AssistOptions& options, const ProgressCallback& progress,
                         const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    if (!isClassification(info.taskType))
        throw ValidationError("ML assist trains classifiers in this version; " + std::string(displayName(info.taskType)) +
                              " projects get their detector and segmenter in a later one.");
    const ml::LabelMode mode = labelModeOf(info.taskType);
    const std::vector<LabelClass> classes = project.classes();
    std::map<ClassId, std::int64_t> classIndex;
    for (const LabelClass& labelClass : classes)
        classIndex.emplace(labelClass.id, static_cast<std::int64_t>(classIndex.size()));
    const Reporter report{progress};
    AssistReport result;

    // 1. The training cache.
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    cache::TrainingCache trainingCache(project.cacheFolder(), spec);
    if (!refreshCache(project, trainingCache, spec, result, report, cancel))
        return result;
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
    // What can be split and trained at all; the schedule (training_schedule.h) waits for more.
    const int minimum = defaultAssistSettings(info.taskType).startAfterLabels / 5;
    if (static_cast<int>(labeled.records.size()) < std::max(minimum, 10))
        throw ValidationError("Only " + std::to_string(labeled.records.size()) +
                              " labeled images can be trained on; label at least " +
                              std::to_string(std::max(minimum, 10)) + " first.");
    if (classes.size() < 2)
        throw ValidationError("A classifier needs at least two classes; add another class first.");

    ml::Classifier classifier(classifierSpecFor(spec, static_cast<int>(classes.size()), mode));
    ml::ClassificationTask task(classifier, labeled.targets);
    ml::TrainerOptions trainerOptions;
    trainerOptions.device = options.device;
    trainerOptions.maxEpochs = options.maxEpochs;
    trainerOptions.seed = options.seed;
    trainerOptions.validationFraction = 0.25;
    Json classIds = Json::array(); // the model's output order
    for (const LabelClass& labelClass : classes)
        classIds.push_back(labelClass.id);
    ml::TrainResult trained;
    {
        Step step(project, RunKind::Training, result.cacheRun,
                  Json{{"model", classifier.describe()},
                       {"class_ids", classIds},
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
        // By name for people; in the model's class order for prelabeling with it later.
        Json thresholds = Json::object();
        Json classThresholds = Json::array();
        for (std::size_t k = 0; k < calibration.classes.size(); ++k) {
            const auto& choice = calibration.classes[k];
            const Json threshold = choice.reached ? Json(choice.threshold) : Json(nullptr);
            thresholds[classes[k].name] = threshold;
            classThresholds.push_back(threshold);
        }
        step.finish(RunStatus::Succeeded, Json{{"precision", calibration.precision},
                                               {"coverage", calibration.coverage},
                                               {"target_precision", options.targetPrecision},
                                               {"thresholds", thresholds},
                                               {"class_thresholds", classThresholds}});
    }

    // 4 and 5. Inference on the unlabeled items into suggestions; their clusters.
    if (!prelabelAndCluster(project, CalibratedModel{classifier, calibration, classes, mode}, cacheReader,
                            result.validationRun, options, result, report, cancel))
        return result;
    report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
