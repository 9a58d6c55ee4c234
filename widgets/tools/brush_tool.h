#pragma once
// The brush (B) and the eraser (E) of semantic masks: press and drag to paint the next
// class (or erase any class) within the brush radius ([ and ] change it). A stroke, press
// to release, is one undo step; Esc during a stroke takes it back. Pixels change on screen
// as the stroke goes (the document's mask edit).

#include "widgets/tools/abstract_tool.h"

#include <QCoreApplication>

namespace pixmark {

class BrushTool : public AbstractTool {
    Q_DECLARE_TR_FUNCTIONS(pixmark::BrushTool)

public:
    /// erasing: the eraser (sets pixels to no class).
    BrushTool(ToolContext& context, bool erasing) : AbstractTool(context), mErasing(erasing) {}

    QString actionId() const override
    {
        return mErasing ? QStringLiteral("tool-eraser") : QStringLiteral("tool-brush");
    }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) override;
    void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    bool cancel() override;
    bool isBusy() const override { return mStroking; }
    void paint(QPainter& painter, const ImageView& view) const override;
    QString statusText() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }

private:
    bool mErasing;
    bool mStroking = false;
    editing::ImagePoint mLast;
    std::optional<editing::ImagePoint> mHover;
};

} // namespace pixmark
