// Pixel values of DICOM decoding: stored values against pydicom's pixel_array, windows,
// MONOCHROME1, frames, palette color, and compressed copies against uncompressed ones.

#include "core/ingest/image_readers.h"
#include "tests/core/ingest/dicom/dicom_test_data.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>

using namespace pixmark::ingest;
using pixmark::test::corpusFile;
using pixmark::test::dicomExpected;
using pixmark::test::dicomFixture;
using pixmark::test::pydicomCorpus;

namespace {

DecodedImage decode(const std::filesystem::path& file, DecodeOptions::Depth depth, int frame = 0)
{
    DecodeOptions options;
    options.depth = depth;
    options.frame = frame;
    return decodeImage(file, options);
}

DecodedImage full(const std::filesystem::path& file, int frame = 0)
{
    return decode(file, DecodeOptions::Depth::Full, frame);
}

DecodedImage display(const std::filesystem::path& file, int frame = 0)
{
    return decode(file, DecodeOptions::Depth::Display8, frame);
}

// A stored sample as the number it stands for.
int storedAt(const DecodedImage& image, int row, int col, int channel = 0)
{
    const std::size_t at = (std::size_t(row) * std::size_t(image.width) + std::size_t(col)) * std::size_t(image.channels) +
                           std::size_t(channel);
    if (image.bitDepth == 8)
        return image.samples8.at(at);
    return image.signedSamples ? int(static_cast<std::int16_t>(image.samples16.at(at))) : int(image.samples16.at(at));
}

// Each probe of expected.json's pixels section for file: pydicom's pixel_array value.
void checkAgainstPydicom(const std::string& name, const DecodedImage& image)
{
    const auto& pixels = dicomExpected()["pixels"][name];
    for (const auto& probe : pixels["probes"]) {
        const auto& values = probe["value"];
        for (std::size_t c = 0; c < values.size(); ++c) {
            INFO(name << " row " << probe["row"] << " col " << probe["col"] << " channel " << c);
            CHECK(storedAt(image, probe["row"], probe["col"], int(c)) == values[c].get<int>());
        }
    }
}

bool noCorpus()
{
    if (!pydicomCorpus().empty())
        return false;
    WARN("pydicom's test corpus is not installed at " PIXMARK_PYDICOM_CORPUS "; skipped");
    return true;
}

double meanAbsoluteDifference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b)
{
    REQUIRE(a.size() == b.size());
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        sum += std::abs(int(a[i]) - int(b[i]));
    return sum / double(a.size());
}

} // namespace

TEST_CASE("CT_small.dcm: 16-bit signed, rescale read, stored values kept, display windowed", "[dicom][decode]")
{
    if (noCorpus())
        return;
    const auto file = corpusFile("CT_small.dcm");
    const ImageHeader header = probeImage(file);
    CHECK(header.bitsPerSample == 16);
    CHECK(header.signedPixels);
    CHECK(header.rescaleSlope == 1.0);
    CHECK(header.rescaleIntercept == -1024.0);
    CHECK(header.windows.empty());

    const DecodedImage stored = full(file);
    CHECK(stored.bitDepth == 16);
    CHECK(stored.signedSamples);
    CHECK(stored.channels == 1);
    checkAgainstPydicom("CT_small.dcm", stored);
    const auto [low, high] = std::minmax_element(stored.samples16.begin(), stored.samples16.end(), [](auto a, auto b) {
        return static_cast<std::int16_t>(a) < static_cast<std::int16_t>(b);
    });
    CHECK(static_cast<std::int16_t>(*low) == dicomExpected()["pixels"]["CT_small.dcm"]["min"].get<int>());
    CHECK(static_cast<std::int16_t>(*high) == dicomExpected()["pixels"]["CT_small.dcm"]["max"].get<int>());

    SECTION("without a window in the file the display spans the frame's range")
    {
        const DecodedImage shown = display(file);
        REQUIRE(shown.bitDepth == 8);
        REQUIRE(shown.samples8.size() == stored.samples16.size());
        const auto lowAt = std::size_t(low - stored.samples16.begin());
        const auto highAt = std::size_t(high - stored.samples16.begin());
        CHECK(shown.samples8[lowAt] == 0);
        CHECK(shown.samples8[highAt] == 255);
        // Brighter stored values never display darker.
        for (std::size_t i = 0; i + 1 < shown.samples8.size(); ++i) {
            const auto a = static_cast<std::int16_t>(stored.samples16[i]);
            const auto b = static_cast<std::int16_t>(stored.samples16[i + 1]);
            if (a < b)
                CHECK(shown.samples8[i] <= shown.samples8[i + 1]);
        }
    }
    SECTION("an explicit window is in rescaled units (Hounsfield)")
    {
        DecodeOptions options;
        options.window = Window{0.0, 100.0}; // stored 1024 +- 50
        const DecodedImage shown = decodeImage(file, options);
        for (std::size_t i = 0; i < shown.samples8.size(); ++i) {
            const int hounsfield = static_cast<std::int16_t>(stored.samples16[i]) - 1024;
            if (hounsfield < -60)
                CHECK(shown.samples8[i] == 0);
            else if (hounsfield > 60)
                CHECK(shown.samples8[i] == 255);
        }
    }
    SECTION("a window of width 0 is refused")
    {
        DecodeOptions options;
        options.window = Window{0.0, 0.0};
        CHECK_THROWS_AS(decodeImage(file, options), ImageError);
    }
    SECTION("maxSide shrinks keeping the depth")
    {
        DecodeOptions options;
        options.depth = DecodeOptions::Depth::Full;
        options.maxSide = 32;
        const DecodedImage small = decodeImage(file, options);
        CHECK(small.width == 32);
        CHECK(small.height == 32);
        CHECK(small.bitDepth == 16);
        CHECK(small.signedSamples);
        CHECK(small.samples16.size() == 32 * 32);
    }
}

TEST_CASE("MR_small.dcm in every encoding of the corpus decodes to the same stored values", "[dicom][decode]")
{
    if (noCorpus())
        return;
    const DecodedImage reference = full(corpusFile("MR_small.dcm"));
    checkAgainstPydicom("MR_small.dcm", reference);
    const DecodedImage referenceShown = display(corpusFile("MR_small.dcm"));
    for (const char* name : {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm",
                             "MR_small_bigendian.dcm", "MR_small_expb.dcm", "MR_small_implicit.dcm",
                             "MR_small_padded.dcm"}) {
        INFO(name);
        const DecodedImage copy = full(corpusFile(name));
        CHECK(copy.bitDepth == 16);
        CHECK(copy.signedSamples);
        CHECK(copy.samples16 == reference.samples16);
        CHECK(display(corpusFile(name)).samples8 == referenceShown.samples8);
    }
}

TEST_CASE("JPEG 2000 and HTJ2K frames decode through OpenCV", "[dicom][decode][jpeg2000]")
{
    SECTION("the HTJ2K fixture names its syntax and decodes (Part 1 codestream under the HTJ2K UID)")
    {
        const auto file = dicomFixture("htj2k_relabelled.dcm");
        const ImageHeader header = probeImage(file);
        CHECK(header.transferSyntaxUid == "1.2.840.10008.1.2.4.201");
        CHECK(header.transferSyntaxName == "High-Throughput JPEG 2000 Image Compression (Lossless Only)");
        CHECK(header.width == 64);
        const DecodedImage image = full(file);
        CHECK(image.signedSamples);
        if (!noCorpus())
            CHECK(image.samples16 == full(corpusFile("MR_small.dcm")).samples16);
    }
    SECTION("multi-frame, two fragments per frame, found with and without a Basic Offset Table")
    {
        for (const char* name : {"jpeg2000_multiframe_bot.dcm", "jpeg2000_multiframe_nobot.dcm"}) {
            const auto file = dicomFixture(name);
            REQUIRE(probeImage(file).frames == 3);
            for (const int frame : {2, 0, 1}) {
                INFO(name << " frame " << frame);
                const DecodedImage image = full(file, frame);
                REQUIRE(image.width == 64);
                REQUIRE(image.height == 40);
                CHECK_FALSE(image.signedSamples);
                for (int y = 0; y < image.height; ++y)
                    for (int x = 0; x < image.width; ++x)
                        REQUIRE(storedAt(image, y, x) == 1000 * frame + x + 10 * y);
            }
        }
    }
    if (noCorpus())
        return;
    SECTION("signed 16-bit (JPEG2000.dcm) decodes as signed samples")
    {
        const ImageHeader header = probeImage(corpusFile("JPEG2000.dcm"));
        CHECK(header.transferSyntaxUid == "1.2.840.10008.1.2.4.91");
        const DecodedImage image = full(corpusFile("JPEG2000.dcm"));
        CHECK(image.signedSamples);
        CHECK(image.width == 256);
        CHECK(image.height == 1024);
    }
    SECTION("a JP2-wrapped YBR_RCT codestream (GDCMJ2K_TextGBR.dcm) decodes to RGB")
    {
        const DecodedImage image = display(corpusFile("GDCMJ2K_TextGBR.dcm"));
        CHECK(image.channels == 3);
        CHECK(image.samples8.size() == 400u * 400u * 3u);
    }
    SECTION("an RGB JPEG 2000 (SC_rgb_gdcm_KY.dcm) matches the RLE copy")
    {
        CHECK(meanAbsoluteDifference(display(corpusFile("SC_rgb_gdcm_KY.dcm")).samples8,
                                     display(corpusFile("SC_rgb_rle.dcm")).samples8) < 2.0);
    }
    SECTION("a corrupt codestream is refused with a reason")
    {
        try {
            decodeImage(corpusFile("JPEG2000-embedded-sequence-delimiter.dcm"));
            FAIL("decoded a corrupt codestream");
        } catch (const ImageError& error) {
            CHECK_THAT(error.reason(), Catch::Contains("JPEG 2000"));
        }
    }
}

TEST_CASE("RGB: JPEG lossless equals RLE, and every JPEG variant is close to them", "[dicom][decode]")
{
    if (noCorpus())
        return;
    const DecodedImage rle = display(corpusFile("SC_rgb_rle.dcm"));
    CHECK(rle.channels == 3);
    checkAgainstPydicom("SC_rgb_rle.dcm", rle);
    CHECK(full(corpusFile("SC_rgb_rle.dcm")).samples8 == rle.samples8); // color Full is 8-bit RGB
    CHECK(display(corpusFile("SC_rgb_jpeg_gdcm.dcm")).samples8 == rle.samples8); // JPEG lossless, SV1
    CHECK(display(corpusFile("SC_rgb_rle_2frame.dcm"), 1).samples8 != rle.samples8);
    // Baseline JPEG in RGB and YCbCr, 4:4:4 and 4:2:2, and 16-bit RLE: color conversion,
    // subsampling and scaling to 8 bits are DCMTK's; the image must stay recognizable.
    // Not SC_rgb_jpeg_lossy_gdcm.dcm: labelled RGB, its JPEG stream is YCbCr. The reader
    // trusts the label (DCMTK's default); guessing from JPEG markers instead would break
    // SC_rgb_jpeg.dcm and SC_jpeg_no_color_transform.dcm, which are RGB as labelled.
    for (const char* name : {"SC_rgb_dcmtk_+eb+cr.dcm", "SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm",
                             "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm",
                             "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_rle_16bit.dcm"}) {
        INFO(name);
        CHECK(meanAbsoluteDifference(display(corpusFile(name)).samples8, rle.samples8) < 4.0);
    }
    // SC_rgb_jpeg_dcmd.dcm is SC_rgb_jpeg.dcm decompressed by another decoder.
    CHECK(meanAbsoluteDifference(display(corpusFile("SC_rgb_jpeg.dcm")).samples8,
                                 display(corpusFile("SC_rgb_jpeg_dcmd.dcm")).samples8) < 1.0);
}

TEST_CASE("MONOCHROME1 displays inverted relative to its stored values", "[dicom][decode]")
{
    if (noCorpus())
        return;
    const auto file = corpusFile("dicomdirtests/77654033/CR1/6154");
    CHECK(probeImage(file).photometric == "MONOCHROME1");
    const DecodedImage stored = full(file);
    checkAgainstPydicom("dicomdirtests/77654033/CR1/6154", stored);
    const auto [low, high] = std::minmax_element(stored.samples16.begin(), stored.samples16.end());
    const DecodedImage shown = display(file);
    const auto lowAt = std::size_t(low - stored.samples16.begin());
    const auto highAt = std::size_t(high - stored.samples16.begin());
    CHECK(shown.samples8[lowAt] > shown.samples8[highAt]);
    for (std::size_t i = 0; i + 1 < shown.samples8.size(); ++i)
        if (stored.samples16[i] < stored.samples16[i + 1])
            CHECK(shown.samples8[i] >= shown.samples8[i + 1]);
}

TEST_CASE("Multi-frame files decode the requested frame only", "[dicom][decode]")
{
    const auto file = dicomFixture("multiframe_16bit.dcm");
    const ImageHeader header = probeImage(file);
    REQUIRE(header.frames == 10);
    CHECK(header.windows.size() == 1);
    for (const int frame : {0, 3, 9}) {
        const DecodedImage image = full(file, frame);
        CHECK(image.bitDepth == 16);
        CHECK_FALSE(image.signedSamples);
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x)
                REQUIRE(storedAt(image, y, x) == 100 * frame + x + y);
    }
    CHECK(display(file, 3).samples8 != display(file, 0).samples8);
    CHECK_THROWS_AS(full(file, 10), ImageError);
    CHECK_THROWS_AS(full(file, -1), ImageError);

    if (noCorpus())
        return;
    SECTION("rtdose.dcm: 15 frames of 32-bit data display, and are refused at full depth")
    {
        const auto dose = corpusFile("rtdose.dcm");
        CHECK(probeImage(dose).frames == 15);
        CHECK(display(dose, 3).samples8 != display(dose, 0).samples8);
        try {
            full(dose, 3);
            FAIL("32-bit data at full depth");
        } catch (const ImageError& error) {
            CHECK_THAT(error.reason(), Catch::Contains("full depth"));
        }
        // The RLE copy shows the same frames.
        CHECK(display(corpusFile("rtdose_rle.dcm"), 14).samples8 == display(dose, 14).samples8);
    }
}

TEST_CASE("Palette color decodes to three channels through the lookup tables", "[dicom][decode]")
{
    const auto file = dicomFixture("palette_color_8bit.dcm");
    const ImageHeader header = probeImage(file);
    CHECK(header.photometric == "PALETTE COLOR");
    CHECK(header.channels == 3);
    for (const auto depth : {DecodeOptions::Depth::Display8, DecodeOptions::Depth::Full}) {
        const DecodedImage image = decode(file, depth);
        REQUIRE(image.channels == 3);
        REQUIRE(image.bitDepth == 8);
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x) {
                const int index = 16 * y + x; // the stored value, see make_expected.py
                CHECK(storedAt(image, y, x, 0) == index);
                CHECK(storedAt(image, y, x, 1) == 255 - index);
                CHECK(storedAt(image, y, x, 2) == 128);
            }
    }
}

TEST_CASE("maxSide keeps the aspect ratio", "[dicom][decode]")
{
    if (noCorpus())
        return;
    DecodeOptions options;
    options.maxSide = 128;
    const DecodedImage image = decodeImage(corpusFile("JPGExtended.dcm"), options); // 256 x 1024
    CHECK(image.width == 32);
    CHECK(image.height == 128);
    CHECK(image.samples8.size() == 32u * 128u);
    options.maxSide = 4096; // never enlarges
    CHECK(decodeImage(corpusFile("JPGExtended.dcm"), options).width == 256);
}

TEST_CASE("Several threads decoding at once get the same pixels as one", "[dicom][decode]")
{
    // Codec registration, DCMTK's global state and the JPEG 2000 path under concurrency.
    std::vector<std::filesystem::path> files{dicomFixture("multiframe_16bit.dcm"), dicomFixture("palette_color_8bit.dcm"),
                                             dicomFixture("htj2k_relabelled.dcm")};
    if (!pydicomCorpus().empty())
        for (const char* name : {"MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_jpeg_gdcm.dcm",
                                 "JPEG2000.dcm", "CT_small.dcm"})
            files.push_back(corpusFile(name));
    std::vector<std::vector<std::uint8_t>> expected;
    for (const auto& file : files)
        expected.push_back(display(file).samples8);

    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 5; ++round)
                for (std::size_t i = 0; i < files.size(); ++i) {
                    const std::size_t at = (i + std::size_t(t)) % files.size();
                    try {
                        if (display(files[at]).samples8 != expected[at])
                            ++mismatches;
                    } catch (...) {
                        ++mismatches;
                    }
                }
        });
    for (auto& thread : threads)
        thread.join();
    CHECK(mismatches == 0);
}
