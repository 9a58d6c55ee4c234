#pragma once
// Axis-aligned boxes as stored in Annotation::geometry: {"x":..,"y":..,"w":..,"h":..},
// in original image pixels, (x, y) the top-left corner.

#include <string>
#include <string_view>

namespace pixmark {

/// A box in image pixels; w and h are never negative in a parsed box.
struct Box {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;

    bool operator==(const Box&) const = default;
};

/// Reads a box; throws ValidationError saying what is wrong (not JSON, a field missing
/// or not a number, a negative or non-finite value).
Box parseBox(std::string_view json);
/// The JSON form parseBox reads.
std::string toJson(const Box& box);
/// w * h.
double area(const Box& box);
/// Intersection over union; 0 when the union is empty.
double iou(const Box& a, const Box& b);

} // namespace pixmark
