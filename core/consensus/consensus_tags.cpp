#include "core/consensus/consensus_p.h"
#include "core/errors.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace pixmark {

namespace {

using Choice = std::optional<ClassId>; // nullopt: no class

std::string choiceLabel(const Choice& choice, const ClassNamer& className)
{
    return choice ? classLabel(*choice, className) : std::string("no class");
}

std::string listed(const std::vector<std::string>& words)
{
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            text += i + 1 == words.size() ? " and " : ", ";
        text += words[i];
    }
    return text;
}

} // namespace

ConsensusOutcome multiClassConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules,
                                     const ClassNamer& className)
{
    std::vector<Choice> choices;
    std::map<Choice, std::size_t> counts;
    for (const Vote& vote : votes) {
        Choice choice;
        for (const Annotation& tag : vote.annotations) {
            if (choice && *choice != tag.classId)
                throw ValidationError(labelerPossessive(vote.labeler) +
                                      " label has more than one class, but this task takes one class per item.");
            choice = tag.classId;
        }
        choices.push_back(choice);
        ++counts[choice];
    }
    std::size_t top = 0;
    for (const auto& [choice, count] : counts)
        top = std::max(top, count);
    std::vector<Choice> leaders;
    for (const auto& [choice, count] : counts)
        if (count == top)
            leaders.push_back(choice);

    const std::size_t total = votes.size();
    ConsensusOutcome outcome;
    outcome.agreement = static_cast<double>(top) / static_cast<double>(total);
    const std::string needed = percent(rules.agreement) + " needed";
    if (leaders.size() > 1) {
        std::vector<std::string> names;
        for (const Choice& choice : leaders)
            names.push_back(choiceLabel(choice, className));
        outcome.explanation = "No agreement: " + listed(names) + " tie with " + ofLabelers(top, total) + " each.";
    } else if (!reaches(outcome.agreement, rules.agreement)) {
        outcome.explanation = "No agreement: only " + ofLabelers(top, total) + " chose " +
                              choiceLabel(leaders.front(), className) + " (" + percent(outcome.agreement) + ", " +
                              needed + ").";
    } else {
        outcome.agreed = true;
        if (leaders.front())
            outcome.result.push_back({*leaders.front(), AnnotationKind::Tag, {}, outcome.agreement});
        outcome.explanation = ofLabelers(top, total) + " chose " + choiceLabel(leaders.front(), className) + " (" +
                              percent(outcome.agreement) + ", " + needed + ").";
    }
    for (const Choice& choice : choices)
        outcome.voteAgrees.push_back(outcome.agreed && choice == leaders.front());
    return outcome;
}

ConsensusOutcome multiLabelConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules,
                                     const ClassNamer& className)
{
    std::vector<std::set<ClassId>> tagSets;
    std::map<ClassId, std::size_t> counts;
    for (const Vote& vote : votes) {
        std::set<ClassId> tags;
        for (const Annotation& tag : vote.annotations)
            tags.insert(tag.classId);
        for (ClassId id : tags)
            ++counts[id];
        tagSets.push_back(std::move(tags));
    }
    const std::size_t total = votes.size();
    const std::string needed = percent(rules.agreement) + " needed";
    ConsensusOutcome outcome;
    std::set<ClassId> present;
    std::vector<std::string> presentNames;
    std::vector<std::string> absentNames;
    std::vector<std::string> undecided;
    double decisiveness = 0;
    for (const auto& [id, count] : counts) {
        const double share = static_cast<double>(count) / static_cast<double>(total);
        decisiveness += std::max(share, 1 - share);
        const bool in = reaches(share, rules.agreement);
        const bool out = reaches(1 - share, rules.agreement);
        if (in && !out) {
            present.insert(id);
            presentNames.push_back(classLabel(id, className));
            outcome.result.push_back({id, AnnotationKind::Tag, {}, share});
        } else if (out && !in) {
            absentNames.push_back(classLabel(id, className));
        } else {
            undecided.push_back(classLabel(id, className) + " (" + ofLabelers(count, total) + ")");
        }
    }
    outcome.agreement = counts.empty() ? 1.0 : decisiveness / static_cast<double>(counts.size());
    outcome.agreed = undecided.empty();
    if (!outcome.agreed) {
        outcome.result.clear();
        outcome.explanation = "Undecided: " + listed(undecided) + "; " + needed + ".";
    } else if (counts.empty()) {
        outcome.explanation = "No labeler chose any class.";
    } else {
        std::string text = std::to_string(counts.size()) + (counts.size() == 1 ? " class" : " classes") + " decided: ";
        if (!presentNames.empty())
            text += listed(presentNames) + " present";
        if (!presentNames.empty() && !absentNames.empty())
            text += ", ";
        if (!absentNames.empty())
            text += listed(absentNames) + " absent";
        outcome.explanation = text + " (" + needed + ").";
    }
    for (const auto& tags : tagSets)
        outcome.voteAgrees.push_back(tags == present);
    return outcome;
}

} // namespace pixmark
