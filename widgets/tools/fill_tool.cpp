#include "widgets/tools/fill_tool.h"

#include "widgets/canvas/annotation_document.h"

#include <QCoreApplication>

#include <cmath>

namespace pixmark {

void FillTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    AnnotationDocument& document = mContext.document();
    if (!document.labelMap()) {
        mContext.toolMessage(QCoreApplication::translate("pixmark::FillTool", "Fill paints masks: this project has none."));
        return;
    }
    if (!document.floodFillMask(static_cast<int>(std::floor(point.x)), static_cast<int>(std::floor(point.y)),
                                mContext.nextClass()))
        mContext.toolMessage(QCoreApplication::translate("pixmark::FillTool", "That region has this class already."));
    mContext.toolUpdated();
}

QString FillTool::statusText() const
{
    return QCoreApplication::translate("pixmark::FillTool", "Fill: click a region to give it the class");
}

} // namespace pixmark
