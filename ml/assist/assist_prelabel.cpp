// Prelabeling with a model trained earlier: no training, the thresholds its validation chose.

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
    calibration.targetPrecision = metrics.value("target_precision", 0.95);
    for (const Json& threshold : metrics["class_thresholds"]) {
        ml::ThresholdChoice choice;
        choice.reached = threshold.is_number();
        choice.threshold = choice.reached ? threshold.get<float>() : std::numeric_limits<float>::infinity();
        calibration.classes.push_back(choice);
    }
    return calibration;
}

} // namespace

AssistReport runPrelabel(Project& project, const AssistOptions& options, RunId trainingRun,
                         const ProgressCallback& progress, const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    if (!isClassification(info.taskType))
        throw ValidationError("Prelabeling with an earlier model works for classification projects in this version; " +
                              std::string(displayName(info.taskType)) +
                              " projects prelabel when they train (Train now, or pixmark-cli train).");
    const ml::LabelMode mode = labelModeOf(info.taskType);
    const Run validation = validationRunOf(project, trainingRun);
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
    std::vector<LabelClass> classes;
    for (const Json& id : classIds) {
        const auto at = std::find_if(projectClasses.begin(), projectClasses.end(),
                                     [&](const LabelClass& c) { return id.is_number() && c.id == id.get<ClassId>(); });
        if (at != projectClasses.end())
            classes.push_back(*at);
    }
    if (classes.size() != projectClasses.size() || classIds.size() != projectClasses.size())
        throw ValidationError("The project's classes changed since " + runName(training->id) +
                              " trained its model; train again.");
    ml::Classifier classifier(classifierSpecFor(spec, static_cast<int>(classes.size()), mode));
    ml::ClassificationTask task(classifier, mode == ml::LabelMode::MultiClass
                                                ? torch::zeros({0}, torch::kInt64)
                                                : torch::zeros({0, std::int64_t(classes.size())}));
    ml::loadCheckpoint(project.cacheFolder() / training->modelFile, task);
    const ml::Calibration calibration = calibrationOf(validation, classes.size());
    classifier.to(ml::resolveDevice(options.device), false);

    AssistReport result;
    result.trainingRun = training->id;
    result.validationRun = validation.id;
    const Reporter report{progress};
    const auto cached = refreshCache(project, spec, result, report, cancel);
    if (!cached)
        return result;
    const ml::TrainingCacheReader& cacheReader = *cached;
    if (!prelabelAndCluster(project, CalibratedModel{classifier, calibration, classes, mode}, cacheReader,
                            validation.id, options, result, report, cancel))
        return result;
    report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
