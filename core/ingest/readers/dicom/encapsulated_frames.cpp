#include "core/ingest/readers/dicom/encapsulated_frames.h"

#include "core/ingest/image_reader.h"

#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include <algorithm>
#include <array>

namespace pixmark::ingest {

namespace {
constexpr std::array<std::uint8_t, 4> kCodestreamStart{0xFF, 0x4F, 0xFF, 0x51};
constexpr std::array<std::uint8_t, 4> kJp2Start{0x00, 0x00, 0x00, 0x0C};
constexpr std::uint32_t kItemHeader = 8; // item tag and length
} // namespace

EncapsulatedFrames::EncapsulatedFrames(DcmPixelSequence& sequence, int frames, const std::filesystem::path& file)
    : mSequence(sequence), mFrames(frames), mFile(file)
{
    if (mSequence.card() < 2)
        throw ImageError("encapsulated DICOM pixel data without fragments", mFile);
}

std::uint32_t EncapsulatedFrames::length(unsigned long item) const
{
    DcmPixelItem* fragment = nullptr;
    if (mSequence.getItem(fragment, item).bad() || !fragment)
        throw ImageError("encapsulated DICOM pixel data: fragment " + std::to_string(item) + " is missing", mFile);
    return fragment->getLength();
}

std::vector<std::uint8_t> EncapsulatedFrames::value(unsigned long item, std::uint32_t maxBytes) const
{
    DcmPixelItem* fragment = nullptr;
    if (mSequence.getItem(fragment, item).bad() || !fragment)
        throw ImageError("encapsulated DICOM pixel data: fragment " + std::to_string(item) + " is missing", mFile);
    std::vector<std::uint8_t> bytes(std::min(fragment->getLength(), maxBytes));
    // getPartialValue reads from the file without keeping a copy inside DCMTK.
    if (!bytes.empty() && fragment->getPartialValue(bytes.data(), 0, std::uint32_t(bytes.size())).bad())
        throw ImageError("encapsulated DICOM pixel data: fragment " + std::to_string(item) + " cannot be read", mFile);
    return bytes;
}

EncapsulatedFrames::Range EncapsulatedFrames::fromOffsetTable(int index) const
{
    const std::uint32_t tableLength = length(0);
    if (tableLength < 4 * std::uint32_t(mFrames) || tableLength % 4 != 0)
        return {};
    const std::vector<std::uint8_t> table = value(0, tableLength);
    const auto offsetOf = [&](int frame) {
        const std::size_t at = 4 * std::size_t(frame);
        return std::uint32_t(table[at]) | std::uint32_t(table[at + 1]) << 8 | std::uint32_t(table[at + 2]) << 16 |
               std::uint32_t(table[at + 3]) << 24;
    };
    const std::uint32_t start = offsetOf(index);
    const bool last = index + 1 == mFrames;
    const std::uint32_t end = last ? 0 : offsetOf(index + 1);
    if (!last && end <= start)
        return {};
    // Offsets count from the first fragment's item tag; each fragment adds its header.
    Range range;
    std::uint64_t position = 0;
    for (unsigned long item = 1; item < mSequence.card(); ++item) {
        if (position == start)
            range.first = item;
        if (!last && position == end)
            range.end = item;
        position += kItemHeader + length(item);
    }
    if (last && range.first != 0)
        range.end = mSequence.card();
    return range.first != 0 && range.end > range.first ? range : Range{};
}

EncapsulatedFrames::Range EncapsulatedFrames::fromCodestreamStarts(int index) const
{
    std::vector<unsigned long> starts;
    for (unsigned long item = 1; item < mSequence.card(); ++item) {
        const std::vector<std::uint8_t> head = value(item, 4);
        if (head.size() == 4 && (std::equal(head.begin(), head.end(), kCodestreamStart.begin()) ||
                                 std::equal(head.begin(), head.end(), kJp2Start.begin())))
            starts.push_back(item);
    }
    if (starts.size() != std::size_t(mFrames) || starts.front() != 1)
        return {};
    const std::size_t at = std::size_t(index);
    return {starts[at], at + 1 < starts.size() ? starts[at + 1] : mSequence.card()};
}

std::vector<std::uint8_t> EncapsulatedFrames::frame(int index) const
{
    const unsigned long fragments = mSequence.card() - 1;
    Range range;
    if (mFrames == 1)
        range = {1, mSequence.card()};
    else if (fragments == unsigned(mFrames))
        range = {unsigned(index) + 1, unsigned(index) + 2};
    else if (range = fromOffsetTable(index); range.first == 0)
        range = fromCodestreamStarts(index);
    if (range.first == 0)
        throw ImageError("cannot find frame " + std::to_string(index + 1) + " of " + std::to_string(mFrames) +
                             " in the encapsulated DICOM pixel data",
                         mFile);

    std::vector<std::uint8_t> bytes;
    for (unsigned long item = range.first; item < range.end; ++item) {
        const std::vector<std::uint8_t> part = value(item, length(item));
        bytes.insert(bytes.end(), part.begin(), part.end());
    }
    if (bytes.empty())
        throw ImageError("frame " + std::to_string(index + 1) + " of the DICOM pixel data is empty", mFile);
    return bytes;
}

} // namespace pixmark::ingest
