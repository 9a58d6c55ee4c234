#pragma once
// SQL for writing many labels at once (imports), in the caller's transaction: rows are
// gathered and written a few hundred per statement, and submission ids are handed out
// here (the project's only writer holds the transaction), so that millions of rows cost
// a few thousand statements.

#include "core/model/labeling.h"

#include <memory>
#include <vector>

namespace pixmark::sqlite {
class Database;
class Statement;
} // namespace pixmark::sqlite

namespace pixmark::store {

/// While alive, SQLite skips its per-row foreign-key lookups on this connection, for a
/// bulk write whose references are known to be valid (ids just read from their tables or
/// handed out by the writer). Only outside a transaction does SQLite allow the switch;
/// inside one this does nothing. Checks are back on when it goes.
class ForeignKeyChecksOff {
public:
    explicit ForeignKeyChecksOff(sqlite::Database& db);
    ~ForeignKeyChecksOff();
    ForeignKeyChecksOff(const ForeignKeyChecksOff&) = delete;
    ForeignKeyChecksOff& operator=(const ForeignKeyChecksOff&) = delete;

private:
    sqlite::Database& mDb;
    bool mSwitched = false;
};

class BulkLabelWriter {
public:
    explicit BulkLabelWriter(sqlite::Database& db);
    ~BulkLabelWriter();
    BulkLabelWriter(const BulkLabelWriter&) = delete;
    BulkLabelWriter& operator=(const BulkLabelWriter&) = delete;

    /// An imported submission (origin imported, role label) of the item, which becomes labeled.
    SubmissionId addSubmission(ItemId item, LabelerId labeler, int epoch, std::int64_t now);
    void addAnnotation(SubmissionId submission, Annotation annotation);
    /// A suggestion (origin imported) on the item.
    void addSuggestion(ItemId item, Annotation annotation, std::int64_t now);
    /// Writes what is gathered and rebuilds the indexes set aside; call before the
    /// transaction commits.
    void flush();

private:
    struct SubmissionRow {
        SubmissionId id;
        ItemId item;
        LabelerId labeler;
        int epoch;
        std::int64_t now;
    };
    struct AnnotationRow {
        std::int64_t owner; ///< submission id, or item id for suggestions
        Annotation annotation;
        std::int64_t now;
    };
    /// One statement prepared twice: for a full batch of rows, and for a single row.
    struct BatchedStatement {
        BatchedStatement() = default;
        BatchedStatement(sqlite::Database& db, const std::string& head, const std::string& group,
                         const std::string& tail = {});
        /// Writes full batches of rows (and with all, the rest one by one) and removes
        /// what it wrote; bindRow(statement, parameter, row) binds one row's values.
        template <class Row, class Bind> void write(std::vector<Row>& rows, bool all, Bind bindRow);
        std::unique_ptr<sqlite::Statement> batch;
        std::unique_ptr<sqlite::Statement> single;
    };
    /// Writes the submissions gathered.
    void writeSubmissions();
    /// Marks every item submitted since the last call labeled.
    void markLabeled();
    /// Past a few thousand submissions, drops the indexes that a label import only makes
    /// slower (rebuilding them once, sorted, costs far less than millions of scattered
    /// updates that also overflow the page cache). The drop is part of the caller's
    /// transaction, so a failed import gets them back with everything else.
    void setIndexesAside();
    void restoreIndexes();
    /// Writes full batches of rows; with all, the rest too.
    void writeAnnotations(std::vector<AnnotationRow>& rows, bool suggestions, bool all);

    sqlite::Database& mDb;
    SubmissionId mNextSubmission = 0;
    SubmissionId mFirstSubmission = 0; ///< the first not yet marked labeled
    std::int64_t mSubmissionCount = 0;
    std::vector<std::string> mIndexesAside; ///< their CREATE statements, as SQLite stores them
    std::vector<SubmissionRow> mSubmissions;
    std::vector<AnnotationRow> mAnnotations;
    std::vector<AnnotationRow> mSuggestions;
    BatchedStatement mSubmissionInsert;
    BatchedStatement mAnnotationInsert;
    BatchedStatement mSuggestionInsert;
};

} // namespace pixmark::store
