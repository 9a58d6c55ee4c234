#pragma once
// Files of a mask export, shared by its reader, writer and verifier.

#include "core/formats/masks/class_map.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::formats::masks {

/// The most a mask PNG may weigh before it is refused rather than loaded.
inline constexpr std::uintmax_t kMaxMaskBytes = 1u << 30;

/// The class map of the export at root; FormatError when missing or invalid.
ClassMap readClassMap(const std::filesystem::path& root);
/// The folder holding the PNGs: root/SegmentationClass when it exists, root otherwise.
std::filesystem::path maskFolder(const std::filesystem::path& root);
/// The image a mask belongs to: JPEGImages/ or images/ + the mask's sub-path with an image
/// extension, when such a file exists.
std::optional<std::filesystem::path> imageFor(const std::filesystem::path& root, const std::filesystem::path& maskRelative);

} // namespace pixmark::formats::masks
