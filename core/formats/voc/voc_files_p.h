#pragma once
// Files of a VOC data set, shared by its reader, writer and verifier.

#include <cstdint>

namespace pixmark::formats::voc {

/// The most an annotation XML file may weigh before it is refused rather than loaded.
inline constexpr std::uintmax_t kMaxXmlBytes = 64u << 20;

} // namespace pixmark::formats::voc
