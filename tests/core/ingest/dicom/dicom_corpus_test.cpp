// Every file of pydicom's test corpus against what pydicom reads from it
// (tests/data/dicom/expected.json): probed right or refused with a reason, never a crash.

#include "core/ingest/image_readers.h"
#include "tests/core/ingest/dicom/dicom_bytes.h"
#include "tests/core/ingest/dicom/dicom_test_data.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

using namespace pixmark::ingest;
using pixmark::test::corpusFile;
using pixmark::test::dicomExpected;
using pixmark::test::pydicomCorpus;

namespace {

// Decoding failures the tests accept for files that probe, each with the reason.
const std::map<std::string, std::string> kUndecodable{
    // The test corrupts the codestream on purpose (pydicom issue #1140).
    {"JPEG2000-embedded-sequence-delimiter.dcm", "corrupt JPEG 2000 codestream"},
};

// Full depth keeps 16 bits at most; these 32-bit files only display.
bool isWiderThan16(const nlohmann::json& entry)
{
    return entry.value("bitsStored", 0) > 16 && entry.value("samplesPerPixel", 1) == 1;
}

std::vector<std::string> corpusFiles()
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(pydicomCorpus()))
        if (entry.is_regular_file())
            files.push_back(std::filesystem::relative(entry.path(), pydicomCorpus()).generic_string());
    std::sort(files.begin(), files.end());
    return files;
}

std::size_t sampleCount(const DecodedImage& image)
{
    return std::size_t(image.width) * std::size_t(image.height) * std::size_t(image.channels);
}

} // namespace

TEST_CASE("DICOM corpus: every file probes as pydicom reads it or is refused with a reason", "[dicom][corpus]")
{
    if (pydicomCorpus().empty()) {
        WARN("pydicom's test corpus is not installed at " PIXMARK_PYDICOM_CORPUS "; skipped");
        return;
    }
    const auto& expected = dicomExpected()["files"];
    std::map<std::string, int> reasons;
    int images = 0;
    for (const std::string& name : corpusFiles()) {
        INFO(name);
        REQUIRE(expected.contains(name)); // a new corpus version: rerun make_expected.py
        const auto& entry = expected[name];
        if (entry["expect"] == "image") {
            ImageHeader header;
            REQUIRE_NOTHROW(header = probeImage(corpusFile(name)));
            ++images;
            CHECK(header.format == ImageFormat::Dicom);
            CHECK(header.width == entry["columns"].get<int>());
            CHECK(header.height == entry["rows"].get<int>());
            CHECK(header.storedWidth == header.width);
            CHECK(header.frames == entry["frames"].get<int>());
            CHECK(header.bitsPerSample == entry["bitsStored"].get<int>());
            CHECK(header.photometric == entry["photometric"].get<std::string>());
            CHECK(header.channels == (entry["samplesPerPixel"] == 1 && header.photometric != "PALETTE COLOR" ? 1 : 3));
            CHECK(header.signedPixels == entry["signed"].get<bool>());
            CHECK(header.rescaleSlope == Approx(entry["rescaleSlope"].get<double>()));
            CHECK(header.rescaleIntercept == Approx(entry["rescaleIntercept"].get<double>()));
            CHECK(header.transferSyntaxUid == entry.value("transferSyntaxUid", header.transferSyntaxUid));
            CHECK_FALSE(header.transferSyntaxName.empty());
            const auto windows = entry.value("windows", nlohmann::json::array());
            REQUIRE(header.windows.size() == windows.size());
            for (std::size_t i = 0; i < windows.size(); ++i) {
                CHECK(header.windows[i].center == Approx(windows[i][0].get<double>()));
                CHECK(header.windows[i].width == Approx(windows[i][1].get<double>()));
            }
        } else {
            try {
                probeImage(corpusFile(name));
                FAIL("probed, but pydicom finds no image: " << entry.value("why", ""));
            } catch (const ImageError& error) {
                CHECK_FALSE(error.reason().empty());
                ++reasons[error.reason()];
            }
        }
    }
    std::string summary;
    for (const auto& [reason, count] : reasons)
        summary += "\n  " + std::to_string(count) + " x " + reason;
    INFO("refusals:" << summary);
    CHECK(images == std::count_if(expected.begin(), expected.end(), [](const auto& e) { return e["expect"] == "image"; }));
}

TEST_CASE("DICOM corpus: every probed file decodes at its probed size or throws ImageError", "[dicom][corpus]")
{
    if (pydicomCorpus().empty()) {
        WARN("pydicom's test corpus is not installed at " PIXMARK_PYDICOM_CORPUS "; skipped");
        return;
    }
    const auto& expected = dicomExpected()["files"];
    for (const std::string& name : corpusFiles()) {
        const auto& entry = expected.value(name, nlohmann::json::object());
        ImageHeader header;
        try {
            header = probeImage(corpusFile(name));
        } catch (const ImageError&) {
            continue;
        }
        for (const auto depth : {DecodeOptions::Depth::Display8, DecodeOptions::Depth::Full}) {
            for (const int frame : {0, header.frames - 1}) {
                INFO(name << " frame " << frame << (depth == DecodeOptions::Depth::Full ? " full" : " display"));
                DecodeOptions options;
                options.depth = depth;
                options.frame = frame;
                const bool mayFail = kUndecodable.count(name) || (depth == DecodeOptions::Depth::Full && isWiderThan16(entry));
                try {
                    const DecodedImage image = decodeImage(corpusFile(name), options);
                    CHECK_FALSE(mayFail);
                    CHECK(image.width == header.width);
                    CHECK(image.height == header.height);
                    CHECK(image.channels == header.channels);
                    if (image.bitDepth == 8)
                        CHECK(image.samples8.size() == sampleCount(image));
                    else
                        CHECK(image.samples16.size() == sampleCount(image));
                    if (depth == DecodeOptions::Depth::Display8)
                        CHECK(image.bitDepth == 8);
                } catch (const ImageError& error) {
                    CHECK(mayFail);
                    CHECK_FALSE(error.reason().empty());
                }
            }
        }
    }
}

TEST_CASE("DICOM corpus: every image cut in half is refused or decodes, never crashes", "[dicom][corpus][hostile]")
{
    if (pydicomCorpus().empty()) {
        WARN("pydicom's test corpus is not installed at " PIXMARK_PYDICOM_CORPUS "; skipped");
        return;
    }
    pixmark::test::TempDir dir;
    int refused = 0;
    int cut = 0;
    for (const auto& [name, entry] : dicomExpected()["files"].items()) {
        if (entry["expect"] != "image")
            continue;
        INFO(name);
        std::ifstream in(corpusFile(name), std::ios::binary);
        std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
        bytes.resize(bytes.size() / 2);
        const auto half = dir / ("half" + std::to_string(++cut) + ".dcm");
        pixmark::test::writeBytes(half, bytes);
        try {
            probeImage(half);
            decodeImage(half);
        } catch (const ImageError& error) {
            CHECK_FALSE(error.reason().empty());
            ++refused;
        }
    }
    // Cut in half, the pixel data is always short; nothing of it may be shown.
    CHECK(refused == cut);
}
