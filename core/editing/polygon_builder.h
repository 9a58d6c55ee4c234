#pragma once
// Drawing one polygon, without any widget: the state machine behind the polygon tool. Each
// press adds a vertex (snapped to whole pixels, inside the image); a press on the first
// vertex closes the outline, and so does a press on the last vertex again (what a
// double-click sends). close() is Enter, dropLast() Backspace, cancel() Esc. An edge that
// would cross or touch the outline drawn so far is refused, so every polygon produced is
// simple (isSimple in core/geometry).

#include "core/editing/image_point.h"
#include "core/geometry/polygon.h"

#include <optional>
#include <vector>

namespace pixmark::editing {

/// What one press or close did.
enum class PolygonStep {
    Started,     ///< the first vertex was placed
    Added,       ///< another vertex was placed
    Closed,      ///< the outline was closed: the polygon is in the result
    Crossing,    ///< refused: the new edge would cross or touch the outline
    TooFew,      ///< refused: closing needs three distinct vertices
    Ignored,     ///< nothing happened (closing while idle)
};

/// A step and, when it is Closed, the finished polygon.
struct PolygonResult {
    PolygonStep step = PolygonStep::Ignored;
    std::optional<Polygon> polygon;
};

class PolygonBuilder {
public:
    /// A builder for an image of imageWidth x imageHeight pixels (both above 0).
    PolygonBuilder(int imageWidth, int imageHeight);

    /// A press within this many image pixels of the first (or last) vertex closes the
    /// outline (the tool sets about 6 screen pixels at the current zoom).
    void setCloseTolerance(double pixels) { mCloseTolerance = pixels; }

    /// A button press: places a vertex, or closes the outline on the first or last vertex.
    PolygonResult press(ImagePoint point);
    /// The pointer moved: the rubber-band edge follows it.
    void move(ImagePoint point);
    /// Enter: closes the outline when it can (three distinct vertices, closing edge clear).
    PolygonResult close();
    /// Backspace: removes the last vertex (the last one removed ends the drawing). False
    /// when there was nothing to remove.
    bool dropLast();
    /// Esc: drops everything drawn. Nothing is produced.
    void cancel();

    bool isActive() const { return !mVertices.empty(); }
    const std::vector<Point>& vertices() const { return mVertices; }
    /// The snapped pointer position (the rubber band's end).
    Point cursor() const { return mCursor; }
    /// True when the outline could be closed now.
    bool canClose() const;
    /// True when a press at point would close the outline (to highlight the first vertex).
    bool wouldClose(ImagePoint point) const;
    /// True when an edge from the last vertex to point would cross the outline.
    bool wouldCross(ImagePoint point) const;

    /// point rounded to whole pixels and clamped to the image.
    Point snap(ImagePoint point) const;

private:
    PolygonResult finish();
    bool near(const Point& a, ImagePoint b) const;

    int mWidth;
    int mHeight;
    double mCloseTolerance = 3;
    std::vector<Point> mVertices;
    Point mCursor;
};

/// True when an edge from path.back() to next would cross or touch the open path
/// path[0..n-1] anywhere but at their shared vertex.
bool edgeCrossesPath(const std::vector<Point>& path, const Point& next);

} // namespace pixmark::editing
