#include "widgets/tools/shape_drag.h"

#include "widgets/canvas/annotation_document.h"
#include "widgets/tools/tool_context.h"

namespace pixmark {

bool ShapeDrag::begin(ToolContext& context, ShapeId id, editing::BoxHandle handle, editing::ImagePoint point)
{
    const Shape* shape = context.document().shape(id);
    if (!shape || shape->locked || handle == editing::BoxHandle::None)
        return false;
    mContext = &context;
    mId = id;
    mHandle = handle;
    mFrom = point;
    mStart = shape->box;
    mPushed = false;
    return true;
}

void ShapeDrag::move(editing::ImagePoint point)
{
    if (!mContext)
        return;
    const editing::BoxLimits limits = mContext->limits();
    const Box box = mHandle == editing::BoxHandle::Inside
                        ? editing::moveBox(mStart, point.x - mFrom.x, point.y - mFrom.y, limits)
                        : editing::resizeBox(mStart, mHandle, point, limits);
    // Only the gesture's first command stays out of the previous step.
    if (mContext->document().setBox(mId, box, mPushed))
        mPushed = true;
}

void ShapeDrag::end()
{
    mContext = nullptr;
}

void ShapeDrag::cancel()
{
    if (!mContext)
        return;
    // Merging the start box back makes the step obsolete: the stack drops it (no redo left).
    if (mPushed)
        mContext->document().setBox(mId, mStart, true);
    mContext = nullptr;
}

} // namespace pixmark
