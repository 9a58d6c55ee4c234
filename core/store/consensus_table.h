#pragma once
// SQL for consensus: the labelers' votes on an item and the outcome recorded per item
// and label epoch.

#include "core/model/labeling.h"

#include <optional>
#include <string>
#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// One labeler's latest live vote on an item.
struct VoteRow {
    SubmissionId submissionId = 0;
    LabelerId labelerId = 0;
    std::vector<Annotation> annotations;
};

enum class ConsensusState { Agreed, More, Disputed };

struct ConsensusRow {
    ConsensusState state = ConsensusState::More;
    int votes = 0;
    double agreement = 0;
    std::string explanation;
    std::optional<SubmissionId> submissionId;
};

class ConsensusTable {
public:
    explicit ConsensusTable(sqlite::Database& db) : mDb(db) {}
    /// The latest non-rejected vote of each labeler on the item in the epoch, by labeler id.
    std::vector<VoteRow> votes(ItemId item, int epoch);
    void setAgreement(SubmissionId vote, bool agrees);
    void record(ItemId item, int epoch, const ConsensusRow& outcome, std::int64_t now);
    std::optional<ConsensusRow> find(ItemId item, int epoch);
    void clear(ItemId item, int epoch);
    /// Marks the item's earlier consensus results in the epoch withdrawn; returns how many.
    int withdrawResults(ItemId item, int epoch);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
