#pragma once
// Finding one frame's compressed bytes in encapsulated DICOM pixel data.

#include <cstdint>
#include <filesystem>
#include <vector>

class DcmPixelSequence;

namespace pixmark::ingest {

/// The fragments of encapsulated pixel data (item 0 is the Basic Offset Table) and which
/// of them belong to which frame. Reads fragment values from the file on demand, never the
/// whole pixel data. Does not own the sequence.
class EncapsulatedFrames {
public:
    /// frames: Number of Frames of the image; file: named in errors.
    EncapsulatedFrames(DcmPixelSequence& sequence, int frames, const std::filesystem::path& file);

    /// The compressed bytes of frame index (0-based), its fragments joined. The frame is
    /// located by, in this order: a single frame owning every fragment, one fragment per
    /// frame, the Basic Offset Table, or fragments that start a JPEG 2000 codestream.
    /// Throws ImageError when none of these locate it.
    std::vector<std::uint8_t> frame(int index) const;

private:
    struct Range {
        unsigned long first = 0; ///< item index of the frame's first fragment
        unsigned long end = 0;   ///< one past its last fragment
    };
    Range fromOffsetTable(int index) const;
    Range fromCodestreamStarts(int index) const;
    std::vector<std::uint8_t> value(unsigned long item, std::uint32_t maxBytes) const;
    std::uint32_t length(unsigned long item) const;

    DcmPixelSequence& mSequence;
    int mFrames;
    const std::filesystem::path& mFile;
};

} // namespace pixmark::ingest
