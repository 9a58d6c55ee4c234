// Which files the registry hands to the DICOM reader.

#include "core/ingest/image_readers.h"
#include "core/ingest/readers/readers.h"
#include "tests/core/ingest/dicom/dicom_bytes.h"
#include "tests/core/ingest/dicom/dicom_test_data.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace pixmark::ingest;
using pixmark::test::DicomBytes;

namespace {

FileSignature signatureOf(const std::vector<std::uint8_t>& bytes, const std::string& extension)
{
    FileSignature signature;
    signature.size = std::min(bytes.size(), FileSignature::kSize);
    std::memcpy(signature.bytes.data(), bytes.data(), signature.size);
    signature.extension = extension;
    signature.fileSize = bytes.size();
    return signature;
}

bool dicomTakes(const std::vector<std::uint8_t>& bytes, const std::string& extension)
{
    return readerFor(signatureOf(bytes, extension)) == &dicomReader();
}

std::vector<std::uint8_t> bareImage(bool withGroup8)
{
    DicomBytes bytes("", false);
    if (withGroup8)
        bytes.text(0x0008, 0x0060, "CS", "OT");
    bytes.image16(2, 2).longElement(0x7FE0, 0x0010, "OW", std::vector<std::uint8_t>(8, 1), 8);
    return bytes.bytes();
}

} // namespace

TEST_CASE("DICOM signatures: preamble, bare data sets, extensions, never other formats", "[dicom][signature]")
{
    std::vector<std::uint8_t> preamble(300, 0);
    std::memcpy(preamble.data() + 128, "DICM", 4);
    CHECK(dicomTakes(preamble, ""));
    CHECK(dicomTakes(preamble, ".jpg"));

    SECTION("a TIFF header in the preamble (dual-personality files) does not hide DICM")
    {
        std::memcpy(preamble.data(), "II*\0", 4);
        CHECK(dicomTakes(preamble, ".dcm"));
    }
    SECTION("bare data sets by their first element or by extension")
    {
        CHECK(dicomTakes(bareImage(true), ".bin"));
        CHECK(dicomTakes(bareImage(true), ""));
        CHECK_FALSE(dicomTakes(bareImage(false), "")); // starts with group 0x0028
        CHECK(dicomTakes(bareImage(false), ".dcm"));
        CHECK(dicomTakes(bareImage(false), ".dicom"));
        // Implicit VR little endian: tag, then a 32-bit length.
        CHECK(dicomTakes({0x08, 0x00, 0x05, 0x00, 0x0A, 0x00, 0x00, 0x00, 'I', 'S', 'O', '_', 'I', 'R', ' ', '1', '0', '0'}, ""));
        // Big endian explicit VR.
        CHECK(dicomTakes({0x00, 0x08, 0x00, 0x05, 'C', 'S', 0x00, 0x0A, 'I', 'S', 'O', '_', 'I', 'R', ' ', '1', '0', '0'}, ""));
        CHECK_FALSE(dicomTakes({'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}, ".txt"));
    }
    SECTION("JPEG, PNG, TIFF and BMP signatures are never DICOM, whatever the extension")
    {
        const std::vector<std::vector<std::uint8_t>> others{
            {0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0, 0},
            {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0},
            {'I', 'I', '*', 0, 8, 0, 0, 0, 0, 0},
            {'M', 'M', 0, '*', 0, 0, 0, 8, 0, 0},
            std::vector<std::uint8_t>(40, 'B')};
        for (auto bytes : others) {
            if (bytes[0] == 'B')
                bytes[1] = 'M';
            CHECK_FALSE(dicomTakes(bytes, ".dcm"));
            CHECK_FALSE(dicomReader().canRead(signatureOf(bytes, ".dcm")));
        }
    }
}

TEST_CASE("A bare data set without preamble probes and decodes", "[dicom][signature]")
{
    pixmark::test::TempDir dir;
    pixmark::test::writeBytes(dir / "bare.bin", bareImage(true));
    const ImageHeader header = probeImage(dir / "bare.bin");
    CHECK(header.width == 2);
    CHECK(header.height == 2);
    DecodeOptions options;
    options.depth = DecodeOptions::Depth::Full;
    const DecodedImage image = decodeImage(dir / "bare.bin", options);
    CHECK(image.samples16 == std::vector<std::uint16_t>(4, 0x0101));

    if (pixmark::test::pydicomCorpus().empty())
        return;
    // pydicom's bare data sets: found, then refused for having no pixel data.
    for (const char* name : {"ExplVR_LitEndNoMeta.dcm", "ExplVR_BigEndNoMeta.dcm"}) {
        INFO(name);
        try {
            probeImage(pixmark::test::corpusFile(name));
            FAIL("probed a file without pixel data");
        } catch (const ImageError& error) {
            CHECK(error.reason() == "DICOM file without image data (e.g. a structured report)");
        }
    }
}
