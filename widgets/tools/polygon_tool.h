#pragma once
// The polygon tool (P): click vertices; a click on the first vertex, a double-click, or
// Enter closes the outline; Backspace removes the last vertex; Esc drops it all. An edge
// that would cross the outline is refused with a message. While nothing is drawn, the
// selected polygon's vertices and edges can be edited as with the select tool. In an
// instance document the polygon becomes a shape; in a semantic one (the document has a
// label map) it fills the mask with the class. The drawing itself is core's PolygonBuilder.

#include "core/editing/polygon_builder.h"
#include "widgets/tools/abstract_tool.h"
#include "widgets/tools/polygon_vertex_edit.h"

#include <QCoreApplication>

namespace pixmark {

class PolygonTool : public AbstractTool {
    Q_DECLARE_TR_FUNCTIONS(pixmark::PolygonTool)

public:
    explicit PolygonTool(ToolContext& context);

    QString actionId() const override { return QStringLiteral("tool-polygon"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) override;
    void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseDoubleClicked(editing::ImagePoint point) override;
    bool cancel() override;
    bool isBusy() const override { return mBuilder.isActive() || mVertexEdit.isActive(); }
    bool takesKey(int key) const override;
    bool keyPressed(int key, Qt::KeyboardModifiers modifiers) override;
    bool deleteSubSelection() override;
    std::optional<std::size_t> activeVertex() const override { return mVertexEdit.activeVertex(); }
    void paint(QPainter& painter, const ImageView& view) const override;
    QString statusText() const override;
    QCursor cursor() const override { return Qt::CrossCursor; }

    const editing::PolygonBuilder& builder() const { return mBuilder; }

private:
    void handle(const editing::PolygonResult& result);

    editing::PolygonBuilder mBuilder;
    PolygonVertexEdit mVertexEdit;
};

} // namespace pixmark
