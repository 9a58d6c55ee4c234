#pragma once
// JPEG encoding through libjpeg-turbo (TurboJPEG), for thumbnails and exports.

#include "core/ingest/decoded_image.h"

#include <filesystem>
#include <vector>

namespace pixmark::cache {

/// Encodes an 8-bit gray or RGB(A) image (alpha dropped) at quality 1..100. Throws Error.
std::vector<unsigned char> encodeJpeg(const ingest::DecodedImage& image, int quality);

/// Writes bytes to file through a temporary file and a rename, so readers never see half
/// a file. With durable, the data is synced before the rename (survives a power cut);
/// rebuildable caches skip that: it costs a disk flush per file. Throws Error.
void writeFileAtomically(const std::filesystem::path& file, const std::vector<unsigned char>& bytes,
                         bool durable = true);

} // namespace pixmark::cache
