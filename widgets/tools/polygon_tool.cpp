#include "widgets/tools/polygon_tool.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/canvas/image_view.h"

#include <QCoreApplication>
#include <QPainter>

namespace pixmark {

namespace {
constexpr double kCloseScreenPixels = 6;

} // namespace

PolygonTool::PolygonTool(ToolContext& context)
    : AbstractTool(context), mBuilder(context.limits().imageWidth, context.limits().imageHeight)
{
}

void PolygonTool::mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers)
{
    if (!mBuilder.isActive()) {
        // The image may have changed since the last polygon (a new item).
        const editing::BoxLimits limits = mContext.limits();
        mBuilder = editing::PolygonBuilder(limits.imageWidth, limits.imageHeight);
        if (mVertexEdit.press(mContext, point, modifiers) != PolygonVertexEdit::Press::Missed) {
            mContext.toolUpdated();
            return;
        }
        mVertexEdit.reset();
    }
    mBuilder.setCloseTolerance(kCloseScreenPixels * mContext.imagePixelsPerScreenPixel());
    handle(mBuilder.press(point));
}

void PolygonTool::mouseMoved(editing::ImagePoint point, Qt::MouseButtons, Qt::KeyboardModifiers)
{
    if (mVertexEdit.isActive())
        mVertexEdit.move(point);
    else
        mBuilder.move(point);
    mContext.toolUpdated();
}

void PolygonTool::mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers)
{
    if (mVertexEdit.isActive()) {
        mVertexEdit.move(point);
        mVertexEdit.end();
        mContext.toolUpdated();
    }
}

void PolygonTool::mouseDoubleClicked(editing::ImagePoint point)
{
    // Usually the second click's press closed the outline already (a press on the last
    // vertex). Where no such press came first (some platforms and QTest send the
    // double-click alone), the point is the last vertex and the outline closes.
    if (!mBuilder.isActive())
        return;
    const editing::PolygonResult added = mBuilder.press(point);
    if (added.step == editing::PolygonStep::Closed || added.step == editing::PolygonStep::Crossing) {
        handle(added);
        return;
    }
    handle(mBuilder.close());
}

void PolygonTool::handle(const editing::PolygonResult& result)
{
    switch (result.step) {
    case editing::PolygonStep::Crossing:
        mContext.toolMessage(tr("Refused: that edge would cross the outline."));
        break;
    case editing::PolygonStep::TooFew:
        mContext.toolMessage(tr("A polygon needs at least three vertices."));
        break;
    case editing::PolygonStep::Closed: {
        AnnotationDocument& document = mContext.document();
        if (document.paintsMasks())
            document.fillPolygonMask(*result.polygon, mContext.nextClass());
        else
            document.addPolygon(mContext.nextClass(), *result.polygon);
        break;
    }
    default:
        break;
    }
    mContext.toolUpdated();
}

bool PolygonTool::cancel()
{
    if (mVertexEdit.isActive()) {
        mVertexEdit.cancel();
        mContext.toolUpdated();
        return true;
    }
    if (!mBuilder.isActive())
        return false;
    mBuilder.cancel();
    mContext.toolUpdated();
    return true;
}

bool PolygonTool::takesKey(int key) const
{
    return mBuilder.isActive() && (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Backspace);
}

bool PolygonTool::keyPressed(int key, Qt::KeyboardModifiers)
{
    if (!takesKey(key))
        return false;
    if (key == Qt::Key_Backspace)
        mBuilder.dropLast();
    else
        handle(mBuilder.close());
    mContext.toolUpdated();
    return true;
}

bool PolygonTool::deleteSubSelection()
{
    if (mBuilder.isActive()) {
        mBuilder.dropLast();
        mContext.toolUpdated();
        return true;
    }
    return mVertexEdit.removeActive(mContext);
}

void PolygonTool::paint(QPainter& painter, const ImageView& view) const
{
    if (!mBuilder.isActive())
        return;
    QPolygonF path;
    for (const Point& vertex : mBuilder.vertices())
        path.append(view.mapFromImage(QPointF(vertex.x, vertex.y)));
    const Point cursor = mBuilder.cursor();
    const QPointF end = view.mapFromImage(QPointF(cursor.x, cursor.y));
    const bool crossing = mBuilder.wouldCross(editing::ImagePoint{cursor.x, cursor.y});
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(255, 255, 255), 2));
    painter.drawPolyline(path);
    // The rubber band: red where the edge would be refused.
    painter.setPen(QPen(crossing ? QColor(230, 60, 60) : QColor(255, 255, 255), 1, Qt::DashLine));
    painter.drawLine(path.back(), end);
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(Qt::white);
    for (const QPointF& vertex : path)
        painter.drawRect(QRectF(vertex.x() - 2.5, vertex.y() - 2.5, 5, 5));
    // The first vertex grows when a click would close the outline there.
    if (mBuilder.vertices().size() >= 3) {
        const bool closing = mBuilder.wouldClose(editing::ImagePoint{cursor.x, cursor.y});
        painter.setBrush(closing ? QColor(80, 220, 80) : QColor(255, 255, 255));
        const double size = closing ? 10 : 7;
        painter.drawEllipse(QRectF(path.front().x() - size / 2, path.front().y() - size / 2, size, size));
    }
    painter.restore();
}

QString PolygonTool::statusText() const
{
    if (mBuilder.isActive())
        return tr("Polygon: %1 vertices — click the first vertex, double-click or Enter to close; "
                  "Backspace removes the last; Esc cancels")
            .arg(mBuilder.vertices().size());
    return tr("Polygon: click vertices; on the selected polygon drag a vertex, click an edge to add one, "
              "Alt+click or Del to remove one");
}

} // namespace pixmark
