#include "core/consensus/consensus.h"

#include "core/consensus/consensus_p.h"
#include "core/errors.h"

#include <cmath>
#include <set>

namespace pixmark {

namespace {

AnnotationKind kindFor(TaskType type)
{
    switch (type) {
    case TaskType::ClassificationMultiClass:
    case TaskType::ClassificationMultiLabel:
        return AnnotationKind::Tag;
    case TaskType::ObjectDetection:
        return AnnotationKind::Box;
    case TaskType::InstanceSegmentation:
        return AnnotationKind::Polygon;
    case TaskType::SemanticSegmentation:
        return AnnotationKind::Mask;
    }
    return AnnotationKind::Tag;
}

std::string kindWord(AnnotationKind kind)
{
    switch (kind) {
    case AnnotationKind::Tag:
        return "tag";
    case AnnotationKind::Box:
        return "box";
    case AnnotationKind::Polygon:
        return "polygon";
    case AnnotationKind::Mask:
        return "mask";
    }
    return "annotation";
}

void checkRule(double value, const char* name)
{
    if (!(value > 0 && value <= 1))
        throw ValidationError(std::string("The consensus ") + name + " threshold must be above 0 % and at most 100 %.");
}

} // namespace

bool reaches(double share, double needed)
{
    return share + 1e-9 >= needed;
}

std::string percent(double share)
{
    return std::to_string(static_cast<int>(std::lround(share * 100))) + " %";
}

std::string classLabel(ClassId id, const ClassNamer& className)
{
    if (className) {
        std::string name = className(id);
        if (!name.empty())
            return "\"" + name + "\"";
    }
    return "class " + std::to_string(id);
}

std::string ofLabelers(std::size_t count, std::size_t total)
{
    return std::to_string(count) + " of " + std::to_string(total) + (total == 1 ? " labeler" : " labelers");
}

std::string labelerPossessive(LabelerId labeler)
{
    return "Labeler " + std::to_string(labeler) + "'s";
}

ConsensusOutcome computeConsensus(TaskType type, const std::vector<Vote>& votes, const ConsensusRules& rules,
                                  const ClassNamer& className)
{
    if (votes.empty())
        throw ValidationError("Consensus needs at least one vote.");
    checkRule(rules.agreement, "agreement");
    checkRule(rules.iou, "IoU");
    const AnnotationKind kind = kindFor(type);
    std::set<LabelerId> labelers;
    for (const Vote& vote : votes) {
        if (!labelers.insert(vote.labeler).second)
            throw ValidationError("Labeler " + std::to_string(vote.labeler) +
                                  " has two votes on this item; consensus takes one per labeler.");
        for (const Annotation& annotation : vote.annotations)
            if (annotation.kind != kind)
                throw ValidationError(labelerPossessive(vote.labeler) + " label holds a " + kindWord(annotation.kind) +
                                      ", but this task takes " + kindWord(kind) + "s.");
    }
    switch (type) {
    case TaskType::ClassificationMultiClass:
        return multiClassConsensus(votes, rules, className);
    case TaskType::ClassificationMultiLabel:
        return multiLabelConsensus(votes, rules, className);
    case TaskType::ObjectDetection:
    case TaskType::InstanceSegmentation:
        return shapeConsensus(kind, votes, rules, className);
    case TaskType::SemanticSegmentation:
        return maskConsensus(votes, rules, className);
    }
    throw ValidationError("Unknown task type.");
}

} // namespace pixmark
