#pragma once
// ML assist's pipeline for a project, run on the caller's thread: the training cache is
// brought up to date, a model is trained on the current labels, calibrated on its held-out
// part, and run over the unlabeled items; predictions that pass the calibrated threshold
// become suggestions, and (classification) embeddings are clustered into pages of similar
// images. Every step is a run recorded in the project. No LibTorch type crosses this header.

#include "core/model/run.h"
#include "core/model/task_type.h"
#include "core/project/workflow_settings.h"
#include "core/util/progress.h"
#include "ml/engine/calibration_defaults.h"

#include <string>

namespace pixmark {
class Project;
}

namespace pixmark::assist {

struct AssistOptions {
    std::string device;          ///< "cpu", "cuda", "cuda:1"; empty picks CUDA when present
    /// Most training epochs; 0 (the default): the engine's plan (ml/engine/training_plan.h),
    /// 150 epochs for a classifier on 1,000 labels, 40 for a detector or segmenter.
    int maxEpochs = 0;
    double targetPrecision = ml::kDefaultTargetPrecision;
    /// How sure the held-out labels must make the validation that targetPrecision is reached
    /// (a one-sided confidence for a lower bound on the measured precision; 0: as measured).
    double calibrationConfidence = ml::kDefaultCalibrationConfidence;
    /// 0 (the default): unlabeled items go into pages of nine similar ones. Otherwise this many
    /// k-means clusters of them (at most one per item), served a page at a time.
    int clusters = 0;
    unsigned seed = 1;
    /// When the newest training stopped before its end (the program ended, or it was
    /// cancelled) for the same model and classes, start from the weights it saved, hold out
    /// the same items and train the epochs it had left. False: start over.
    bool resume = true;
    /// Single-label classification: after the first model (the teacher) has prelabeled, a
    /// second one (the student) trains from scratch on the labels plus the teacher's accepted
    /// prelabels (at most kStudentPrelabelsPerLabel per label), holding out the same labels,
    /// and is calibrated and prelabels in its place. Lifts coverage where labels are few and
    /// unlabeled items many, at the cost of a second, longer training.
    bool selfTraining = false;
    /// With selfTraining: how many students in a row, each learning from the one before's
    /// prelabels (1..kMaxSelfTrainingRounds, core/project/workflow_settings.h). On Fashion-MNIST
    /// a second round added 0.4-1.0 points of accuracy and moved coverage by -6.9 to +8.0
    /// points (docs/benchmarks.md); each round is one more student training.
    int selfTrainingRounds = 1;
};
inline constexpr int kStudentPrelabelsPerLabel = 6;

struct AssistReport {
    RunId cacheRun = 0, trainingRun = 0, validationRun = 0, inferenceRun = 0, featurizationRun = 0;
    RunId resumedFrom = 0;  ///< the stopped training this one went on from, or 0
    std::int64_t trainedOn = 0;
    std::int64_t heldOut = 0;
    double heldOutAccuracy = 0;
    double precision = 0; ///< held-out precision at the calibrated thresholds
    double coverage = 0;  ///< held-out coverage there
    std::int64_t predicted = 0;  ///< unlabeled items the model ran on
    std::int64_t prelabeled = 0; ///< of those, items given a suggestion
    int clusters = 0;
    bool cancelled = false;
    /// With self-training: the teacher's runs and figures (the fields above are the student's),
    /// and how many of its prelabels the student learned from (0: no student was trained).
    RunId teacherTrainingRun = 0, teacherValidationRun = 0;
    double teacherCoverage = 0;
    std::int64_t prelabelsLearned = 0;
    /// With self-training asked for: why a round trained no student (its teacher accepted no
    /// prelabel to learn from), for people; empty when every round trained one.
    std::string selfTrainingSkipped;
};

/// The project's ML assist settings as pipeline options: self-training, and the precision its
/// prelabels promise and how sure the calibration must be of it. The rest are the defaults.
AssistOptions assistOptionsFor(const AssistSettings& settings);

/// Runs the whole pipeline. Throws ValidationError when the project cannot be trained yet
/// (its task type has no model here, too few labels, a single class), with what to do;
/// a failing step is recorded as failed with its message, and the error is rethrown.
AssistReport runPipeline(Project& project, const AssistOptions& options, const ProgressCallback& progress = {},
                         const CancelToken& cancel = {});

/// Prelabels with a model already trained: the training cache is brought up to date, and
/// the model of trainingRun (0: the newest calibrated one) runs over the unlabeled items
/// with the thresholds its validation chose; suggestions and clusters are replaced. Every
/// step is a run. Throws ValidationError when there is no such model, or when the project's
/// classes or cached image size changed since it was trained (train again then).
AssistReport runPrelabel(Project& project, const AssistOptions& options, RunId trainingRun = 0,
                         const ProgressCallback& progress = {}, const CancelToken& cancel = {});

/// Before a classification project has a model: the training cache is brought up to date and
/// the unlabeled items are grouped into pages of similar images by their look alone (small
/// thumbnails of the cached pixels), so the first labels can already be given a page at a
/// time. At most kMaxThumbnailGrouped items, the first in the project's order; the groups
/// replace the project's clusters and the step is a featurization run. Throws
/// ValidationError for task types that are not labeled in grid pages.
AssistReport groupBySimilarity(Project& project, const AssistOptions& options, const ProgressCallback& progress = {},
                               const CancelToken& cancel = {});
inline constexpr std::int64_t kMaxThumbnailGrouped = 20000;

} // namespace pixmark::assist
