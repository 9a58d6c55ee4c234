#pragma once
// How the GUI runs ML assist's pipeline without linking LibTorch (widgets never do): the
// application registers a runner at start-up (app/gui links ml/assist), and AssistWorker
// calls it on a thread of its own with a worker connection to the project. No runner is
// registered in a build without the ML engine; "Train now" then says so.

#include "core/util/progress.h"

#include <functional>
#include <string>

namespace pixmark {

class Project;

enum class PipelineJob {
    Train,        ///< refresh the training cache, train, calibrate, prelabel and cluster
    GroupSimilar, ///< before a model exists: pages of similar images from their thumbnails
};

/// Runs a job, recording each step as a run; throws an exception with a message for people
/// when it cannot. Returns a note for people about a job that ran but did less than asked
/// (self-training that found no prelabel to learn from), or an empty string.
using PipelineRunner = std::function<std::string(Project&, PipelineJob, const ProgressCallback&, const CancelToken&)>;

/// Call once at start-up, before any project window opens.
void setPipelineRunner(PipelineRunner runner);
/// The registered runner; empty when none was.
const PipelineRunner& pipelineRunner();

} // namespace pixmark
