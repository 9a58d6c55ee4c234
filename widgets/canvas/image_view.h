#pragma once
// The image view every canvas builds on: zoom at the cursor (wheel, + / -), fit, 100 %,
// pan (Space + drag, middle drag), window/level by right drag, and exact mapping between
// widget and image pixels at any zoom. Paints the visible tiles of an ImagePyramid from
// the level that matches the zoom; subclasses paint their layers on top and receive the
// left-button mouse events in image coordinates.

#include "widgets/canvas/image_pyramid.h"

#include <QCache>
#include <QTimer>
#include <QCursor>
#include <QWidget>

#include <memory>
#include <vector>

namespace pixmark {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);
    ~ImageView() override;

    /// Shows pyramid (shared with whoever decoded it), fitted to the view, at its default
    /// window. Null shows message instead.
    void setImage(std::shared_ptr<const ImagePyramid> pyramid, const QString& message = {});
    /// Another frame of the image on screen: keeps zoom, pan and window/level when the size
    /// is the same (else as setImage).
    void setFrameImage(std::shared_ptr<const ImagePyramid> pyramid);
    const ImagePyramid* image() const { return mImage.get(); }
    bool hasImage() const { return mImage != nullptr; }

    /// Screen pixels per image pixel.
    double scale() const { return mScale; }
    /// Zooms so that imagePoint stays under widgetPoint (zoom at the cursor).
    void zoomAt(const QPointF& widgetPoint, double factor);
    /// Sets the zoom, keeping the image point at the view's center where it is.
    void setScale(double scale);
    void fitToWindow();
    void zoomTo100();
    void panBy(const QPointF& widgetDelta);

    /// Widget to image coordinates and back (exact: the same affine map paints the image).
    QPointF mapToImage(const QPointF& widgetPoint) const;
    QPointF mapFromImage(const QPointF& imagePoint) const;
    QRectF mapFromImage(const QRectF& imageRect) const;
    /// The part of the image in view, in image pixels.
    QRectF visibleImageRect() const;

    const WindowLevel& windowLevel() const { return mWindow; }
    void setWindowLevel(const WindowLevel& window);
    void resetWindowLevel();
    void setInverted(bool inverted);

    /// The cursor shown when no pan is in progress (the tool's).
    void setRestingCursor(const QCursor& cursor);

    /// The pixel readout under the cursor, as the status bar shows it.
    QString hoverText() const { return mHoverText; }
    /// The pyramid level the last paint used (0 is full resolution).
    int lastPaintLevel() const { return mLastLevel; }
    /// Tiles rendered since the image was set (tiles come from a cache after that).
    int tilesRendered() const { return mTilesRendered; }

signals:
    /// Zoom or pan changed.
    void viewChanged();
    void windowLevelChanged();
    /// The pixel readout changed (cursor moved over another pixel, or left the image).
    void hoverTextChanged(const QString& text);

protected:
    /// Paints what lies on the image; painter works in widget coordinates.
    virtual void paintOverlay(QPainter& painter);
    /// Left-button (and plain) mouse events, in image coordinates. Pan, zoom and
    /// window/level gestures are handled before and never reach these.
    virtual void imagePressed(const QPointF& imagePoint, QMouseEvent* event);
    virtual void imageMoved(const QPointF& imagePoint, QMouseEvent* event);
    virtual void imageReleased(const QPointF& imagePoint, QMouseEvent* event);
    /// A new image was set (subclasses reset what depends on it).
    virtual void imageChanged() {}
    /// Another frame of the same image was set (setFrameImage): the pixels changed, the view
    /// did not.
    virtual void frameChanged() {}
    /// True while Space is held or a pan drag runs (subclasses hide their cursor work).
    bool isPanning() const { return mSpaceHeld || mDrag == Drag::Pan; }

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Pan, Window };
    void updateHover(const QPointF& widgetPoint);
    void zoomTo(const QPointF& widgetPoint, double scale);
    void clampOffset();
    int levelFor(double scale) const;
    const QImage& tile(int level, int column, int row);
    /// The tile smoothly scaled to size (zoomed out, at a settled zoom).
    const QImage& scaledTile(int level, int column, int row, const QSize& size);
    QRect tileTarget(int level, int column, int row) const;
    /// Draws the part of a cached coarser tile that covers (level, column, row), in image
    /// coordinates; false when no coarser level has it.
    bool drawCoarser(QPainter& painter, int level, int column, int row);
    void clearTiles();

    std::shared_ptr<const ImagePyramid> mImage;
    QString mMessage;
    double mScale = 1.0;
    QPointF mOffset; ///< widget position of image point (0, 0)
    bool mFitted = true; ///< refit on resize until the user zooms or pans
    WindowLevel mWindow;
    std::vector<std::uint8_t> mTable; ///< displayTable(mWindow); empty for the identity
    QCache<quint64, QImage> mTiles;
    QCache<quint64, QImage> mScaledTiles;
    double mSmoothScale = 0; ///< the zoom mScaledTiles were made for
    QTimer mSmoothTimer;     ///< a zoom that settles gets smooth tiles
    int mTilesRendered = 0;
    int mLastLevel = 0;
    bool mSpaceHeld = false;
    Drag mDrag = Drag::None;
    QPointF mDragFrom;
    WindowLevel mDragWindow;
    QString mHoverText;
    QCursor mRestingCursor;
};

} // namespace pixmark
