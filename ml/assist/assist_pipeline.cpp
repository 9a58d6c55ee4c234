#include "ml/assist/assist_pipeline.h"

#include "core/errors.h"
#include "ml/assist/assist_steps_p.h"
#include "ml/engine/classification_task.h"
#include "ml/engine/inference.h"
#include "ml/engine/self_training.h"
#include "ml/engine/trainer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace pixmark::assist {

using namespace detail;

namespace {

struct LabeledSet {
    std::vector<std::int64_t> records; ///< cache records, one per sample
    at::Tensor targets;                ///< int64 [N] or float [N, K]
};

/// Step 3, validation: the confidence thresholds for the target precision on the held-out
/// labels, recorded as a validation run under the training run.
ml::Calibration calibrateOnHeldOut(Project& project, ml::Classifier& classifier, const ml::TrainingCacheReader& cacheReader,
                                   const LabeledSet& labeled, const ml::TrainResult& trained,
                                   const std::vector<LabelClass>& classes, ml::LabelMode mode,
                                   const AssistOptions& options, AssistReport& result)
{
    Step step(project, RunKind::Validation, result.trainingRun, calibrationAsked(options));
    result.validationRun = step.id();
    const ml::Calibration calibration = recorded(step, [&] {
        std::vector<std::int64_t> heldRecords;
        for (const auto sample : trained.validationSamples)
            heldRecords.push_back(labeled.records[static_cast<std::size_t>(sample)]);
        const auto held = ml::predict(classifier, cacheReader, heldRecords);
        const auto heldTargets = labeled.targets.index_select(0, torch::tensor(trained.validationSamples, torch::kInt64));
        return ml::calibrate(held.probabilities, heldTargets, mode, {.targetPrecision = options.targetPrecision, .confidence = options.calibrationConfidence});
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
    step.finish(RunStatus::Succeeded, calibrationAsked(options, Json{{"precision", calibration.precision},
                                           {"coverage", calibration.coverage},
                                           {"thresholds", thresholds},
                                           {"class_thresholds", classThresholds}}));
    return calibration;
}

/// What a student learns from: a calibrated model, its held-out split of the labels and its
/// probabilities over the unlabeled items.
struct Teacher {
    std::vector<std::int64_t> heldOut;
    ml::Calibration calibration;
    UnlabeledPredictions predicted;
};

/// Why round `round` trains no student: its teacher accepted none of the unlabeled items.
std::string noStudentReason(const Teacher& teacher, int round, const AssistOptions& options)
{
    const std::string teacherName =
        round == 1 ? "the first model" : "the student of round " + std::to_string(round - 1);
    const std::string lead =
        round == 1 ? "No student was trained: " : "No student was trained in round " + std::to_string(round) + ": ";
    const bool anyThreshold = std::any_of(teacher.calibration.classes.begin(), teacher.calibration.classes.end(),
                                          [](const ml::ThresholdChoice& choice) { return choice.reached; });
    const auto percent = std::to_string(static_cast<int>(std::lround(options.targetPrecision * 100)));
    if (!anyThreshold)
        return lead + "no confidence threshold of " + teacherName + " reached the target precision of " + percent +
               " % on its " + std::to_string(teacher.heldOut.size()) +
               " held-out labels, so it accepted no prelabel to learn from. Label more images, or lower the target "
               "precision.";
    return lead + "none of the " + std::to_string(teacher.predicted.records.size()) +
           " unlabeled items passed the calibrated thresholds of " + teacherName +
           ", so there was no prelabel to learn from.";
}

/// Self-training: a student trains on the labels and the teacher's accepted prelabels,
/// holding out what the teacher held out, then is calibrated and prelabels in its place, and
/// becomes the teacher of a next round. False when cancelled (the teacher's prelabels stay
/// then). Without any accepted prelabel there is nothing to learn from, and the teacher's
/// prelabels stand.
bool trainStudent(Project& project, const cache::TrainingCacheSpec& spec, const ml::TrainingCacheReader& cacheReader,
                  const LabeledSet& labeled, Teacher& teacher, int round, const std::vector<LabelClass>& classes,
                  const AssistOptions& options, AssistReport& result, const Reporter& report, const CancelToken& cancel)
{
    const auto set = ml::studentTrainingSet(labeled.records, labeled.targets, teacher.predicted.records,
                                            teacher.predicted.probabilities,
                                            teacher.calibration,
                                            kStudentPrelabelsPerLabel * static_cast<std::int64_t>(labeled.records.size()));
    if (set.pseudoLabeled == 0) {
        result.selfTrainingSkipped = noStudentReason(teacher, round, options);
        return true;
    }
    result.teacherTrainingRun = result.trainingRun;
    result.teacherValidationRun = result.validationRun;
    result.teacherCoverage = result.coverage;
    result.prelabelsLearned = set.pseudoLabeled;

    ml::seedInitialWeights(options.seed);
    ml::Classifier student(classifierSpecFor(spec, static_cast<int>(classes.size()), ml::LabelMode::MultiClass));
    ml::ClassificationTask task(student, set.targets);
    const StudentOf studentOf{result.teacherTrainingRun, teacher.heldOut, set.pseudoLabeled};
    const ml::TrainResult studied = trainModel(project, task, ml::TrainingRole::Student, cacheReader, set.records,
                                               classes, options, result, report, cancel, &studentOf);
    if (studied.cancelled)
        return false;
    teacher.calibration = calibrateOnHeldOut(project, student, cacheReader, {set.records, set.targets}, studied,
                                             classes, ml::LabelMode::MultiClass, options, result);
    result.prelabeled = 0;
    return prelabelAndCluster(project, CalibratedModel{student, teacher.calibration, classes, ml::LabelMode::MultiClass},
                              cacheReader, result.validationRun, options, result, report, cancel, &teacher.predicted);
}

} // namespace

AssistOptions assistOptionsFor(const AssistSettings& settings)
{
    AssistOptions options;
    options.selfTraining = settings.selfTraining;
    options.selfTrainingRounds = settings.selfTrainingRounds;
    options.targetPrecision = settings.targetPrecision;
    options.calibrationConfidence = settings.calibrationConfidence;
    return options;
}

AssistReport runPipeline(Project& project, const AssistOptions& options, const ProgressCallback& progress,
                         const CancelToken& cancel)
{
    if (options.selfTraining)
        requireSelfTrainingRounds(options.selfTrainingRounds);
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

    ml::seedInitialWeights(options.seed);
    ml::Classifier classifier(classifierSpecFor(spec, static_cast<int>(classes.size()), mode));
    ml::ClassificationTask task(classifier, labeled.targets);
    const ml::TrainResult trained = trainModel(project, task, ml::TrainingRole::Classifier, cacheReader,
                                               labeled.records, classes, options, result, report, cancel);
    if (trained.cancelled)
        return result;

    // 3. Validation: calibrate the confidence threshold on the held-out labels.
    const ml::Calibration calibration =
        calibrateOnHeldOut(project, classifier, cacheReader, labeled, trained, classes, mode, options, result);

    // 4 and 5. Inference on the unlabeled items into suggestions; their clusters. The
    // teacher's prelabels land first, so that a cancelled student leaves them in place.
    const bool selfTraining = options.selfTraining && mode == ml::LabelMode::MultiClass;
    Teacher teacher{trained.validationSamples, calibration, {}};
    if (!prelabelAndCluster(project, CalibratedModel{classifier, calibration, classes, mode}, cacheReader,
                            result.validationRun, options, result, report, cancel,
                            selfTraining ? &teacher.predicted : nullptr))
        return result;

    // 6. Self-training, when asked for: each student teaches the next.
    for (int round = 1; selfTraining && round <= options.selfTrainingRounds && result.selfTrainingSkipped.empty();
         ++round)
        if (!trainStudent(project, spec, cacheReader, labeled, teacher, round, classes, options, result, report, cancel))
            return result;
    report(1, 1, "done");
    return result;
}

} // namespace pixmark::assist
