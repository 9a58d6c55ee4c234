#pragma once
// Masks as stored in Annotation::geometry: COCO's uncompressed run-length encoding,
// {"size":[height,width],"counts":[...]}. Runs go down the columns (column-major, Fortran
// order, as pycocotools) and alternate unset/set, starting with unset (possibly 0 long).

#include "core/geometry/polygon.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark {

/// A run-length encoded binary mask; counts always sum to height * width when valid.
struct MaskRle {
    int height = 0;
    int width = 0;
    std::vector<std::uint32_t> counts;

    bool operator==(const MaskRle&) const = default;
};

/// The largest side parseMask accepts.
inline constexpr int kMaxMaskSide = 100000;

/// Encodes a row-major width x height bitmap (non-zero = set). The buffer stays the caller's.
MaskRle encodeMask(const std::uint8_t* rowMajor, int width, int height);
/// The mask as a row-major bitmap of 0 and 1, height * width bytes.
std::vector<std::uint8_t> decodeMask(const MaskRle& mask);
/// Number of set pixels.
std::int64_t area(const MaskRle& mask);
/// Reads a mask; throws ValidationError saying what is wrong (not JSON, size not two
/// positive integers up to kMaxMaskSide, counts not non-negative integers, counts not
/// summing to height * width).
MaskRle parseMask(std::string_view json);
/// The JSON form parseMask reads.
std::string toJson(const MaskRle& mask);
/// The pixels of a width x height image whose centers are inside the polygon.
MaskRle maskFromPolygon(const Polygon& polygon, int width, int height);
/// The outline of the mask's largest 8-connected region along the pixels' outer edges,
/// lightly simplified (about half a pixel); holes are ignored. nullopt for an empty mask.
std::optional<Polygon> polygonFromMask(const MaskRle& mask);

} // namespace pixmark
