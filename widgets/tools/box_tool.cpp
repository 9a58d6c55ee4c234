#include "widgets/tools/box_tool.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/image_view.h"

#include <QCoreApplication>
#include <QPainter>

namespace pixmark {

namespace {
// Handles are grabbed within this many screen pixels; a click moves less than this.
constexpr double kHandleScreenPixels = 6;
constexpr double kClickScreenPixels = 3;

} // namespace

BoxTool::BoxTool(ToolContext& context)
    : AbstractTool(context), mBuilder(context.limits().imageWidth, context.limits().imageHeight)
{
}

void BoxTool::resetBuilder()
{
    const editing::BoxLimits limits = mContext.limits();
    mBuilder = editing::BoxBuilder(limits.imageWidth, limits.imageHeight);
    mBuilder.setMinimumSize(limits.minimumSize);
}

void BoxTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    const double perScreen = mContext.imagePixelsPerScreenPixel();
    if (!mBuilder.isActive()) {
        // The image may have changed since the last box (a new item).
        resetBuilder();
        const AnnotationDocument& document = mContext.document();
        if (const Shape* selected = document.shape(document.selected()); selected && selected->visible) {
            const editing::BoxHandle handle = editing::handleAt(selected->box, point, kHandleScreenPixels * perScreen);
            if (handle != editing::BoxHandle::None && handle != editing::BoxHandle::Inside &&
                mDrag.begin(mContext, selected->id, handle, point))
                return;
        }
    }
    mBuilder.setClickTolerance(kClickScreenPixels * perScreen);
    finish(mBuilder.press(point));
    mContext.toolUpdated();
}

void BoxTool::mouseMoved(editing::ImagePoint point, Qt::MouseButtons, Qt::KeyboardModifiers)
{
    if (mDrag.isActive())
        mDrag.move(point);
    else
        mBuilder.move(point);
    mContext.toolUpdated();
}

void BoxTool::mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    if (mDrag.isActive()) {
        mDrag.move(point);
        mDrag.end();
        return;
    }
    finish(mBuilder.release(point));
    mContext.toolUpdated();
}

void BoxTool::finish(const std::optional<Box>& box)
{
    if (!box)
        return;
    mContext.document().addBox(mContext.nextClass(), *box);
    mContext.rememberBoxSize(box->w, box->h);
}

bool BoxTool::cancel()
{
    if (mDrag.isActive()) {
        mDrag.cancel();
        mContext.toolUpdated();
        return true;
    }
    if (!mBuilder.isActive())
        return false;
    mBuilder.cancel();
    mContext.toolUpdated();
    return true;
}

bool BoxTool::isBusy() const
{
    return mDrag.isActive() || mBuilder.isActive();
}

void BoxTool::paint(QPainter& painter, const ImageView& view) const
{
    if (!mBuilder.isActive())
        return;
    const Box box = mBuilder.draft();
    const QRectF rect = view.mapFromImage(QRectF(box.x, box.y, box.w, box.h));
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Red while the box is still too small to be kept.
    QPen pen(mBuilder.draftIsBigEnough() ? QColor(255, 255, 255) : QColor(230, 60, 60), 1, Qt::DashLine);
    painter.setPen(pen);
    painter.setBrush(QColor(255, 255, 255, 30));
    painter.drawRect(rect);
    painter.restore();
}

QString BoxTool::statusText() const
{
    if (mBuilder.state() == editing::BoxBuilder::State::ClickClick)
        return tr("Box: click the opposite corner (Esc cancels)");
    if (mBuilder.isActive()) {
        const Box box = mBuilder.draft();
        return tr("Box: %1 × %2 px at %3, %4 (Esc cancels)").arg(box.w).arg(box.h).arg(box.x).arg(box.y);
    }
    return tr("Box: drag, or click two corners");
}

} // namespace pixmark
