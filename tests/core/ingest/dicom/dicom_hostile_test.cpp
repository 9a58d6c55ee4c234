// DICOM files built to break the reader: each must end in an ImageError with a reason.

#include "core/ingest/image_readers.h"
#include "tests/core/ingest/dicom/dicom_bytes.h"
#include "tests/core/ingest/dicom/dicom_test_data.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>

using namespace pixmark::ingest;
using pixmark::test::DicomBytes;
using pixmark::test::dicomFixture;

namespace {

// The reason probeImage gives, or "" when it accepts the file.
std::string probeRefusal(const std::filesystem::path& file, const ReaderLimits& limits = {})
{
    try {
        probeImage(file, limits);
        return {};
    } catch (const ImageError& error) {
        return error.reason();
    }
}

std::string decodeRefusal(const std::filesystem::path& file, const ReaderLimits& limits = {})
{
    try {
        decodeImage(file, {}, limits);
        return {};
    } catch (const ImageError& error) {
        return error.reason();
    }
}

std::vector<std::uint8_t> bytesOf(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::uint8_t> pixels16(std::size_t count)
{
    return std::vector<std::uint8_t>(count * 2, 0x11);
}

} // namespace

TEST_CASE("A DICOM file cut in half is refused as truncated", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    auto bytes = bytesOf(dicomFixture("multiframe_16bit.dcm"));
    bytes.resize(bytes.size() / 2);
    pixmark::test::writeBytes(dir / "half.dcm", bytes);
    CHECK_THAT(probeRefusal(dir / "half.dcm"), Catch::StartsWith("truncated or corrupt DICOM file: "));
    CHECK_FALSE(decodeRefusal(dir / "half.dcm").empty());

    if (pixmark::test::pydicomCorpus().empty())
        return;
    bytes = bytesOf(pixmark::test::corpusFile("CT_small.dcm"));
    bytes.resize(bytes.size() / 2);
    pixmark::test::writeBytes(dir / "ct_half.dcm", bytes);
    CHECK_THAT(probeRefusal(dir / "ct_half.dcm"), Catch::StartsWith("truncated or corrupt DICOM file: "));
}

TEST_CASE("Random bytes named .dcm are refused", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    std::mt19937 random(20240611);
    for (const std::size_t size : {1u, 7u, 132u, 133u, 300u, 4096u, 70000u}) {
        std::vector<std::uint8_t> bytes(size);
        for (auto& byte : bytes)
            byte = std::uint8_t(random());
        const auto file = dir / ("random" + std::to_string(size) + ".dcm");
        pixmark::test::writeBytes(file, bytes);
        INFO(size << " bytes");
        CHECK_FALSE(probeRefusal(file).empty());
        CHECK_FALSE(decodeRefusal(file).empty());
        // The same bytes behind a DICOM preamble.
        bytes.insert(bytes.begin(), 132, 0);
        std::copy_n("DICM", 4, bytes.begin() + 128);
        pixmark::test::writeBytes(file, bytes);
        CHECK_FALSE(probeRefusal(file).empty());
        CHECK_FALSE(decodeRefusal(file).empty());
    }
}

TEST_CASE("The pixel limit refuses before anything is decoded", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    ReaderLimits limits;
    limits.maxPixels = 16 * 12 * 10 - 1;
    CHECK_THAT(probeRefusal(dicomFixture("multiframe_16bit.dcm"), limits), Catch::Contains("over the limit"));
    CHECK_THAT(decodeRefusal(dicomFixture("multiframe_16bit.dcm"), limits), Catch::Contains("over the limit"));

    // 65535 x 65535 x 2^31-1 frames announced with 8 bytes of pixel data.
    DicomBytes huge;
    huge.image16(65535, 65535).text(0x0028, 0x0008, "IS", "2147483647").longElement(0x7FE0, 0x0010, "OW", pixels16(4), 8);
    huge.write(dir / "huge.dcm");
    CHECK_THAT(probeRefusal(dir / "huge.dcm"), Catch::Contains("over the limit"));
}

TEST_CASE("Inconsistent image attributes are refused with a reason", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    const auto file = dir / "bad.dcm";

    DicomBytes noPixels;
    noPixels.image16(4, 4);
    noPixels.write(file);
    CHECK(probeRefusal(file) == "DICOM file without image data (e.g. a structured report)");

    DicomBytes noRows;
    noRows.us(0x0028, 0x0011, 4).longElement(0x7FE0, 0x0010, "OW", pixels16(16), 32);
    noRows.write(file);
    CHECK(probeRefusal(file) == "DICOM image without Rows / Columns");

    DicomBytes shortPixels;
    shortPixels.image16(4, 4).longElement(0x7FE0, 0x0010, "OW", pixels16(15), 30);
    shortPixels.write(file);
    CHECK_THAT(probeRefusal(file), Catch::Contains("shorter than the image"));

    DicomBytes badFrames;
    badFrames.image16(4, 4).text(0x0028, 0x0008, "IS", "1A").longElement(0x7FE0, 0x0010, "OW", pixels16(16), 32);
    badFrames.write(file);
    CHECK(probeRefusal(file) == "invalid Number of Frames \"1A\"");

    DicomBytes badBits;
    badBits.us(0x0028, 0x0002, 1)
        .text(0x0028, 0x0004, "CS", "MONOCHROME2")
        .us(0x0028, 0x0010, 4)
        .us(0x0028, 0x0011, 4)
        .us(0x0028, 0x0100, 64)
        .longElement(0x7FE0, 0x0010, "OW", pixels16(64), 128);
    badBits.write(file);
    CHECK_THAT(probeRefusal(file), Catch::Contains("Bits Allocated"));

    DicomBytes frameOutOfRange;
    frameOutOfRange.image16(4, 4).longElement(0x7FE0, 0x0010, "OW", pixels16(16), 32);
    frameOutOfRange.write(file);
    CHECK(probeRefusal(file).empty());
    DecodeOptions options;
    options.frame = 1;
    CHECK_THROWS_AS(decodeImage(file, options), ImageError);
}

TEST_CASE("Deeply nested sequences are refused or read on a large stack, never overflow it", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    // DCMTK 3.6.7 recurses once per level; 200,000 levels overflow any thread's stack.
    for (const int depth : {100, 20000, 200000}) {
        DicomBytes nested;
        nested.image16(2, 2);
        for (int level = 0; level < depth; ++level) {
            nested.longElement(0x0029, 0x1010, "SQ", {}, 0xFFFFFFFF);
            nested.raw(DicomBytes::item(0xFFFFFFFF));
        }
        const auto file = dir / ("nested" + std::to_string(depth) + ".dcm");
        nested.write(file);
        INFO(depth << " levels");
        CHECK_FALSE(probeRefusal(file).empty());
        CHECK_FALSE(decodeRefusal(file).empty());
    }
}

TEST_CASE("Compressed pixel data that lies is refused", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    const auto file = dir / "lies.dcm";
    const auto encapsulated = [](const std::string& syntax, const std::vector<std::uint8_t>& fragment) {
        DicomBytes bytes(syntax);
        bytes.image16(8, 8).longElement(0x7FE0, 0x0010, "OB", {}, 0xFFFFFFFF);
        bytes.raw(DicomBytes::item(0));
        bytes.raw(DicomBytes::item(std::uint32_t(fragment.size()))).raw(fragment);
        bytes.raw({0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0});
        return bytes;
    };
    SECTION("a JPEG 2000 codestream larger than the header says is not decoded")
    {
        // SOC, SIZ: 65535 x 65535, one 16-bit component.
        std::vector<std::uint8_t> siz{0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x29, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF,
                                      0x00, 0x00, 0xFF, 0xFF, 0,    0,    0,    0,    0,    0,    0,    0,
                                      0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xFF, 0,    0,    0,    0,
                                      0,    0,    0,    0,    0x00, 0x01, 0x0F, 0x01, 0x01, 0xFF, 0xD9};
        encapsulated("1.2.840.10008.1.2.4.90", siz).write(file);
        CHECK(probeRefusal(file).empty()); // the header itself is fine
        CHECK_THAT(decodeRefusal(file), Catch::Contains("the header says 8 x 8"));
    }
    SECTION("garbage in place of a JPEG 2000 codestream")
    {
        encapsulated("1.2.840.10008.1.2.4.91", std::vector<std::uint8_t>(64, 0xAB)).write(file);
        CHECK_THAT(decodeRefusal(file), Catch::Contains("JPEG 2000"));
    }
    SECTION("garbage in place of JPEG, JPEG-LS and RLE data")
    {
        for (const char* syntax : {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80",
                                   "1.2.840.10008.1.2.5"}) {
            INFO(syntax);
            encapsulated(syntax, std::vector<std::uint8_t>(64, 0xAB)).write(file);
            CHECK_FALSE(decodeRefusal(file).empty());
        }
    }
    SECTION("syntaxes without a decoder are refused by name")
    {
        encapsulated("1.2.840.10008.1.2.4.100", std::vector<std::uint8_t>(64, 0xAB)).write(file);
        CHECK_THAT(decodeRefusal(file), Catch::Contains("MPEG2") && Catch::Contains("not supported"));
        encapsulated("1.2.3.4.5", std::vector<std::uint8_t>(64, 0xAB)).write(file);
        CHECK(decodeRefusal(file) == "unknown transfer syntax 1.2.3.4.5 is not supported");
    }
}

TEST_CASE("Deflated data sets are refused by name", "[dicom][hostile]")
{
    pixmark::test::TempDir dir;
    DicomBytes deflated("1.2.840.10008.1.2.1.99");
    deflated.raw(std::vector<std::uint8_t>(100, 0x03));
    deflated.write(dir / "deflated.dcm");
    CHECK_THAT(probeRefusal(dir / "deflated.dcm"), Catch::StartsWith("Deflated Explicit VR Little Endian is not supported"));
}
