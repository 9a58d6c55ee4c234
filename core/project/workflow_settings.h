#pragma once
// Project settings chosen in the creation wizard and the Details tab: quality control
// and ML assist. Stored as JSON under the project's settings ("quality", "assist").

#include "core/model/task_type.h"

#include <string>

namespace pixmark {

class Project;

/// Quality control: consensus asks several labelers per item; review makes every label
/// wait for a reviewer's approval before it counts as done.
struct QualitySettings {
    bool consensus = false;
    int labelersPerItem = 1; ///< the minimum: 2..9 with consensus, 1 without
    bool reviewRequired = false;
    /// Consensus asks one more labeler while they disagree, up to this many (then the
    /// item goes to review); labelersPerItem..9. 0 means "the same as labelersPerItem".
    int maxLabelersPerItem = 0;
    /// Share of the labelers that must agree (on the class, per class for multi-label,
    /// per shape, per pixel), in 0.5..1.
    double agreement = 0.5;
    /// Boxes and polygons of different labelers are the same object from this IoU on (0.1..0.95).
    double iou = 0.5;

    int maxLabelers() const { return maxLabelersPerItem > 0 ? maxLabelersPerItem : labelersPerItem; }
};

/// The most self-training rounds a training runs: each round is one more full training, and
/// on Fashion-MNIST a second round already moved coverage by -6.9 to +8.0 points.
inline constexpr int kMaxSelfTrainingRounds = 3;
/// Throws ValidationError unless 1 <= rounds <= kMaxSelfTrainingRounds; for the settings and
/// for anyone who takes a number of rounds from elsewhere (pipeline options).
void requireSelfTrainingRounds(int rounds);

/// When ML assist trains: first after startAfterLabels labeled items, then again after
/// every retrainEvery new labels (core/project/training_schedule.h); whether each
/// training of a single-label classification project adds students trained on the first
/// model's prelabels (docs/ml-assist.md, self-training), and how many in a row; and what
/// its prelabels promise.
struct AssistSettings {
    bool enabled = true;
    int startAfterLabels = 100; ///< 10..100000
    int retrainEvery = 100;     ///< 10..100000
    bool selfTraining = false;
    /// With selfTraining: students in a row, each learning from the one before's prelabels
    /// (1..kMaxSelfTrainingRounds).
    int selfTrainingRounds = 1;
    /// Share of the accepted prelabels that must be right on the held-out labels (0.5..1).
    double targetPrecision = 0.95;
    /// How sure the held-out labels must make it that targetPrecision is reached: the
    /// one-sided confidence of the lower bound the calibration checks (0..0.999; 0: the
    /// precision as measured). The same defaults as ml/engine's calibration.
    double calibrationConfidence = 0.8;
};

/// What a project of this type starts with: shapes and masks teach a model more per item
/// than a tag, so they start and retrain sooner.
AssistSettings defaultAssistSettings(TaskType type);

QualitySettings qualitySettingsOf(Project& project);
/// Throws ValidationError naming the field when a value is out of range.
void setQualitySettings(Project& project, const QualitySettings& settings);
/// The same checks without writing, for forms that explain invalid input.
void validate(const QualitySettings& settings);

AssistSettings assistSettingsOf(Project& project);
void setAssistSettings(Project& project, const AssistSettings& settings);
void validate(const AssistSettings& settings);

} // namespace pixmark
