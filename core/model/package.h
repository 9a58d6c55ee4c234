#pragma once
// Work packages: a subset of a project cut into a standalone project file for one
// labeler who works offline, merged back into the parent later.

#include "core/model/item_filter.h"
#include "core/model/labeling.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pixmark {

/// What a package file knows about itself (its "package" setting).
struct PackageInfo {
    std::string parentUuid;
    std::string parentName;
    Labeler labeler;              ///< the only one who labels in it (role labeler)
    Timestamp createdAt = 0;
    bool imagesCopied = false;
};

/// Which items to cut and for whom. Exactly one of count, filter or items selects.
struct PackagePlan {
    std::vector<std::string> labelers;   ///< one package per name
    std::optional<std::int64_t> count;   ///< the next N items in queue order
    std::optional<ItemFilter> filter;    ///< queued items matching the filter
    std::vector<ItemId> items;           ///< exactly these (queued) items
    /// How many packages each item goes into (1: no overlap; up to the number of
    /// labelers): overlapping packages give consensus its several labelers per item.
    int overlap = 1;
    bool copyImages = false;             ///< copy the images beside the package
    std::filesystem::path folder;        ///< where the package files are written
};

struct CreatedPackage {
    std::filesystem::path file;
    std::string labeler;
    std::int64_t items = 0;
    std::int64_t copiedBytes = 0;
};

/// What a merge did.
struct MergeReport {
    std::string packageName;
    std::string labeler;
    std::int64_t merged = 0;         ///< submissions brought into the parent
    std::int64_t alreadyMerged = 0;  ///< merged by an earlier run, left alone
    std::int64_t labels = 0;         ///< of the merged: labels (or votes)
    std::int64_t skips = 0;
    std::int64_t consensusAgreed = 0;   ///< items whose consensus was reached by this merge
    std::int64_t consensusDisputed = 0; ///< items that went to review by this merge
    std::int64_t returnedToQueue = 0;   ///< items the package held but did not label
};

} // namespace pixmark
