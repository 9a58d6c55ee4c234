#pragma once
// Box to polygon (C): drag a box around an object; GrabCut (core/editing/assists.h) finds
// the object inside it and the result is an editable polygon of the next class (mask pixels
// in semantic projects). One undo step; Esc drops the box being drawn.

#include "core/editing/box_builder.h"
#include "widgets/tools/abstract_tool.h"

#include <QCoreApplication>

namespace pixmark {

class GrabCutTool : public AbstractTool {
    Q_DECLARE_TR_FUNCTIONS(pixmark::GrabCutTool)

public:
    explicit GrabCutTool(ToolContext& context);

    QString actionId() const override { return QStringLiteral("tool-grabcut"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) override;
    void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    bool cancel() override;
    bool isBusy() const override { return mBuilder.isActive(); }
    void paint(QPainter& painter, const ImageView& view) const override;
    bool showsCrosshair() const override { return true; }
    QString statusText() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }

private:
    void finish(const std::optional<Box>& box);

    editing::BoxBuilder mBuilder;
};

} // namespace pixmark
