#pragma once
// The registry of image readers: picks the reader by file content and offers the two
// entry points everything else uses (GUI, thumbnails, training cache, CLI).

#include "core/ingest/image_reader.h"

namespace pixmark::ingest {

/// The reader for this file's content, or nullptr when no reader recognizes it.
const ImageReader* readerFor(const FileSignature& signature);

/// Header probe: format, size, frames, depth without decoding pixels. Throws ImageError
/// ("not an image" for files no reader recognizes).
ImageHeader probeImage(const std::filesystem::path& file, const ReaderLimits& limits = {});

/// Decodes one frame as the options say. Throws ImageError.
DecodedImage decodeImage(const std::filesystem::path& file, const DecodeOptions& options = {},
                         const ReaderLimits& limits = {});

} // namespace pixmark::ingest
