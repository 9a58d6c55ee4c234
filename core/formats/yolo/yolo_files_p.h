#pragma once
// Files of a YOLO data set, shared by its reader, writer and verifier.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pixmark::formats::yolo {

/// The whole file as text without a UTF-8 byte order mark; FormatError naming it when it
/// cannot be read or is over maxBytes.
std::string readText(const std::filesystem::path& file, std::uintmax_t maxBytes);
/// Every *.txt under labels/ (recursively), sorted; empty when there is no such folder.
std::vector<std::filesystem::path> labelFiles(const std::filesystem::path& labelsFolder);
/// The image beside a label: images/<same sub-path>/<stem>.<an image extension>, if any.
std::optional<std::filesystem::path> imageFor(const std::filesystem::path& root, const std::filesystem::path& labelRelative);
/// Whether the extension (".jpg") is one an image of the data set may have.
bool isImageExtension(const std::filesystem::path& file);
/// A path as '/'-separated text.
std::string slashed(const std::filesystem::path& path);

} // namespace pixmark::formats::yolo
