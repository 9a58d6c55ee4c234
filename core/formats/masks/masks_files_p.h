#pragma once
// Files of a mask export, shared by its reader, writer and verifier.

#include "core/formats/masks/class_map.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::formats::masks {

/// The whole file; FormatError naming it when it cannot be read or is over maxBytes.
std::string readBytes(const std::filesystem::path& file, std::uintmax_t maxBytes = 1u << 30);
/// Every *.png under folder (recursively), sorted.
std::vector<std::filesystem::path> pngFiles(const std::filesystem::path& folder);
/// The class map of the export at root; FormatError when missing or invalid.
ClassMap readClassMap(const std::filesystem::path& root);
/// The folder holding the PNGs: root/SegmentationClass when it exists, root otherwise.
std::filesystem::path maskFolder(const std::filesystem::path& root);
/// The image a mask belongs to: JPEGImages/ or images/ + the mask's sub-path with an image
/// extension, when such a file exists.
std::optional<std::filesystem::path> imageFor(const std::filesystem::path& root, const std::filesystem::path& maskRelative);

} // namespace pixmark::formats::masks
