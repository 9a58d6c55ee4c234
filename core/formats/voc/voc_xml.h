#pragma once
// One Pascal VOC annotation file, parsed and checked, or written.

#include "core/geometry/box.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// An <object>: its class name and its box in 0-based pixels.
struct VocObject {
    std::string name;
    Box box;
    std::int64_t line = -1; ///< where the <object> starts (read files only)
};

/// An <annotation> element's content.
struct VocAnnotation {
    std::string folder;
    std::string filename;
    int width = 0;  ///< 0 when the file gives no size
    int height = 0;
    int depth = 3;
    std::vector<VocObject> objects;
};

/// Parses an annotation file's bytes; file names it in errors. Throws FormatError with the
/// line for malformed XML, missing or non-numeric fields, negative or absurd numbers,
/// and boxes reaching outside the image's size.
VocAnnotation parseVocXml(std::string_view bytes, const std::string& file);

/// The XML text of an annotation (pose Unspecified, truncated 0, difficult 0).
std::string toVocXml(const VocAnnotation& annotation);

} // namespace pixmark::formats
