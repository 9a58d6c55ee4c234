#pragma once
// The training cache ml/engine reads: a flat, memory-mappable file of fixed-size 8-bit
// images plus an index to item ids, so training never decodes an image. The layout is
// specified in docs/training-cache.md (the engine reads it without core). Updated
// incrementally: only items not yet in it are decoded and appended.

#include "core/cache/cache_jobs.h"
#include "core/ingest/image_reader.h"
#include "core/util/progress.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pixmark {
class Project;
}

namespace pixmark::cache {

/// Size of the cached images, chosen per project.
struct TrainingCacheSpec {
    int side = 224;   ///< images are letterboxed into side x side
    int channels = 3; ///< 1 (gray) or 3 (RGB)
};

/// Where an item's pixels sit in its cache image: original = (cached - pad) / scale.
struct CacheEntry {
    ItemId itemId = 0;
    std::uint32_t originalWidth = 0;
    std::uint32_t originalHeight = 0;
    float scale = 1.0f;
    std::int32_t padX = 0;
    std::int32_t padY = 0;
};

struct TrainingCacheReport {
    std::int64_t appended = 0;
    std::int64_t alreadyCached = 0;
    std::vector<std::pair<ItemId, std::string>> failed;
    bool rebuilt = false; ///< the old files did not match the spec (or were damaged) and were replaced
    bool cancelled = false;
};

/// The project's chosen spec (setting "training_cache"), or the default when unset.
TrainingCacheSpec trainingCacheSpecOf(Project& project);
/// Stores the spec as the project's choice. Throws ValidationError for a bad spec.
void setTrainingCacheSpec(Project& project, const TrainingCacheSpec& spec);

class TrainingCache {
public:
    /// The cache of this spec in cacheFolder/training/. Throws ValidationError for a bad spec.
    TrainingCache(std::filesystem::path cacheFolder, TrainingCacheSpec spec);

    std::filesystem::path imagesFile() const;
    std::filesystem::path indexFile() const;
    /// Appends every job whose item is not cached yet; decodes on `threads` threads.
    TrainingCacheReport update(const std::vector<ImageJob>& jobs, const ingest::ReaderLimits& limits, int threads,
                               const ProgressCallback& progress = {}, const CancelToken& cancel = {});
    /// The index as it is on disk (empty when there is no valid cache).
    std::vector<CacheEntry> entries() const;
    /// The pixels of record i (side * side * channels bytes, rows top to bottom, HWC).
    std::vector<std::uint8_t> record(std::size_t i) const;

    std::size_t recordBytes() const;

private:
    std::filesystem::path mFolder;
    TrainingCacheSpec mSpec;
};

} // namespace pixmark::cache
