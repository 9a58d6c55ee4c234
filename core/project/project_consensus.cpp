// Project: consensus over several labelers' votes on an item.
#include "core/consensus/consensus.h"
#include "core/project/project_impl_p.h"

namespace pixmark {

store::ConsensusState Project::Impl::evaluateConsensus(ItemId item, TaskType taskType, int epoch,
                                                       const QualitySettings& quality, std::int64_t now)
{
    // A decided item stays decided: a late vote (a window left open past abandonment, a
    // package merged after the others) is kept in history but changes nothing; a disputed
    // item is the lead's to decide, and a rejection starts it over.
    if (const auto decided = consensus.find(item, epoch); decided && decided->state != store::ConsensusState::More)
        return decided->state;
    const std::vector<store::VoteRow> rows = consensus.votes(item, epoch);
    store::ConsensusRow outcome;
    outcome.votes = static_cast<int>(rows.size());
    if (outcome.votes < quality.labelersPerItem) {
        outcome.state = store::ConsensusState::More;
        outcome.explanation = std::to_string(outcome.votes) + " of " + std::to_string(quality.labelersPerItem) +
                              " labelers so far.";
        consensus.record(item, epoch, outcome, now);
        return outcome.state;
    }
    std::vector<Vote> votes;
    votes.reserve(rows.size());
    for (const store::VoteRow& row : rows)
        votes.push_back(Vote{row.labelerId, row.annotations});
    ConsensusOutcome decision;
    try {
        decision = computeConsensus(taskType, votes, ConsensusRules{quality.agreement, quality.iou});
    } catch (const ValidationError& error) {
        // Votes that cannot be compared (masks drawn before the image changed size) must
        // not block the labelers who come next: a lead looks at them.
        outcome.state = store::ConsensusState::Disputed;
        outcome.explanation = std::string("The labels cannot be compared: ") + error.what();
        consensus.record(item, epoch, outcome, now);
        return outcome.state;
    }
    outcome.agreement = decision.agreement;
    outcome.explanation = decision.explanation;
    if (decision.agreed) {
        consensus.withdrawResults(item, epoch);
        for (std::size_t k = 0; k < rows.size() && k < decision.voteAgrees.size(); ++k)
            consensus.setAgreement(rows[k].submissionId, decision.voteAgrees[k]);
        const SubmissionRequest result{item, labelers.ensure(kConsensusLabelerName, "labeler", now), 0,
                                       SubmissionOrigin::Manual, std::nullopt, false, decision.result};
        outcome.submissionId = submissions.insert(result, epoch, now, SubmissionRole::Consensus);
        items.setStatus(item, ItemStatus::Labeled);
        outcome.state = store::ConsensusState::Agreed;
    } else {
        // A later vote can undo an agreement (a package merged after the others): the
        // earlier result stops being the item's label.
        if (consensus.withdrawResults(item, epoch) > 0)
            items.setStatus(item, ItemStatus::Unlabeled);
        outcome.state = outcome.votes < quality.maxLabelers() ? store::ConsensusState::More
                                                              : store::ConsensusState::Disputed;
    }
    consensus.record(item, epoch, outcome, now);
    return outcome.state;
}

} // namespace pixmark
