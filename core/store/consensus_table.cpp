#include "core/store/consensus_table.h"

#include "core/store/annotation_row.h"
#include "core/store/sqlite/database.h"

namespace pixmark::store {

namespace {
constexpr std::string_view stateId(ConsensusState state)
{
    switch (state) {
    case ConsensusState::Agreed:
        return "agreed";
    case ConsensusState::Disputed:
        return "disputed";
    case ConsensusState::More:
        break;
    }
    return "more";
}
} // namespace

std::vector<VoteRow> ConsensusTable::votes(ItemId item, int epoch)
{
    auto row = mDb.prepare(R"SQL(
        SELECT s.id, s.labeler_id, a.class_id, a.kind, a.geometry, a.score
        FROM submissions s LEFT JOIN annotations a ON a.submission_id = s.id
        WHERE s.item_id = ?1 AND s.epoch = ?2 AND s.role = 'vote' AND s.skipped = 0 AND s.review_state != 'rejected'
          AND s.id = (SELECT max(l.id) FROM submissions l WHERE l.item_id = ?1 AND l.epoch = ?2 AND l.role = 'vote'
                      AND l.skipped = 0 AND l.review_state != 'rejected' AND l.labeler_id = s.labeler_id)
        ORDER BY s.labeler_id, a.id)SQL");
    row.bindAll(item, epoch);
    std::vector<VoteRow> votes;
    while (row.step()) {
        if (votes.empty() || votes.back().submissionId != row.integer(0))
            votes.push_back(VoteRow{row.integer(0), row.integer(1), {}});
        if (!row.isNull(2))
            votes.back().annotations.push_back(readAnnotation(row, 2));
    }
    return votes;
}

void ConsensusTable::setAgreement(SubmissionId vote, bool agrees)
{
    mDb.prepare("UPDATE submissions SET agrees = ? WHERE id = ?").bindAll(agrees ? 1 : 0, vote).run();
}

void ConsensusTable::record(ItemId item, int epoch, const ConsensusRow& outcome, std::int64_t now)
{
    mDb.prepare("INSERT OR REPLACE INTO consensus_results (item_id, epoch, state, votes, agreement, explanation, "
                "submission_id, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(item, epoch, stateId(outcome.state), outcome.votes, outcome.agreement, outcome.explanation,
                 outcome.submissionId, now)
        .run();
}

std::optional<ConsensusRow> ConsensusTable::find(ItemId item, int epoch)
{
    auto row = mDb.prepare("SELECT state, votes, agreement, explanation, submission_id FROM consensus_results "
                           "WHERE item_id = ? AND epoch = ?");
    row.bindAll(item, epoch);
    if (!row.step())
        return std::nullopt;
    const std::string state = row.text(0);
    return ConsensusRow{state == "agreed"     ? ConsensusState::Agreed
                        : state == "disputed" ? ConsensusState::Disputed
                                              : ConsensusState::More,
                        static_cast<int>(row.integer(1)), row.real(2), row.text(3), row.optionalInteger(4)};
}

void ConsensusTable::clear(ItemId item, int epoch)
{
    mDb.prepare("DELETE FROM consensus_results WHERE item_id = ? AND epoch = ?").bindAll(item, epoch).run();
}

int ConsensusTable::withdrawResults(ItemId item, int epoch)
{
    mDb.prepare("UPDATE submissions SET role = 'withdrawn' WHERE item_id = ? AND epoch = ? AND role = 'consensus' "
                "AND review_state != 'rejected'")
        .bindAll(item, epoch)
        .run();
    return mDb.changes();
}

} // namespace pixmark::store
