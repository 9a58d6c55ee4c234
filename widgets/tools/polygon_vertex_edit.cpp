#include "widgets/tools/polygon_vertex_edit.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/tools/tool_context.h"

#include <QCoreApplication>

namespace pixmark {

namespace {
constexpr double kVertexScreenPixels = 6;
constexpr double kEdgeScreenPixels = 4;

} // namespace

QString PolygonVertexEdit::refusalText(editing::PolygonRefusal refusal)
{
    switch (refusal) {
    case editing::PolygonRefusal::SelfIntersection:
        return tr("Refused: the outline would cross itself.");
    case editing::PolygonRefusal::TooFewVertices:
        return tr("Refused: a polygon keeps at least three vertices (Del removes the whole shape).");
    case editing::PolygonRefusal::OutOfRange:
        return tr("Refused: no such vertex.");
    case editing::PolygonRefusal::None:
        break;
    }
    return {};
}

void PolygonVertexEdit::reset()
{
    mVertex.reset();
    mDragging = false;
}

PolygonVertexEdit::Press PolygonVertexEdit::press(ToolContext& context, editing::ImagePoint point,
                                                  Qt::KeyboardModifiers modifiers)
{
    AnnotationDocument& document = context.document();
    const Shape* shape = document.shape(document.selected());
    if (!shape || !shape->isPolygon() || !shape->visible || shape->locked)
        return Press::Missed;
    if (shape->id != mId)
        mVertex.reset();
    const double perScreen = context.imagePixelsPerScreenPixel();
    mContext = &context;
    mId = shape->id;
    mStart = shape->polygon;
    mPushed = false;
    mRefusedShown = false;
    if (const auto vertex = editing::vertexAt(shape->polygon, point, kVertexScreenPixels * perScreen)) {
        if (modifiers & Qt::AltModifier) {
            mVertex = *vertex;
            return removeActive(context) ? Press::Removed : Press::Refused;
        }
        mVertex = *vertex;
        mCurrent = shape->polygon;
        mDragging = true;
        return Press::Dragging;
    }
    if (const auto edge = editing::edgeAt(shape->polygon, point, kEdgeScreenPixels * perScreen)) {
        const editing::PolygonEditResult grown =
            editing::insertVertex(shape->polygon, edge->edge, editing::ImagePoint{edge->at.x, edge->at.y}, context.limits());
        if (!grown.polygon) {
            context.toolMessage(refusalText(grown.refusal));
            return Press::Refused;
        }
        // The insertion is the gesture's first command; the drag that follows merges into it.
        document.setPolygon(mId, *grown.polygon, false);
        mPushed = true;
        mVertex = edge->edge + 1;
        mCurrent = *grown.polygon;
        mDragging = true;
        return Press::Dragging;
    }
    return Press::Missed;
}

void PolygonVertexEdit::move(editing::ImagePoint point)
{
    if (!mDragging || !mContext || !mVertex)
        return;
    const editing::PolygonEditResult moved = editing::moveVertex(mCurrent, *mVertex, point, mContext->limits());
    if (!moved.polygon) {
        if (!mRefusedShown)
            mContext->toolMessage(refusalText(moved.refusal));
        mRefusedShown = true;
        return;
    }
    mRefusedShown = false;
    if (mContext->document().setPolygon(mId, *moved.polygon, mPushed))
        mPushed = true;
}

void PolygonVertexEdit::end()
{
    mDragging = false;
}

void PolygonVertexEdit::cancel()
{
    if (!mDragging || !mContext)
        return;
    // Merging the start polygon back makes the step obsolete: the stack drops it.
    if (mPushed)
        mContext->document().setPolygon(mId, mStart, true);
    mDragging = false;
}

bool PolygonVertexEdit::removeActive(ToolContext& context)
{
    AnnotationDocument& document = context.document();
    const Shape* shape = document.shape(document.selected());
    if (!mVertex || !shape || shape->id != mId || !shape->isPolygon() || shape->locked)
        return false;
    const editing::PolygonEditResult shrunk = editing::removeVertex(shape->polygon, *mVertex);
    if (!shrunk.polygon) {
        context.toolMessage(refusalText(shrunk.refusal));
        return true; // handled: the shape must not go instead
    }
    document.setPolygon(mId, *shrunk.polygon, false);
    mVertex.reset();
    return true;
}

} // namespace pixmark
