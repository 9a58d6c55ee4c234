#include "widgets/canvas/box_canvas.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/tools/box_tool.h"
#include "widgets/tools/select_tool.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

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
    mBoxTool = std::make_unique<BoxTool>(*this);
    mSelectTool = std::make_unique<SelectTool>(*this);
    mTool = mBoxTool.get();
    setRestingCursor(mTool->cursor());
}

BoxCanvas::~BoxCanvas() = default;

void BoxCanvas::setDocument(AnnotationDocument* document)
{
    if (mTool && mDocument)
        mTool->cancel();
    disconnect(mDocumentConnection);
    mDocument = document;
    if (mDocument)
        mDocumentConnection = connect(mDocument, &AnnotationDocument::changed, this, [this] { update(); });
    update();
}

void BoxCanvas::setClasses(std::map<ClassId, ClassStyle> classes)
{
    mLayer.setClasses(std::move(classes));
    update();
}

void BoxCanvas::setTool(const QString& actionId)
{
    AbstractTool* next = actionId == mSelectTool->actionId() ? static_cast<AbstractTool*>(mSelectTool.get())
                                                             : static_cast<AbstractTool*>(mBoxTool.get());
    if (next == mTool)
        return;
    if (mDocument)
        mTool->deactivate();
    mTool = next;
    mTool->activate();
    setRestingCursor(mTool->cursor());
    toolUpdated();
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
    mDocument->addShapes({copy});
}

void BoxCanvas::deleteSelected()
{
    if (!editable() || mTool->isBusy())
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
    if (!mHidden)
        mLayer.paint(painter, *this, mDocument->shapes(), mDocument->selected());
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
}

void BoxCanvas::keyPressEvent(QKeyEvent* event)
{
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
