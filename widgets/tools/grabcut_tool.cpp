#include "widgets/tools/grabcut_tool.h"

#include "core/editing/assists.h"
#include "widgets/canvas/image_view.h"
#include "widgets/tools/wand_tool.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QPainter>

namespace pixmark {

namespace {
constexpr double kClickScreenPixels = 3;

} // namespace

GrabCutTool::GrabCutTool(ToolContext& context)
    : AbstractTool(context), mBuilder(context.limits().imageWidth, context.limits().imageHeight)
{
}

void GrabCutTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    if (!mBuilder.isActive()) {
        const editing::BoxLimits limits = mContext.limits();
        mBuilder = editing::BoxBuilder(limits.imageWidth, limits.imageHeight);
        mBuilder.setMinimumSize(4);
    }
    mBuilder.setClickTolerance(kClickScreenPixels * mContext.imagePixelsPerScreenPixel());
    finish(mBuilder.press(point));
    mContext.toolUpdated();
}

void GrabCutTool::mouseMoved(editing::ImagePoint point, Qt::MouseButtons, Qt::KeyboardModifiers)
{
    mBuilder.move(point);
    mContext.toolUpdated();
}

void GrabCutTool::mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    finish(mBuilder.release(point));
    mContext.toolUpdated();
}

void GrabCutTool::finish(const std::optional<Box>& box)
{
    if (!box)
        return;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        placeAssistRegion(mContext, editing::grabCutMask(mContext.displayPixels(), *box));
    } catch (const std::exception& error) {
        mContext.toolMessage(tr("Box to polygon: %1").arg(QString::fromStdString(error.what())));
    }
    QGuiApplication::restoreOverrideCursor();
}

bool GrabCutTool::cancel()
{
    if (!mBuilder.isActive())
        return false;
    mBuilder.cancel();
    mContext.toolUpdated();
    return true;
}

void GrabCutTool::paint(QPainter& painter, const ImageView& view) const
{
    if (!mBuilder.isActive())
        return;
    const Box box = mBuilder.draft();
    painter.save();
    painter.setPen(QPen(QColor(255, 220, 0), 1, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(view.mapFromImage(QRectF(box.x, box.y, box.w, box.h)));
    painter.restore();
}

QString GrabCutTool::statusText() const
{
    return tr("Box to polygon: drag a box around one object (GrabCut outlines it)");
}

} // namespace pixmark
