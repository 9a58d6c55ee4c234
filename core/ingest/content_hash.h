#pragma once
// Content hashes of image files: identical bytes under different paths are the same image.

#include <filesystem>
#include <string>

namespace pixmark::ingest {

/// xxHash3 (64-bit) of the file's bytes as 16 lowercase hex digits. Throws ImageError when
/// the file cannot be read to the end.
std::string contentHash(const std::filesystem::path& file);

} // namespace pixmark::ingest
