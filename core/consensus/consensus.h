#pragma once
// Consensus labeling: what several labelers' votes on one item agree on. Pure functions
// over annotations: reading the votes from a project and storing the outcome is the
// caller's. A share is always counted over all votes (a labeler who drew nothing still
// counts), and a share "reaches" a threshold when it is at least that threshold.
//
// How each task type decides:
// - Multi-class: each vote is one Tag or none ("no class", which is a choice like any
//   other and wins with an empty result). The most chosen class wins when its share
//   reaches rules.agreement and no other choice has as many votes (ties never agree).
//   agreement = the most chosen choice's share.
// - Multi-label: per class, present when its share reaches rules.agreement, absent when
//   the share of votes without it does; a class that is both (1 of 2 at 0.5) or neither is
//   undecided. Agreed when every class in any vote is decided; agreement = mean over those
//   classes of max(share, 1 - share) (1 when no vote has a tag).
// - Boxes (object detection) and polygons (instance segmentation): shapes of the same
//   class from different labelers are grouped greedily, best IoU first, when every pair
//   in the group has IoU >= rules.iou; a group holds at most one shape per labeler.
//   support = the group's labelers / votes. A group is kept when support reaches
//   rules.agreement, dropped when 1 - support does, and otherwise (or when both do)
//   undecided, which leaves the item not agreed. Kept boxes are the per-coordinate median
//   of x1, y1, x2, y2; kept polygons the region inside at least half of the group's
//   polygons (majorityPolygon). Each result's score is its support. agreement = mean
//   over groups of max(support, 1 - support) (1 when nobody drew anything).
// - Semantic segmentation: one Mask per class and vote (a vote without masks is all
//   background; where one vote's masks overlap, its later mask wins). Each pixel is a
//   vote among background and the classes; it is decided when one label's share reaches
//   rules.agreement and is larger than any other's. agreement = decided pixels / pixels
//   that are foreground in at least one vote (1 when there are none); agreed when that
//   reaches rules.agreement. The result is one Mask per class over its decided pixels,
//   scored by the mean share of the votes for it there.
//
// voteAgrees[i] is always filled. Multi-class: the vote chose the winner (all false
// without one). Multi-label: the vote's classes are exactly the present ones. Shapes: the
// vote has a shape in every kept group and none in a dropped group (undecided groups are
// ignored). Masks: over the pixels that are foreground in the vote or in the consensus,
// the share where both have the same class (a class-aware foreground IoU) is >= rules.iou.

#include "core/model/labeling.h"
#include "core/model/task_type.h"

#include <functional>
#include <string>
#include <vector>

namespace pixmark {

/// Thresholds of a consensus. agreement: the share of votes needed, in (0, 1]; iou: how
/// much two shapes must overlap to be the same object, in (0, 1].
struct ConsensusRules {
    double agreement = 0.5;
    double iou = 0.5;
};

/// One labeler's current label of the item.
struct Vote {
    LabelerId labeler = 0;
    std::vector<Annotation> annotations;
};

/// What the votes agree on.
struct ConsensusOutcome {
    bool agreed = false;
    std::vector<Annotation> result; ///< the consensus label when agreed, else empty (empty
                                    ///< is also a valid agreed "nothing there")
    std::vector<bool> voteAgrees;   ///< one per vote, in the votes' order
    double agreement = 0;           ///< the item's agreement score in [0, 1]
    std::string explanation;        ///< one sentence for people
};

/// The name of a class for explanations; unset (or an empty name) shows "class <id>".
using ClassNamer = std::function<std::string(ClassId)>;

/// Decides the consensus of votes on one item as described above. Throws ValidationError
/// for no votes, two votes of one labeler, rules out of range, an annotation of a kind
/// the task type does not take, or invalid geometry (the message names the labeler), and
/// for masks of different sizes.
ConsensusOutcome computeConsensus(TaskType type, const std::vector<Vote>& votes, const ConsensusRules& rules,
                                  const ClassNamer& className = {});

} // namespace pixmark
