#include "core/ingest/readers/dicom/dicom_signature.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace pixmark::ingest {

namespace {

constexpr std::array<std::string_view, 34> kValueRepresentations{
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV",
    "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV"};

bool isValueRepresentation(unsigned char first, unsigned char second)
{
    for (std::string_view vr : kValueRepresentations)
        if (static_cast<unsigned char>(vr[0]) == first && static_cast<unsigned char>(vr[1]) == second)
            return true;
    return false;
}

std::uint16_t little16(const FileSignature& s, std::size_t at)
{
    return static_cast<std::uint16_t>(s.bytes[at] | (s.bytes[at + 1] << 8));
}

std::uint16_t big16(const FileSignature& s, std::size_t at)
{
    return static_cast<std::uint16_t>((s.bytes[at] << 8) | s.bytes[at + 1]);
}

std::uint32_t little32(const FileSignature& s, std::size_t at)
{
    return std::uint32_t{little16(s, at)} | (std::uint32_t{little16(s, at + 2)} << 16);
}

bool isStartGroup(std::uint16_t group)
{
    return group == 0x0002 || group == 0x0008;
}

// A data set starts with its lowest tag: the meta group 0x0002 or, without a meta
// header, the identifying group 0x0008 (Specific Character Set, Image Type, ...).
bool startsLikeDataSet(const FileSignature& s)
{
    if (s.size < 8)
        return false;
    const bool explicitVr = isValueRepresentation(s.bytes[4], s.bytes[5]);
    if (explicitVr && (isStartGroup(little16(s, 0)) || isStartGroup(big16(s, 0))))
        return true;
    // Implicit VR little endian: tag, then a 32-bit length that fits in the file.
    if (little16(s, 0) != 0x0008 || little16(s, 2) > 0x00FF)
        return false;
    const std::uint32_t length = little32(s, 4);
    return length != 0xFFFFFFFF && (length % 2) == 0 && std::uintmax_t{length} + 8 <= s.fileSize;
}

} // namespace

bool looksLikeDicom(const FileSignature& signature)
{
    // Checked before the other signatures: DICOM files may carry a TIFF header in their
    // preamble (dual-personality files such as pydicom's CT_small.dcm).
    if (signature.startsWith("DICM", 128))
        return true;
    switch (detectFormat(signature)) {
    case ImageFormat::Dicom:
        return true;
    case ImageFormat::Unknown:
        break;
    default:
        return false;
    }
    if (signature.extension == ".dcm" || signature.extension == ".dicom")
        return true;
    return startsLikeDataSet(signature);
}

} // namespace pixmark::ingest
