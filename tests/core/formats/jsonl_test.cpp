#include "core/formats/jsonl/jsonl_format.h"
#include "core/formats/jsonl/line_reader.h"
#include "core/formats/registry.h"
#include "core/geometry/mask_rle.h"
#include "tests/core/formats/format_fixtures.h"
#include "tests/core/formats/recording_sink.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace pixmark;
using namespace pixmark::formats;
using pixmark::test::RecordingSink;
using pixmark::test::scoredTag;

namespace {

std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> linesOf(const std::filesystem::path& file)
{
    std::vector<std::string> lines;
    std::istringstream in(readText(file));
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

ExportDataset datasetOf(TaskType type, std::vector<ExportImage> images)
{
    ExportDataset dataset;
    dataset.taskType = type;
    dataset.name = "pets";
    dataset.categories = {{1, "cat"}, {2, "dog"}};
    dataset.forEachImage = [images = std::move(images)](const std::function<void(const ExportImage&)>& visit) {
        for (const ExportImage& image : images)
            visit(image);
    };
    return dataset;
}

ExportImage imageOf(ItemId id, std::string fileName, std::string split, std::vector<Annotation> annotations)
{
    ExportImage image;
    image.id = id;
    image.fileName = std::move(fileName);
    image.width = 200;
    image.height = 100;
    image.split = std::move(split);
    image.annotations = std::move(annotations);
    return image;
}

/// The message of the FormatError reading the file with these lines throws.
std::string jsonlErrorOf(const std::string& content, const std::string& name = "labels.jsonl")
{
    test::TempDir dir;
    test::writeText(dir / name, content);
    RecordingSink sink;
    try {
        readJsonl(dir / name, sink);
    } catch (const FormatError& error) {
        return error.what();
    }
    return "no error";
}

const std::string kGoodLine =
    R"({"image_url": "a.png", "image_details": {"format": "png", "width": "200px", "height": "100px"}, "label": [{"label": "cat", "topX": 0.1, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6, "isCrowd": 0}]})";

} // namespace

TEST_CASE("JSONL is registered and offers every task type but semantic segmentation", "[formats][jsonl]")
{
    const Format& format = formatById("jsonl");
    CHECK(&format == &jsonlFormat());
    CHECK(format.canImport());
    CHECK(format.canExport(TaskType::ClassificationMultiClass));
    CHECK(format.canExport(TaskType::ClassificationMultiLabel));
    CHECK(format.canExport(TaskType::ObjectDetection));
    CHECK(format.canExport(TaskType::InstanceSegmentation));
    CHECK_FALSE(format.canExport(TaskType::SemanticSegmentation));
}

TEST_CASE("JSONL multi-class export writes one file per split and reads back", "[formats][jsonl]")
{
    test::TempDir dir;
    const ExportDataset dataset = datasetOf(
        TaskType::ClassificationMultiClass,
        {imageOf(1, "images/a.png", "train", {scoredTag(1)}), imageOf(2, "images/b.jpg", "val", {scoredTag(2, 0.75)}),
         imageOf(3, "images/c.png", "train", {}), imageOf(4, "images/d.png", "train", {scoredTag(2)})});
    jsonlFormat().write(dataset, dir.path());

    const auto train = linesOf(dir / "train.jsonl");
    REQUIRE(train.size() == 2); // c.png has no class and is left out
    CHECK(
        train[0] ==
        R"({"image_url":"images/a.png","image_details":{"format":"png","width":"200px","height":"100px"},"label":"cat"})");
    CHECK(
        linesOf(dir / "val.jsonl") ==
        std::vector<std::string>{
            R"({"image_url":"images/b.jpg","image_details":{"format":"jpg","width":"200px","height":"100px"},"label":"dog","label_confidence":0.75})"});
    CHECK_FALSE(std::filesystem::exists(dir / "pets.jsonl"));

    RecordingSink sink;
    jsonlFormat().read(dir.path(), sink);
    REQUIRE(sink.images.size() == 3);
    CHECK(sink.images[0].reference == "images/a.png");
    CHECK(sink.images[0].width == 200);
    CHECK(sink.images[2].reference == "images/b.jpg"); // train.jsonl before val.jsonl
    REQUIRE(sink.shapesOf("images/b.jpg").size() == 1);
    CHECK(sink.shapesOf("images/b.jpg")[0].category == "dog");
    CHECK(sink.shapesOf("images/b.jpg")[0].score == Approx(0.75));
    CHECK(sink.shapesOf("images/a.png")[0].kind == AnnotationKind::Tag);
    CHECK_FALSE(sink.shapesOf("images/a.png")[0].score);

    const VerifyReport report = jsonlFormat().verify(dir.path());
    CHECK(report.ok());
    CHECK(report.images == 3);
    CHECK(report.annotations == 3);
    CHECK(report.categories == 2);
}

TEST_CASE("JSONL multi-label export lists the classes and keeps images without one", "[formats][jsonl]")
{
    test::TempDir dir;
    jsonlFormat().write(datasetOf(TaskType::ClassificationMultiLabel,
                                  {imageOf(1, "a.png", "", {scoredTag(1), scoredTag(2)}), imageOf(2, "b.png", "", {})}),
                        dir.path());
    const auto lines = linesOf(dir / "pets.jsonl");
    REQUIRE(lines.size() == 2);
    CHECK(
        lines[0] ==
        R"({"image_url":"a.png","image_details":{"format":"png","width":"200px","height":"100px"},"label":["cat","dog"]})");
    CHECK(lines[1] ==
          R"({"image_url":"b.png","image_details":{"format":"png","width":"200px","height":"100px"},"label":[]})");

    RecordingSink sink;
    readJsonl(dir / "pets.jsonl", sink);
    REQUIRE(sink.images.size() == 2);
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].category == "cat");
    CHECK(sink.shapes[1].category == "dog");
}

TEST_CASE("JSONL detection export normalizes boxes and reads them back in pixels", "[formats][jsonl]")
{
    test::TempDir dir;
    const Box first{20, 10, 80, 50};
    const Box second{0, 0, 200, 100};
    jsonlFormat().write(
        datasetOf(TaskType::ObjectDetection, {imageOf(1, "a.png", "",
                                                      {{1, AnnotationKind::Box, toJson(first), 0.5},
                                                       {2, AnnotationKind::Box, toJson(second), 0.25}})}),
        dir.path());
    const auto lines = linesOf(dir / "pets.jsonl");
    REQUIRE(lines.size() == 1);
    CHECK(
        lines[0] ==
        R"({"image_url":"a.png","image_details":{"format":"png","width":"200px","height":"100px"},"label":[)"
        R"({"label":"cat","topX":0.1,"topY":0.1,"bottomX":0.5,"bottomY":0.6,"isCrowd":0},)"
        R"({"label":"dog","topX":0.0,"topY":0.0,"bottomX":1.0,"bottomY":1.0,"isCrowd":0}],"label_confidence":[0.5,0.25]})");

    RecordingSink sink;
    readJsonl(dir.path(), sink);
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].kind == AnnotationKind::Box);
    const Box back = parseBox(sink.shapes[0].geometry);
    CHECK(back.x == Approx(first.x).margin(1e-3));
    CHECK(back.y == Approx(first.y).margin(1e-3));
    CHECK(back.w == Approx(first.w).margin(1e-3));
    CHECK(back.h == Approx(first.h).margin(1e-3));
    CHECK(sink.shapes[1].score == Approx(0.25));
    CHECK(parseBox(sink.shapes[1].geometry).w == Approx(200).margin(1e-3));

    CHECK(jsonlFormat().verify(dir.path()).ok());
    std::ofstream(dir / "pets.jsonl", std::ios::app)
        << R"({"image_url": "b.png", "image_details": {"width": 10, "height": 10}, "label": [{"label": "cat", "topX": 1.5, "topY": 0, "bottomX": 1, "bottomY": 1}]})"
        << '\n';
    const VerifyReport broken = jsonlFormat().verify(dir.path());
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.problems[0], Catch::Contains("pets.jsonl, line 2, $.label[0].topX"));
}

TEST_CASE("JSONL instance export writes polygons and masks as outlines", "[formats][jsonl]")
{
    test::TempDir dir;
    const Polygon triangle{{{10, 10}, {150, 20}, {60, 90}}};
    std::vector<std::uint8_t> bitmap(200 * 100, 0);
    for (int y = 20; y < 40; ++y)
        for (int x = 100; x < 140; ++x)
            bitmap[static_cast<std::size_t>(y * 200 + x)] = 1;
    const MaskRle mask = encodeMask(bitmap.data(), 200, 100);
    jsonlFormat().write(
        datasetOf(TaskType::InstanceSegmentation, {imageOf(1, "a.png", "test",
                                                           {{1, AnnotationKind::Polygon, toJson(triangle), {}},
                                                            {2, AnnotationKind::Mask, toJson(mask), {}}})}),
        dir.path());
    const auto lines = linesOf(dir / "test.jsonl");
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], Catch::Contains(R"({"label":"cat","isCrowd":0,"polygon":[[0.05,0.1,0.75,0.2,0.3,0.9]]})"));

    RecordingSink sink;
    readJsonl(dir / "test.jsonl", sink);
    REQUIRE(sink.shapes.size() == 2);
    const Polygon back = parsePolygon(sink.shapes[0].geometry);
    REQUIRE(back.points.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(back.points[i].x == Approx(triangle.points[i].x).margin(1e-3));
        CHECK(back.points[i].y == Approx(triangle.points[i].y).margin(1e-3));
    }
    CHECK(sink.shapes[1].category == "dog");
    CHECK(area(parsePolygon(sink.shapes[1].geometry)) == Approx(40 * 20).epsilon(0.05));
}

TEST_CASE("JSONL reads sizes from image headers and datastore URLs as paths", "[formats][jsonl]")
{
    test::TempDir dir;
    test::writePng(dir / "data" / "images" / "a.png", 40, 20, 1);
    test::writeText(
        dir / "data" / "labels.jsonl",
        "\xEF\xBB\xBF"
        R"({"image_url": "AmlDatastore://workspaceblobstore/images/a.png", "label": [{"label": "cat", "topX": 0.25, "topY": 0.5, "bottomX": 0.75, "bottomY": 1}]})"
        "\r\n\r\n"
        R"({"image_url": "azureml://subscriptions/s/resourcegroups/g/workspaces/w/datastores/d/paths/images/z.png", "label": "dog"})"
        "\n");
    RecordingSink sink;
    readJsonl(dir / "data" / "labels.jsonl", sink);
    REQUIRE(sink.images.size() == 2);
    CHECK(sink.images[0].reference == "images/a.png");
    CHECK(sink.images[0].width == 40);
    CHECK(sink.images[0].height == 20);
    CHECK(parseBox(sink.shapes[0].geometry) == Box{10, 10, 20, 10});
    CHECK(sink.images[1].reference == "images/z.png");
    CHECK(sink.images[1].width == 0); // classification needs no size

    const std::string missing = jsonlErrorOf(
        "{\"image_url\": \"a.png\", \"label\": []}\n"
        R"({"image_url": "gone.png", "label": [{"label": "cat", "isCrowd": 0, "polygon": [[0, 0, 1, 0, 1, 1]]}]})");
    CHECK_THAT(missing, Catch::Contains("labels.jsonl, line 2, $.image_url: the image size is needed"));
}

TEST_CASE("JSONL bad input names the file, line and JSON path", "[formats][jsonl]")
{
    const std::string ok = kGoodLine + "\n";
    const auto box = [](const std::string& fields) {
        return R"({"image_url": "a.png", "image_details": {"width": 10, "height": 10}, "label": [)" + fields + "]}";
    };
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": )"),
               Catch::StartsWith("labels.jsonl, line 2") && Catch::Contains("not valid JSON"));
    CHECK_THAT(jsonlErrorOf(ok + "[1, 2]"), Catch::Contains("labels.jsonl, line 2, $: expected an object"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"label": "cat"})"), Catch::Contains("line 2, $.image_url: is missing"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "", "label": "cat"})"), Catch::Contains("$.image_url: is empty"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": 5, "label": "cat"})"),
               Catch::Contains("$.image_url: expected a string, found a number"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png"})"), Catch::Contains("line 2, $.label: is missing"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": " "})"), Catch::Contains("$.label: is empty"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": 3})"),
               Catch::Contains("$.label: expected a class name"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": ["cat", ""]})"),
               Catch::Contains("$.label[1]: is empty"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": "cat", "label_confidence": 2})"),
               Catch::Contains("$.label_confidence: expected a number between 0 and 1, found 2"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": ["cat"], "label_confidence": [0.5, 0.5]})"),
               Catch::Contains("$.label_confidence: expected 1 confidences"));
    CHECK_THAT(
        jsonlErrorOf(
            ok +
            box(R"({"label": "cat", "topX": 0.1, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6}, {"label": "cat", "topX": 0.1, "topY": 0.2, "bottomX": "x", "bottomY": 0.6})")),
        Catch::Contains("labels.jsonl, line 2, $.label[1].bottomX: expected a number between 0 and 1"));
    CHECK_THAT(jsonlErrorOf(ok + box(R"({"label": "cat", "topX": -0.1, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6})")),
               Catch::Contains("$.label[0].topX: expected a number between 0 and 1, found -0.1"));
    CHECK_THAT(
        jsonlErrorOf(ok + box(R"({"label": "cat", "topX": 1e300, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6})")),
        Catch::Contains("$.label[0].topX: expected a number between 0 and 1"));
    CHECK_THAT(jsonlErrorOf(ok + box(R"({"label": "cat", "topX": 0.5, "topY": 0.2, "bottomX": 0.4, "bottomY": 0.6})")),
               Catch::Contains("$.label[0].bottomX: bottomX 0.4 is not right of topX 0.5"));
    CHECK_THAT(jsonlErrorOf(ok + box(R"({"topX": 0.1, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6})")),
               Catch::Contains("$.label[0].label: is missing"));
    CHECK_THAT(
        jsonlErrorOf(
            ok + box(R"({"label": "cat", "isCrowd": 7, "topX": 0.1, "topY": 0.2, "bottomX": 0.5, "bottomY": 0.6})")),
        Catch::Contains("$.label[0].isCrowd"));
    CHECK_THAT(jsonlErrorOf(ok + box(R"({"label": "cat", "polygon": [[0.1, 0.2, 0.3]]})")),
               Catch::Contains("$.label[0].polygon[0]: expected x, y pairs of at least three points"));
    CHECK_THAT(jsonlErrorOf(ok + box(R"({"label": "cat", "polygon": [[0.1, 0.2, 0.3, 0.4, 0.5, NaN]]})")),
               Catch::Contains("line 2") && Catch::Contains("not valid JSON"));
    CHECK_THAT(
        jsonlErrorOf(ok + R"({"image_url": "b.png", "image_details": {"width": 1e300, "height": 10}, "label": []})"),
        Catch::Contains("$.image_details.width: the number 1e+300 is out of range"));
    CHECK_THAT(
        jsonlErrorOf(ok + R"({"image_url": "b.png", "image_details": {"width": "-4px", "height": 10}, "label": []})"),
        Catch::Contains("$.image_details.width: expected a size in pixels"));
    CHECK_THAT(jsonlErrorOf(ok + R"({"image_url": "b.png", "label": "cat", "x": 1e999})"),
               Catch::Contains("line 2") && Catch::Contains("not valid JSON"));
    CHECK_THAT(jsonlErrorOf("", "missing.jsonl"), Catch::Contains("no error"));
}

TEST_CASE("JSONL refuses a line longer than the limit", "[formats][jsonl]")
{
    test::TempDir dir;
    {
        std::ofstream out(dir / "big.jsonl", std::ios::binary);
        out << kGoodLine << '\n';
        const std::string chunk(1 << 20, ' ');
        out << "{\"image_url\": \"";
        for (std::size_t i = 0; i <= (kMaxLineBytes >> 20); ++i)
            out << chunk;
        out << "\"}\n";
    }
    RecordingSink sink;
    CHECK_THROWS_WITH(readJsonl(dir / "big.jsonl", sink),
                      Catch::Contains("big.jsonl, line 2") && Catch::Contains("longer than 64 MiB"));
    CHECK(sink.images.size() == 1);
}

TEST_CASE("JSONL reading a folder without JSONL files says so", "[formats][jsonl]")
{
    test::TempDir dir;
    RecordingSink sink;
    CHECK_THROWS_AS(readJsonl(dir.path(), sink), FormatError);
    CHECK_THROWS_AS(readJsonl(dir / "nothing.jsonl", sink), FormatError);
}

TEST_CASE("JSONL reader survives mutated input with pixmark errors only", "[formats][jsonl][fuzz]")
{
    test::TempDir dir;
    const std::string valid =
        kGoodLine + "\n" +
        R"({"image_url": "AmlDatastore://store/b.png", "image_details": {"width": 64, "height": "48px"}, "label": [{"label": "dog", "isCrowd": 0, "polygon": [[0.1, 0.1, 0.9, 0.1, 0.5, 0.8]]}], "label_confidence": [0.9]})"
        "\n"
        R"({"image_url": "c.png", "label": ["cat", "dog"], "label_confidence": [0.1, 0.2]})"
        "\n";
    test::fuzzReader(valid, [&](const std::string& bytes) {
        test::writeText(dir / "fuzz.jsonl", bytes);
        RecordingSink sink;
        readJsonl(dir / "fuzz.jsonl", sink);
    });
}
