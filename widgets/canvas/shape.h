#pragma once
// One shape on a canvas as the document keeps it: a box, or a polygon with its bounding
// box.

#include "core/geometry/box.h"
#include "core/geometry/polygon.h"
#include "core/model/label_class.h"
#include "core/model/labeling.h"

#include <cstdint>
#include <optional>

namespace pixmark {

/// Stable id of a shape within its document (not stored in the project).
using ShapeId = std::int64_t;

/// A box or a polygon with its class. For a polygon, box is its bounding box (kept by the
/// document), so hit tests, labels and box handles work for both kinds. predicted marks a
/// model's prelabel not confirmed yet (drawn dashed with its score); accepting it or any
/// edit makes it the labeler's own. origin is what the submission records: a prelabel is
/// PrelabelAccepted until an edit makes it PrelabelEdited. visible and locked are view
/// state of the shape list, not part of the label.
struct Shape {
    ShapeId id = 0;
    ClassId classId = 0;
    Box box;
    Polygon polygon; ///< empty for a box
    bool predicted = false;
    ShapeOrigin origin = ShapeOrigin::Drawn;
    std::optional<double> score;
    bool visible = true;
    bool locked = false;

    bool isPolygon() const { return !polygon.points.empty(); }
};

} // namespace pixmark
