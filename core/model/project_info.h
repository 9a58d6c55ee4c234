#pragma once
// The project row: identity, task type, state and instructions.

#include "core/model/task_type.h"

#include <cstdint>
#include <string>

namespace pixmark {

/// Milliseconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

enum class ProjectState { Running, Paused };

struct ProjectInfo {
    std::string uuid;
    std::string name;
    TaskType taskType = TaskType::ClassificationMultiClass;
    ProjectState state = ProjectState::Running;
    std::string instructions;
    std::string instructionsUrl;
    std::string dataRoot; ///< relative to the project file's folder, or absolute
    int labelEpoch = 0;
    Timestamp createdAt = 0;
    Timestamp modifiedAt = 0;
};

std::string_view toId(ProjectState state);

} // namespace pixmark
