#pragma once
// SQL for ML assist's runs, the model suggestions they store and the item clusters they
// find.

#include "core/model/run.h"

#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

class RunTable {
public:
    explicit RunTable(sqlite::Database& db) : mDb(db) {}

    RunId start(RunKind kind, RunId parent, const std::string& configJson, std::int64_t now);
    void finish(RunId id, const RunOutcome& outcome, std::int64_t now);
    /// Runs left running by a program that ended: marked interrupted. Returns how many.
    int markInterrupted(std::int64_t now);
    std::optional<Run> find(RunId id);
    /// Newest first.
    std::vector<Run> list(int limit);
    /// The newest run of this kind and status.
    std::optional<Run> latest(RunKind kind, RunStatus status);

    /// Replaces the model's suggestions for items without a label with these (origin
    /// "model", recorded with the run). Suggestions a submission refers to stay (history).
    void replaceModelSuggestions(RunId run, const std::vector<ModelSuggestion>& suggestions, std::int64_t now);
    /// Replaces every item's cluster with these.
    void replaceClusters(RunId run, const std::vector<ItemCluster>& clusters);
    std::vector<ItemCluster> clusters();

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
