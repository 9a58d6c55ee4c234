#pragma once
// The box tool (R): drag, or click and click, to draw a box of the next class; Esc drops
// it. Pressing a handle of the selected box resizes it instead. Crosshair guides follow
// the cursor. The drawing itself is core's BoxBuilder.

#include "core/editing/box_builder.h"
#include "widgets/tools/abstract_tool.h"
#include "widgets/tools/shape_drag.h"

#include <QCoreApplication>

#include <optional>

namespace pixmark {

class BoxTool : public AbstractTool {
    Q_DECLARE_TR_FUNCTIONS(pixmark::BoxTool)

public:
    explicit BoxTool(ToolContext& context);

    QString actionId() const override { return QStringLiteral("tool-box"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) override;
    void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    bool cancel() override;
    bool isBusy() const override;
    void paint(QPainter& painter, const ImageView& view) const override;
    bool showsCrosshair() const override { return true; }
    QString statusText() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }

    const editing::BoxBuilder& builder() const { return mBuilder; }

private:
    void finish(const std::optional<Box>& box);
    void resetBuilder();

    editing::BoxBuilder mBuilder;
    ShapeDrag mDrag;
};

} // namespace pixmark
