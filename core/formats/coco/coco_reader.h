#pragma once
// Reads COCO JSON (ours, and other tools': detection, instance and semantic masks,
// image-level labels) into an import sink, with simdjson's on-demand parser.

#include "core/formats/dataset.h"

#include <filesystem>

namespace pixmark::formats::coco {

/// Throws FormatError naming the file and the JSON path (or byte offset) of bad input.
void read(const std::filesystem::path& file, ImportSink& sink);

} // namespace pixmark::formats::coco
