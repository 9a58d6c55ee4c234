#pragma once
// A cheap completeness check for header probes: formats that end with a marker (JPEG's
// EOI, PNG's IEND) are cut short when the marker is missing near the end of the file.
// This catches interrupted copies at registration, without decoding the pixels.

#include "core/ingest/readers/raster/byte_source.h"

#include <string_view>

namespace pixmark::ingest {

/// True when marker occurs within the last `window` bytes of the file (trailing data
/// after the marker, which some cameras append, is allowed up to that size).
bool hasEndMarker(ByteSource& source, std::string_view marker, std::size_t window = 64 * 1024);

} // namespace pixmark::ingest
