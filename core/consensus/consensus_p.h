#pragma once
// The consensus of each family of task types, and the wording they share. Private to
// core/consensus; computeConsensus has checked the rules, the votes and the kinds.

#include "core/consensus/consensus.h"

#include <string>

namespace pixmark {

ConsensusOutcome multiClassConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules,
                                     const ClassNamer& className);
ConsensusOutcome multiLabelConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules,
                                     const ClassNamer& className);
/// Boxes (kind Box) or polygons (kind Polygon).
ConsensusOutcome shapeConsensus(AnnotationKind kind, const std::vector<Vote>& votes, const ConsensusRules& rules,
                                const ClassNamer& className);
ConsensusOutcome maskConsensus(const std::vector<Vote>& votes, const ConsensusRules& rules,
                               const ClassNamer& className);

/// share >= needed, forgiving floating-point error (3 of 5 reaches 0.6).
bool reaches(double share, double needed);
/// "67 %".
std::string percent(double share);
/// "\"cat\"", or "class 7" without a name.
std::string classLabel(ClassId id, const ClassNamer& className);
/// "2 of 3 labelers".
std::string ofLabelers(std::size_t count, std::size_t total);
/// "Labeler 4's" for messages about one vote.
std::string labelerPossessive(LabelerId labeler);

} // namespace pixmark
