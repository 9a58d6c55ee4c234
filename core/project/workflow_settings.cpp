#include "core/project/workflow_settings.h"

#include "core/errors.h"
#include "core/project/project.h"

#include <nlohmann/json.hpp>

namespace pixmark {

namespace {
nlohmann::json settingObject(Project& project, const std::string& key)
{
    auto value = nlohmann::json::parse(project.setting(key), nullptr, false);
    return value.is_object() ? value : nlohmann::json::object();
}

template <class T>
T valueOr(const nlohmann::json& object, const char* key, T fallback)
{
    // A hand-edited file with a wrong type falls back to the default instead of failing to open.
    const auto found = object.find(key);
    if (found == object.end())
        return fallback;
    if constexpr (std::is_same_v<T, bool>)
        return found->is_boolean() ? found->template get<bool>() : fallback;
    else if constexpr (std::is_floating_point_v<T>)
        return found->is_number() ? found->template get<T>() : fallback;
    else
        return found->is_number_integer() ? found->template get<T>() : fallback;
}
} // namespace

void validate(const QualitySettings& settings)
{
    if (settings.consensus && (settings.labelersPerItem < 2 || settings.labelersPerItem > 9))
        throw ValidationError("Labelers per item must be between 2 and 9 when consensus is on.");
    if (!settings.consensus && settings.labelersPerItem != 1)
        throw ValidationError("Labelers per item is 1 without consensus; turn consensus on to ask more labelers.");
    if (settings.maxLabelersPerItem != 0 &&
        (settings.maxLabelersPerItem < settings.labelersPerItem || settings.maxLabelersPerItem > 9))
        throw ValidationError("The most labelers per item must be between the labelers per item (" +
                              std::to_string(settings.labelersPerItem) + ") and 9.");
    if (!(settings.agreement >= 0.5 && settings.agreement <= 1.0))
        throw ValidationError("The agreement needed must be between 50 % and 100 % of the labelers.");
    if (!(settings.iou >= 0.1 && settings.iou <= 0.95))
        throw ValidationError("The overlap (IoU) that makes two shapes the same object must be between 0.1 and 0.95.");
}

QualitySettings qualitySettingsOf(Project& project)
{
    const auto object = settingObject(project, "quality");
    QualitySettings settings;
    settings.consensus = valueOr(object, "consensus", settings.consensus);
    settings.labelersPerItem = valueOr(object, "labelers_per_item", settings.labelersPerItem);
    settings.reviewRequired = valueOr(object, "review_required", settings.reviewRequired);
    settings.maxLabelersPerItem = valueOr(object, "max_labelers_per_item", settings.maxLabelersPerItem);
    settings.agreement = valueOr(object, "agreement", settings.agreement);
    settings.iou = valueOr(object, "iou", settings.iou);
    return settings;
}

void setQualitySettings(Project& project, const QualitySettings& settings)
{
    validate(settings);
    project.requireLead("change the quality settings");
    project.setSetting("quality", nlohmann::json{{"consensus", settings.consensus},
                                                 {"labelers_per_item", settings.labelersPerItem},
                                                 {"review_required", settings.reviewRequired},
                                                 {"max_labelers_per_item", settings.maxLabelersPerItem},
                                                 {"agreement", settings.agreement},
                                                 {"iou", settings.iou}}
                                      .dump());
}

AssistSettings defaultAssistSettings(TaskType type)
{
    switch (type) {
    case TaskType::ClassificationMultiClass:
    case TaskType::ClassificationMultiLabel:
        return AssistSettings{true, 100, 100};
    case TaskType::ObjectDetection:
    case TaskType::InstanceSegmentation:
        return AssistSettings{true, 50, 50};
    case TaskType::SemanticSegmentation:
        return AssistSettings{true, 30, 30};
    }
    return AssistSettings{};
}

namespace {

bool validSelfTrainingRounds(int rounds)
{
    return rounds >= 1 && rounds <= kMaxSelfTrainingRounds;
}

} // namespace

void requireSelfTrainingRounds(int rounds)
{
    if (!validSelfTrainingRounds(rounds))
        throw ValidationError("Self-training takes 1 to " + std::to_string(kMaxSelfTrainingRounds) + " rounds, not " +
                              std::to_string(rounds) + ".");
}

void validate(const AssistSettings& settings)
{
    if (settings.startAfterLabels < 10 || settings.startAfterLabels > 100000)
        throw ValidationError("ML assist needs between 10 and 100,000 labeled items before it starts.");
    if (settings.retrainEvery < 10 || settings.retrainEvery > 100000)
        throw ValidationError("ML assist retrains after between 10 and 100,000 new labels.");
    requireSelfTrainingRounds(settings.selfTrainingRounds);
    if (!(settings.targetPrecision >= 0.5 && settings.targetPrecision <= 1.0))
        throw ValidationError("The precision the prelabels must reach must be between 50 % and 100 %.");
    if (!(settings.calibrationConfidence >= 0.0 && settings.calibrationConfidence <= 0.999))
        throw ValidationError("The confidence in the prelabels' precision must be between 0 % and 99.9 %.");
}

AssistSettings assistSettingsOf(Project& project)
{
    const auto object = settingObject(project, "assist");
    AssistSettings settings = defaultAssistSettings(project.info().taskType);
    settings.enabled = valueOr(object, "enabled", settings.enabled);
    settings.startAfterLabels = valueOr(object, "start_after_labels", settings.startAfterLabels);
    settings.retrainEvery = valueOr(object, "retrain_every", settings.retrainEvery);
    settings.selfTraining = valueOr(object, "self_training", settings.selfTraining);
    // A hand-edited value out of range falls back to the default, as one of the wrong type does:
    // neither the pipeline nor the calibration can use it.
    const AssistSettings defaults = settings;
    settings.selfTrainingRounds = valueOr(object, "self_training_rounds", settings.selfTrainingRounds);
    if (!validSelfTrainingRounds(settings.selfTrainingRounds))
        settings.selfTrainingRounds = defaults.selfTrainingRounds;
    settings.targetPrecision = valueOr(object, "target_precision", settings.targetPrecision);
    if (!(settings.targetPrecision >= 0.5 && settings.targetPrecision <= 1.0))
        settings.targetPrecision = defaults.targetPrecision;
    settings.calibrationConfidence = valueOr(object, "calibration_confidence", settings.calibrationConfidence);
    if (!(settings.calibrationConfidence >= 0.0 && settings.calibrationConfidence <= 0.999))
        settings.calibrationConfidence = defaults.calibrationConfidence;
    return settings;
}

void setAssistSettings(Project& project, const AssistSettings& settings)
{
    validate(settings);
    project.requireLead("change the ML assist settings");
    project.setSetting("assist", nlohmann::json{{"enabled", settings.enabled},
                                                {"start_after_labels", settings.startAfterLabels},
                                                {"retrain_every", settings.retrainEvery},
                                                {"self_training", settings.selfTraining},
                                                {"self_training_rounds", settings.selfTrainingRounds},
                                                {"target_precision", settings.targetPrecision},
                                                {"calibration_confidence", settings.calibrationConfidence}}
                                     .dump());
}

} // namespace pixmark
