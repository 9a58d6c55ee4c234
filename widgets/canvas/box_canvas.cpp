#include "widgets/canvas/box_canvas.h"

#include "core/editing/polygon_edit.h"
#include "widgets/canvas/annotation_document.h"
#include "widgets/tools/box_tool.h"
#include "widgets/tools/brush_tool.h"
#include "widgets/tools/fill_tool.h"
#include "widgets/tools/grabcut_tool.h"
#include "widgets/tools/polygon_tool.h"
#include "widgets/tools/select_tool.h"
#include "widgets/tools/wand_tool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace pixmark {

namespace {
constexpr double kDuplicateOffset = 10;

editing::ImagePoint toPoint(const QPointF& point)
{
    return editing::ImagePoint{point.x(), point.y()};
}
} // namespace

BoxCanvas::BoxCanvas(QWidget* parent) : ImageView(parent)
{
    setObjectName(QStringLiteral("boxCanvas"));
    mTools.push_back(std::make_unique<BoxTool>(*this));
    mTools.push_back(std::make_unique<SelectTool>(*this));
    mTools.push_back(std::make_unique<PolygonTool>(*this));
    mTools.push_back(std::make_unique<BrushTool>(*this, false));
    mTools.push_back(std::make_unique<BrushTool>(*this, true));
    mTools.push_back(std::make_unique<FillTool>(*this));
    mTools.push_back(std::make_unique<WandTool>(*this));
    mTools.push_back(std::make_unique<GrabCutTool>(*this));
    mTool = mTools.front().get();
    setRestingCursor(mTool->cursor());
    connect(this, &ImageView::windowLevelChanged, this, [this] { mDisplayPixels = QImage(); });
}

BoxCanvas::~BoxCanvas() = default;

void BoxCanvas::setDocument(AnnotationDocument* document)
{
    if (mTool && mDocument)
        mTool->cancel();
    disconnect(mDocumentConnection);
    mDocument = document;
    mMaskLayer.clear();
    if (mDocument) {
        mDocumentConnection = connect(mDocument, &AnnotationDocument::changed, this, &BoxCanvas::documentChanged);
        if (mDocument->labelMap())
            mMaskLayer.refresh(*mDocument->labelMap());
    }
    update();
}

void BoxCanvas::documentChanged(const ChangeEvent& event)
{
    if (event.kind == ChangeEvent::Kind::Mask && mDocument && mDocument->labelMap())
        mMaskLayer.refresh(*mDocument->labelMap(), event.rect);
    update();
}

void BoxCanvas::setClasses(std::map<ClassId, ClassStyle> classes)
{
    mMaskLayer.setClasses(classes);
    if (mDocument && mDocument->labelMap())
        mMaskLayer.refresh(*mDocument->labelMap());
    mLayer.setClasses(std::move(classes));
    update();
}

void BoxCanvas::setTool(const QString& actionId)
{
    const auto found = std::find_if(mTools.begin(), mTools.end(),
                                    [&](const auto& tool) { return tool->actionId() == actionId; });
    if (found == mTools.end())
        return;
    AbstractTool* next = found->get();
    if (next == mTool)
        return;
    if (mDocument)
        mTool->deactivate();
    mTool = next;
    mTool->activate();
    setRestingCursor(mTool->cursor());
    toolUpdated();
}

const BoxTool& BoxCanvas::boxTool() const
{
    return static_cast<const BoxTool&>(*mTools.front());
}

void BoxCanvas::setBrushRadius(double radius)
{
    mBrushRadius = std::clamp(std::round(radius), 1.0, 200.0);
    toolUpdated();
}

void BoxCanvas::changeBrushSize(int steps)
{
    if (mTool->actionId() == QStringLiteral("tool-wand")) {
        mWandTolerance = std::clamp(mWandTolerance + 4 * steps, 0, 255);
        toolUpdated();
        return;
    }
    // Steps of about an eighth, at least a pixel: fine when small, quick when large.
    double radius = mBrushRadius;
    for (int i = 0; i < std::abs(steps); ++i)
        radius = steps > 0 ? std::max(radius + 1, std::round(radius * 1.125)) : std::min(radius - 1, std::round(radius / 1.125));
    setBrushRadius(radius);
}

editing::PixelView BoxCanvas::displayPixels()
{
    if (!image())
        return {};
    if (mDisplayPixels.isNull()) {
        const ImagePyramid& pyramid = *image();
        const std::vector<std::uint8_t> table = isIdentity(windowLevel(), pyramid.bitDepth())
                                                    ? std::vector<std::uint8_t>{}
                                                    : displayTable(windowLevel(), pyramid.bitDepth(), pyramid.signedSamples());
        mDisplayPixels = pyramid.renderTile(0, QRect(0, 0, pyramid.width(), pyramid.height()), table);
    }
    return editing::PixelView{mDisplayPixels.constBits(), mDisplayPixels.width(), mDisplayPixels.height(),
                              static_cast<std::size_t>(mDisplayPixels.bytesPerLine()), 4};
}

QString BoxCanvas::toolStatus() const
{
    return mTool->statusText();
}

editing::BoxLimits BoxCanvas::limits() const
{
    editing::BoxLimits limits;
    if (mDocument) {
        limits.imageWidth = mDocument->imageWidth();
        limits.imageHeight = mDocument->imageHeight();
    } else if (image()) {
        limits.imageWidth = image()->width();
        limits.imageHeight = image()->height();
    } else {
        limits.imageWidth = limits.imageHeight = 1;
    }
    return limits;
}

void BoxCanvas::rememberBoxSize(double width, double height)
{
    mLastBoxSize = QSizeF(width, height);
}

void BoxCanvas::toolUpdated()
{
    update();
    emit toolStatusChanged(mTool->statusText());
}

bool BoxCanvas::editable() const
{
    return mDocument && hasImage();
}

void BoxCanvas::applyClass(ClassId classId)
{
    if (mDocument && mDocument->selected() != 0) {
        const Shape* shape = mDocument->shape(mDocument->selected());
        if (shape && shape->locked) {
            emit message(tr("The selected shape is locked: unlock it in the shape list to change its class."));
            return;
        }
        mDocument->changeClass({mDocument->selected()}, classId);
        return;
    }
    mNextClass = classId;
    emit message(tr("The next box gets class %1.").arg(mLayer.style(classId).name));
}

bool BoxCanvas::placeTemplateBox()
{
    if (!editable())
        return false;
    if (!mLastBoxSize) {
        emit message(tr("No template yet: draw a box first, then T repeats its size."));
        return false;
    }
    const QPointF at = mCursor && image() ? *mCursor : visibleImageRect().center();
    const Box box = editing::boxCenteredAt(toPoint(at), mLastBoxSize->width(), mLastBoxSize->height(), limits());
    mDocument->addBox(mNextClass, box);
    return true;
}

void BoxCanvas::duplicateSelected()
{
    if (!editable())
        return;
    const Shape* shape = mDocument->shape(mDocument->selected());
    if (!shape) {
        emit message(tr("Select a shape to duplicate."));
        return;
    }
    Shape copy = *shape;
    copy.box = editing::moveBox(shape->box, kDuplicateOffset, kDuplicateOffset, limits());
    if (shape->isPolygon())
        copy.polygon = editing::mapPolygon(shape->polygon, shape->box, copy.box);
    mDocument->addShapes({copy});
}

void BoxCanvas::deleteSelected()
{
    if (!editable())
        return;
    // A polygon's active vertex (or the last vertex of one being drawn) goes first.
    if (mTool->deleteSubSelection())
        return;
    if (mTool->isBusy())
        return;
    const Shape* shape = mDocument->shape(mDocument->selected());
    if (!shape) {
        emit message(tr("Select a shape to delete."));
        return;
    }
    if (shape->locked) {
        emit message(tr("The selected shape is locked: unlock it in the shape list to delete it."));
        return;
    }
    mDocument->removeShapes({shape->id});
}

void BoxCanvas::nudgeSelected(int dx, int dy)
{
    if (!editable() || mTool->isBusy())
        return;
    const Shape* shape = mDocument->shape(mDocument->selected());
    if (!shape)
        return;
    // Each press is its own step: a nudge is a deliberate, countable edit.
    mDocument->setBox(shape->id, editing::moveBox(shape->box, dx, dy, limits()), false);
}

void BoxCanvas::cycleShapesUnderCursor()
{
    if (!editable() || !mCursor || mHidden)
        return;
    std::vector<Box> boxes;
    std::vector<ShapeId> ids;
    for (const Shape& shape : mDocument->shapes())
        if (shape.visible && !shape.locked) {
            boxes.push_back(shape.box);
            ids.push_back(shape.id);
        }
    const auto hits = editing::boxesAt(boxes, toPoint(*mCursor));
    if (hits.empty())
        return;
    std::size_t next = 0;
    for (std::size_t i = 0; i < hits.size(); ++i)
        if (ids[hits[i]] == mDocument->selected())
            next = (i + 1) % hits.size();
    mDocument->select(ids[hits[next]]);
}

void BoxCanvas::cancel()
{
    if (mDocument && mTool->cancel())
        return;
    if (mDocument)
        mDocument->select(0);
}

void BoxCanvas::setShapesHidden(bool hidden)
{
    mHidden = hidden;
    update();
}

void BoxCanvas::setShapesOpacity(double opacity)
{
    mLayer.setOpacity(std::clamp(opacity, 0.0, 1.0));
    update();
}

void BoxCanvas::paintOverlay(QPainter& painter)
{
    if (!mDocument || !hasImage())
        return;
    if (!mHidden) {
        mMaskLayer.paint(painter, *this);
        mLayer.paint(painter, *this, mDocument->shapes(), mDocument->selected(), mTool->activeVertex());
    }
    mTool->paint(painter, *this);
    if (mTool->showsCrosshair() && mCursor && !isPanning()) {
        const QPointF at = mapFromImage(*mCursor);
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing, false);
        // Two pens so the guides show on light and dark images alike.
        painter.setPen(QPen(QColor(0, 0, 0, 140), 1));
        painter.drawLine(QPointF(0, at.y() + 1), QPointF(width(), at.y() + 1));
        painter.drawLine(QPointF(at.x() + 1, 0), QPointF(at.x() + 1, height()));
        painter.setPen(QPen(QColor(255, 255, 255, 200), 1, Qt::DashLine));
        painter.drawLine(QPointF(0, at.y()), QPointF(width(), at.y()));
        painter.drawLine(QPointF(at.x(), 0), QPointF(at.x(), height()));
        painter.restore();
    }
}

void BoxCanvas::imagePressed(const QPointF& imagePoint, QMouseEvent* event)
{
    if (!editable())
        return;
    mCursor = imagePoint;
    mTool->mousePressed(toPoint(imagePoint), event->modifiers());
}

void BoxCanvas::imageMoved(const QPointF& imagePoint, QMouseEvent* event)
{
    mCursor = imagePoint;
    if (!editable())
        return;
    mTool->mouseMoved(toPoint(imagePoint), event->buttons(), event->modifiers());
    if (mTool->showsCrosshair())
        update();
}

void BoxCanvas::imageReleased(const QPointF& imagePoint, QMouseEvent* event)
{
    if (!editable())
        return;
    mCursor = imagePoint;
    mTool->mouseReleased(toPoint(imagePoint), event->modifiers());
}

void BoxCanvas::imageChanged()
{
    if (mDocument)
        mTool->cancel();
    mCursor.reset();
    mDisplayPixels = QImage();
}

void BoxCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    // The second click's press and release were delivered already; only the tools that
    // mean something by a double-click hear of it.
    if (event->button() == Qt::LeftButton && editable() && !isPanning())
        mTool->mouseDoubleClicked(toPoint(mapToImage(event->position())));
}

bool BoxCanvas::event(QEvent* event)
{
    // Enter and Backspace belong to the polygon being drawn, not to the window's Submit.
    if (event->type() == QEvent::ShortcutOverride && mDocument) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (mTool->takesKey(key->key())) {
            event->accept();
            return true;
        }
    }
    return ImageView::event(event);
}

void BoxCanvas::keyPressEvent(QKeyEvent* event)
{
    if (mDocument && mTool->keyPressed(event->key(), event->modifiers()))
        return;
    const int step = event->modifiers() & Qt::ShiftModifier ? 10 : 1;
    switch (event->key()) {
    case Qt::Key_Left:
        nudgeSelected(-step, 0);
        return;
    case Qt::Key_Right:
        nudgeSelected(step, 0);
        return;
    case Qt::Key_Up:
        nudgeSelected(0, -step);
        return;
    case Qt::Key_Down:
        nudgeSelected(0, step);
        return;
    default:
        ImageView::keyPressEvent(event);
    }
}

void BoxCanvas::leaveEvent(QEvent* event)
{
    ImageView::leaveEvent(event);
    if (!mTool->isBusy()) {
        mCursor.reset();
        update();
    }
}

bool BoxCanvas::focusNextPrevChild(bool)
{
    // Tab cycles shapes (the window's action); it never moves the focus off the canvas.
    return false;
}

} // namespace pixmark
