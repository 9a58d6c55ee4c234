#include "ml/assist/assist_pipeline.h"

#include "core/errors.h"
#include "ml/assist/assist_steps_p.h"
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
    if (info.taskType == TaskType::ObjectDetection)
        return runDetectionPipeline(project, options, Reporter{progress}, cancel);
    if (info.taskType == TaskType::SemanticSegmentation || info.taskType == TaskType::InstanceSegmentation)
        return runSegmentationPipeline(project, options, Reporter{progress}, cancel);
    const ml::LabelMode mode = labelModeOf(info.taskType);
    const std::vector<LabelClass> classes = project.classes();
    const std::map<ClassId, int> classIndex = classIndexOf(classes);
    const Reporter report{progress};
    AssistReport result;

    // 1. The training cache.
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    const auto cached = refreshCache(project, spec, result, report, cancel);
    if (!cached)
        return result;
    const ml::TrainingCacheReader& cacheReader = *cached;

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
    requireEnoughLabels(labeled.records.size(), info.taskType);
    if (classes.size() < 2)
        throw ValidationError("A classifier needs at least two classes; add another class first.");

    ml::Classifier classifier(classifierSpecFor(spec, static_cast<int>(classes.size()), mode));
    ml::ClassificationTask task(classifier, labeled.targets);
    const ml::TrainResult trained =
        trainModel(project, task, cacheReader, labeled.records, classes, options, result, report, cancel);
    if (trained.cancelled)
        return result;

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
