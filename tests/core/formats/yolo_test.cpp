#include "core/errors.h"
#include "core/formats/format_error.h"
#include "core/formats/registry.h"
#include "core/formats/yolo/data_yaml.h"
#include "core/formats/yolo/yolo_format.h"
#include "core/geometry/box.h"
#include "core/geometry/polygon.h"
#include "tests/core/formats/format_fixtures.h"
#include "tests/core/formats/recording_sink.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

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

ExportDataset makeYoloDataset(TaskType type, std::vector<ExportImage> images)
{
    return test::makeDataset(type, "pets", {{10, "cat"}, {20, "dog"}}, std::move(images));
}

// A detection export in folder/out with its images copied as the caller would.
fs::path writeDetectionExport(const fs::path& root)
{
    const fs::path out = root / "out";
    fs::create_directories(out);
    const ExportDataset dataset = makeYoloDataset(
        TaskType::ObjectDetection, {makeImage("a.png", 100, 50, "train",
                                              {{20, AnnotationKind::Box, toJson(Box{10, 5, 20, 10}), {}},
                                               {10, AnnotationKind::Box, toJson(Box{0, 0, 33.3, 17.7}), {}}}),
                                    makeImage("b.jpg", 64, 48, "val", {})});
    yoloFormat().write(dataset, out);
    test::writePng(out / "images/train/a.png", 100, 50, 1);
    test::writeJpeg(out / "images/val/b.jpg", 64, 48, 2);
    return out;
}

} // namespace

TEST_CASE("YOLO is registered", "[formats][yolo]")
{
    CHECK(&formatById("yolo") == &yoloFormat());
    CHECK(yoloFormat().canExport(TaskType::ObjectDetection));
    CHECK(yoloFormat().canExport(TaskType::InstanceSegmentation));
    CHECK_FALSE(yoloFormat().canExport(TaskType::SemanticSegmentation));
}

TEST_CASE("YOLO detection export writes data.yaml and normalized label lines", "[formats][yolo]")
{
    test::TempDir temp;
    const fs::path out = writeDetectionExport(temp.path());
    CHECK(readText(out / "data.yaml") == "path: .\ntrain: images/train\nval: images/val\nnc: 2\nnames:\n  0: cat\n  1: dog\n");
    CHECK(readText(out / "labels/train/a.txt") ==
          "1 0.200000 0.200000 0.200000 0.200000\n0 0.166500 0.177000 0.333000 0.354000\n");
    CHECK(fs::exists(out / "labels/val/b.txt"));
    CHECK(readText(out / "labels/val/b.txt").empty());

    const VerifyReport report = yoloFormat().verify(out);
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    CHECK(report.ok());
    CHECK(report.images == 2);
    CHECK(report.annotations == 2);
    CHECK(report.categories == 2);

    RecordingSink sink;
    yoloFormat().read(out, sink);
    REQUIRE(sink.images.size() == 2);
    CHECK(sink.images[0].reference == "images/train/a.png");
    CHECK(sink.images[0].width == 100);
    CHECK(sink.images[0].height == 50);
    CHECK(sink.images[1].reference == "images/val/b.jpg");
    CHECK(sink.images[1].width == 64);
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].imageKey == sink.images[0].key);
    CHECK(sink.shapes[0].category == "dog");
    CHECK(sink.shapes[0].kind == AnnotationKind::Box);
    const Box first = parseBox(sink.shapes[0].geometry);
    CHECK(first.x == Approx(10).margin(1e-3));
    CHECK(first.y == Approx(5).margin(1e-3));
    CHECK(first.w == Approx(20).margin(1e-3));
    CHECK(first.h == Approx(10).margin(1e-3));
    const Box second = parseBox(sink.shapes[1].geometry);
    CHECK(sink.shapes[1].category == "cat");
    CHECK(second.x == Approx(0).margin(1e-3));
    CHECK(second.w == Approx(33.3).margin(1e-3));
    CHECK(second.h == Approx(17.7).margin(1e-3));

    // Reading data.yaml itself is the same as reading its folder.
    RecordingSink again;
    yoloFormat().read(out / "data.yaml", again);
    CHECK(again.shapes.size() == 2);
}

TEST_CASE("YOLO segmentation export writes polygons and reads them back without a split", "[formats][yolo]")
{
    test::TempDir temp;
    const fs::path out = temp.path() / "out";
    fs::create_directories(out);
    const Polygon triangle{{{10, 10}, {90, 20}, {40, 70}}};
    yoloFormat().write(makeYoloDataset(TaskType::InstanceSegmentation,
                                       {makeImage("sub/c.png", 100, 80, "",
                                                  {{10, AnnotationKind::Polygon, toJson(triangle), {}},
                                                   {20, AnnotationKind::Box, toJson(Box{0, 0, 50, 40}), {}},
                                                   {10, AnnotationKind::Tag, "", {}}})}),
                       out);
    test::writePng(out / "images/sub/c.png", 100, 80, 3);
    CHECK(readText(out / "data.yaml") == "path: .\ntrain: images\nval: images\nnc: 2\nnames:\n  0: cat\n  1: dog\n");
    CHECK(readText(out / "labels/sub/c.txt") ==
          "0 0.100000 0.125000 0.900000 0.250000 0.400000 0.875000\n"
          "1 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000 0.000000 0.500000\n");
    CHECK(yoloFormat().verify(out).ok());

    RecordingSink sink;
    yoloFormat().read(out, sink);
    REQUIRE(sink.images.size() == 1);
    CHECK(sink.images[0].reference == "images/sub/c.png");
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].kind == AnnotationKind::Polygon);
    const Polygon read = parsePolygon(sink.shapes[0].geometry);
    REQUIRE(read.points.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(read.points[i].x == Approx(triangle.points[i].x).margin(1e-3));
        CHECK(read.points[i].y == Approx(triangle.points[i].y).margin(1e-3));
    }
}

TEST_CASE("YOLO export refuses other task types and unknown classes", "[formats][yolo][validation]")
{
    test::TempDir temp;
    CHECK_THROWS_AS(yoloFormat().write(makeYoloDataset(TaskType::SemanticSegmentation, {}), temp.path()),
                    ValidationError);
    CHECK_THROWS_AS(
        yoloFormat().write(
            makeYoloDataset(TaskType::ObjectDetection,
                            {makeImage("a.png", 10, 10, "", {{99, AnnotationKind::Box, toJson(Box{1, 1, 2, 2}), {}}})}),
            temp.path()),
        ValidationError);
    CHECK_THROWS_AS(
        yoloFormat().write(makeYoloDataset(TaskType::ObjectDetection, {makeImage("../a.png", 10, 10, "", {})}),
                           temp.path()),
        ValidationError);
}

TEST_CASE("data.yaml names as a flow list, a block list or an index map", "[formats][yolo]")
{
    CHECK(parseDataYaml("names: [cat, 'big dog', \"a, b\"]\nnc: 3\n", "d.yaml").names ==
          std::vector<std::string>{"cat", "big dog", "a, b"});
    CHECK(parseDataYaml("# comment\ntrain: images/train # trailing\nnames:\n  - cat\n  - dog\n", "d.yaml").names ==
          std::vector<std::string>{"cat", "dog"});
    CHECK(parseDataYaml("names:\n- cat\n- dog\n", "d.yaml").names == std::vector<std::string>{"cat", "dog"});
    const DataYaml map = parseDataYaml("path: ../data\ntrain: images/train\nnames:\n  1: dog\n  0: cat\ndownload: |\n  x = 1\n", "d.yaml");
    CHECK(map.names == std::vector<std::string>{"cat", "dog"});
    CHECK(map.path == "../data");
    CHECK(map.splits.at("train") == "images/train");

    DataYaml odd;
    odd.names = {"a: b", "  padded", "true", "12", "quote\"back\\slash", "tab\there", "#hash"};
    CHECK(parseDataYaml(toDataYamlText(odd), "d.yaml").names == odd.names);

    requireErrorNames([] { parseDataYaml("nc: 2\nnames: [a]\n", "d.yaml"); }, "d.yaml", "line 1");
    requireErrorNames([] { parseDataYaml("names:\n  0: a\n  2: c\n", "d.yaml"); }, "d.yaml", "index 1");
    requireErrorNames([] { parseDataYaml("names: [a, b\n", "d.yaml"); }, "d.yaml", "line 1");
    requireErrorNames([] { parseDataYaml("train: x\nnames:\n  0: 'unterminated\n", "d.yaml"); }, "d.yaml", "line 3");
    requireErrorNames([] { parseDataYaml("train: images\n", "d.yaml"); }, "d.yaml", "no names");
    requireErrorNames([] { parseDataYaml("names:\n  x: a\n", "d.yaml"); }, "d.yaml", "line 2");
    requireErrorNames([] { parseDataYaml("names:\n  0: a\n  0: b\n", "d.yaml"); }, "d.yaml", "line 3");
}

TEST_CASE("YOLO bad label lines name the file and line", "[formats][yolo][validation]")
{
    test::TempDir temp;
    const fs::path out = writeDetectionExport(temp.path());
    const std::string good = readText(out / "labels/train/a.txt");
    const char* const badLines[] = {
        "1 0.5 0.5 0.2",                 // four fields
        "1 0.5 0.5 0.2 0.2 0.3",         // a polygon with an odd number of coordinates
        "x 0.5 0.5 0.2 0.2",             // class not a number
        "-1 0.5 0.5 0.2 0.2",            // negative class
        "2 0.5 0.5 0.2 0.2",             // class out of range
        "1 nan 0.5 0.2 0.2",             // NaN
        "1 1e300 0.5 0.2 0.2",           // absurd
        "1 0.5 abc 0.2 0.2",             // not numeric
        "1 0.5 0.5 0.2 0.2x",            // trailing junk
        "1 1.5 0.5 0.2 0.2",             // outside 0..1
        "1 0.95 0.5 0.2 0.2",            // box reaching outside
        "1 0.1 0.1 0.2 0.2 -0.1 0.3",    // negative polygon coordinate
    };
    for (const char* line : badLines) {
        INFO(line);
        test::writeText(out / "labels/train/a.txt", good + line + "\n");
        RecordingSink sink;
        requireErrorNames([&] { yoloFormat().read(out, sink); }, "a.txt", "line 3");
        const VerifyReport report = yoloFormat().verify(out);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("a.txt, line 3") != std::string::npos);
    }
}

TEST_CASE("YOLO verify and read catch missing files", "[formats][yolo][validation]")
{
    test::TempDir temp;
    const fs::path out = writeDetectionExport(temp.path());

    SECTION("a label without its image")
    {
        fs::remove(out / "images/train/a.png");
        RecordingSink sink;
        requireErrorNames([&] { yoloFormat().read(out, sink); }, "a.txt", "no image images/train/a.*");
        CHECK_FALSE(yoloFormat().verify(out).ok());
    }
    SECTION("an empty label without its image still names it")
    {
        fs::remove(out / "images/val/b.jpg");
        RecordingSink sink;
        yoloFormat().read(out, sink);
        REQUIRE(sink.images.size() == 2);
        CHECK(sink.images[1].reference == "images/val/b.jpg");
        CHECK(sink.images[1].width == 0);
    }
    SECTION("an image without its label")
    {
        test::writePng(out / "images/val/extra.png", 8, 8, 4);
        const VerifyReport report = yoloFormat().verify(out);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("extra.png") != std::string::npos);
    }
    SECTION("an image without its label is read as a background image")
    {
        test::writePng(out / "images/val/extra.png", 8, 8, 4);
        RecordingSink sink;
        yoloFormat().read(out, sink);
        REQUIRE(sink.images.size() == 3);
        CHECK(sink.images[2].reference == "images/val/extra.png");
        CHECK(sink.images[2].key == 3);
        CHECK(sink.shapes.size() == 2);
    }
    SECTION("files with a byte order mark and Windows line ends")
    {
        test::writeText(out / "data.yaml", "\xEF\xBB\xBFnames:\r\n  0: cat\r\n  1: dog\r\n");
        test::writeText(out / "labels/train/a.txt", "\xEF\xBB\xBF" "1 0.5 0.5 0.2 0.2\r\n");
        RecordingSink sink;
        yoloFormat().read(out, sink);
        REQUIRE(sink.shapes.size() == 1);
        CHECK(sink.shapes[0].category == "dog");
        CHECK(yoloFormat().verify(out).ok());
    }
    SECTION("an image that is not an image")
    {
        test::writeText(out / "images/train/a.png", "not a png");
        RecordingSink sink;
        requireErrorNames([&] { yoloFormat().read(out, sink); }, "a.txt", "cannot be read");
    }
    SECTION("no data.yaml")
    {
        fs::remove(out / "data.yaml");
        RecordingSink sink;
        requireErrorNames([&] { yoloFormat().read(out, sink); }, out.string(), "no data.yaml");
        CHECK_FALSE(yoloFormat().verify(out).ok());
    }
    SECTION("a class index beyond data.yaml's names")
    {
        test::writeText(out / "data.yaml", "names: [cat]\n");
        RecordingSink sink;
        requireErrorNames([&] { yoloFormat().read(out, sink); }, "a.txt", "line 1");
        CHECK_FALSE(yoloFormat().verify(out).ok());
    }
}

TEST_CASE("YOLO reader survives mutated label files and data.yaml", "[formats][yolo][fuzz]")
{
    test::TempDir temp;
    const fs::path out = writeDetectionExport(temp.path());
    const std::string label = readText(out / "labels/train/a.txt");
    const std::string yaml = readText(out / "data.yaml");
    std::mt19937 random(20261125);
    int errors = 0;
    for (int round = 0; round < 300; ++round) {
        const bool mutateYaml = round % 3 == 0;
        std::string bytes = mutateYaml ? yaml : label;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 5) {
            case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); break;
            case 1: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(random() % 256)); break;
            case 2: bytes.erase(at, 1); break;
            case 3: bytes.resize(at); break;
            default: bytes.insert(at, std::string("-.e9:[]'\"\n ").substr(random() % 11, 1)); break;
            }
        }
        test::writeText(out / (mutateYaml ? "data.yaml" : "labels/train/a.txt"), bytes);
        test::writeText(out / (mutateYaml ? "labels/train/a.txt" : "data.yaml"), mutateYaml ? label : yaml);
        const bool refused = refusedWithPixmarkError(round, [&] {
            RecordingSink sink;
            yoloFormat().read(out, sink);
            yoloFormat().verify(out);
        });
        if (refused)
            ++errors;
    }
    CHECK(errors > 0);
}
