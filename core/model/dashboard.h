#pragma once
// The numbers behind the project dashboard, computed in one read by core.

#include "core/model/item_filter.h"
#include "core/model/label_class.h"
#include "core/model/labeling.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

struct LabelerActivity {
    LabelerId labelerId = 0;
    std::string name;
    std::int64_t labeled = 0; ///< submissions with a label in the current epoch
    std::int64_t skipped = 0;
    std::int64_t rejected = 0; ///< of those, rejected by review
    std::int64_t consensusVotes = 0;        ///< votes compared with a consensus result
    std::optional<double> agreementRate;    ///< share of those that agreed with it
};

/// Submissions in one time bucket [start, start + bucketMs).
struct ThroughputBucket {
    Timestamp start = 0;
    std::int64_t submissions = 0;
};

/// What is waiting in the queue, by how it got there.
struct QueueComposition {
    std::int64_t fresh = 0;      ///< never labeled, no suggestions, in no cluster: labeled by hand
    std::int64_t prelabeled = 0; ///< never labeled, with suggestions to confirm
    std::int64_t clustered = 0;  ///< never labeled, no suggestions, served with similar items
    std::int64_t returned = 0;   ///< rejected and back in the queue
};

/// What labelers did with the prelabels they were shown (this epoch's labels and votes).
struct PrelabelOutcomes {
    std::int64_t accepted = 0; ///< handed in unchanged
    std::int64_t edited = 0;   ///< changed, keeping part of the suggestion
    std::int64_t rejected = 0; ///< replaced by the labeler's own label
    /// The shapes (and tags) of those labels that came from a prelabel: kept as the model
    /// drew them, or edited. A label's other shapes were drawn by the labeler.
    std::int64_t shapesAccepted = 0;
    std::int64_t shapesEdited = 0;
    std::int64_t reviewed() const { return accepted + edited + rejected; }
    /// Share accepted unchanged; none before any prelabel was reviewed.
    std::optional<double> acceptanceRate() const
    {
        return reviewed() ? std::optional<double>(double(accepted) / double(reviewed())) : std::nullopt;
    }
};

struct DashboardStats {
    std::map<ItemCategory, std::int64_t> progress; ///< every category, zeros included
    std::int64_t totalItems = 0;
    std::map<ClassId, std::int64_t> labelDistribution; ///< items whose current label has the class
    std::vector<LabelerActivity> labelers;
    std::int64_t bucketMs = 0;
    std::vector<ThroughputBucket> throughput; ///< oldest first; empty buckets included
    QueueComposition queue;
    PrelabelOutcomes prelabels;
    bool reviewRequired = false;
};

} // namespace pixmark
