#include "core/errors.h"
#include "core/formats/format_error.h"
#include "core/formats/masks/class_map.h"
#include "core/formats/masks/indexed_png.h"
#include "core/formats/masks/masks_format.h"
#include "core/formats/registry.h"
#include "core/geometry/mask_rle.h"
#include "tests/core/formats/format_fixtures.h"
#include "tests/core/formats/recording_sink.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace pixmark;
using namespace pixmark::formats;
namespace fs = std::filesystem;
using pixmark::test::makeImage;
using pixmark::test::readText;
using pixmark::test::refusedWithPixmarkError;
using pixmark::test::requireErrorNames;
using pixmark::test::RecordingSink;

namespace {

constexpr int kWidth = 8;
constexpr int kHeight = 6;

MaskRle maskWhere(const std::function<bool(int, int)>& inside)
{
    std::vector<std::uint8_t> bits(kWidth * kHeight);
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x)
            bits[std::size_t(y * kWidth + x)] = inside(x, y) ? 1 : 0;
    return encodeMask(bits.data(), kWidth, kHeight);
}

const auto catArea = [](int, int y) { return y < 3; };
const auto dogArea = [](int x, int) { return x >= 4; };

int expectedValue(int x, int y)
{
    return dogArea(x, y) ? 2 : catArea(x, y) ? 1 : 0;
}

ExportDataset makeMaskDataset(TaskType type, std::vector<ExportImage> images)
{
    return test::makeDataset(type, "", {{10, "cat"}, {20, "dog"}}, std::move(images));
}

fs::path writeMaskExport(const fs::path& root)
{
    const fs::path out = root / "out";
    fs::create_directories(out);
    ExportImage a;
    a.fileName = "a.png";
    a.width = kWidth;
    a.height = kHeight;
    a.annotations = {{10, AnnotationKind::Mask, toJson(maskWhere(catArea)), {}},
                     {20, AnnotationKind::Mask, toJson(maskWhere(dogArea)), {}},
                     {10, AnnotationKind::Tag, "", {}}};
    ExportImage b;
    b.fileName = "sub/b.jpg";
    b.source = root / "source/b.jpg";
    test::writeJpeg(b.source, 5, 4, 1);
    masksFormat().write(makeMaskDataset(TaskType::SemanticSegmentation, {a, b}), out);
    test::writePng(out / "JPEGImages/a.png", kWidth, kHeight, 1);
    return out;
}

// Recomputes the CRC of every whole chunk, so that mutations reach libpng's decoding
// instead of stopping at the checksum.
void fixChunkCrcs(std::string& bytes)
{
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::size_t at = 8;
    while (at + 12 <= bytes.size()) {
        const auto byte = [&](std::size_t i) { return std::uint32_t(std::uint8_t(bytes[i])); };
        const std::uint32_t length = byte(at) << 24 | byte(at + 1) << 16 | byte(at + 2) << 8 | byte(at + 3);
        if (length > bytes.size() - at - 12)
            return;
        std::uint32_t crc = 0xffffffffu;
        for (std::size_t i = at + 4; i < at + 8 + length; ++i)
            crc = table[(crc ^ byte(i)) & 0xff] ^ (crc >> 8);
        crc ^= 0xffffffffu;
        for (int k = 0; k < 4; ++k)
            bytes[at + 8 + length + std::size_t(k)] = static_cast<char>(crc >> (24 - 8 * k));
        at += 12 + length;
    }
}

} // namespace

TEST_CASE("Masks is registered for semantic segmentation", "[formats][masks]")
{
    CHECK(&formatById("masks") == &masksFormat());
    CHECK(masksFormat().canExport(TaskType::SemanticSegmentation));
    CHECK_FALSE(masksFormat().canExport(TaskType::ObjectDetection));
    CHECK(vocColor(1) == Rgb{128, 0, 0});
    CHECK(vocColor(2) == Rgb{0, 128, 0});
    CHECK(vocColor(255) == Rgb{224, 224, 192});
}

TEST_CASE("Mask export writes palette PNGs and the class map, and reads back one mask per class", "[formats][masks]")
{
    test::TempDir temp;
    const fs::path out = writeMaskExport(temp.path());
    CHECK(readText(out / "class_map.json") == "{\n  \"classes\": {\n    \"0\": \"background\",\n    \"1\": \"cat\",\n"
                                           "    \"2\": \"dog\"\n  },\n  \"colors\": {\n    \"0\": [\n      0,\n      0,\n"
                                           "      0\n    ],\n    \"1\": [\n      128,\n      0,\n      0\n    ],\n"
                                           "    \"2\": [\n      0,\n      128,\n      0\n    ]\n  }\n}\n");
    const std::string bytes = readText(out / "SegmentationClass/a.png");
    REQUIRE(bytes.size() > 26);
    CHECK(int(bytes[24]) == 8); // bit depth
    CHECK(int(bytes[25]) == 3); // palette color type
    const IndexedPng png = readIndexedPng(bytes, "a.png");
    REQUIRE(png.width == kWidth);
    REQUIRE(png.height == kHeight);
    CHECK(png.palette.at(1) == Rgb{128, 0, 0});
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x < kWidth; ++x) {
            INFO(x << ", " << y);
            CHECK(int(png.pixels[std::size_t(y * kWidth + x)]) == expectedValue(x, y));
        }
    // b had no size: it came from its file; without masks it is all background.
    const IndexedPng b = readIndexedPng(readText(out / "SegmentationClass/sub/b.png"), "b.png");
    CHECK(b.width == 5);
    CHECK(b.height == 4);
    CHECK(std::all_of(b.pixels.begin(), b.pixels.end(), [](std::uint8_t v) { return v == 0; }));

    const VerifyReport report = masksFormat().verify(out);
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    CHECK(report.ok());
    CHECK(report.images == 2);
    CHECK(report.annotations == 2);
    CHECK(report.categories == 2);

    RecordingSink sink;
    masksFormat().read(out, sink);
    CHECK(sink.references() == std::vector<std::string>{"JPEGImages/a.png", "sub/b.jpg"});
    CHECK(sink.images[0].width == kWidth);
    CHECK(sink.images[0].height == kHeight);
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].category == "cat");
    CHECK(sink.shapes[0].kind == AnnotationKind::Mask);
    CHECK(parseMask(sink.shapes[0].geometry) == maskWhere([](int x, int y) { return expectedValue(x, y) == 1; }));
    CHECK(sink.shapes[1].category == "dog");
    CHECK(parseMask(sink.shapes[1].geometry) == maskWhere(dogArea));
}

TEST_CASE("Mask export refuses other task types and masks of the wrong size", "[formats][masks][validation]")
{
    test::TempDir temp;
    CHECK_THROWS_AS(masksFormat().write(makeMaskDataset(TaskType::ObjectDetection, {}), temp.path()), ValidationError);
    ExportImage wrong;
    wrong.fileName = "w.png";
    wrong.width = 10;
    wrong.height = 10;
    wrong.annotations = {{10, AnnotationKind::Mask, toJson(maskWhere(catArea)), {}}};
    CHECK_THROWS_AS(masksFormat().write(makeMaskDataset(TaskType::SemanticSegmentation, {wrong}), temp.path()),
                    ValidationError);
}

TEST_CASE("Mask verify and read catch bad PNGs and class maps", "[formats][masks][validation]")
{
    test::TempDir temp;
    const fs::path out = writeMaskExport(temp.path());
    const fs::path a = out / "SegmentationClass/a.png";

    SECTION("a value outside the class map")
    {
        IndexedPng png = readIndexedPng(readText(a), "a.png");
        png.pixels[13] = 7;
        writeIndexedPng(a, png);
        const VerifyReport report = masksFormat().verify(out);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("a.png: pixel value 7") != std::string::npos);
        RecordingSink sink;
        requireErrorNames([&] { masksFormat().read(out, sink); }, "a.png", "pixel value 7 (first at x 5, y 1)");
    }
    SECTION("a truncated PNG")
    {
        const std::string bytes = readText(a);
        test::writeText(a, bytes.substr(0, bytes.size() - 20));
        RecordingSink sink;
        requireErrorNames([&] { masksFormat().read(out, sink); }, "a.png", "byte");
        CHECK_FALSE(masksFormat().verify(out).ok());
    }
    SECTION("a 16-bit PNG")
    {
        cv::imwrite(a.string(), cv::Mat(kHeight, kWidth, CV_16UC1, cv::Scalar(1)));
        RecordingSink sink;
        requireErrorNames([&] { masksFormat().read(out, sink); }, "a.png", "bit depth 16");
        CHECK_FALSE(masksFormat().verify(out).ok());
    }
    SECTION("an RGB PNG")
    {
        cv::imwrite(a.string(), cv::Mat(kHeight, kWidth, CV_8UC3, cv::Scalar(1, 1, 1)));
        RecordingSink sink;
        requireErrorNames([&] { masksFormat().read(out, sink); }, "a.png", "color type 2");
    }
    SECTION("not a PNG")
    {
        test::writeText(a, "GIF89a");
        RecordingSink sink;
        requireErrorNames([&] { masksFormat().read(out, sink); }, "a.png", "not a PNG");
    }
    SECTION("a mask of another size than its image")
    {
        test::writePng(out / "JPEGImages/a.png", kWidth + 1, kHeight, 1);
        const VerifyReport report = masksFormat().verify(out);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("8 x 6") != std::string::npos);
    }
    SECTION("a gray PNG is read by value")
    {
        IndexedPng gray = readIndexedPng(readText(a), "a.png");
        gray.palette.clear();
        writeIndexedPng(a, gray);
        RecordingSink sink;
        masksFormat().read(out, sink);
        CHECK(sink.shapes.size() == 2);
    }
    SECTION("class_map.json that is not JSON, or has the wrong types")
    {
        RecordingSink sink;
        test::writeText(out / "class_map.json", "{\"classes\": {\"1\": \"cat\",}}");
        requireErrorNames([&] { masksFormat().read(out, sink); }, "class_map.json", "byte");
        test::writeText(out / "class_map.json", "{\"classes\": {\"1\": 5}}");
        requireErrorNames([&] { masksFormat().read(out, sink); }, "class_map.json", "$.classes.1");
        test::writeText(out / "class_map.json", "{\"classes\": {\"300\": \"x\"}}");
        requireErrorNames([&] { masksFormat().read(out, sink); }, "class_map.json", "$.classes.300");
        test::writeText(out / "class_map.json", "{\"classes\": {\"1\": \"cat\"}, \"colors\": {\"1\": [1, 2]}}");
        requireErrorNames([&] { masksFormat().read(out, sink); }, "class_map.json", "$.colors.1");
        fs::remove(out / "class_map.json");
        requireErrorNames([&] { masksFormat().read(out, sink); }, out.string(), "class_map.json");
        CHECK_FALSE(masksFormat().verify(out).ok());
    }
    SECTION("the flat class map other tools write")
    {
        test::writeText(out / "class_map.json", "{\"0\": \"background\", \"1\": \"kitty\", \"2\": \"dog\"}");
        RecordingSink sink;
        masksFormat().read(out / "class_map.json", sink);
        REQUIRE(sink.shapes.size() == 2);
        CHECK(sink.shapes[0].category == "kitty");
    }
}

TEST_CASE("Mask reader survives mutated PNGs and class maps", "[formats][masks][fuzz]")
{
    test::TempDir temp;
    const fs::path out = writeMaskExport(temp.path());
    const std::string png = readText(out / "SegmentationClass/a.png");
    const std::string map = readText(out / "class_map.json");
    std::mt19937 random(4242);
    int errors = 0;
    for (int round = 0; round < 300; ++round) {
        const bool mutateMap = round % 4 == 0;
        std::string bytes = mutateMap ? map : png;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            // Past the signature most of the time, so that libpng's chunk parsing is exercised.
            const std::size_t floor = !mutateMap && bytes.size() > 8 && random() % 4 != 0 ? 8 : 0;
            const std::size_t at = floor + random() % (bytes.size() - floor);
            switch (random() % 4) {
            case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); break;
            case 1: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(random() % 256)); break;
            case 2: bytes.erase(at, 1); break;
            default: bytes.resize(at); break;
            }
        }
        if (!mutateMap && round % 2 == 1)
            fixChunkCrcs(bytes);
        test::writeText(out / (mutateMap ? "class_map.json" : "SegmentationClass/a.png"), bytes);
        test::writeText(out / (mutateMap ? "SegmentationClass/a.png" : "class_map.json"), mutateMap ? png : map);
        const bool refused = refusedWithPixmarkError(round, [&] {
            RecordingSink sink;
            masksFormat().read(out, sink);
            masksFormat().verify(out);
        });
        if (refused)
            ++errors;
    }
    CHECK(errors > 0);
}
