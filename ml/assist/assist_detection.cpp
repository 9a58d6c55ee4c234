// ML assist for object detection: a detector trained on the project's boxes, one score
// threshold calibrated on its held-out images for the target precision, and its boxes
// above that threshold on the unlabeled items as prelabels. No clustering: a box canvas
// shows one item at a time.
#include "ml/assist/assist_steps_p.h"

#include "core/errors.h"
#include "core/geometry/box.h"
#include "ml/engine/checkpoint.h"
#include "ml/engine/detection.h"
#include "ml/engine/detection_task.h"
#include "ml/engine/torch_device.h"

#include <algorithm>
#include <map>

namespace pixmark::assist::detail {

namespace {

/// A held-out detection is correct when it overlaps a box of its class, not claimed by a
/// better detection, at IoU 0.5 or more (the metric the detector trains for).
constexpr double kMatchIou = 0.5;

/// Appends each detection of one image (best first) as a decision: its score, and whether
/// it found a box of the truth.
void judge(const std::vector<ml::Detection>& found, const std::vector<ml::BoxTarget>& truth,
           std::vector<float>& confidence, std::vector<bool>& correct)
{
    std::vector<bool> claimed(truth.size(), false);
    for (const ml::Detection& detection : found) {
        int best = -1;
        double bestIou = kMatchIou;
        for (std::size_t t = 0; t < truth.size(); ++t) {
            if (claimed[t] || truth[t].classIndex != detection.classIndex)
                continue;
            const double overlap = iou(Box{detection.x, detection.y, detection.width, detection.height},
                                       Box{truth[t].x, truth[t].y, truth[t].width, truth[t].height});
            if (overlap >= bestIou) {
                best = static_cast<int>(t);
                bestIou = overlap;
            }
        }
        if (best >= 0)
            claimed[static_cast<std::size_t>(best)] = true;
        confidence.push_back(detection.score);
        correct.push_back(best >= 0);
    }
}

ml::DetectorSpec detectorSpecFor(const cache::TrainingCacheSpec& spec, int classes)
{
    ml::DetectorSpec detector;
    detector.classes = classes;
    // Small cached images: a compact network and a finer output grid, so that objects a few
    // pixels wide still get their own cell.
    const bool small = spec.side <= 64;
    detector.backbone = small ? ml::ResNetOptions::compact(spec.channels) : ml::ResNetOptions::resnet18(spec.channels);
    detector.outputStride = small ? 2 : 4;
    return detector;
}

/// Step 4, inference: the boxes above the threshold on the unlabeled items replace the
/// model's earlier suggestions (none when the target precision was not reached). Recorded
/// under result.validationRun; result.cancelled says whether it was cancelled.
void prelabelBoxes(Project& project, ml::Detector& detector, const ml::ThresholdChoice& choice,
                   const std::vector<LabelClass>& classes, const ml::TrainingCacheReader& cacheReader,
                   AssistReport& result, const Reporter& report, const CancelToken& cancel)
{
    const auto [unlabeledItems, unlabeledRecords] = unlabeledInCache(project, cacheReader);
    Step step(project, RunKind::Inference, result.validationRun,
              Json{{"items", unlabeledItems.size()}, {"threshold", choice.reached ? Json(choice.threshold) : Json()}});
    result.inferenceRun = step.id();
    std::vector<ModelSuggestion> suggestions;
    bool cancelled = false;
    if (choice.reached) {
        const auto detections = recorded(step, [&] {
            return ml::detect(
                detector, cacheReader, unlabeledRecords, {.decode = {.scoreThreshold = choice.threshold}},
                [&](std::int64_t done, std::int64_t total) { report(done, total, "inference"); },
                [&] {
                    cancelled = cancelled || cancel.isCancelled();
                    return cancelled;
                });
        });
        if (cancelled) {
            step.finish(RunStatus::Cancelled, Json::object());
            result.cancelled = true;
            return;
        }
        for (std::size_t i = 0; i < unlabeledItems.size(); ++i) {
            for (const ml::Detection& d : detections[i])
                suggestions.push_back(ModelSuggestion{
                    unlabeledItems[i],
                    Annotation{classes[static_cast<std::size_t>(d.classIndex)].id, AnnotationKind::Box,
                               toJson(Box{d.x, d.y, d.width, d.height}), static_cast<double>(d.score)}});
            if (!detections[i].empty())
                ++result.prelabeled;
        }
    }
    finishInference(project, step, suggestions, static_cast<std::int64_t>(unlabeledItems.size()), "boxes", result,
                    report);
}

} // namespace

AssistReport runDetectionPipeline(Project& project, const AssistOptions& options, const Reporter& report,
                                  const CancelToken& cancel)
{
    const ProjectInfo info = project.info();
    const std::vector<LabelClass> classes = project.classes();
    if (classes.empty())
        throw ValidationError("A detector needs at least one class; add the classes first.");
    const std::map<ClassId, int> classIndex = classIndexOf(classes);
    AssistReport result;

    // 1. The training cache.
    const cache::TrainingCacheSpec spec = cache::trainingCacheSpecOf(project);
    const auto cached = refreshCache(project, spec, result, report, cancel);
    if (!cached)
        return result;
    const ml::TrainingCacheReader& cacheReader = *cached;

    // 2. Training, on every current label whose image is cached; a label without boxes
    // ("nothing to label here") teaches the detector what is background.
    std::vector<std::int64_t> records;
    std::vector<std::vector<ml::BoxTarget>> targets;
    for (const auto& [item, annotations] : project.currentLabels()) {
        const auto record = cacheReader.find(item);
        if (!record)
            continue;
        std::vector<ml::BoxTarget> boxes;
        for (const Annotation& annotation : annotations) {
            if (annotation.kind != AnnotationKind::Box)
                continue;
            const Box box = parseBox(annotation.geometry);
            boxes.push_back(ml::BoxTarget{static_cast<float>(box.x), static_cast<float>(box.y),
                                          static_cast<float>(box.w), static_cast<float>(box.h),
                                          classIndex.at(annotation.classId)});
        }
        records.push_back(static_cast<std::int64_t>(*record));
        targets.push_back(std::move(boxes));
    }
    requireEnoughLabels(records.size(), info.taskType);
    ml::seedInitialWeights(options.seed);
    ml::Detector detector(detectorSpecFor(spec, static_cast<int>(classes.size())));
    ml::DetectionTask task(detector, targets, cacheReader, records);
    const ml::TrainResult trained = trainModel(project, task, ml::TrainingRole::DenseModel, cacheReader, records,
                                               classes, options, result, report, cancel);
    if (trained.cancelled)
        return result;

    // 3. Validation: the lowest score whose held-out boxes are right often enough; one
    // threshold for every class, as a class's own held-out boxes are few.
    ml::ThresholdChoice choice;
    std::int64_t truthBoxes = 0;
    std::int64_t found = 0;
    {
        Step step(project, RunKind::Validation, result.trainingRun, calibrationAsked(options));
        result.validationRun = step.id();
        choice = recorded(step, [&] {
            std::vector<std::int64_t> held;
            for (const auto sample : trained.validationSamples)
                held.push_back(records[static_cast<std::size_t>(sample)]);
            const auto detections = ml::detect(detector, cacheReader, held, {.decode = {.scoreThreshold = 0.05}});
            std::vector<float> confidence;
            std::vector<bool> correct;
            for (std::size_t i = 0; i < held.size(); ++i) {
                const auto& truth = targets[static_cast<std::size_t>(trained.validationSamples[i])];
                truthBoxes += static_cast<std::int64_t>(truth.size());
                judge(detections[i], truth, confidence, correct);
            }
            const ml::ThresholdChoice chosen = ml::chooseThreshold(confidence, correct, options.targetPrecision, options.calibrationConfidence);
            for (std::size_t d = 0; d < confidence.size(); ++d)
                if (chosen.reached && correct[d] && confidence[d] >= chosen.threshold)
                    ++found;
            return chosen;
        });
        result.precision = choice.reached ? choice.precision : 0;
        result.coverage = choice.reached ? choice.coverage : 0;
        const double recall = truthBoxes > 0 ? static_cast<double>(found) / static_cast<double>(truthBoxes) : 0;
        const Json threshold = choice.reached ? Json(choice.threshold) : Json(nullptr);
        step.finish(RunStatus::Succeeded, calibrationAsked(options, Json{{"precision", result.precision},
                                               {"coverage", result.coverage},
                                               {"recall", recall},
                                               {"held_out_boxes", truthBoxes},
                                               {"threshold", threshold}}));
    }

    // 4. Inference.
    prelabelBoxes(project, detector, choice, classes, cacheReader, result, report, cancel);
    return result;
}

void prelabelWithDetector(Project& project, const SavedModel& model, const ml::TrainingCacheReader& cacheReader,
                          const AssistOptions& options, AssistReport& result, const Reporter& report,
                          const CancelToken& cancel)
{
    const ml::ThresholdChoice choice = canvasThresholdOf(model.validation);
    ml::Detector detector(detectorSpecFor(cache::trainingCacheSpecOf(project), static_cast<int>(model.classes.size())));
    ml::DetectionTask task(detector, {}, cacheReader, {});
    ml::loadCheckpoint(model.file, task);
    detector.to(ml::resolveDevice(options.device), false);
    prelabelBoxes(project, detector, choice, model.classes, cacheReader, result, report, cancel);
}

} // namespace pixmark::assist::detail
