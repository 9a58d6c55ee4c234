#include "widgets/canvas/window_level.h"

#include <algorithm>
#include <cmath>

namespace pixmark {

std::vector<std::uint8_t> displayTable(const WindowLevel& window, int bitDepth, bool signedSamples)
{
    const std::size_t size = bitDepth == 16 ? 65536 : 256;
    std::vector<std::uint8_t> table(size);
    const double width = std::max(window.width, 1.0);
    const double low = window.center - width / 2;
    for (std::size_t raw = 0; raw < size; ++raw) {
        double value = static_cast<double>(raw);
        if (signedSamples && bitDepth == 16)
            value = static_cast<double>(static_cast<std::int16_t>(static_cast<std::uint16_t>(raw)));
        double out = std::clamp((value - low) / width * 255.0, 0.0, 255.0);
        if (window.invert)
            out = 255.0 - out;
        table[raw] = static_cast<std::uint8_t>(std::lround(out));
    }
    return table;
}

bool isIdentity(const WindowLevel& window, int bitDepth)
{
    return bitDepth == 8 && window == WindowLevel{};
}

} // namespace pixmark
