#pragma once
// Which files an importer reads: the file it was given, or the files of a folder with one
// of its extensions, in name order (so imports are repeatable).

#include <filesystem>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// input itself when it is a file; otherwise input's files (recursive when asked) whose
/// lowercase extension is one of extensions, sorted. Throws FormatError when input does not
/// exist or the folder has no such file.
std::vector<std::filesystem::path> inputFiles(const std::filesystem::path& input,
                                              std::initializer_list<std::string_view> extensions,
                                              bool recursive = false);

/// The name messages use for file: its path relative to root (a folder read) or its name.
std::string displayName(const std::filesystem::path& file, const std::filesystem::path& root);

} // namespace pixmark::formats
