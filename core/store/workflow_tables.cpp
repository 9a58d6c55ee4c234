#include "core/store/workflow_tables.h"

#include "core/store/annotation_row.h"
#include "core/store/sqlite/database.h"
#include "core/store/workflow_sql.h"

#include <algorithm>

namespace pixmark::store {

namespace {
// Binds the epoch (?1) and "review required" (?2) where the statement uses them: which
// fragments a query contains depends on its filters.
void bindEpochAndReview(sqlite::Statement& row, int epoch, bool reviewRequired)
{
    if (row.sql().find("?1") != std::string::npos)
        row.bind(1, epoch);
    if (row.sql().find("?2") != std::string::npos)
        row.bind(2, reviewRequired ? 1 : 0);
}
} // namespace

// Review and history -----------------------------------------------------------------

int ReviewTable::rejectItem(ItemId item, int epoch, LabelerId reviewer, const std::string& reason, std::int64_t now)
{
    mDb.prepare("UPDATE submissions SET review_state = 'rejected', reviewed_by = ?, reviewed_at = ?, "
                "review_note = ? WHERE item_id = ? AND epoch = ? AND review_state != 'rejected'")
        .bindAll(reviewer, now, reason, item, epoch)
        .run();
    return mDb.changes();
}

bool ReviewTable::approveItem(ItemId item, int epoch, LabelerId reviewer, std::int64_t now)
{
    mDb.prepare("UPDATE submissions SET review_state = 'accepted', reviewed_by = ?, reviewed_at = ?, review_note = '' "
                "WHERE skipped = 0 AND id = (SELECT max(id) FROM submissions WHERE item_id = ? AND epoch = ? "
                "AND review_state != 'rejected' AND role IN ('label', 'consensus'))")
        .bindAll(reviewer, now, item, epoch)
        .run();
    return mDb.changes() > 0;
}

int ReviewTable::withdrawSkip(ItemId item, int epoch)
{
    mDb.prepare("UPDATE submissions SET role = 'withdrawn' WHERE item_id = ? AND epoch = ? AND skipped = 1 "
                "AND role = 'label' AND review_state != 'rejected'")
        .bindAll(item, epoch)
        .run();
    return mDb.changes();
}

std::vector<SubmissionRecord> ReviewTable::history(ItemId item, int epoch)
{
    auto row = mDb.prepare(R"SQL(
        SELECT s.id, s.labeler_id, l.name, s.submitted_at, s.duration_ms, s.origin, s.skipped, s.epoch,
               s.review_state, s.review_note, coalesce(r.name, ''), s.reviewed_at, s.role, s.agrees
        FROM submissions s JOIN labelers l ON l.id = s.labeler_id LEFT JOIN labelers r ON r.id = s.reviewed_by
        WHERE s.item_id = ? ORDER BY s.id)SQL");
    row.bind(1, item);
    std::vector<SubmissionRecord> records;
    while (row.step()) {
        SubmissionRecord record;
        record.id = row.integer(0);
        record.itemId = item;
        record.labelerId = row.integer(1);
        record.labelerName = row.text(2);
        record.submittedAt = row.integer(3);
        record.durationMs = row.integer(4);
        record.origin = parseSubmissionOrigin(row.text(5)).value_or(SubmissionOrigin::Manual);
        record.skipped = row.integer(6) != 0;
        record.epoch = static_cast<int>(row.integer(7));
        record.reviewState = parseReviewState(row.text(8)).value_or(ReviewState::Pending);
        record.reviewNote = row.text(9);
        record.reviewerName = row.text(10);
        record.reviewedAt = row.optionalInteger(11);
        record.role = parseSubmissionRole(row.text(12)).value_or(SubmissionRole::Label);
        if (auto agrees = row.optionalInteger(13))
            record.agreesWithConsensus = *agrees != 0;
        records.push_back(std::move(record));
    }
    auto annotations =
        mDb.prepare("SELECT class_id, kind, geometry, score, origin FROM annotations WHERE submission_id = ? ORDER BY id");
    SubmissionId current = 0;
    for (SubmissionRecord& record : records) {
        annotations.reset();
        annotations.bind(1, record.id);
        while (annotations.step())
            record.annotations.push_back(readSubmittedAnnotation(annotations, 0));
        if (record.epoch == epoch && record.reviewState != ReviewState::Rejected &&
            (record.role == SubmissionRole::Label || record.role == SubmissionRole::Consensus))
            current = record.id;
    }
    for (SubmissionRecord& record : records)
        record.current = record.id == current && !record.skipped;
    return records;
}

// Filters and dashboard ----------------------------------------------------------------

std::vector<ItemId> WorkflowQueries::find(const ItemFilter& filter, int epoch, bool reviewRequired)
{
    std::string query = "SELECT i.id FROM items i WHERE 1";
    int next = 3;
    std::vector<std::pair<int, std::int64_t>> numbers;
    if (filter.category) {
        query += " AND " + sql::categoryCondition(*filter.category);
    }
    if (filter.classId) {
        query += std::string(" AND i.status = 'labeled' AND EXISTS (SELECT 1 FROM annotations a WHERE a.submission_id = ") +
                 sql::kCurrentSubmissionOfItem + " AND a.class_id = ?" + std::to_string(next) + ")";
        numbers.emplace_back(next++, *filter.classId);
    }
    if (filter.labelerId) {
        query += std::string(" AND i.status IN ('labeled', 'skipped') AND (SELECT c.labeler_id FROM submissions c "
                             "WHERE c.id = ") + sql::kCurrentSubmissionOfItem + ") = ?" + std::to_string(next);
        numbers.emplace_back(next++, *filter.labelerId);
    }
    if (filter.sourceId) {
        query += " AND i.source_id = ?" + std::to_string(next);
        numbers.emplace_back(next++, *filter.sourceId);
    }
    if (filter.prelabeled)
        query += std::string(" AND i.id ") + (*filter.prelabeled ? "IN " : "NOT IN ") + sql::kPrelabeledIds;
    std::optional<std::pair<int, std::string>> path;
    if (!filter.pathContains.empty()) {
        query += " AND instr(lower(i.relative_path), lower(?" + std::to_string(next) + ")) > 0";
        path = {next++, filter.pathContains};
    }
    query += " ORDER BY i.id";
    auto row = mDb.prepare(query);
    bindEpochAndReview(row, epoch, reviewRequired);
    for (const auto& [index, value] : numbers)
        row.bind(index, value);
    if (path)
        row.bind(path->first, path->second);
    std::vector<ItemId> ids;
    while (row.step())
        ids.push_back(row.integer(0));
    return ids;
}

std::vector<ItemOverview> WorkflowQueries::overviews(const std::vector<ItemId>& ids, int epoch, bool reviewRequired)
{
    auto row = mDb.prepare("SELECT i.id, i.relative_path, " + sql::categoryOfItem() +
                           ", i.width, i.height, EXISTS (SELECT 1 FROM predictions p WHERE p.item_id = i.id), " +
                           sql::kCurrentSubmissionOfItem + " FROM items i WHERE i.id = ?3");
    auto classes = mDb.prepare("SELECT class_id FROM annotations WHERE submission_id = ? ORDER BY id");
    std::vector<ItemOverview> result;
    result.reserve(ids.size());
    for (ItemId id : ids) {
        row.reset();
        row.bindAll(epoch, reviewRequired ? 1 : 0, id);
        if (!row.step())
            continue;
        ItemOverview overview;
        overview.id = row.integer(0);
        overview.relativePath = row.text(1);
        overview.category = parseItemCategory(row.text(2)).value_or(ItemCategory::Queued);
        overview.width = static_cast<int>(row.integer(3));
        overview.height = static_cast<int>(row.integer(4));
        overview.prelabeled = row.integer(5) != 0;
        if (auto current = row.optionalInteger(6);
            current && (overview.category == ItemCategory::Done || overview.category == ItemCategory::NeedsReview)) {
            classes.reset();
            classes.bind(1, *current);
            while (classes.step())
                overview.classes.push_back(classes.integer(0));
        }
        result.push_back(std::move(overview));
    }
    return result;
}

DashboardStats WorkflowQueries::dashboard(int epoch, bool reviewRequired, std::int64_t bucketMs, int bucketCount,
                                          std::int64_t now)
{
    DashboardStats stats;
    stats.reviewRequired = reviewRequired;
    for (ItemCategory category : allItemCategories())
        stats.progress[category] = 0;
    // Counted category by category: each condition is driven by the status index or a
    // small id list, where one CASE over every item would cost a subquery per item.
    for (ItemCategory category : allItemCategories()) {
        auto row = mDb.prepare("SELECT count(*) FROM items i WHERE " + sql::categoryCondition(category));
        bindEpochAndReview(row, epoch, reviewRequired);
        row.step();
        stats.progress[category] = row.integer(0);
        stats.totalItems += row.integer(0);
    }
    {
        auto row = mDb.prepare(std::string(R"SQL(
            SELECT a.class_id, count(DISTINCT s.item_id) FROM submissions s
            JOIN annotations a ON a.submission_id = s.id
            WHERE s.epoch = ?1 AND s.skipped = 0 AND s.review_state != 'rejected' AND s.role IN ('label', 'consensus')
              AND s.id = (SELECT max(l.id) FROM submissions l WHERE l.item_id = s.item_id AND l.epoch = ?1
                          AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))
            GROUP BY a.class_id)SQL"));
        row.bind(1, epoch);
        while (row.step())
            stats.labelDistribution[row.integer(0)] = row.integer(1);
    }
    {
        auto row = mDb.prepare(R"SQL(
            SELECT l.id, l.name, sum(s.skipped = 0), sum(s.skipped = 1), sum(s.review_state = 'rejected'),
                   count(CASE WHEN s.review_state != 'rejected' THEN s.agrees END),
                   avg(CASE WHEN s.review_state != 'rejected' THEN s.agrees END)
            FROM submissions s JOIN labelers l ON l.id = s.labeler_id
            WHERE s.epoch = ? AND s.role != 'consensus' GROUP BY l.id ORDER BY count(*) DESC, l.name)SQL");
        row.bind(1, epoch);
        while (row.step()) {
            LabelerActivity activity{row.integer(0), row.text(1), row.integer(2), row.integer(3), row.integer(4)};
            activity.consensusVotes = row.integer(5);
            if (activity.consensusVotes > 0)
                activity.agreementRate = row.real(6);
            stats.labelers.push_back(std::move(activity));
        }
    }
    stats.bucketMs = std::max<std::int64_t>(bucketMs, 1);
    {
        const std::int64_t lastStart = now / stats.bucketMs * stats.bucketMs;
        const std::int64_t firstStart = lastStart - stats.bucketMs * (std::max(bucketCount, 1) - 1);
        for (std::int64_t start = firstStart; start <= lastStart; start += stats.bucketMs)
            stats.throughput.push_back(ThroughputBucket{start, 0});
        auto row = mDb.prepare("SELECT submitted_at / ?1, count(*) FROM submissions WHERE submitted_at >= ?2 "
                               "AND origin != 'imported' GROUP BY submitted_at / ?1");
        row.bindAll(stats.bucketMs, firstStart);
        while (row.step()) {
            const std::int64_t index = (row.integer(0) * stats.bucketMs - firstStart) / stats.bucketMs;
            if (index >= 0 && index < static_cast<std::int64_t>(stats.throughput.size()))
                stats.throughput[static_cast<std::size_t>(index)].submissions = row.integer(1);
        }
    }
    {
        auto row = mDb.prepare("SELECT count(*) FROM items i WHERE " + sql::categoryCondition(ItemCategory::Queued) +
                               " AND i.id IN " + sql::kPrelabeledIds);
        row.bind(1, epoch);
        row.step();
        stats.queue.prelabeled = row.integer(0);
    }
    {
        auto row = mDb.prepare("SELECT count(*) FROM items i WHERE " + sql::categoryCondition(ItemCategory::Queued) +
                               " AND i.id NOT IN " + sql::kPrelabeledIds +
                               " AND i.id IN (SELECT c.item_id FROM item_clusters c)");
        row.bind(1, epoch);
        row.step();
        stats.queue.clustered = row.integer(0);
        stats.queue.fresh = stats.progress[ItemCategory::Queued] - stats.queue.prelabeled - stats.queue.clustered;
        stats.queue.returned = stats.progress[ItemCategory::Rejected];
    }
    {
        // A rejected prelabel is a label of the labeler's own that still names the
        // prediction it replaced.
        auto row = mDb.prepare(R"SQL(
            SELECT count(CASE WHEN origin = 'prelabel-accepted' THEN 1 END),
                   count(CASE WHEN origin = 'prelabel-edited' THEN 1 END),
                   count(CASE WHEN origin = 'manual' AND prediction_id IS NOT NULL THEN 1 END)
            FROM submissions WHERE epoch = ? AND skipped = 0 AND role IN ('label', 'vote'))SQL");
        row.bind(1, epoch);
        row.step();
        stats.prelabels = PrelabelOutcomes{row.integer(0), row.integer(1), row.integer(2)};
    }
    {
        auto row = mDb.prepare(R"SQL(
            SELECT count(CASE WHEN a.origin = 'prelabel-accepted' THEN 1 END),
                   count(CASE WHEN a.origin = 'prelabel-edited' THEN 1 END)
            FROM submissions s JOIN annotations a ON a.submission_id = s.id
            WHERE s.epoch = ? AND s.skipped = 0 AND s.role IN ('label', 'vote') AND s.prediction_id IS NOT NULL)SQL");
        row.bind(1, epoch);
        row.step();
        stats.prelabels.shapesAccepted = row.integer(0);
        stats.prelabels.shapesEdited = row.integer(1);
    }
    return stats;
}

} // namespace pixmark::store
