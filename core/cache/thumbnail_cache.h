#pragma once
// Thumbnails (longest side 256 px, JPEG) in the project's cache folder, one file per item
// under thumbnails/<id / 1000>/<id>.jpg. Rebuildable at any time; never the only copy.

#include "core/cache/cache_jobs.h"
#include "core/ingest/image_reader.h"
#include "core/util/progress.h"

#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::cache {

inline constexpr int kThumbnailSide = 256;

struct ThumbnailReport {
    std::int64_t made = 0;
    std::int64_t alreadyThere = 0;
    std::vector<std::pair<ItemId, std::string>> failed;     ///< item and reason, any cause
    std::vector<std::pair<ItemId, std::string>> undecodable; ///< the subset whose image cannot be decoded
    bool cancelled = false;
};

/// Thumbnail files of one project's cache folder. Safe to use from several threads.
class ThumbnailCache {
public:
    explicit ThumbnailCache(std::filesystem::path cacheFolder);

    std::filesystem::path pathFor(ItemId item) const;
    bool has(ItemId item) const;
    /// Makes the thumbnails that are missing, on `threads` threads (0: one per core).
    /// Files are written to a temporary name and renamed, so a reader never sees half a file.
    ThumbnailReport build(const std::vector<ImageJob>& jobs, const ingest::ReaderLimits& limits, int threads,
                          const ProgressCallback& progress = {}, const CancelToken& cancel = {}) const;
    /// Makes (or remakes) one thumbnail. Throws ImageError.
    void make(const ImageJob& job, const ingest::ReaderLimits& limits) const;

private:
    std::filesystem::path mFolder;
};

} // namespace pixmark::cache
