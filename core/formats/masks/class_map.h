#pragma once
// class_map.json of a mask export: which class each pixel value stands for, and its color.
// Written as {"classes": {"0": "background", "1": "cat"}, "colors": {"0": [0,0,0], ...}};
// the flat form {"0": "background", "1": "cat"} other tools write is read too.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace pixmark::formats {

using Rgb = std::array<std::uint8_t, 3>;

/// Pixel value (0..255) -> class name and color.
struct ClassMap {
    std::map<int, std::string> names;
    std::map<int, Rgb> colors;
};

/// Parses class_map.json; file names it in errors. Throws FormatError with the byte
/// offset of a JSON syntax error or the JSON path of a wrong value.
ClassMap parseClassMap(std::string_view text, const std::string& file);
/// The JSON text parseClassMap reads.
std::string toClassMapJson(const ClassMap& map);
/// The Pascal VOC color of a value (0 black, 1 dark red, ..., 255 a light gray-yellow).
Rgb vocColor(int value);

} // namespace pixmark::formats
