#include "core/geometry/box.h"

#include "core/errors.h"
#include "core/geometry/json_fields_p.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace pixmark {

Box parseBox(std::string_view json)
{
    const nlohmann::json doc = parseGeometryObject(json, "box");
    Box box;
    box.x = finiteNumber(doc, "x", "box");
    box.y = finiteNumber(doc, "y", "box");
    box.w = finiteNumber(doc, "w", "box");
    box.h = finiteNumber(doc, "h", "box");
    if (box.w < 0 || box.h < 0)
        throw ValidationError("A box has a negative width or height (w " + formatNumber(box.w) + ", h " +
                              formatNumber(box.h) + ").");
    return box;
}

std::string toJson(const Box& box)
{
    return nlohmann::json{{"x", box.x}, {"y", box.y}, {"w", box.w}, {"h", box.h}}.dump();
}

double area(const Box& box)
{
    return box.w * box.h;
}

double iou(const Box& a, const Box& b)
{
    const double iw = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double ih = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    const double inter = iw > 0 && ih > 0 ? iw * ih : 0.0;
    const double uni = area(a) + area(b) - inter;
    return uni > 0 ? inter / uni : 0.0;
}

} // namespace pixmark
