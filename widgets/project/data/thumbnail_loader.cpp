#include "widgets/project/data/thumbnail_loader.h"

#include "core/cache/thumbnail_cache.h"

#include <QImageReader>
#include <QMetaObject>

namespace pixmark {

namespace {
constexpr int kMaxWorkers = 2;
constexpr std::size_t kMaxWaiting = 400; // a few screens of cells
constexpr int kCacheKiB = 96 * 1024;
constexpr std::size_t kMaxMissingRemembered = 100'000;
} // namespace

ThumbnailLoader::ThumbnailLoader(std::filesystem::path cacheFolder, QSize cell, QObject* parent)
    : QObject(parent), mFolder(std::move(cacheFolder)), mCell(cell), mQueue(std::make_shared<Queue>())
{
    mCache.setMaxCost(kCacheKiB);
    mPool.setMaxThreadCount(kMaxWorkers);
}

ThumbnailLoader::~ThumbnailLoader()
{
    {
        std::lock_guard lock(mQueue->mutex);
        mQueue->waiting.clear();
    }
    mPool.waitForDone();
}

QImage ThumbnailLoader::image(ItemId item)
{
    if (const QImage* cached = mCache.object(item))
        return *cached;
    if (mMissing.contains(item) || mRequested.contains(item))
        return {};
    mRequested.insert(item);
    bool startWorker = false;
    {
        // Workers are counted under the queue's lock so that a worker never quits while
        // an item it would have taken is being queued.
        std::lock_guard lock(mQueue->mutex);
        mQueue->waiting.push_back(item);
        while (mQueue->waiting.size() > kMaxWaiting) {
            mRequested.erase(mQueue->waiting.front());
            mQueue->waiting.pop_front();
        }
        if (mQueue->workers < kMaxWorkers) {
            ++mQueue->workers;
            startWorker = true;
        }
    }
    if (startWorker)
        mPool.start([this] { workerLoop(); });
    return {};
}

void ThumbnailLoader::forgetMissing()
{
    mMissing.clear();
}

void ThumbnailLoader::workerLoop()
{
    const cache::ThumbnailCache files(mFolder);
    for (;;) {
        ItemId item = 0;
        {
            std::lock_guard lock(mQueue->mutex);
            if (mQueue->waiting.empty()) {
                --mQueue->workers;
                return;
            }
            item = mQueue->waiting.back();
            mQueue->waiting.pop_back();
        }
        QImageReader reader(QString::fromStdString(files.pathFor(item).string()));
        reader.setAutoTransform(false); // thumbnails are written upright
        QImage image;
        if (reader.canRead()) {
            QSize size = reader.size();
            if (size.isValid() && (size.width() > mCell.width() || size.height() > mCell.height())) {
                size.scale(mCell, Qt::KeepAspectRatio);
                reader.setScaledSize(size);
            }
            image = reader.read();
        }
        QMetaObject::invokeMethod(this, [this, item, image = std::move(image)]() mutable {
            deliver(item, std::move(image));
        }, Qt::QueuedConnection);
    }
}

void ThumbnailLoader::deliver(ItemId item, QImage image)
{
    mRequested.erase(item);
    if (image.isNull()) {
        // Bounded: a scroll through a million items without thumbnails would otherwise
        // remember every one; forgetting only costs a cheap failed open later.
        if (mMissing.size() >= kMaxMissingRemembered)
            mMissing.clear();
        mMissing.insert(item);
        return;
    }
    const int cost = std::max(1, static_cast<int>(image.sizeInBytes() / 1024));
    mCache.insert(item, new QImage(std::move(image)), cost);
    emit loaded(item);
}

} // namespace pixmark
