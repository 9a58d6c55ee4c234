#include "core/cache/thumbnail_cache.h"

#include "core/cache/jpeg_writer.h"
#include "core/ingest/image_readers.h"
#include "core/util/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace pixmark::cache {

ThumbnailCache::ThumbnailCache(std::filesystem::path cacheFolder) : mFolder(std::move(cacheFolder) / "thumbnails") {}

std::filesystem::path ThumbnailCache::pathFor(ItemId item) const
{
    return mFolder / std::to_string(item / 1000) / (std::to_string(item) + ".jpg");
}

bool ThumbnailCache::has(ItemId item) const
{
    // An empty file is what a power cut can leave behind a rename: not a thumbnail.
    std::error_code error;
    const auto size = std::filesystem::file_size(pathFor(item), error);
    return !error && size > 0;
}

void ThumbnailCache::make(const ImageJob& job, const ingest::ReaderLimits& limits) const
{
    ingest::DecodeOptions options;
    options.depth = ingest::DecodeOptions::Depth::Display8;
    options.maxSide = kThumbnailSide;
    const auto image = ingest::decodeImage(job.file, options, limits);
    // Not synced: thumbnails are rebuildable, and has() treats the empty file a power cut
    // can leave as missing. A flush per thumbnail would cut the rate by two thirds.
    writeFileAtomically(pathFor(job.itemId), encodeJpeg(image, 85), false);
}

ThumbnailReport ThumbnailCache::build(const std::vector<ImageJob>& jobs, const ingest::ReaderLimits& limits,
                                      int threads, const ProgressCallback& progress, const CancelToken& cancel) const
{
    ThumbnailReport report;
    std::vector<const ImageJob*> todo;
    for (const auto& job : jobs) {
        if (has(job.itemId))
            ++report.alreadyThere;
        else
            todo.push_back(&job);
    }
    std::atomic<std::int64_t> made{0};
    std::atomic<std::int64_t> finished{0};
    std::mutex mutex; // guards report.failed and the progress callback
    const auto total = static_cast<std::int64_t>(todo.size());
    parallelFor(0, todo.size(), threads, cancel, [&](std::size_t i) {
        try {
            make(*todo[i], limits);
            ++made;
        } catch (const ingest::ImageError& error) {
            // A file that is gone (an unplugged drive) is missing, not undecodable:
            // refresh deals with it, and it must not lose its status here.
            std::error_code ignored;
            const bool present = std::filesystem::exists(todo[i]->file, ignored);
            std::lock_guard lock(mutex);
            report.failed.emplace_back(todo[i]->itemId, error.reason());
            if (present)
                report.undecodable.emplace_back(todo[i]->itemId, error.reason());
        } catch (const std::exception& error) {
            std::lock_guard lock(mutex);
            report.failed.emplace_back(todo[i]->itemId, error.what());
        }
        if (progress) {
            std::lock_guard lock(mutex); // counted under the lock so reports never go backwards
            progress(++finished, total, "thumbnails");
        }
    });
    report.made = made;
    report.cancelled = cancel.isCancelled();
    return report;
}

} // namespace pixmark::cache
