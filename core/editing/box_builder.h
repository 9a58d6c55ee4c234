#pragma once
// Drawing one box, without any widget: the state machine behind the box tool. A drag
// draws from the press to the release; a press and release in place (a click) starts
// click-click drawing, which the next press finishes. Corners snap to whole pixels and stay
// inside the image. A box smaller than the minimum size is never produced: it is dropped
// like a cancel, so no zero-size or tiny shape can reach the document.

#include "core/editing/image_point.h"
#include "core/geometry/box.h"

#include <optional>

namespace pixmark::editing {

class BoxBuilder {
public:
    enum class State {
        Idle,      ///< nothing drawn
        Dragging,  ///< the button is down after a press
        ClickClick ///< the first corner was clicked; the next press finishes
    };

    /// A builder for an image of imageWidth x imageHeight pixels (both above 0).
    BoxBuilder(int imageWidth, int imageHeight);

    /// Boxes narrower or lower than this many pixels are dropped (default 2).
    void setMinimumSize(double pixels) { mMinimumSize = pixels; }
    /// A release closer than this (in image pixels) to its press is a click, not a drag
    /// (the tool sets about 3 screen pixels at the current zoom).
    void setClickTolerance(double pixels) { mClickTolerance = pixels; }

    /// A button press: starts a box (Idle), or finishes it (ClickClick), returning the box
    /// when it is big enough.
    std::optional<Box> press(ImagePoint point);
    /// The pointer moved: the draft follows it (Dragging and ClickClick).
    void move(ImagePoint point);
    /// The button was released: finishes a drag (returns the box when big enough) or, for a
    /// click, switches to ClickClick.
    std::optional<Box> release(ImagePoint point);
    /// Drops the draft (Esc). Nothing is produced.
    void cancel();

    State state() const { return mState; }
    /// True while a box is being drawn (Dragging or ClickClick).
    bool isActive() const { return mState != State::Idle; }
    /// The box as drawn so far (normalized, snapped); empty when Idle.
    Box draft() const;
    /// True when the draft would be kept if finished now.
    bool draftIsBigEnough() const;

private:
    ImagePoint snap(ImagePoint point) const;
    std::optional<Box> finish(ImagePoint point);

    int mWidth;
    int mHeight;
    double mMinimumSize = 2;
    double mClickTolerance = 1;
    State mState = State::Idle;
    ImagePoint mAnchor;
    ImagePoint mPressAt;
    ImagePoint mCurrent;
};

/// The normalized box between two corners (any order).
Box boxBetween(ImagePoint a, ImagePoint b);

} // namespace pixmark::editing
