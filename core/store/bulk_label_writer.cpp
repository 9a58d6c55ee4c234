#include "core/store/bulk_label_writer.h"

#include "core/store/sqlite/database.h"
#include "core/store/sqlite/statement.h"

namespace pixmark::store {

namespace {

constexpr std::size_t kBatch = 256;

std::optional<std::string> storedGeometry(const Annotation& annotation)
{
    return annotation.geometry.empty() ? std::nullopt : std::optional<std::string>(annotation.geometry);
}

// "INSERT ... VALUES (?, ?), (?, ?), ..." with rows rows of the given placeholder group.
std::string batchSql(const std::string& head, const std::string& group, std::size_t rows)
{
    std::string sql = head;
    for (std::size_t k = 0; k < rows; ++k)
        sql += (k ? ", " : " ") + group;
    return sql;
}

const std::string kSubmissionHead = "INSERT INTO submissions (id, item_id, labeler_id, submitted_at, duration_ms, origin, "
                                    "skipped, epoch, role) VALUES";
const std::string kSubmissionGroup = "(?, ?, ?, ?, 0, 'imported', 0, ?, 'label')";
const std::string kAnnotationHead = "INSERT INTO annotations (submission_id, class_id, kind, geometry, score) VALUES";
const std::string kSuggestionHead =
    "INSERT INTO predictions (item_id, class_id, kind, geometry, score, created_at, origin) VALUES";

} // namespace

BulkLabelWriter::BulkLabelWriter(sqlite::Database& db) : mDb(db)
{
    // Large imports rewrite many pages: a bigger page cache for this connection keeps
    // SQLite from reading them back (it only grows as far as it is used).
    mDb.exec("PRAGMA main.cache_size = -262144");
    mNextSubmission = mDb.queryInteger("SELECT coalesce(max(id), 0) FROM submissions") + 1;
    mSubmissionBatch =
        std::make_unique<sqlite::Statement>(mDb.prepare(batchSql(kSubmissionHead, kSubmissionGroup, kBatch)));
    std::string labeled = "UPDATE items SET status = 'labeled' WHERE status IN ('unlabeled', 'skipped') AND id IN (";
    for (std::size_t k = 0; k < kBatch; ++k)
        labeled += k ? ", ?" : "?";
    mLabeledBatch = std::make_unique<sqlite::Statement>(mDb.prepare(labeled + ")"));
    mAnnotationBatch =
        std::make_unique<sqlite::Statement>(mDb.prepare(batchSql(kAnnotationHead, "(?, ?, ?, ?, ?)", kBatch)));
    mSuggestionBatch = std::make_unique<sqlite::Statement>(
        mDb.prepare(batchSql(kSuggestionHead, "(?, ?, ?, ?, ?, ?, 'imported')", kBatch)));
}

BulkLabelWriter::~BulkLabelWriter() = default;

SubmissionId BulkLabelWriter::addSubmission(ItemId item, LabelerId labeler, int epoch, std::int64_t now)
{
    const SubmissionId id = mNextSubmission++;
    mSubmissions.push_back(SubmissionRow{id, item, labeler, epoch, now});
    if (mSubmissions.size() == kBatch)
        flushSubmissions();
    return id;
}

void BulkLabelWriter::addAnnotation(SubmissionId submission, const Annotation& annotation)
{
    mAnnotations.push_back(AnnotationRow{submission, annotation, 0});
    if (mAnnotations.size() == kBatch) {
        flushSubmissions(); // the annotations refer to them
        flushAnnotations(mAnnotations, false);
    }
}

void BulkLabelWriter::addSuggestion(ItemId item, const Annotation& annotation, std::int64_t now)
{
    mSuggestions.push_back(AnnotationRow{item, annotation, now});
    if (mSuggestions.size() == kBatch)
        flushAnnotations(mSuggestions, true);
}

void BulkLabelWriter::flush()
{
    flushSubmissions();
    flushAnnotations(mAnnotations, false);
    flushAnnotations(mSuggestions, true);
}

void BulkLabelWriter::flushSubmissions()
{
    if (mSubmissions.empty())
        return;
    const bool full = mSubmissions.size() == kBatch;
    auto single = full ? std::optional<sqlite::Statement>()
                       : std::optional<sqlite::Statement>(mDb.prepare(batchSql(kSubmissionHead, kSubmissionGroup, 1)));
    sqlite::Statement& insert = full ? *mSubmissionBatch : *single;
    int parameter = 0;
    for (const SubmissionRow& row : mSubmissions) {
        insert.bind(++parameter, row.id);
        insert.bind(++parameter, row.item);
        insert.bind(++parameter, row.labeler);
        insert.bind(++parameter, row.now);
        insert.bind(++parameter, row.epoch);
        if (!full) {
            insert.run();
            parameter = 0;
        }
    }
    if (full)
        insert.run();
    auto labeledSingle = full ? std::optional<sqlite::Statement>()
                              : std::optional<sqlite::Statement>(mDb.prepare(
                                    "UPDATE items SET status = 'labeled' WHERE status IN ('unlabeled', 'skipped') "
                                    "AND id IN (?)"));
    sqlite::Statement& labeled = full ? *mLabeledBatch : *labeledSingle;
    parameter = 0;
    for (const SubmissionRow& row : mSubmissions) {
        labeled.bind(++parameter, row.item);
        if (!full) {
            labeled.run();
            parameter = 0;
        }
    }
    if (full)
        labeled.run();
    mSubmissions.clear();
}

void BulkLabelWriter::flushAnnotations(std::vector<AnnotationRow>& rows, bool suggestions)
{
    if (rows.empty())
        return;
    const bool full = rows.size() == kBatch;
    const std::string head = suggestions ? kSuggestionHead : kAnnotationHead;
    const std::string group = suggestions ? "(?, ?, ?, ?, ?, ?, 'imported')" : "(?, ?, ?, ?, ?)";
    auto single = full ? std::optional<sqlite::Statement>()
                       : std::optional<sqlite::Statement>(mDb.prepare(batchSql(head, group, 1)));
    sqlite::Statement& insert = full ? (suggestions ? *mSuggestionBatch : *mAnnotationBatch) : *single;
    int parameter = 0;
    for (const AnnotationRow& row : rows) {
        insert.bind(++parameter, row.owner);
        insert.bind(++parameter, row.annotation.classId);
        insert.bind(++parameter, toId(row.annotation.kind));
        insert.bind(++parameter, storedGeometry(row.annotation));
        insert.bind(++parameter, row.annotation.score);
        if (suggestions)
            insert.bind(++parameter, row.now);
        if (!full) {
            insert.run();
            parameter = 0;
        }
    }
    if (full)
        insert.run();
    rows.clear();
}

} // namespace pixmark::store
