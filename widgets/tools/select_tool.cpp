#include "widgets/tools/select_tool.h"

#include "widgets/canvas/annotation_document.h"

#include <QCoreApplication>

namespace pixmark {

namespace {
constexpr double kHandleScreenPixels = 6;
}

ShapeId shapeAt(const AnnotationDocument& document, editing::ImagePoint point)
{
    std::vector<Box> boxes;
    std::vector<ShapeId> ids;
    for (const Shape& shape : document.shapes())
        if (shape.visible && !shape.locked && (!shape.isPolygon() || contains(shape.polygon, Point{point.x, point.y}))) {
            boxes.push_back(shape.box);
            ids.push_back(shape.id);
        }
    const auto hits = editing::boxesAt(boxes, point);
    return hits.empty() ? 0 : ids[hits.front()];
}

void SelectTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers)
{
    AnnotationDocument& document = mContext.document();
    const double tolerance = kHandleScreenPixels * mContext.imagePixelsPerScreenPixel();
    if (mVertexEdit.press(mContext, point, modifiers) != PolygonVertexEdit::Press::Missed) {
        mContext.toolUpdated();
        return;
    }
    if (const Shape* selected = document.shape(document.selected());
        selected && selected->visible && !selected->isPolygon()) {
        const editing::BoxHandle handle = editing::handleAt(selected->box, point, tolerance);
        if (handle != editing::BoxHandle::None && mDrag.begin(mContext, selected->id, handle, point))
            return;
    }
    const ShapeId hit = shapeAt(document, point);
    if (hit != document.selected())
        mVertexEdit.reset();
    document.select(hit);
    if (hit != 0)
        mDrag.begin(mContext, hit, editing::BoxHandle::Inside, point);
    mContext.toolUpdated();
}

void SelectTool::mouseMoved(editing::ImagePoint point, Qt::MouseButtons, Qt::KeyboardModifiers)
{
    if (mVertexEdit.isActive()) {
        mVertexEdit.move(point);
        mContext.toolUpdated();
    } else if (mDrag.isActive())
        mDrag.move(point);
}

void SelectTool::mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    if (mVertexEdit.isActive()) {
        mVertexEdit.move(point);
        mVertexEdit.end();
        return;
    }
    if (!mDrag.isActive())
        return;
    mDrag.move(point);
    mDrag.end();
}

bool SelectTool::cancel()
{
    if (mVertexEdit.isActive()) {
        mVertexEdit.cancel();
        mContext.toolUpdated();
        return true;
    }
    if (!mDrag.isActive())
        return false;
    mDrag.cancel();
    mContext.toolUpdated();
    return true;
}

QString SelectTool::statusText() const
{
    return QCoreApplication::translate("pixmark::SelectTool",
                                       "Select: click a shape, drag to move, drag a handle to resize; on a polygon "
                                       "drag a vertex, click an edge to add one, Alt+click or Del to remove one");
}

} // namespace pixmark
