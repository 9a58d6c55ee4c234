#pragma once
// Files of a VOC data set, shared by its reader, writer and verifier.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::formats::voc {

/// The whole file; FormatError naming it when it cannot be read or is over maxBytes.
std::string readBytes(const std::filesystem::path& file, std::uintmax_t maxBytes = 64u << 20);
/// Every *.xml under folder (recursively), sorted.
std::vector<std::filesystem::path> xmlFiles(const std::filesystem::path& folder);

} // namespace pixmark::formats::voc
