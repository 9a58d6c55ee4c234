#pragma once
// Reads thumbnail files (JPEG files in the project's cache folder, never SQLite) on worker
// threads and keeps the decoded images in a memory-capped LRU cache for the Data grid.

#include "core/model/labeling.h"

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSize>
#include <QThreadPool>

#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace pixmark {

/// Asynchronous thumbnail reader. Requests are served newest first and the oldest are
/// dropped when too many wait, so fast scrolling only loads what is (nearly) on screen.
/// Lives on the UI thread; loaded() is emitted there.
class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    /// cacheFolder is the project's cache folder; images are scaled to fit within cell.
    ThumbnailLoader(std::filesystem::path cacheFolder, QSize cell, QObject* parent = nullptr);
    /// Drops waiting requests and waits for the workers that run.
    ~ThumbnailLoader() override;

    /// The cached image, or a null image (and a load is queued unless the file is known
    /// to be missing). Never blocks.
    QImage image(ItemId item);
    /// Forgets which thumbnails were missing (after new thumbnails were made).
    void forgetMissing();

signals:
    /// The thumbnail of item was read (and is now in the cache).
    void loaded(pixmark::ItemId item);

private:
    void workerLoop();
    void deliver(ItemId item, QImage image);

    struct Queue {
        std::mutex mutex;
        std::deque<ItemId> waiting; ///< newest at the back
        int workers = 0;            ///< workers running
    };
    std::filesystem::path mFolder;
    QSize mCell;
    QCache<ItemId, QImage> mCache;          ///< cost in KiB
    std::unordered_set<ItemId> mRequested;  ///< queued or being read
    std::unordered_set<ItemId> mMissing;    ///< no readable thumbnail file
    std::shared_ptr<Queue> mQueue;
    QThreadPool mPool;
};

} // namespace pixmark
