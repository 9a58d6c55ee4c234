#include "core/formats/labelme/labelme_format.h"
#include "core/formats/registry.h"
#include "tests/core/formats/recording_sink.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::formats;
using pixmark::test::RecordingSink;

namespace {

// As the labelme tool writes it (version 5), imageData left out.
const std::string kSample = R"({
  "version": "5.2.1",
  "flags": {},
  "shapes": [
    {
      "label": "cat",
      "points": [[120.5, 80.0], [20.0, 10.25]],
      "group_id": null,
      "description": "",
      "shape_type": "rectangle",
      "flags": {}
    },
    {
      "label": "dog",
      "points": [[10.0, 10.0], [150.0, 20.0], [60.0, 90.0], [0.0, 99.6]],
      "group_id": 1,
      "description": "",
      "shape_type": "polygon",
      "flags": {}
    },
    {
      "label": "ball",
      "points": [[50.0, 50.0], [55.0, 55.0]],
      "group_id": null,
      "shape_type": "circle",
      "flags": {}
    },
    {
      "label": "leash",
      "points": [[1.0, 1.0], [5.0, 5.0], [9.0, 2.0]],
      "group_id": null,
      "shape_type": "linestrip",
      "flags": {}
    },
    {
      "label": "nose",
      "points": [[200.5, 100.0]],
      "group_id": null,
      "shape_type": "point",
      "flags": {}
    }
  ],
  "imagePath": "..\\images\\pet.jpg",
  "imageData": null,
  "imageHeight": 100,
  "imageWidth": 200
})";

std::string labelmeErrorOf(const std::string& content)
{
    test::TempDir dir;
    test::writeText(dir / "pet.json", content);
    RecordingSink sink;
    try {
        readLabelme(dir / "pet.json", sink);
    } catch (const FormatError& error) {
        return error.what();
    }
    return "no error";
}

std::string withShape(const std::string& shape)
{
    return R"({"imagePath": "a.jpg", "imageWidth": 200, "imageHeight": 100, "shapes": [)" + shape + "]}";
}

} // namespace

TEST_CASE("labelme is registered read only", "[formats][labelme]")
{
    const Format& format = formatById("labelme");
    CHECK(&format == &labelmeFormat());
    CHECK(format.canImport());
    for (TaskType type : allTaskTypes())
        CHECK_FALSE(format.canExport(type));
    test::TempDir dir;
    CHECK_THROWS_WITH(format.write(ExportDataset{}, dir.path()), Catch::Contains("export is not offered"));
    CHECK_THROWS_AS(format.verify(dir.path()), ValidationError);
}

TEST_CASE("labelme files read into boxes and polygons, other shapes counted", "[formats][labelme]")
{
    test::TempDir dir;
    test::writeText(dir / "labels" / "pet.json", kSample);
    RecordingSink sink;
    const LabelmeSummary summary = readLabelme(dir / "labels" / "pet.json", sink);
    REQUIRE(sink.images.size() == 1);
    CHECK(sink.images[0].reference == "../images/pet.jpg");
    CHECK(sink.images[0].width == 200);
    CHECK(sink.images[0].height == 100);
    REQUIRE(sink.shapes.size() == 2);
    CHECK(sink.shapes[0].category == "cat");
    CHECK(sink.shapes[0].kind == AnnotationKind::Box);
    CHECK(parseBox(sink.shapes[0].geometry) == Box{20.0, 10.25, 100.5, 69.75});
    CHECK(sink.shapes[1].kind == AnnotationKind::Polygon);
    const Polygon polygon = parsePolygon(sink.shapes[1].geometry);
    REQUIRE(polygon.points.size() == 4);
    CHECK(polygon.points[3] == Point{0.0, 99.6});
    CHECK_FALSE(sink.shapes[1].score);
    CHECK(summary.images == 1);
    CHECK(summary.shapes == 2);
    CHECK(summary.skippedTotal() == 3);
    CHECK(summary.skipped.at("circle") == 1);
    CHECK(summary.skipped.at("point") == 1);
}

TEST_CASE("labelme reads a folder of files with references relative to it", "[formats][labelme]")
{
    test::TempDir dir;
    test::writeText(dir / "b.json", withShape(R"({"label": "cat", "points": [[0, 0], [10, 0], [10, 10]]})"));
    test::writeText(dir / "sub" / "a.json",
                    R"({"imagePath": "a.jpg", "imageWidth": 20, "imageHeight": 10, "shapes": []})");
    test::writeText(dir / "notes.txt", "not labelme");
    RecordingSink sink;
    labelmeFormat().read(dir.path(), sink);
    REQUIRE(sink.images.size() == 2);
    CHECK(sink.images[0].reference == "a.jpg");
    CHECK(sink.images[1].reference == "sub/a.jpg");
    CHECK(sink.shapesOf("a.jpg").size() == 1);
}

TEST_CASE("labelme bad input names the file and JSON path", "[formats][labelme]")
{
    CHECK_THAT(labelmeErrorOf("{\"imagePath\": \"a.jpg\",\n \"imageWidth\": }"),
               Catch::StartsWith("pet.json, byte") && Catch::Contains("not valid JSON"));
    CHECK_THAT(labelmeErrorOf("[]"), Catch::Contains("pet.json, $: expected a labelme object"));
    CHECK_THAT(labelmeErrorOf(R"({"imageWidth": 2, "imageHeight": 2})"),
               Catch::Contains("pet.json, $.imagePath: is missing"));
    CHECK_THAT(labelmeErrorOf(R"({"imagePath": "a.jpg", "imageWidth": 0, "imageHeight": 2})"),
               Catch::Contains("$.imageWidth: expected a whole number from 1"));
    CHECK_THAT(labelmeErrorOf(R"({"imagePath": "a.jpg", "imageWidth": 2.5, "imageHeight": 2})"),
               Catch::Contains("$.imageWidth: expected a whole number"));
    CHECK_THAT(labelmeErrorOf(R"({"imagePath": "a.jpg", "imageWidth": 2, "imageHeight": 2, "shapes": {}})"),
               Catch::Contains("$.shapes: expected an array, found an object"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "", "points": [[0, 0], [1, 1]], "shape_type": "rectangle"})")),
               Catch::Contains("$.shapes[0].label: is empty"));
    CHECK_THAT(
        labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 0], [1, 1], [2, 2]], "shape_type": "rectangle"})")),
        Catch::Contains("$.shapes[0].points: a rectangle needs two corners"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[5, 0], [5, 10]], "shape_type": "rectangle"})")),
               Catch::Contains("$.shapes[0].points: the rectangle has no area"));
    CHECK_THAT(
        labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 0], [250, 10]], "shape_type": "rectangle"})")),
        Catch::Contains("$.shapes[0].points[1]: the point (250, 10) is outside the 200x100 image"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 0], [-3, 10], [4, 4]]})")),
               Catch::Contains("$.shapes[0].points[1]: the point (-3, 10) is outside"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 0], [1, 1]], "shape_type": "polygon"})")),
               Catch::Contains("$.shapes[0].points: a polygon needs at least three points"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 0, 1], [1, 1], [2, 2]]})")),
               Catch::Contains("$.shapes[0].points[0]: expected a point [x, y]"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, "1"], [1, 1], [2, 2]]})")),
               Catch::Contains("$.shapes[0].points[0][1]: expected a number, found a string"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "points": [[0, 1e300], [1, 1], [2, 2]]})")),
               Catch::Contains("$.shapes[0].points[0][1]: the number 1e+300 is out of range"));
    CHECK_THAT(labelmeErrorOf(withShape(R"({"label": "cat", "shape_type": "polygon"})")),
               Catch::Contains("$.shapes[0].points: is missing"));
}

TEST_CASE("labelme reader survives mutated input with pixmark errors only", "[formats][labelme][fuzz]")
{
    test::TempDir dir;
    test::fuzzReader(kSample, [&](const std::string& bytes) {
        test::writeText(dir / "fuzz.json", bytes);
        RecordingSink sink;
        readLabelme(dir / "fuzz.json", sink);
    });
}
