#include "widgets/tools/wand_tool.h"

#include "core/editing/assists.h"
#include "widgets/canvas/annotation_document.h"

#include <QCoreApplication>

namespace pixmark {

void placeAssistRegion(ToolContext& context, const MaskRle& region)
{
    AnnotationDocument& document = context.document();
    if (document.paintsMasks()) {
        if (!document.fillMask(region, context.nextClass()))
            context.toolMessage(WandTool::tr("The assist found nothing new to fill."));
        return;
    }
    const std::optional<Polygon> outline = polygonFromMask(region);
    if (!outline || outline->points.size() < 3) {
        context.toolMessage(WandTool::tr("The assist found no region there."));
        return;
    }
    document.addPolygon(context.nextClass(), *outline);
}

void WandTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    const editing::PixelView pixels = mContext.displayPixels();
    try {
        placeAssistRegion(mContext, editing::magicWandMask(pixels, point, mContext.wandTolerance()));
    } catch (const std::exception& error) {
        mContext.toolMessage(tr("Magic wand: %1").arg(QString::fromStdString(error.what())));
    }
    mContext.toolUpdated();
}

QString WandTool::statusText() const
{
    return tr("Magic wand: click a region; tolerance %1 ([ and ] change it)").arg(mContext.wandTolerance());
}

} // namespace pixmark
