#include "core/store/bulk_label_writer.h"

#include "core/store/sqlite/database.h"
#include "core/store/sqlite/statement.h"

namespace pixmark::store {

namespace {

constexpr std::size_t kBatch = 256;
constexpr std::size_t kMaxWaitingAnnotations = 65'536;
// Below this many submissions the indexes stay: rebuilding them would cost more than it saves.
constexpr std::int64_t kSetIndexesAsideAfter = 20'000;

// "INSERT ... VALUES (?, ?), (?, ?), ..." with rows rows of the given placeholder group.
std::string batchSql(const std::string& head, const std::string& group, std::size_t rows)
{
    std::string sql = head;
    for (std::size_t k = 0; k < rows; ++k)
        sql += (k ? ", " : " ") + group;
    return sql;
}

const std::string kSubmissionHead =
    "INSERT INTO submissions (id, item_id, labeler_id, submitted_at, duration_ms, origin, "
    "skipped, epoch, role) VALUES";
const std::string kSubmissionGroup = "(?, ?, ?, ?, 0, 'imported', 0, ?, 'label')";
const std::string kAnnotationHead = "INSERT INTO annotations (submission_id, class_id, kind, geometry, score) VALUES";
const std::string kSuggestionHead =
    "INSERT INTO predictions (item_id, class_id, kind, geometry, score, created_at, origin) VALUES";

} // namespace

ForeignKeyChecksOff::ForeignKeyChecksOff(sqlite::Database& db) : mDb(db)
{
    if (mDb.transactionDepth() == 0) {
        mDb.exec("PRAGMA foreign_keys = OFF");
        mSwitched = true;
    }
}

ForeignKeyChecksOff::~ForeignKeyChecksOff()
{
    if (mSwitched) {
        try {
            mDb.exec("PRAGMA foreign_keys = ON");
        } catch (...) {
            // Switching a pragma back on an open connection does not fail in practice;
            // a destructor must not throw.
        }
    }
}

BulkLabelWriter::BulkLabelWriter(sqlite::Database& db) : mDb(db)
{
    // Large imports rewrite many pages: a bigger page cache for this connection keeps
    // SQLite from reading them back (it only grows as far as it is used).
    mDb.exec("PRAGMA main.cache_size = -262144");
    mNextSubmission = mDb.queryInteger("SELECT coalesce(max(id), 0) FROM submissions") + 1;
    mFirstSubmission = mNextSubmission;
    mSubmissionInsert = BatchedStatement(mDb, kSubmissionHead, kSubmissionGroup);
    mAnnotationInsert = BatchedStatement(mDb, kAnnotationHead, "(?, ?, ?, ?, ?)");
    mSuggestionInsert = BatchedStatement(mDb, kSuggestionHead, "(?, ?, ?, ?, ?, ?, 'imported')");
}

BulkLabelWriter::~BulkLabelWriter() = default;

BulkLabelWriter::BatchedStatement::BatchedStatement(sqlite::Database& db, const std::string& head,
                                                    const std::string& group, const std::string& tail)
    : batch(std::make_unique<sqlite::Statement>(db.prepare(batchSql(head, group, kBatch) + tail))),
      single(std::make_unique<sqlite::Statement>(db.prepare(batchSql(head, group, 1) + tail)))
{
}

template <class Row, class Bind>
void BulkLabelWriter::BatchedStatement::write(std::vector<Row>& rows, bool all, Bind bindRow)
{
    std::size_t done = 0;
    for (; rows.size() - done >= kBatch; done += kBatch) {
        int parameter = 0;
        for (std::size_t k = done; k < done + kBatch; ++k)
            bindRow(*batch, parameter, rows[k]);
        batch->run();
    }
    if (all) {
        for (; done < rows.size(); ++done) {
            int parameter = 0;
            bindRow(*single, parameter, rows[done]);
            single->run();
        }
    }
    rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(done));
}

SubmissionId BulkLabelWriter::addSubmission(ItemId item, LabelerId labeler, int epoch, std::int64_t now)
{
    if (++mSubmissionCount == kSetIndexesAsideAfter)
        setIndexesAside();
    const SubmissionId id = mNextSubmission++;
    mSubmissions.push_back(SubmissionRow{id, item, labeler, epoch, now});
    if (mSubmissions.size() == kBatch) {
        writeSubmissions();
        // Every annotation gathered so far belongs to a submission now written.
        writeAnnotations(mAnnotations, false, false);
    }
    return id;
}

void BulkLabelWriter::addAnnotation(SubmissionId submission, Annotation annotation)
{
    mAnnotations.push_back(AnnotationRow{submission, std::move(annotation), 0});
    // Annotations wait for their submissions' batch (they refer to them); a file with
    // thousands of shapes per image must not make them wait without bound.
    if (mAnnotations.size() >= kMaxWaitingAnnotations) {
        writeSubmissions();
        writeAnnotations(mAnnotations, false, false);
    }
}

void BulkLabelWriter::addSuggestion(ItemId item, Annotation annotation, std::int64_t now)
{
    mSuggestions.push_back(AnnotationRow{item, std::move(annotation), now});
    if (mSuggestions.size() == kBatch)
        writeAnnotations(mSuggestions, true, false);
}

void BulkLabelWriter::flush()
{
    writeSubmissions();
    writeAnnotations(mAnnotations, false, true);
    writeAnnotations(mSuggestions, true, true);
    markLabeled();
    restoreIndexes();
}

void BulkLabelWriter::markLabeled()
{
    // One statement for every item this writer submitted: batches of "id IN (...)" cost
    // an ephemeral table each and several times more per row. The ids handed out here are
    // the only ones at or past the first (the project's one writer holds the transaction);
    // the unary + keeps SQLite from walking the status index for them.
    auto update = mDb.prepare("UPDATE items SET status = 'labeled' WHERE +status IN ('unlabeled', 'skipped') AND "
                              "id IN (SELECT item_id FROM submissions WHERE id >= ?)");
    update.bindAll(mFirstSubmission);
    update.run();
    mFirstSubmission = mNextSubmission;
}

void BulkLabelWriter::setIndexesAside()
{
    // Non-unique indexes over what an import writes: submissions, and the item status it
    // changes. Unique ones stay, so their constraints are checked as rows arrive.
    std::vector<std::string> names;
    {
        sqlite::Statement query =
            mDb.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                        "(tbl_name = 'submissions' OR (tbl_name = 'items' AND sql LIKE '%(status%')) AND "
                        "sql NOT LIKE 'CREATE UNIQUE%'");
        while (query.step()) {
            names.push_back(query.text(0));
            mIndexesAside.push_back(query.text(1));
        }
    }
    for (const std::string& name : names)
        mDb.exec("DROP INDEX \"" + name + "\"");
}

void BulkLabelWriter::restoreIndexes()
{
    for (const std::string& create : mIndexesAside)
        mDb.exec(create);
    mIndexesAside.clear();
}

void BulkLabelWriter::writeSubmissions()
{
    mSubmissionInsert.write(mSubmissions, true,
                            [](sqlite::Statement& insert, int& parameter, const SubmissionRow& row) {
                                insert.bind(++parameter, row.id);
                                insert.bind(++parameter, row.item);
                                insert.bind(++parameter, row.labeler);
                                insert.bind(++parameter, row.now);
                                insert.bind(++parameter, row.epoch);
                            });
}

void BulkLabelWriter::writeAnnotations(std::vector<AnnotationRow>& rows, bool suggestions, bool all)
{
    BatchedStatement& insert = suggestions ? mSuggestionInsert : mAnnotationInsert;
    insert.write(rows, all, [suggestions](sqlite::Statement& statement, int& parameter, const AnnotationRow& row) {
        statement.bind(++parameter, row.owner);
        statement.bind(++parameter, row.annotation.classId);
        statement.bindUnowned(++parameter, toId(row.annotation.kind)); // a static name
        // The rows outlive the statement's run: their text is bound without a copy.
        if (row.annotation.geometry.empty())
            statement.bind(++parameter, nullptr);
        else
            statement.bindUnowned(++parameter, row.annotation.geometry);
        statement.bind(++parameter, row.annotation.score);
        if (suggestions)
            statement.bind(++parameter, row.now);
    });
}

} // namespace pixmark::store
