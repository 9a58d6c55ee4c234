#pragma once
// The magic wand (W): a click takes the connected pixels within the tolerance of the
// clicked pixel's color ([ and ] change the tolerance) as a polygon of the next class (an
// editable shape), or fills them into the mask in semantic projects. One undo step.

#include "core/geometry/mask_rle.h"
#include "widgets/tools/abstract_tool.h"

#include <QCoreApplication>

namespace pixmark {

class WandTool : public AbstractTool {
    Q_DECLARE_TR_FUNCTIONS(pixmark::WandTool)

public:
    explicit WandTool(ToolContext& context) : AbstractTool(context) {}

    QString actionId() const override { return QStringLiteral("tool-wand"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint, Qt::MouseButtons, Qt::KeyboardModifiers) override {}
    void mouseReleased(editing::ImagePoint, Qt::KeyboardModifiers) override {}
    bool cancel() override { return false; }
    bool isBusy() const override { return false; }
    void paint(QPainter&, const ImageView&) const override {}
    QString statusText() const override;
    QCursor cursor() const override { return Qt::PointingHandCursor; }
};

/// Puts an assist's region into the document: a polygon shape of the next class (its
/// largest part), or mask pixels of the class when the document has a label map. Says in
/// the status bar when the region is empty. Shared by the wand and box-to-polygon tools.
void placeAssistRegion(ToolContext& context, const MaskRle& region);

} // namespace pixmark
