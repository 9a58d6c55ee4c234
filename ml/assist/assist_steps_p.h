#pragma once
// The steps ML assist's pipelines share (training cache, inference into suggestions,
// clustering), each recorded as a run of the project. Private to ml/assist.

#include "core/cache/training_cache.h"
#include "core/model/run.h"
#include "core/project/project.h"
#include "ml/assist/assist_pipeline.h"
#include "ml/engine/cache_reader.h"
#include "ml/engine/calibration.h"
#include "ml/engine/classifier.h"
#include "ml/engine/task.h"
#include "ml/engine/trainer.h"
#include "ml/engine/training_plan.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::assist::detail {

using Json = nlohmann::json;

/// One pipeline step as a run: recorded as running, then as it ended. Destroyed before
/// finish() (an exception on its way up), it is recorded as failed with the message.
class Step {
public:
    Step(Project& project, RunKind kind, RunId parent, const Json& config);
    ~Step();
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

    RunId id() const { return mId; }
    void failedWith(const std::string& why) { mFailure = why; }
    void finish(RunStatus status, const Json& metrics, const std::string& modelFile = {});

private:
    Project& mProject;
    RunId mId;
    bool mFinished = false;
    std::string mFailure = "The step stopped on an error.";
};

/// Runs body; an exception records its message on the step and goes on up.
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

/// Reports to a caller's progress callback, which may be empty.
struct Reporter {
    const ProgressCallback& progress;
    void operator()(std::int64_t done, std::int64_t total, std::string_view stage) const
    {
        if (progress)
            progress(done, total, stage);
    }
};

ml::LabelMode labelModeOf(TaskType type);

/// What a validation step is asked for, target_precision and confidence, added to `results`:
/// its parameters, and with its results what it records.
Json calibrationAsked(const AssistOptions& options, Json results = Json::object());
/// The classifier ML assist trains for a cache of this spec.
ml::ClassifierSpec classifierSpecFor(const cache::TrainingCacheSpec& spec, int classes, ml::LabelMode mode);

/// Step 1: brings the training cache of this spec up to date and opens it; nullopt when
/// cancelled.
std::optional<ml::TrainingCacheReader> refreshCache(Project& project, const cache::TrainingCacheSpec& spec,
                                                    AssistReport& result, const Reporter& report,
                                                    const CancelToken& cancel);

/// Ends an inference step of a canvas task: the suggestions replace the model's earlier
/// ones, and the step records how many items it ran on, prelabeled, and how many shapes
/// (under shapesKey: "boxes", "masks", "polygons").
void finishInference(Project& project, Step& step, const std::vector<ModelSuggestion>& suggestions,
                     std::int64_t predicted, const char* shapesKey, AssistReport& result, const Reporter& report);

/// Each class's position in a model's outputs: the project's order.
std::map<ClassId, int> classIndexOf(const std::vector<LabelClass>& classes);

/// The unlabeled items whose images are in the cache, and their cache records.
struct CachedItems {
    std::vector<ItemId> items;
    std::vector<std::int64_t> records;
};
CachedItems unlabeledInCache(Project& project, const ml::TrainingCacheReader& cacheReader);

/// Throws ValidationError, with what to do, when labeledCount labels are too few to split
/// and train on for the task type (the schedule, training_schedule.h, waits for more).
void requireEnoughLabels(std::size_t labeledCount, TaskType taskType);

/// A student of self-training: its teacher's training run, the samples the teacher held out
/// (the labeled samples come first in the student's records, so their numbers are the same),
/// and how many prelabels follow them.
struct StudentOf {
    RunId teacherRun = 0;
    std::vector<std::int64_t> heldOut;
    std::int64_t prelabels = 0;
};

/// Step 2: trains task on the cache records (sample i is records[i]) on the engine's plan for
/// `role` (ml/engine/training_plan.h) and saves the model with the class ids in its output
/// order; recorded as a training run. The result says whether it was cancelled. A student
/// (role Student, with `student`) holds out what its teacher did and never resumes (a stopped
/// student is not resumed either: the next training starts over).
ml::TrainResult trainModel(Project& project, ml::Task& task, ml::TrainingRole role,
                           const ml::TrainingCacheReader& cacheReader, const std::vector<std::int64_t>& records,
                           const std::vector<LabelClass>& classes, const AssistOptions& options, AssistReport& result,
                           const Reporter& report, const CancelToken& cancel, const StudentOf* student = nullptr);

/// The object-detection pipeline (assist_detection.cpp): cache, detector, score threshold
/// for the target precision, boxes on the unlabeled items. No clustering.
AssistReport runDetectionPipeline(Project& project, const AssistOptions& options, const Reporter& report,
                                  const CancelToken& cancel);

/// The segmentation pipeline (assist_segmentation.cpp), semantic and instance: cache,
/// segmenter, confidence threshold for the target precision, masks (semantic) or polygons
/// (instance) on the unlabeled items. No clustering.
AssistReport runSegmentationPipeline(Project& project, const AssistOptions& options, const Reporter& report,
                                     const CancelToken& cancel);

/// A model an earlier training saved and its validation calibrated, checked against the
/// project as it is now (classes, cached image size): what prelabeling without training needs.
struct SavedModel {
    std::filesystem::path file;
    RunId trainingRun = 0;
    Run validation; ///< the run that calibrated it: its metrics hold the thresholds
    std::vector<LabelClass> classes; ///< in the model's output order
};

/// The one score threshold the validation of a detector or segmenter chose (reached false
/// when the target precision was not reached: nothing is prelabeled then). Throws
/// ValidationError for a validation an older version recorded without it.
ml::ThresholdChoice canvasThresholdOf(const Run& validation);

/// Prelabeling with a saved detector (assist_detection.cpp): its boxes above the threshold on
/// the unlabeled items replace the model's earlier suggestions; recorded as an inference run
/// under model.validation. Throws ModelFileError when the file is not such a detector.
void prelabelWithDetector(Project& project, const SavedModel& model, const ml::TrainingCacheReader& cacheReader,
                          const AssistOptions& options, AssistReport& result, const Reporter& report,
                          const CancelToken& cancel);

/// Prelabeling with a saved segmenter (assist_segmentation.cpp): masks (semantic) or polygons
/// (instance) of its pixels above the threshold, as prelabelWithDetector does with boxes.
void prelabelWithSegmenter(Project& project, const SavedModel& model, const ml::TrainingCacheReader& cacheReader,
                           const AssistOptions& options, AssistReport& result, const Reporter& report,
                           const CancelToken& cancel);

/// What the inference and featurization steps need of a trained, calibrated model.
struct CalibratedModel {
    ml::Classifier& classifier;
    const ml::Calibration& calibration;
    std::vector<LabelClass> classes; ///< in the model's output order
    ml::LabelMode mode = ml::LabelMode::MultiClass;
};

/// A model's probabilities over the unlabeled items it ran on: one row per cache record.
struct UnlabeledPredictions {
    std::vector<std::int64_t> records;
    at::Tensor probabilities;
};

/// Steps 4 and 5: the model runs over the unlabeled items; what passes the calibrated
/// thresholds replaces the model's suggestions; (classification) the items' embeddings
/// are clustered. False when cancelled. When predicted is given, it receives what the model
/// ran on and its probabilities there (labels made meanwhile do not shift its rows).
bool prelabelAndCluster(Project& project, const CalibratedModel& model, const ml::TrainingCacheReader& cacheReader,
                        RunId parent, const AssistOptions& options, AssistReport& result, const Reporter& report,
                        const CancelToken& cancel, UnlabeledPredictions* predicted = nullptr);

/// The featurization step's end: items (rows of features) go into pages of similar items,
/// nine to a page (the largest grid), or into options.clusters k-means clusters when that is
/// set, and replace the project's clusters. Finishes step with the counts; returns the
/// number of groups, or nullopt when cancelled (the step is then recorded cancelled).
std::optional<int> storeSimilarGroups(Project& project, Step& step, const std::vector<ItemId>& items,
                                      const at::Tensor& features, const AssistOptions& options,
                                      const CancelToken& cancel);

} // namespace pixmark::assist::detail
