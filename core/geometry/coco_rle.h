#pragma once
// COCO's compressed run-length strings (what pycocotools' mask.encode writes in
// "counts"), and the bounding box of a run-length mask.

#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"

#include <string>
#include <string_view>
#include <vector>

namespace pixmark {

/// The counts as COCO's compressed string (6-bit groups, deltas from two runs back).
std::string compressRleCounts(const std::vector<std::uint32_t>& counts);
/// The inverse; throws ValidationError for a string that is not a valid encoding.
std::vector<std::uint32_t> decompressRleCounts(std::string_view text);
/// The smallest box holding every set pixel (pixel edges); all zero for an empty mask.
Box boundingBox(const MaskRle& mask);

} // namespace pixmark
