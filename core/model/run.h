#pragma once
// ML assist's record of its work: each step of a pipeline (training cache, training,
// validation, inference, featurization) is one run, kept in the project with its status,
// times, metrics and model file.

#include "core/model/labeling.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pixmark {

using RunId = std::int64_t;

enum class RunKind { Cache, Training, Validation, Inference, Featurization };
enum class RunStatus { Running, Succeeded, Failed, Cancelled, Interrupted };

std::string_view toId(RunKind kind);
std::optional<RunKind> parseRunKind(std::string_view text);
std::string_view toId(RunStatus status);
std::optional<RunStatus> parseRunStatus(std::string_view text);

struct Run {
    RunId id = 0;
    RunKind kind = RunKind::Training;
    RunStatus status = RunStatus::Running;
    /// The step before this one in the same pipeline (0 for the first).
    RunId parentId = 0;
    std::string configJson = "{}";
    std::string metricsJson = "{}";
    /// The model checkpoint a training run wrote, relative to the project's cache folder.
    std::string modelFile;
    /// Why it failed or stopped, in words for people.
    std::string message;
    std::int64_t createdAt = 0;
    std::optional<std::int64_t> finishedAt;
};

/// How a run ended (what finishRun records).
struct RunOutcome {
    RunStatus status = RunStatus::Succeeded;
    std::string metricsJson = "{}";
    std::string modelFile;
    std::string message;
};

/// A suggestion a model made for an item (its annotation carries the score), to store
/// with its run.
struct ModelSuggestion {
    ItemId itemId = 0;
    Annotation annotation;
};

/// Where featurization put an item: its cluster and how far it lies from the centre.
struct ItemCluster {
    ItemId itemId = 0;
    int cluster = 0;
    double distance = 0;
};

} // namespace pixmark
