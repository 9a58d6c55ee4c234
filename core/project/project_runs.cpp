// Project: ML assist's runs, the suggestions and clusters they store.
#include "core/project/project_impl_p.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

namespace pixmark {

RunId Project::startRun(RunKind kind, RunId parent, const std::string& configJson)
{
    mImpl->requireWritable();
    return mImpl->runs.start(kind, parent, configJson, nowMs());
}

void Project::finishRun(RunId id, const RunOutcome& outcome)
{
    mImpl->requireWritable();
    mImpl->runs.finish(id, outcome, nowMs());
}

std::vector<Run> Project::runs(int limit)
{
    return mImpl->runs.list(limit);
}

std::optional<Run> Project::run(RunId id)
{
    return mImpl->runs.find(id);
}

std::optional<Run> Project::latestRun(RunKind kind, RunStatus status)
{
    return mImpl->runs.latest(kind, status);
}

void Project::storeModelSuggestions(RunId run, const std::vector<ModelSuggestion>& suggestions)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->runs.replaceModelSuggestions(run, suggestions, nowMs());
    transaction.commit();
}

void Project::storeClusters(RunId run, const std::vector<ItemCluster>& clusters)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->runs.replaceClusters(run, clusters);
    transaction.commit();
}

std::vector<ItemCluster> Project::clusters()
{
    return mImpl->runs.clusters();
}

std::vector<std::pair<ItemId, std::vector<Annotation>>> Project::currentLabels()
{
    return mImpl->submissions.currentLabels(info().labelEpoch);
}

} // namespace pixmark
