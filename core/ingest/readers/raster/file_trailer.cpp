#include "core/ingest/readers/raster/file_trailer.h"

#include <algorithm>
#include <vector>

namespace pixmark::ingest {

bool hasEndMarker(ByteSource& source, std::string_view marker, std::size_t window)
{
    const auto size = source.size();
    const auto length = static_cast<std::size_t>(std::min<std::uint64_t>(size, window));
    std::vector<unsigned char> tail(length);
    if (length < marker.size() || !source.read(size - length, tail.data(), length))
        return false;
    const auto found = std::search(tail.rbegin(), tail.rend(), marker.rbegin(), marker.rend(),
                                   [](unsigned char a, char b) { return a == static_cast<unsigned char>(b); });
    return found != tail.rend();
}

} // namespace pixmark::ingest
