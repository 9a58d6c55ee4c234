#pragma once
// What a tool may use of the canvas it works on, so tools depend on this small interface
// and not on the canvas widget.

#include "core/editing/box_edit.h"
#include "core/model/label_class.h"

#include <QPointF>

namespace pixmark {

class AnnotationDocument;

class ToolContext {
public:
    virtual ~ToolContext() = default;
    /// The open item's document; tools change shapes only through it.
    virtual AnnotationDocument& document() = 0;
    /// The image's size and the smallest shape allowed.
    virtual editing::BoxLimits limits() const = 0;
    /// Image pixels per screen pixel at the current zoom (for handle and click tolerances).
    virtual double imagePixelsPerScreenPixel() const = 0;
    /// The class new shapes get.
    virtual ClassId nextClass() const = 0;
    /// A box was finished: its size becomes the template box's (T).
    virtual void rememberBoxSize(double width, double height) = 0;
    /// The tool's drawing changed: repaint.
    virtual void toolUpdated() = 0;
};

} // namespace pixmark
