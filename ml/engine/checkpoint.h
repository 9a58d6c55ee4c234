#pragma once
// Checkpoints: a task's parameters and buffers, its architecture text and the caller's
// metadata in one LibTorch archive. Written to a temporary file and renamed, so a crash never
// leaves half a checkpoint behind.

#include "ml/engine/task.h"

#include <filesystem>
#include <map>
#include <string>

namespace pixmark::ml {

/// Caller's notes stored with the weights (class names, threshold, date...). Keys and values
/// must not contain newlines.
using CheckpointMetadata = std::map<std::string, std::string>;

/// Saves the task's state. Throws ModelFileError when the file cannot be written.
void saveCheckpoint(const std::filesystem::path& path, Task& task, const CheckpointMetadata& metadata = {});

/// Loads a checkpoint into the task (in place, on the task's device) and returns its metadata.
/// Throws ModelFileError when the file is unreadable or was saved from another architecture.
CheckpointMetadata loadCheckpoint(const std::filesystem::path& path, Task& task);

} // namespace pixmark::ml
