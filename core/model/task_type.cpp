#include "core/model/task_type.h"

#include <array>

namespace pixmark {

namespace {
struct TaskTypeNames {
    TaskType type;
    std::string_view id;
    std::string_view alias;
    std::string_view display;
};

constexpr std::array kNames{
    TaskTypeNames{TaskType::ClassificationMultiClass, "classification-multiclass", "multiclass",
                  "Image classification (one class per image)"},
    TaskTypeNames{TaskType::ClassificationMultiLabel, "classification-multilabel", "multilabel",
                  "Image classification (several classes per image)"},
    TaskTypeNames{TaskType::ObjectDetection, "object-detection", "detection", "Object detection (boxes)"},
    TaskTypeNames{TaskType::InstanceSegmentation, "instance-segmentation", "instance",
                  "Instance segmentation (polygons)"},
    TaskTypeNames{TaskType::SemanticSegmentation, "semantic-segmentation", "semantic",
                  "Semantic segmentation (masks)"},
};

const TaskTypeNames& namesOf(TaskType type)
{
    for (const auto& names : kNames)
        if (names.type == type)
            return names;
    return kNames.front();
}
} // namespace

std::string_view toId(TaskType type)
{
    return namesOf(type).id;
}

std::string_view displayName(TaskType type)
{
    return namesOf(type).display;
}

std::optional<TaskType> parseTaskType(std::string_view text)
{
    for (const auto& names : kNames)
        if (text == names.id || text == names.alias)
            return names.type;
    return std::nullopt;
}

const std::vector<TaskType>& allTaskTypes()
{
    static const std::vector<TaskType> types = [] {
        std::vector<TaskType> all;
        for (const auto& names : kNames)
            all.push_back(names.type);
        return all;
    }();
    return types;
}

bool isClassification(TaskType type)
{
    return type == TaskType::ClassificationMultiClass || type == TaskType::ClassificationMultiLabel;
}

std::string taskTypeChoices()
{
    std::string text;
    for (const auto& names : kNames) {
        if (!text.empty())
            text += ", ";
        text += std::string(names.id) + " (" + std::string(names.alias) + ")";
    }
    return text;
}

} // namespace pixmark
