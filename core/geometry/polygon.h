#pragma once
// Polygons as stored in Annotation::geometry: {"points":[[x,y],...]}, at least three
// points, in original image pixels. The outline closes from the last point to the first.
// Pixel (col, row) covers [col, col+1) x [row, row+1); a pixel is inside a polygon when
// its center is (even-odd rule), so the square (0,0)-(10,10) covers exactly 100 pixels.

#include "core/geometry/box.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark {

/// A point in image pixels.
struct Point {
    double x = 0;
    double y = 0;

    bool operator==(const Point&) const = default;
};

/// A closed outline; the value owns its points.
struct Polygon {
    std::vector<Point> points;

    bool operator==(const Polygon&) const = default;
};

/// Reads a polygon; throws ValidationError saying what is wrong (not JSON, no "points",
/// fewer than three points, a point that is not two finite numbers).
Polygon parsePolygon(std::string_view json);
/// The JSON form parsePolygon reads.
std::string toJson(const Polygon& polygon);
/// Enclosed area (shoelace formula, absolute value).
double area(const Polygon& polygon);
/// The smallest box holding every point; an empty box for no points.
Box boundingBox(const Polygon& polygon);
/// True when no two edges cross or touch except neighbours at their shared point, and the
/// outline has at least three distinct points. Repeated consecutive points are ignored.
/// A bow-tie is not simple.
bool isSimple(const Polygon& polygon);
/// True when the closed segments ab and cd share at least one point (crossing, touching
/// or overlapping).
bool segmentsTouch(const Point& a, const Point& b, const Point& c, const Point& d);
/// True when point lies inside the polygon (even-odd rule; points on the outline count).
bool contains(const Polygon& polygon, const Point& point);
/// Intersection over union of the enclosed regions (even-odd rule), measured along up to
/// 1024 scanlines over both polygons' common bounding box, so huge coordinates cost no
/// memory; accurate to well under a pixel. 0 when the union is empty.
double iou(const Polygon& a, const Polygon& b);
/// The region inside at least half of the polygons (count * 2 >= polygons.size()),
/// rasterized on a shared canvas of 256 to 1024 pixels on its long side and traced back
/// into one polygon (its largest part). nullopt when that region is empty or there are no
/// polygons.
std::optional<Polygon> majorityPolygon(const std::vector<Polygon>& polygons);

} // namespace pixmark
