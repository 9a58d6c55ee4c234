#include "widgets/labeling/image_prefetcher.h"

#include "core/ingest/image_readers.h"
#include "widgets/canvas/image_pyramid.h"

#include <QMetaObject>

#include <exception>
#include <new>

namespace pixmark {

namespace {
QImage toQImage(const ingest::DecodedImage& decoded)
{
    QImage::Format format = QImage::Format_RGB888;
    if (decoded.channels == 1)
        format = QImage::Format_Grayscale8;
    else if (decoded.channels == 4)
        format = QImage::Format_RGBA8888;
    const QImage view(decoded.samples8.data(), decoded.width, decoded.height, decoded.width * decoded.channels,
                      format);
    // Converted here, on the decoding thread, to the format that QImage's smooth scaling
    // works in: otherwise each tile's rescale converts its image on the UI thread at
    // submit time (about half of a 9-tile page turn). Also the deep copy: the view
    // borrows samples8, which dies with decoded.
    return view.convertToFormat(decoded.channels == 4 ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
}
} // namespace

ImagePrefetcher::ImagePrefetcher(int maxSide, QObject* parent) : QObject(parent), mMaxSide(maxSide)
{
    // Two decoders keep a page ahead without taking every core of a small machine.
    mPool.setMaxThreadCount(2);
}

ImagePrefetcher::~ImagePrefetcher()
{
    mPool.clear();
    mPool.waitForDone();
}

void ImagePrefetcher::request(ItemId id, const QString& filePath)
{
    if (isReady(id) || mPending.count(id))
        return;
    mPending.insert(id);
    const std::string path = filePath.toStdString();
    const int maxSide = mMaxSide;
    mPool.start([this, id, path, maxSide] {
        QImage image;
        QString error;
        try {
            ingest::DecodeOptions options;
            options.depth = ingest::DecodeOptions::Depth::Display8;
            options.maxSide = maxSide;
            image = toQImage(ingest::decodeImage(path, options));
        } catch (const std::exception& failure) {
            error = QString::fromStdString(failure.what());
        }
        // Queued to this object's thread; dropped if the prefetcher is gone by then.
        QMetaObject::invokeMethod(this, [this, id, image, error] { finished(id, image, error); },
                                  Qt::QueuedConnection);
    });
}

void ImagePrefetcher::requestPyramid(ItemId id, const QString& filePath)
{
    if (isReady(id) || mPending.count(id))
        return;
    startPyramid(id, filePath.toStdString(), 0);
}

void ImagePrefetcher::requestFrame(ItemId id, const QString& filePath, int frame)
{
    if (mPending.count(id))
        return;
    startPyramid(id, filePath.toStdString(), frame);
}

void ImagePrefetcher::startPyramid(ItemId id, const std::string& path, int frame)
{
    mPending.insert(id);
    mPool.start([this, id, path, frame] {
        std::shared_ptr<const ImagePyramid> pyramid;
        QString error;
        try {
            // The header tells the rescale and windows of DICOM; the pixels come as stored.
            const ingest::ImageHeader header = ingest::probeImage(path);
            ingest::DecodeOptions options;
            options.depth = ingest::DecodeOptions::Depth::Full;
            options.frame = frame;
            pyramid = ImagePyramid::build(ingest::decodeImage(path, options), header, frame);
        } catch (const std::bad_alloc&) {
            error = tr("not enough memory to show this image");
        } catch (const std::exception& failure) {
            error = QString::fromStdString(failure.what());
        }
        QMetaObject::invokeMethod(this, [this, id, pyramid, error] { finishedPyramid(id, pyramid, error); },
                                  Qt::QueuedConnection);
    });
}

std::shared_ptr<const ImagePyramid> ImagePrefetcher::pyramid(ItemId id) const
{
    const auto at = mPyramids.find(id);
    return at == mPyramids.end() ? nullptr : at->second;
}

void ImagePrefetcher::finishedPyramid(ItemId id, std::shared_ptr<const ImagePyramid> pyramid, const QString& error)
{
    if (!mPending.erase(id))
        return; // forgotten meanwhile
    if (error.isEmpty()) {
        mPyramids[id] = std::move(pyramid);
    } else if (mPyramids.count(id) == 0) {
        mErrors[id] = error;
    } else {
        // Another frame failed: the frame on screen stays; the page says why.
        mFrameErrors[id] = error;
    }
    emit imageReady(id);
}

QImage ImagePrefetcher::image(ItemId id) const
{
    const auto at = mImages.find(id);
    return at == mImages.end() ? QImage() : at->second;
}

QString ImagePrefetcher::error(ItemId id) const
{
    const auto at = mErrors.find(id);
    return at == mErrors.end() ? QString() : at->second;
}

QString ImagePrefetcher::takeFrameError(ItemId id)
{
    const auto at = mFrameErrors.find(id);
    if (at == mFrameErrors.end())
        return {};
    QString error = at->second;
    mFrameErrors.erase(at);
    return error;
}

void ImagePrefetcher::forget(ItemId id)
{
    mFrameErrors.erase(id);
    mImages.erase(id);
    mPyramids.erase(id);
    mErrors.erase(id);
    mPending.erase(id);
}

void ImagePrefetcher::finished(ItemId id, const QImage& image, const QString& error)
{
    if (!mPending.erase(id))
        return; // forgotten meanwhile
    if (error.isEmpty())
        mImages[id] = image;
    else
        mErrors[id] = error;
    emit imageReady(id);
}

} // namespace pixmark
