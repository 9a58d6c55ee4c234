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

class BulkLabelWriter {
public:
    explicit BulkLabelWriter(sqlite::Database& db);
    ~BulkLabelWriter();
    BulkLabelWriter(const BulkLabelWriter&) = delete;
    BulkLabelWriter& operator=(const BulkLabelWriter&) = delete;

    /// An imported submission (origin imported, role label) of the item, which becomes labeled.
    SubmissionId addSubmission(ItemId item, LabelerId labeler, int epoch, std::int64_t now);
    void addAnnotation(SubmissionId submission, const Annotation& annotation);
    /// A suggestion (origin imported) on the item.
    void addSuggestion(ItemId item, const Annotation& annotation, std::int64_t now);
    /// Writes what is gathered; call before the transaction commits.
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
    void flushSubmissions();
    void flushAnnotations(std::vector<AnnotationRow>& rows, bool suggestions);

    sqlite::Database& mDb;
    SubmissionId mNextSubmission = 0;
    std::vector<SubmissionRow> mSubmissions;
    std::vector<AnnotationRow> mAnnotations;
    std::vector<AnnotationRow> mSuggestions;
    std::unique_ptr<sqlite::Statement> mSubmissionBatch;
    std::unique_ptr<sqlite::Statement> mLabeledBatch;
    std::unique_ptr<sqlite::Statement> mAnnotationBatch;
    std::unique_ptr<sqlite::Statement> mSuggestionBatch;
};

} // namespace pixmark::store
