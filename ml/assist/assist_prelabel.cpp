// Prelabeling with a model trained earlier, for every task type: no training, the
// thresholds its validation chose.

#include "ml/assist/assist_pipeline.h"

#include "core/errors.h"
#include "ml/assist/assist_steps_p.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/torch_device.h"

#include <torch/torch.h>

#include <algorithm>
#include <limits>

namespace pixmark::assist {

using namespace detail;

namespace {

std::string runName(RunId id)
{
    return "run #" + std::to_string(id);
}

/// The calibrated model's validation run: the newest, or the one of trainingRun.
Run validationRunOf(Project& project, RunId trainingRun)
{
    if (trainingRun == 0) {
        if (auto newest = project.latestRun(RunKind::Validation, RunStatus::Succeeded))
            return *newest;
        throw ValidationError("There is no trained model yet; train one first (Train now, or pixmark-cli train).");
    }
    const auto training = project.run(trainingRun);
    if (!training || training->kind != RunKind::Training)
        throw ValidationError(runName(trainingRun) + " is not a training run; pixmark-cli runs lists them.");
    for (const Run& run : project.runs(std::numeric_limits<int>::max()))
        if (run.kind == RunKind::Validation && run.parentId == trainingRun && run.status == RunStatus::Succeeded)
            return run;
    throw ValidationError("The model of " + runName(trainingRun) +
                          " was never calibrated (its training did not finish); choose another or train again.");
}

/// The thresholds the validation chose, in the model's class order.
ml::Calibration calibrationOf(const Run& validation, std::size_t classCount)
{
    const Json metrics = Json::parse(validation.metricsJson, nullptr, false);
    if (!metrics.is_object() || !metrics.contains("class_thresholds") || !metrics["class_thresholds"].is_array() ||
        metrics["class_thresholds"].size() != classCount)
        throw ValidationError("The calibration of " + runName(validation.id) +
                              " was recorded by an older version and cannot be reused; train again.");
    ml::Calibration calibration;
    calibration.targetPrecision = metrics.value("target_precision", ml::kDefaultTargetPrecision);
    calibration.confidence = metrics.value("confidence", 0.0);
    for (const Json& threshold : metrics["class_thresholds"]) {
        ml::ThresholdChoice choice;
        choice.reached = threshold.is_number();
        choice.threshold = choice.reached ? threshold.get<float>() : std::numeric_limits<float>::infinity();
        calibration.classes.push_back(choice);
    }
    return calibration;
}

/// The model of validation's training, checked against the project as it is now.
SavedModel savedModelOf(Project& project, const Run& validation)
{
    const auto training = project.run(validation.parentId);
    if (!training || training->modelFile.empty() || !std::filesystem::exists(project.cacheFolder() / training->modelFile))
        throw ValidationError("The model file of " + runName(validation.parentId) +
                              " is gone from the project's cache folder; train again.");
    const auto cacheRun = project.run(training->parentId);
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    if (cacheRun) {
        const Json trainedOn = Json::parse(cacheRun->configJson, nullptr, false);
        if (trainedOn.is_object() &&
            (trainedOn.value("side", spec.side) != spec.side || trainedOn.value("channels", spec.channels) != spec.channels))
            throw ValidationError("The model of " + runName(training->id) +
                                  " was trained on images of another size or color; train again.");
    }

    // The model's classes, in its output order, must be the project's classes now.
    const std::vector<LabelClass> projectClasses = project.classes();
    const Json trainingConfig = Json::parse(training->configJson, nullptr, false);
    const Json classIds = trainingConfig.is_object() ? trainingConfig.value("class_ids", Json()) : Json();
    if (!classIds.is_array())
        throw ValidationError("The model of " + runName(training->id) +
                              " was recorded by an older version and cannot be reused; train again.");
    SavedModel model{project.cacheFolder() / training->modelFile, training->id, validation, {}};
    for (const Json& id : classIds) {
        const auto at = std::find_if(projectClasses.begin(), projectClasses.end(),
                                     [&](const LabelClass& c) { return id.is_number() && c.id == id.get<ClassId>(); });
        if (at != projectClasses.end())
            model.classes.push_back(*at);
    }
    if (model.classes.size() != projectClasses.size() || classIds.size() != projectClasses.size())
        throw ValidationError("The project's classes changed since " + runName(training->id) +
                              " trained its model; train again.");
    return model;
}

/// Prelabels and groups with a saved classifier and its per-class thresholds; false when
/// cancelled.
bool prelabelWithClassifier(Project& project, const SavedModel& model, ml::LabelMode mode,
                            const ml::TrainingCacheReader& cacheReader, const AssistOptions& options,
                            AssistReport& result, const Reporter& report, const CancelToken& cancel)
{
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    const auto classCount = model.classes.size();
    ml::Classifier classifier(classifierSpecFor(spec, static_cast<int>(classCount), mode));
    ml::ClassificationTask task(classifier, mode == ml::LabelMode::MultiClass
                                                ? torch::zeros({0}, torch::kInt64)
                                                : torch::zeros({0, std::int64_t(classCount)}));
    ml::loadCheckpoint(model.file, task);
    const ml::Calibration calibration = calibrationOf(model.validation, classCount);
    classifier.to(ml::resolveDevice(options.device), false);
    return prelabelAndCluster(project, CalibratedModel{classifier, calibration, model.classes, mode}, cacheReader,
                              model.validation.id, options, result, report, cancel);
}

} // namespace

ml::ThresholdChoice detail::canvasThresholdOf(const Run& validation)
{
    const Json metrics = Json::parse(validation.metricsJson, nullptr, false);
    if (!metrics.is_object() || !metrics.contains("threshold") ||
        !(metrics["threshold"].is_number() || metrics["threshold"].is_null()))
        throw ValidationError("The calibration of " + runName(validation.id) +
                              " was recorded by an older version and cannot be reused; train again.");
    ml::ThresholdChoice choice;
    choice.reached = metrics["threshold"].is_number();
    choice.threshold = choice.reached ? metrics["threshold"].get<float>() : std::numeric_limits<float>::infinity();
    choice.precision = metrics.value("precision", 0.0);
    choice.coverage = metrics.value("coverage", 0.0);
    return choice;
}

AssistReport runPrelabel(Project& project, const AssistOptions& options, RunId trainingRun,
                         const ProgressCallback& progress, const CancelToken& cancel)
{
    const TaskType taskType = project.info().taskType;
    const SavedModel model = savedModelOf(project, validationRunOf(project, trainingRun));

    AssistReport result;
    result.trainingRun = model.trainingRun;
    result.validationRun = model.validation.id;
    const Reporter report{progress};
    const auto cached = refreshCache(project, cache::trainingCacheSpecOf(project), result, report, cancel);
    if (!cached)
        return result;
    switch (taskType) {
    case TaskType::ObjectDetection:
        prelabelWithDetector(project, model, *cached, options, result, report, cancel);
        break;
    case TaskType::SemanticSegmentation:
    case TaskType::InstanceSegmentation:
        prelabelWithSegmenter(project, model, *cached, options, result, report, cancel);
        break;
    default:
        if (!prelabelWithClassifier(project, model, labelModeOf(taskType), *cached, options, result, report, cancel))
            return result;
    }
    if (!result.cancelled)
        report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
