#pragma once
// Decodes the images of held items in the background (never on the UI or project
// thread), so the next page is on screen as soon as the labeler submits.

#include "core/model/labeling.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <map>
#include <memory>
#include <set>

namespace pixmark {

class ImagePyramid;

/// Owns a small thread pool and the decoded images by item id. Images go through core's
/// readers (TurboJPEG, DICOM) scaled to at most maxSide pixels, kept as RGB32 (ARGB32
/// premultiplied with alpha) so that tiles scale them without a conversion on the UI
/// thread. The destructor waits for running decodes.
class ImagePrefetcher : public QObject {
    Q_OBJECT
public:
    explicit ImagePrefetcher(int maxSide, QObject* parent = nullptr);
    ~ImagePrefetcher() override;

    /// Starts decoding the file unless the item is decoded or decoding already.
    void request(ItemId id, const QString& filePath);
    /// The same for a drawing canvas: full resolution, full depth (16-bit and DICOM kept),
    /// as an ImagePyramid built on the worker thread.
    void requestPyramid(ItemId id, const QString& filePath);
    /// Decodes another frame of a multi-frame file (TIFF page, DICOM frame) for an item
    /// already shown; when done, pyramid(id) is that frame's and imageReady(id) is emitted.
    void requestFrame(ItemId id, const QString& filePath, int frame);
    bool isReady(ItemId id) const
    {
        return mImages.count(id) > 0 || mPyramids.count(id) > 0 || mErrors.count(id) > 0;
    }
    /// The item's pyramid (requestPyramid); null while decoding or when decoding failed.
    std::shared_ptr<const ImagePyramid> pyramid(ItemId id) const;
    /// The decoded image; null while decoding or when decoding failed.
    QImage image(ItemId id) const;
    /// Why decoding failed; empty otherwise.
    QString error(ItemId id) const;
    /// Why the last requestFrame of the item failed (the frame before stays); empty when it
    /// did not. Cleared by reading it.
    QString takeFrameError(ItemId id);
    /// Drops what is kept for the item (it left the screen for good).
    void forget(ItemId id);

signals:
    /// The item's image (or its error) is ready; emitted on the prefetcher's thread.
    void imageReady(qint64 id);

private:
    void finished(ItemId id, const QImage& image, const QString& error);
    void startPyramid(ItemId id, const std::string& path, int frame);
    void finishedPyramid(ItemId id, std::shared_ptr<const ImagePyramid> pyramid, const QString& error);

    int mMaxSide;
    QThreadPool mPool;
    std::map<ItemId, QImage> mImages;
    std::map<ItemId, std::shared_ptr<const ImagePyramid>> mPyramids;
    std::map<ItemId, QString> mErrors;
    std::map<ItemId, QString> mFrameErrors;
    std::set<ItemId> mPending;
};

} // namespace pixmark
