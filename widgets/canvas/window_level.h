#pragma once
// Window/level (contrast) of the image on a canvas: which stored sample values map to
// black and white. 16-bit and DICOM images need it; 8-bit images start at the identity.

#include <cstdint>
#include <vector>

namespace pixmark {

/// A display window in stored sample units (not rescaled), plus inversion.
struct WindowLevel {
    double center = 127.5;
    double width = 255;
    bool invert = false;

    bool operator==(const WindowLevel&) const = default;
};

/// The 8-bit display value of every stored value: 256 entries for 8-bit samples, 65,536
/// for 16-bit ones (indexed by the raw uint16; signed samples by their two's complement).
std::vector<std::uint8_t> displayTable(const WindowLevel& window, int bitDepth, bool signedSamples);

/// True when table maps every value to itself (8-bit, untouched): tiles skip the lookup.
bool isIdentity(const WindowLevel& window, int bitDepth);

} // namespace pixmark
