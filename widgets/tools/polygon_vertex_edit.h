#pragma once
// Editing the vertices of the selected polygon, shared by the select and polygon tools:
// drag a vertex to move it, press an edge to insert a vertex there (and drag it), Alt+click
// a vertex (or Del on the active one) to remove it. A drag is one undo step; a position
// that would make the outline cross itself is refused with a message and the vertex stays
// at its last valid place. The geometry is core's (core/editing/polygon_edit.h).

#include "core/editing/polygon_edit.h"
#include "widgets/canvas/shape.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace pixmark {

class ToolContext;

class PolygonVertexEdit {
    Q_DECLARE_TR_FUNCTIONS(pixmark::PolygonVertexEdit)

public:
    enum class Press {
        Missed,   ///< not on a vertex or edge of the selected polygon: the caller goes on
        Dragging, ///< a vertex (maybe just inserted) follows the pointer
        Removed,  ///< Alt+click removed a vertex
        Refused,  ///< the edit was refused (message sent)
    };

    /// A press at point on the document's selected polygon (tolerance in screen pixels).
    Press press(ToolContext& context, editing::ImagePoint point, Qt::KeyboardModifiers modifiers);
    void move(editing::ImagePoint point);
    void end();
    /// Back to the polygon the drag started with; no step is left.
    void cancel();
    bool isActive() const { return mDragging; }
    /// Removes the active vertex of the selected polygon; false when there is none.
    bool removeActive(ToolContext& context);
    /// The vertex last grabbed on the selected polygon.
    std::optional<std::size_t> activeVertex() const { return mVertex; }
    /// Forget the active vertex (another shape was selected).
    void reset();

    /// The message for a refusal, for the status bar.
    static QString refusalText(editing::PolygonRefusal refusal);

private:
    ToolContext* mContext = nullptr;
    ShapeId mId = 0;
    std::optional<std::size_t> mVertex;
    Polygon mStart;   ///< the polygon before the gesture
    Polygon mCurrent; ///< the polygon being dragged (with the inserted vertex)
    bool mDragging = false;
    bool mPushed = false;
    bool mRefusedShown = false;
};

} // namespace pixmark
