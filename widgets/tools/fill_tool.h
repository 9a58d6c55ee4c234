#pragma once
// Fill (L) for semantic masks: a click sets the clicked pixel's connected region (its
// 4-connected pixels of the same class, or of none) to the next class. One undo step.

#include "widgets/tools/abstract_tool.h"

namespace pixmark {

class FillTool : public AbstractTool {
public:
    explicit FillTool(ToolContext& context) : AbstractTool(context) {}

    QString actionId() const override { return QStringLiteral("tool-fill"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint, Qt::MouseButtons, Qt::KeyboardModifiers) override {}
    void mouseReleased(editing::ImagePoint, Qt::KeyboardModifiers) override {}
    bool cancel() override { return false; }
    bool isBusy() const override { return false; }
    void paint(QPainter&, const ImageView&) const override {}
    QString statusText() const override;
    QCursor cursor() const override { return Qt::PointingHandCursor; }
};

} // namespace pixmark
