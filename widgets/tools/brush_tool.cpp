#include "widgets/tools/brush_tool.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/image_view.h"

#include <QCoreApplication>
#include <QPainter>

#include <cmath>

namespace pixmark {

void BrushTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    AnnotationDocument& document = mContext.document();
    if (!document.labelMap()) {
        mContext.toolMessage(tr("The brush paints masks: this project has none."));
        return;
    }
    if (!mErasing && mContext.nextClass() == 0) {
        mContext.toolMessage(tr("Pick a class first (its number key)."));
        return;
    }
    document.beginMaskEdit();
    mStroking = true;
    mLast = point;
    mHover = point;
    document.strokeMask(point, point, mContext.brushRadius(), mErasing ? 0 : mContext.nextClass());
    mContext.toolUpdated();
}

void BrushTool::mouseMoved(editing::ImagePoint point, Qt::MouseButtons, Qt::KeyboardModifiers)
{
    mHover = point;
    if (mStroking) {
        mContext.document().strokeMask(mLast, point, mContext.brushRadius(), mErasing ? 0 : mContext.nextClass());
        mLast = point;
    }
    mContext.toolUpdated();
}

void BrushTool::mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    if (!mStroking)
        return;
    AnnotationDocument& document = mContext.document();
    document.strokeMask(mLast, point, mContext.brushRadius(), mErasing ? 0 : mContext.nextClass());
    document.endMaskEdit(mErasing ? tr("Erase") : tr("Brush stroke"));
    mStroking = false;
    mContext.toolUpdated();
}

bool BrushTool::cancel()
{
    if (!mStroking)
        return false;
    mContext.document().cancelMaskEdit();
    mStroking = false;
    mContext.toolUpdated();
    return true;
}

void BrushTool::paint(QPainter& painter, const ImageView& view) const
{
    if (!mHover)
        return;
    // The brush's reach around the pixel the stroke is centered on.
    const QPointF center = view.mapFromImage(QPointF(std::floor(mHover->x) + 0.5, std::floor(mHover->y) + 0.5));
    const double radius = (mContext.brushRadius() + 0.5) * view.scale();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0, 0, 0, 160), 3));
    painter.drawEllipse(center, radius, radius);
    painter.setPen(QPen(mErasing ? QColor(255, 120, 120) : QColor(255, 255, 255), 1));
    painter.drawEllipse(center, radius, radius);
    painter.restore();
}

QString BrushTool::statusText() const
{
    const int radius = static_cast<int>(mContext.brushRadius());
    return mErasing ? tr("Eraser: radius %1 px ([ and ] change it); drag to erase").arg(radius)
                    : tr("Brush: radius %1 px ([ and ] change it); drag to paint the class").arg(radius);
}

} // namespace pixmark
