#pragma once
// When ML assist trains next: after the project's first startAfterLabels labels, then after
// every retrainEvery new labels since the newest finished training (AssistSettings). Before
// the first training, a classification project's unlabeled items are grouped into pages of
// similar images once, so that the first labels too can be given a page at a time.

#include <algorithm>
#include <cstdint>

namespace pixmark {

class Project;

struct TrainingSchedule {
    bool enabled = true;
    std::int64_t labels = 0;        ///< labeled items now
    std::int64_t lastTrainedOn = 0; ///< labels the newest finished training had; 0 before any
    std::int64_t nextAt = 0;        ///< labeled items at which the next training is due
    std::int64_t retrainEvery = 0;  ///< the settings' interval, also how long to wait after a failed run
    bool groupingDue = false;       ///< classification, no model yet, unlabeled items never grouped

    bool isDue() const { return enabled && labels >= nextAt; }
    std::int64_t remaining() const { return std::max<std::int64_t>(0, nextAt - labels); }
    /// How far from the last training (or from none) towards the next, 0..1.
    double progress() const
    {
        const std::int64_t span = nextAt - lastTrainedOn;
        return span <= 0 ? 1.0 : std::clamp(double(labels - lastTrainedOn) / double(span), 0.0, 1.0);
    }
};

/// Reads the settings, the labeled count and the newest succeeded training run.
TrainingSchedule trainingScheduleOf(Project& project);

} // namespace pixmark
