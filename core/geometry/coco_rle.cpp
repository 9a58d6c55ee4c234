#include "core/geometry/coco_rle.h"

#include "core/errors.h"

#include <algorithm>
#include <limits>

namespace pixmark {

std::string compressRleCounts(const std::vector<std::uint32_t>& counts)
{
    std::string text;
    text.reserve(counts.size() * 2);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        std::int64_t x = counts[i];
        if (i > 2)
            x -= counts[i - 2];
        bool more = true;
        while (more) {
            char c = static_cast<char>(x & 0x1f);
            x >>= 5; // arithmetic shift: negative deltas end at -1
            more = (c & 0x10) ? x != -1 : x != 0;
            if (more)
                c |= 0x20;
            text.push_back(static_cast<char>(c + 48));
        }
    }
    return text;
}

std::vector<std::uint32_t> decompressRleCounts(std::string_view text)
{
    std::vector<std::uint32_t> counts;
    std::size_t p = 0;
    while (p < text.size()) {
        std::int64_t x = 0;
        int k = 0;
        bool more = true;
        while (more) {
            if (p >= text.size())
                throw ValidationError("The run-length string ends inside a number.");
            const int c = static_cast<unsigned char>(text[p]) - 48;
            if (c < 0 || c > 63)
                throw ValidationError("The run-length string has a character outside its alphabet at position " +
                                      std::to_string(p) + ".");
            if (k > 6)
                throw ValidationError("The run-length string has a number too large at position " +
                                      std::to_string(p) + ".");
            x |= static_cast<std::int64_t>(c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10))
                x |= static_cast<std::int64_t>(-1) * (std::int64_t{1} << (5 * k));
        }
        if (counts.size() > 2)
            x += counts[counts.size() - 2];
        if (x < 0 || x > std::numeric_limits<std::uint32_t>::max())
            throw ValidationError("The run-length string decodes to a negative or too long run.");
        counts.push_back(static_cast<std::uint32_t>(x));
    }
    return counts;
}

Box boundingBox(const MaskRle& mask)
{
    if (mask.height <= 0)
        return {};
    const std::int64_t h = mask.height;
    std::int64_t position = 0;
    std::int64_t minX = std::numeric_limits<std::int64_t>::max(), minY = minX, maxX = -1, maxY = -1;
    for (std::size_t i = 0; i < mask.counts.size(); ++i) {
        const std::int64_t length = mask.counts[i];
        if (i % 2 == 1 && length > 0) {
            const std::int64_t first = position;
            const std::int64_t last = position + length - 1;
            minX = std::min(minX, first / h);
            maxX = std::max(maxX, last / h);
            if (first / h != last / h) {
                // Crossing into the next column: it reaches the bottom of one and the top
                // of the next, so the box spans every row.
                minY = 0;
                maxY = h - 1;
            } else {
                minY = std::min(minY, first % h);
                maxY = std::max(maxY, last % h);
            }
        }
        position += length;
    }
    if (maxX < 0)
        return {};
    return Box{static_cast<double>(minX), static_cast<double>(minY), static_cast<double>(maxX - minX + 1),
               static_cast<double>(maxY - minY + 1)};
}

} // namespace pixmark
