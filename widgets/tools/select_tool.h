#pragma once
// Select / edit (V): click a shape to select it (the smallest under the cursor), drag it
// to move, drag one of the selected box's eight handles to resize; on a selected polygon,
// drag a vertex, press an edge to insert one, Alt+click or Del to remove one. Esc undoes
// the drag in progress.

#include "widgets/tools/abstract_tool.h"
#include "widgets/tools/polygon_vertex_edit.h"
#include "widgets/tools/shape_drag.h"

namespace pixmark {

class SelectTool : public AbstractTool {
public:
    explicit SelectTool(ToolContext& context) : AbstractTool(context) {}

    QString actionId() const override { return QStringLiteral("tool-select"); }
    void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) override;
    void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) override;
    bool cancel() override;
    bool isBusy() const override { return mDrag.isActive() || mVertexEdit.isActive(); }
    bool deleteSubSelection() override { return mVertexEdit.removeActive(mContext); }
    std::optional<std::size_t> activeVertex() const override { return mVertexEdit.activeVertex(); }
    void paint(QPainter&, const ImageView&) const override {}
    QString statusText() const override;

private:
    ShapeDrag mDrag;
    PolygonVertexEdit mVertexEdit;
};

/// The editable (visible, unlocked) shape the user most likely means at point: the
/// smallest containing it (a polygon by its outline, not its box); 0 when none.
ShapeId shapeAt(const AnnotationDocument& document, editing::ImagePoint point);

} // namespace pixmark
