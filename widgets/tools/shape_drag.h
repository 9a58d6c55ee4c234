#pragma once
// A drag that moves or resizes one shape by a handle: shared by the box and select tools.
// The whole drag is one undo step (mergeable transform commands); cancel puts the shape
// back where it was and leaves no step.

#include "core/editing/box_edit.h"
#include "widgets/canvas/shape.h"

namespace pixmark {

class ToolContext;

class ShapeDrag {
public:
    /// Starts dragging handle of shape id from point; false (nothing starts) for an
    /// unknown or locked shape or no handle.
    bool begin(ToolContext& context, ShapeId id, editing::BoxHandle handle, editing::ImagePoint point);
    void move(editing::ImagePoint point);
    void end();
    /// Back to the box the drag started with.
    void cancel();
    bool isActive() const { return mContext != nullptr; }
    editing::BoxHandle handle() const { return mHandle; }

private:
    ToolContext* mContext = nullptr;
    ShapeId mId = 0;
    editing::BoxHandle mHandle = editing::BoxHandle::None;
    editing::ImagePoint mFrom;
    Box mStart;
    bool mPushed = false;
};

} // namespace pixmark
