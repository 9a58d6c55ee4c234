#include "core/store/run_table.h"

#include "core/store/sqlite/database.h"
#include "core/store/sqlite/statement.h"

namespace pixmark::store {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, kind, status, coalesce(parent_id, 0), config, metrics, model_file, message, created_at, finished_at "
    "FROM runs ";

Run readRun(sqlite::Statement& row)
{
    Run run;
    run.id = row.integer(0);
    run.kind = parseRunKind(row.text(1)).value_or(RunKind::Training);
    run.status = parseRunStatus(row.text(2)).value_or(RunStatus::Failed);
    run.parentId = row.integer(3);
    run.configJson = row.text(4);
    run.metricsJson = row.text(5);
    run.modelFile = row.text(6);
    run.message = row.text(7);
    run.createdAt = row.integer(8);
    run.finishedAt = row.optionalInteger(9);
    return run;
}

} // namespace

RunId RunTable::start(RunKind kind, RunId parent, const std::string& configJson, std::int64_t now)
{
    mDb.prepare("INSERT INTO runs (kind, status, parent_id, config, created_at) VALUES (?, 'running', ?, ?, ?)")
        .bindAll(std::string(toId(kind)), parent ? std::optional<RunId>(parent) : std::nullopt, configJson, now)
        .run();
    return mDb.lastInsertRowId();
}

void RunTable::finish(RunId id, const RunOutcome& outcome, std::int64_t now)
{
    mDb.prepare("UPDATE runs SET status = ?, metrics = ?, model_file = ?, message = ?, finished_at = ? WHERE id = ?")
        .bindAll(std::string(toId(outcome.status)), outcome.metricsJson, outcome.modelFile, outcome.message, now, id)
        .run();
}

int RunTable::markInterrupted(std::int64_t now)
{
    mDb.prepare("UPDATE runs SET status = 'interrupted', finished_at = ?, message = 'The program ended during this "
                "run; start the pipeline again (Train now): a training goes on from its last saved weights.' "
                "WHERE status = 'running'")
        .bindAll(now)
        .run();
    return mDb.changes();
}

std::optional<Run> RunTable::find(RunId id)
{
    auto row = mDb.prepare(std::string(kRunColumns) + "WHERE id = ?");
    row.bindAll(id);
    if (!row.step())
        return std::nullopt;
    return readRun(row);
}

std::vector<Run> RunTable::list(int limit)
{
    auto row = mDb.prepare(std::string(kRunColumns) + "ORDER BY id DESC LIMIT ?");
    row.bindAll(limit);
    std::vector<Run> runs;
    while (row.step())
        runs.push_back(readRun(row));
    return runs;
}

std::optional<Run> RunTable::latest(RunKind kind, RunStatus status)
{
    auto row = mDb.prepare(std::string(kRunColumns) + "WHERE kind = ? AND status = ? ORDER BY id DESC LIMIT 1");
    row.bindAll(std::string(toId(kind)), std::string(toId(status)));
    if (!row.step())
        return std::nullopt;
    return readRun(row);
}

void RunTable::replaceModelSuggestions(RunId run, const std::vector<ModelSuggestion>& suggestions, std::int64_t now)
{
    mDb.exec("DELETE FROM predictions WHERE origin = 'model' AND item_id IN (SELECT id FROM items WHERE status = "
             "'unlabeled') AND id NOT IN (SELECT prediction_id FROM submissions WHERE prediction_id IS NOT NULL)");
    auto insert = mDb.prepare("INSERT INTO predictions (run_id, item_id, class_id, kind, geometry, score, origin, "
                              "created_at) SELECT ?, id, ?, ?, ?, ?, 'model', ? FROM items WHERE id = ? AND status = "
                              "'unlabeled'");
    for (const ModelSuggestion& suggestion : suggestions) {
        const Annotation& annotation = suggestion.annotation;
        insert
            .bindAll(run, annotation.classId, std::string(toId(annotation.kind)),
                     annotation.geometry.empty() ? std::nullopt : std::optional<std::string>(annotation.geometry),
                     annotation.score, now, suggestion.itemId)
            .run();
    }
}

void RunTable::replaceClusters(RunId run, const std::vector<ItemCluster>& clusters)
{
    mDb.exec("DELETE FROM item_clusters");
    auto insert = mDb.prepare("INSERT INTO item_clusters (item_id, run_id, cluster, distance) VALUES (?, ?, ?, ?)");
    for (const ItemCluster& cluster : clusters)
        insert.bindAll(cluster.itemId, run, cluster.cluster, cluster.distance).run();
}

std::vector<ItemCluster> RunTable::clusters()
{
    auto row = mDb.prepare("SELECT item_id, cluster, distance FROM item_clusters ORDER BY cluster, distance");
    std::vector<ItemCluster> clusters;
    while (row.step())
        clusters.push_back(ItemCluster{row.integer(0), static_cast<int>(row.integer(1)), row.real(2)});
    return clusters;
}

} // namespace pixmark::store
