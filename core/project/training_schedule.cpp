#include "core/project/training_schedule.h"

#include "core/project/project.h"
#include "core/project/workflow_settings.h"

#include <nlohmann/json.hpp>

namespace pixmark {

TrainingSchedule trainingScheduleOf(Project& project)
{
    const AssistSettings settings = assistSettingsOf(project);
    TrainingSchedule schedule;
    schedule.enabled = settings.enabled;
    schedule.retrainEvery = settings.retrainEvery;
    auto counts = project.itemCounts();
    schedule.labels = counts[ItemStatus::Labeled];
    if (const auto training = project.latestRun(RunKind::Training, RunStatus::Succeeded)) {
        // The pipeline records how many labels it trained on (held-out part included).
        const auto config = nlohmann::json::parse(training->configJson, nullptr, false);
        const auto labels = config.is_object() ? config.find("labels") : config.end();
        if (config.is_object() && labels != config.end() && labels->is_number_integer())
            schedule.lastTrainedOn = labels->get<std::int64_t>();
    }
    schedule.groupingDue = settings.enabled && schedule.lastTrainedOn == 0 &&
                           isClassification(project.info().taskType) &&
                           !project.latestRun(RunKind::Featurization, RunStatus::Succeeded) &&
                           counts[ItemStatus::Unlabeled] > 0;
    schedule.nextAt = schedule.lastTrainedOn > 0 ? schedule.lastTrainedOn + settings.retrainEvery
                                                 : settings.startAfterLabels;
    return schedule;
}

} // namespace pixmark
