#pragma once
// One interface for every tool of the canvases. The canvas translates mouse and key events
// into these calls, with positions in image pixels; the tools drive core's state machines
// (core/editing) and change shapes through the document.

#include "core/editing/image_point.h"
#include "widgets/tools/tool_context.h"

#include <QCursor>
#include <QString>

#include <cstddef>
#include <optional>

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
    /// A double-click, after the press and release of its second click were delivered.
    virtual void mouseDoubleClicked(editing::ImagePoint) {}
    virtual void modifiersChanged(Qt::KeyboardModifiers) {}
    /// True when the tool takes key now, before the window's shortcuts (Enter and
    /// Backspace while a polygon is drawn).
    virtual bool takesKey(int) const { return false; }
    /// A key the tool takes; returns true when handled.
    virtual bool keyPressed(int, Qt::KeyboardModifiers) { return false; }
    /// Del: removes the tool's sub-selection (a polygon's active vertex); false when there
    /// is none, so the shape itself goes.
    virtual bool deleteSubSelection() { return false; }
    /// The selected polygon's vertex the tool works on, for the highlight.
    virtual std::optional<std::size_t> activeVertex() const { return std::nullopt; }
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
