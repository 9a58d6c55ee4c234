#pragma once
// File access shared by the folder-based formats (VOC, YOLO, masks): whole files read with a
// size cap, so a stray huge file is refused rather than loaded; folders listed in name order,
// so imports are repeatable; and export file names checked to stay inside the export folder.

#include "core/formats/dataset.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// The whole file as it is on disk; FormatError naming it when it cannot be read or is over
/// maxBytes.
std::string readFileBytes(const std::filesystem::path& file, std::uintmax_t maxBytes);

/// Every regular file under folder (recursively) whose extension is exactly extension
/// (".xml"), sorted; FormatError when the folder cannot be listed.
std::vector<std::filesystem::path> filesWithExtension(const std::filesystem::path& folder, std::string_view extension);

/// image's file name as a path relative to the export folder; ValidationError when it is
/// empty, absolute or climbs out with "..", so an export never writes outside its folder.
std::filesystem::path exportRelativePath(const ExportImage& image);

/// Writes text as the whole of file, creating its folders; Error naming file when it fails.
void writeWholeFile(const std::filesystem::path& file, const std::string& text);

} // namespace pixmark::formats
