#pragma once
// The five task types. Fixed when a project is created.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark {

enum class TaskType {
    ClassificationMultiClass,
    ClassificationMultiLabel,
    ObjectDetection,
    InstanceSegmentation,
    SemanticSegmentation,
};

/// Stable identifier stored in project files ("object-detection").
std::string_view toId(TaskType type);
/// Name shown to people ("Object detection").
std::string_view displayName(TaskType type);
/// Parses an identifier or a short alias (multiclass, multilabel, detection, instance,
/// semantic); nullopt when unknown.
std::optional<TaskType> parseTaskType(std::string_view text);
/// Multi-class or multi-label: whole-image classes, labeled a grid page at a time.
bool isClassification(TaskType type);
/// Every task type, in the order a wizard lists them.
const std::vector<TaskType>& allTaskTypes();
/// "classification-multiclass (multiclass), ..." for error messages and --help.
std::string taskTypeChoices();

} // namespace pixmark
