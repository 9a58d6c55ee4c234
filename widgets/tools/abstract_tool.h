#pragma once
// One interface for every tool of the canvases. The canvas translates mouse and key events
// into these calls, with positions in image pixels; the tools drive core's state machines
// (core/editing) and change shapes through the document.

#include "core/editing/image_point.h"
#include "widgets/tools/tool_context.h"

#include <QCursor>
#include <QString>

class QPainter;

namespace pixmark {

class ImageView;

class AbstractTool {
public:
    explicit AbstractTool(ToolContext& context) : mContext(context) {}
    virtual ~AbstractTool() = default;

    /// Keymap id of the action that picks the tool ("tool-box").
    virtual QString actionId() const = 0;
    virtual void activate() {}
    /// Leaving the tool drops whatever it was drawing.
    virtual void deactivate() { cancel(); }

    virtual void mousePressed(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) = 0;
    virtual void mouseMoved(editing::ImagePoint point, Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) = 0;
    virtual void mouseReleased(editing::ImagePoint point, Qt::KeyboardModifiers modifiers) = 0;
    virtual void modifiersChanged(Qt::KeyboardModifiers) {}
    /// Esc: drops the shape being drawn or undoes the drag in progress. Returns true when
    /// there was something to cancel.
    virtual bool cancel() = 0;
    /// True while a shape is being drawn or dragged.
    virtual bool isBusy() const = 0;

    /// Paints the tool's draft over the shapes, in widget coordinates of view.
    virtual void paint(QPainter& painter, const ImageView& view) const = 0;
    /// Full-size guide lines at the cursor.
    virtual bool showsCrosshair() const { return false; }
    virtual QString statusText() const = 0;
    virtual QCursor cursor() const { return Qt::ArrowCursor; }

protected:
    ToolContext& mContext;
};

} // namespace pixmark
