#pragma once
// What a tool may use of the canvas it works on, so tools depend on this small interface
// and not on the canvas widget.

#include "core/editing/assists.h"
#include "core/editing/box_edit.h"
#include "core/model/label_class.h"

#include <QPointF>
#include <QString>

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
    /// A refusal or result for the status bar ("Refused: the outline would cross itself").
    virtual void toolMessage(const QString& text) = 0;
    /// Brush and eraser radius in image pixels.
    virtual double brushRadius() const = 0;
    /// The magic wand's tolerance (0-255 per channel).
    virtual int wandTolerance() const = 0;
    /// The image as shown (8-bit, current window), for the pixel assists; valid until the
    /// image changes. Empty (null data) without an image.
    virtual editing::PixelView displayPixels() = 0;
};

} // namespace pixmark
