#include "widgets/canvas/image_view.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace pixmark {

namespace {
constexpr int kTileSize = 512;
constexpr double kMaxScale = 64.0;
// About 256 MB of RGB32 tiles: several screens' worth at any zoom.
constexpr int kTileCacheTiles = 256;
// Milliseconds a frame may spend making tiles before it shows coarser ones instead.
constexpr qint64 kTileBudgetMs = 4;

quint64 tileKey(int level, int column, int row)
{
    return (static_cast<quint64>(level) << 48) | (static_cast<quint64>(column) << 24) | static_cast<quint64>(row);
}
} // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent), mTiles(kTileCacheTiles), mScaledTiles(kTileCacheTiles / 2)
{
    // While the zoom changes, tiles are drawn scaled on the fly (nearest pixel, fast);
    // once it rests this long, they are scaled smoothly once and blitted from then on.
    mSmoothTimer.setSingleShot(true);
    mSmoothTimer.setInterval(120);
    connect(&mSmoothTimer, &QTimer::timeout, this, [this] {
        mSmoothScale = mScale;
        mScaledTiles.clear();
        update();
    });
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
}

ImageView::~ImageView() = default;

void ImageView::setImage(std::shared_ptr<const ImagePyramid> pyramid, const QString& message)
{
    mImage = std::move(pyramid);
    mMessage = message;
    clearTiles();
    mTilesRendered = 0;
    mDrag = Drag::None;
    if (mImage) {
        mWindow = mImage->defaultWindow();
        mTable = isIdentity(mWindow, mImage->bitDepth()) ? std::vector<std::uint8_t>{}
                                                          : displayTable(mWindow, mImage->bitDepth(), mImage->signedSamples());
    }
    imageChanged();
    fitToWindow();
}

void ImageView::setFrameImage(std::shared_ptr<const ImagePyramid> pyramid)
{
    if (!mImage || !pyramid || pyramid->width() != mImage->width() || pyramid->height() != mImage->height() ||
        pyramid->bitDepth() != mImage->bitDepth()) {
        setImage(std::move(pyramid));
        return;
    }
    mImage = std::move(pyramid);
    clearTiles();
    frameChanged();
    update();
}

void ImageView::setRestingCursor(const QCursor& cursor)
{
    mRestingCursor = cursor;
    if (!isPanning())
        setCursor(cursor);
}

void ImageView::fitToWindow()
{
    mFitted = true;
    if (mImage && width() > 0 && height() > 0) {
        mScale = std::min(width() / static_cast<double>(mImage->width()), height() / static_cast<double>(mImage->height()));
        mOffset = QPointF((width() - mImage->width() * mScale) / 2, (height() - mImage->height() * mScale) / 2);
        clampOffset();
    }
    update();
    emit viewChanged();
}

void ImageView::zoomTo100()
{
    setScale(1.0);
}

void ImageView::setScale(double scale)
{
    // Set, not multiplied: 100 % is exactly 1.
    zoomTo(QPointF(width() / 2.0, height() / 2.0), scale);
}

void ImageView::zoomAt(const QPointF& widgetPoint, double factor)
{
    zoomTo(widgetPoint, mScale * factor);
}

void ImageView::zoomTo(const QPointF& widgetPoint, double wanted)
{
    if (!mImage)
        return;
    // Never smaller than a quarter of the fitted size, never beyond 64 screen pixels a pixel.
    const double fit = std::min(width() / static_cast<double>(mImage->width()), height() / static_cast<double>(mImage->height()));
    const double scale = std::clamp(wanted, std::min(fit / 4, 1.0), kMaxScale);
    const QPointF imagePoint = mapToImage(widgetPoint);
    mScale = scale;
    mOffset = widgetPoint - imagePoint * mScale;
    mFitted = false;
    clampOffset();
    update();
    emit viewChanged();
}

void ImageView::panBy(const QPointF& widgetDelta)
{
    mOffset += widgetDelta;
    mFitted = false;
    clampOffset();
    update();
    emit viewChanged();
}

void ImageView::clampOffset()
{
    if (!mImage)
        return;
    // Some of the image always stays in view: at least a quarter of the widget.
    const double w = mImage->width() * mScale;
    const double h = mImage->height() * mScale;
    const double marginX = width() * 0.75;
    const double marginY = height() * 0.75;
    mOffset.setX(std::clamp(mOffset.x(), -w + width() - marginX, marginX));
    mOffset.setY(std::clamp(mOffset.y(), -h + height() - marginY, marginY));
    // Whole screen pixels: at 100 % (and any whole zoom) each screen pixel then shows
    // exactly one image pixel and a click lands on a pixel, not between two.
    mOffset = QPointF(std::round(mOffset.x()), std::round(mOffset.y()));
}

QPointF ImageView::mapToImage(const QPointF& widgetPoint) const
{
    return (widgetPoint - mOffset) / mScale;
}

QPointF ImageView::mapFromImage(const QPointF& imagePoint) const
{
    return imagePoint * mScale + mOffset;
}

QRectF ImageView::mapFromImage(const QRectF& imageRect) const
{
    return QRectF(mapFromImage(imageRect.topLeft()), imageRect.size() * mScale);
}

QRectF ImageView::visibleImageRect() const
{
    if (!mImage)
        return {};
    const QRectF all(0, 0, mImage->width(), mImage->height());
    return QRectF(mapToImage(QPointF(0, 0)), mapToImage(QPointF(width(), height()))).intersected(all);
}

void ImageView::setWindowLevel(const WindowLevel& window)
{
    if (!mImage || window == mWindow)
        return;
    mWindow = window;
    mWindow.width = std::max(mWindow.width, 1.0);
    mTable = isIdentity(mWindow, mImage->bitDepth()) ? std::vector<std::uint8_t>{}
                                                      : displayTable(mWindow, mImage->bitDepth(), mImage->signedSamples());
    clearTiles();
    update();
    emit windowLevelChanged();
}

void ImageView::resetWindowLevel()
{
    if (mImage)
        setWindowLevel(mImage->defaultWindow());
}

void ImageView::setInverted(bool inverted)
{
    WindowLevel window = mWindow;
    window.invert = inverted;
    setWindowLevel(window);
}

int ImageView::levelFor(double scale) const
{
    // The smallest level still at least as detailed as the screen.
    int level = 0;
    while (level + 1 < mImage->levelCount() && scale * (1 << (level + 1)) <= 1.0)
        ++level;
    return level;
}

const QImage& ImageView::tile(int level, int column, int row)
{
    const quint64 key = tileKey(level, column, row);
    if (QImage* cached = mTiles.object(key))
        return *cached;
    auto* image = new QImage(
        mImage->renderTile(level, QRect(column * kTileSize, row * kTileSize, kTileSize, kTileSize), mTable));
    ++mTilesRendered;
    mTiles.insert(key, image);
    return *image;
}

void ImageView::clearTiles()
{
    mTiles.clear();
    mScaledTiles.clear();
    mSmoothScale = 0;
}

QRect ImageView::tileTarget(int level, int column, int row) const
{
    // Edges rounded on their own, so neighbouring tiles meet without a seam.
    const double perLevelX = mScale * mImage->width() / static_cast<double>(mImage->levelWidth(level));
    const double perLevelY = mScale * mImage->height() / static_cast<double>(mImage->levelHeight(level));
    const int left = qRound(mOffset.x() + column * kTileSize * perLevelX);
    const int top = qRound(mOffset.y() + row * kTileSize * perLevelY);
    const int right = qRound(mOffset.x() + std::min((column + 1) * kTileSize, mImage->levelWidth(level)) * perLevelX);
    const int bottom = qRound(mOffset.y() + std::min((row + 1) * kTileSize, mImage->levelHeight(level)) * perLevelY);
    return QRect(QPoint(left, top), QPoint(right - 1, bottom - 1));
}

bool ImageView::drawCoarser(QPainter& painter, int level, int column, int row)
{
    for (int coarser = level + 1; coarser < mImage->levelCount(); ++coarser) {
        const int shift = coarser - level;
        const QImage* cached = mTiles.object(tileKey(coarser, column >> shift, row >> shift));
        if (!cached)
            continue;
        const int part = kTileSize >> shift;
        const QRect source = QRect(((column & ((1 << shift) - 1)) * part), ((row & ((1 << shift) - 1)) * part), part, part)
                                 .intersected(cached->rect());
        if (source.isEmpty())
            return false;
        const double factorX = mImage->width() / static_cast<double>(mImage->levelWidth(coarser));
        const double factorY = mImage->height() / static_cast<double>(mImage->levelHeight(coarser));
        const QRectF target(((column >> shift) * kTileSize + source.x()) * factorX,
                            ((row >> shift) * kTileSize + source.y()) * factorY, source.width() * factorX,
                            source.height() * factorY);
        painter.drawImage(target, *cached, QRectF(source));
        return true;
    }
    return false;
}

const QImage& ImageView::scaledTile(int level, int column, int row, const QSize& size)
{
    const quint64 key = tileKey(level, column, row);
    if (QImage* cached = mScaledTiles.object(key); cached && cached->size() == size)
        return *cached;
    auto* image = new QImage(tile(level, column, row).scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    mScaledTiles.insert(key, image);
    return *image;
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x2b, 0x2b, 0x2b));
    if (!mImage) {
        painter.setPen(QColor(0xdd, 0xdd, 0xdd));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, mMessage);
        paintOverlay(painter);
        return;
    }
    const int level = levelFor(mScale);
    mLastLevel = level;
    const double factorX = mImage->width() / static_cast<double>(mImage->levelWidth(level));
    const double factorY = mImage->height() / static_cast<double>(mImage->levelHeight(level));
    const QRectF visible = visibleImageRect();
    const int firstColumn = std::max(0, static_cast<int>(visible.left() / factorX) / kTileSize);
    const int lastColumn = std::min((mImage->levelWidth(level) - 1) / kTileSize,
                                    static_cast<int>(visible.right() / factorX) / kTileSize);
    const int firstRow = std::max(0, static_cast<int>(visible.top() / factorY) / kTileSize);
    const int lastRow = std::min((mImage->levelHeight(level) - 1) / kTileSize,
                                 static_cast<int>(visible.bottom() / factorY) / kTileSize);
    // Zoomed out within the level at a zoom that rests: smooth tiles made once, blitted.
    if (mScale * factorX < 1.0 && mSmoothScale == mScale) {
        for (int row = firstRow; row <= lastRow; ++row)
            for (int column = firstColumn; column <= lastColumn; ++column) {
                const QRect target = tileTarget(level, column, row);
                if (!target.isEmpty())
                    painter.drawImage(target.topLeft(), scaledTile(level, column, row, target.size()));
            }
        paintOverlay(painter);
        return;
    }
    if (mScale * factorX < 1.0)
        mSmoothTimer.start();
    painter.save();
    // One affine map for the image and for mapToImage(): what is painted at a widget pixel
    // is the image pixel the tools receive there. Zoomed in, pixels stay crisp squares.
    painter.translate(mOffset);
    painter.scale(mScale, mScale);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    // A zoom that reaches a finer level needs many new tiles at once: a frame makes tiles
    // for a few milliseconds and shows the rest from a coarser level, then the next frames
    // fill them in.
    QElapsedTimer budget;
    budget.start();
    bool missing = false;
    for (int row = firstRow; row <= lastRow; ++row)
        for (int column = firstColumn; column <= lastColumn; ++column) {
            if (!mTiles.contains(tileKey(level, column, row)) && budget.elapsed() >= kTileBudgetMs &&
                drawCoarser(painter, level, column, row)) {
                missing = true;
                continue;
            }
            const QImage& image = tile(level, column, row);
            const QRectF target(column * kTileSize * factorX, row * kTileSize * factorY, image.width() * factorX,
                                image.height() * factorY);
            painter.drawImage(target, image);
        }
    painter.restore();
    if (missing)
        QTimer::singleShot(0, this, qOverload<>(&QWidget::update));
    paintOverlay(painter);
}

void ImageView::paintOverlay(QPainter&) {}
void ImageView::imagePressed(const QPointF&, QMouseEvent*) {}
void ImageView::imageMoved(const QPointF&, QMouseEvent*) {}
void ImageView::imageReleased(const QPointF&, QMouseEvent*) {}

void ImageView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (mFitted)
        fitToWindow();
}

void ImageView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAt(event->position(), std::pow(1.25, steps));
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && mSpaceHeld)) {
        mDrag = Drag::Pan;
        mDragFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (event->button() == Qt::RightButton && mImage) {
        mDrag = Drag::Window;
        mDragFrom = event->position();
        mDragWindow = mWindow;
        return;
    }
    if (event->button() == Qt::LeftButton)
        imagePressed(mapToImage(event->position()), event);
}

void ImageView::mouseMoveEvent(QMouseEvent* event)
{
    updateHover(event->position());
    if (mDrag == Drag::Pan) {
        panBy(event->position() - mDragFrom);
        mDragFrom = event->position();
        return;
    }
    if (mDrag == Drag::Window) {
        // Right drag: horizontal widens the window, vertical moves its center, over the
        // image's value range in about a screen width.
        const QPointF delta = event->position() - mDragFrom;
        const double range = mImage->bitDepth() == 16 ? std::max(mDragWindow.width, 64.0) : 255.0;
        WindowLevel window = mDragWindow;
        window.width = std::max(1.0, mDragWindow.width + delta.x() * range / 400.0);
        window.center = mDragWindow.center - delta.y() * range / 400.0;
        setWindowLevel(window);
        return;
    }
    imageMoved(mapToImage(event->position()), event);
}

void ImageView::mouseReleaseEvent(QMouseEvent* event)
{
    if (mDrag != Drag::None) {
        if ((mDrag == Drag::Pan && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) ||
            (mDrag == Drag::Window && event->button() == Qt::RightButton)) {
            mDrag = Drag::None;
            setCursor(mRestingCursor);
        }
        return;
    }
    if (event->button() == Qt::LeftButton)
        imageReleased(mapToImage(event->position()), event);
}

void ImageView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            mSpaceHeld = true;
            setCursor(Qt::OpenHandCursor);
        }
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAt(underMouse() ? mapFromGlobal(QCursor::pos()).toPointF() : QPointF(width() / 2.0, height() / 2.0), 1.25);
        return;
    case Qt::Key_Minus:
        zoomAt(underMouse() ? mapFromGlobal(QCursor::pos()).toPointF() : QPointF(width() / 2.0, height() / 2.0), 0.8);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void ImageView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        mSpaceHeld = false;
        if (mDrag == Drag::Pan)
            mDrag = Drag::None;
        setCursor(mRestingCursor);
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void ImageView::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    if (!mHoverText.isEmpty()) {
        mHoverText.clear();
        emit hoverTextChanged(mHoverText);
    }
}

void ImageView::updateHover(const QPointF& widgetPoint)
{
    QString text;
    if (mImage) {
        const QPointF at = mapToImage(widgetPoint);
        text = mImage->pixelText(static_cast<int>(std::floor(at.x())), static_cast<int>(std::floor(at.y())));
    }
    if (text != mHoverText) {
        mHoverText = text;
        emit hoverTextChanged(mHoverText);
    }
}

} // namespace pixmark
