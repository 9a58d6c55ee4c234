#pragma once
// Small builders of votes for the consensus tests.

#include "core/consensus/consensus.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"
#include "core/geometry/polygon.h"

#include <map>
#include <string>
#include <vector>

namespace pixmark::test {

inline Annotation tag(ClassId id)
{
    return {id, AnnotationKind::Tag, {}, {}};
}

inline Annotation box(ClassId id, double x, double y, double w, double h)
{
    return {id, AnnotationKind::Box, toJson(Box{x, y, w, h}), {}};
}

inline Polygon square(double x, double y, double side)
{
    return Polygon{{{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}}};
}

inline Annotation polygon(ClassId id, const Polygon& p)
{
    return {id, AnnotationKind::Polygon, toJson(p), {}};
}

/// A mask from rows of '0' / '1' characters.
inline Annotation mask(ClassId id, const std::vector<std::string>& rows)
{
    const int height = static_cast<int>(rows.size());
    const int width = static_cast<int>(rows.front().size());
    std::vector<std::uint8_t> bitmap;
    for (const std::string& row : rows)
        for (char c : row)
            bitmap.push_back(c == '1' ? 1 : 0);
    return {id, AnnotationKind::Mask, toJson(encodeMask(bitmap.data(), width, height)), {}};
}

inline ClassNamer animals()
{
    return [](ClassId id) {
        static const std::map<ClassId, std::string> names{{1, "cat"}, {2, "dog"}, {3, "bird"}};
        const auto it = names.find(id);
        return it == names.end() ? std::string() : it->second;
    };
}

} // namespace pixmark::test
