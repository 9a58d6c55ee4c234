#include "widgets/session/pipeline_runner.h"

namespace pixmark {

namespace {
PipelineRunner& registered()
{
    static PipelineRunner runner;
    return runner;
}
} // namespace

void setPipelineRunner(PipelineRunner runner)
{
    registered() = std::move(runner);
}

const PipelineRunner& pipelineRunner()
{
    return registered();
}

} // namespace pixmark
