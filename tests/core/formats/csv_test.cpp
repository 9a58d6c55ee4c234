#include "core/formats/csv/csv_format.h"
#include "core/formats/registry.h"
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

std::string fileText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

ExportDataset classesOf(TaskType type, std::vector<ExportImage> images)
{
    ExportDataset dataset;
    dataset.taskType = type;
    dataset.name = "pets";
    dataset.categories = {{1, "cat"}, {2, "dog, large"}, {3, "say \"hi\""}};
    dataset.forEachImage = [images = std::move(images)](const std::function<void(const ExportImage&)>& visit) {
        for (const ExportImage& image : images)
            visit(image);
    };
    return dataset;
}

ExportImage tagged(std::string fileName, std::vector<Annotation> annotations, std::string split = {})
{
    ExportImage image;
    image.fileName = std::move(fileName);
    image.split = std::move(split);
    image.annotations = std::move(annotations);
    return image;
}

std::string csvErrorOf(const std::string& content)
{
    test::TempDir dir;
    test::writeText(dir / "labels.csv", content);
    RecordingSink sink;
    try {
        readCsv(dir / "labels.csv", sink);
    } catch (const FormatError& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("CSV is registered for classification", "[formats][csv]")
{
    const Format& format = formatById("csv");
    CHECK(&format == &csvFormat());
    CHECK(format.canImport());
    CHECK(format.canExport(TaskType::ClassificationMultiClass));
    CHECK(format.canExport(TaskType::ClassificationMultiLabel));
    CHECK_FALSE(format.canExport(TaskType::ObjectDetection));
    CHECK_FALSE(format.canExport(TaskType::SemanticSegmentation));
}

TEST_CASE("CSV multi-class export quotes what needs quoting and reads back", "[formats][csv]")
{
    test::TempDir dir;
    csvFormat().write(classesOf(TaskType::ClassificationMultiClass,
                                {tagged("a.png", {scoredTag(1)}), tagged("b,c.png", {scoredTag(2)}),
                                 tagged("line\nbreak.png", {scoredTag(3)}), tagged("none.png", {})}),
                      dir.path());
    CHECK(fileText(dir / "pets.csv") == "image_url,label\n"
                                        "a.png,cat\n"
                                        "\"b,c.png\",\"dog, large\"\n"
                                        "\"line\nbreak.png\",\"say \"\"hi\"\"\"\n"
                                        "none.png,\n");
    RecordingSink sink;
    csvFormat().read(dir / "pets.csv", sink);
    REQUIRE(sink.images.size() == 4);
    CHECK(sink.images[1].reference == "b,c.png");
    CHECK(sink.images[2].reference == "line\nbreak.png");
    REQUIRE(sink.shapes.size() == 3);
    CHECK(sink.shapesOf("b,c.png")[0].category == "dog, large");
    CHECK(sink.shapesOf("line\nbreak.png")[0].category == "say \"hi\"");
    CHECK(sink.shapesOf("none.png").empty());

    const VerifyReport report = csvFormat().verify(dir.path());
    CHECK(report.ok());
    CHECK(report.images == 4);
    CHECK(report.annotations == 3);
    CHECK(report.categories == 3);
    std::ofstream(dir / "pets.csv", std::ios::app) << "broken.png,\"cat\n";
    const VerifyReport broken = csvFormat().verify(dir.path());
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.problems[0], Catch::Contains("pets.csv, line 7: column \"label\": a quoted field is not closed"));
}

TEST_CASE("CSV multi-label export joins classes and confidences per split", "[formats][csv]")
{
    test::TempDir dir;
    csvFormat().write(classesOf(TaskType::ClassificationMultiLabel,
                                {tagged("a.png", {scoredTag(1, 0.5), scoredTag(3, 0.25)}, "train"),
                                 tagged("b.png", {scoredTag(1)}, "val")}),
                      dir.path());
    CHECK(fileText(dir / "train.csv") == "image_url,label,label_confidence\na.png,\"cat;say \"\"hi\"\"\",0.5;0.25\n");
    CHECK(fileText(dir / "val.csv") == "image_url,label,label_confidence\nb.png,cat,\n");
    RecordingSink sink;
    readCsv(dir.path(), sink);
    REQUIRE(sink.shapes.size() == 3);
    CHECK(sink.shapes[0].category == "cat");
    CHECK(sink.shapes[0].score == Approx(0.5));
    CHECK(sink.shapes[1].category == "say \"hi\"");
    CHECK(sink.shapes[1].score == Approx(0.25));
    CHECK_FALSE(sink.shapes[2].score);

    ExportDataset semi = classesOf(TaskType::ClassificationMultiLabel, {});
    semi.categories.push_back({4, "a;b"});
    CHECK_THROWS_AS(csvFormat().write(semi, dir.path()), ValidationError);
    CHECK_THROWS_AS(csvFormat().write(classesOf(TaskType::ObjectDetection, {}), dir.path()), ValidationError);
}

TEST_CASE("CSV reads the reference service's columns, a byte order mark and CRLF", "[formats][csv]")
{
    test::TempDir dir;
    test::writeText(dir / "export.csv", "\xEF\xBB\xBFUrl,Label,Label_confidence,Extra\r\n"
                                        "AmlDatastore://workspaceblobstore/images/a.jpg,cat,0.97,x\r\n"
                                        "\r\n"
                                        "AmlDatastore://workspaceblobstore/images/b.jpg,dog,,y\r\n");
    RecordingSink sink;
    readCsv(dir / "export.csv", sink);
    REQUIRE(sink.images.size() == 2);
    CHECK(sink.images[0].reference == "images/a.jpg");
    CHECK(sink.images[0].width == 0);
    CHECK(sink.shapes[0].category == "cat");
    CHECK(sink.shapes[0].score == Approx(0.97));
    CHECK(sink.shapes[1].category == "dog");
    CHECK_FALSE(sink.shapes[1].score);
}

TEST_CASE("CSV bad input names the file, line and column", "[formats][csv]")
{
    CHECK_THAT(csvErrorOf("name,label\na.png,cat\n"),
               Catch::Contains("labels.csv, line 1: the header has no image_url"));
    CHECK_THAT(csvErrorOf("image_url,kind\na.png,cat\n"), Catch::Contains("line 1: the header has no label column"));
    CHECK_THAT(csvErrorOf("image_url,label\na.png,cat\nb.png\n"),
               Catch::Contains("labels.csv, line 3: expected 2 fields as in the header, found 1"));
    CHECK_THAT(csvErrorOf("image_url,label\n,cat\n"), Catch::Contains("line 2: column \"image_url\": is empty"));
    CHECK_THAT(csvErrorOf("image_url,label\na.png,cat;;dog\n"),
               Catch::Contains("line 2: column \"label\": an empty class name"));
    CHECK_THAT(csvErrorOf("image_url,label\na.png,ca\"t\n"),
               Catch::Contains("line 2: column \"label\": a quote inside an unquoted field"));
    CHECK_THAT(csvErrorOf("image_url,label\n\"a.png\"x,cat\n"),
               Catch::Contains("line 2: column \"image_url\": text after the closing quote"));
    CHECK_THAT(csvErrorOf("image_url,label\n\"a\n\nb.png\",cat\nc.png,\"dog\n"),
               Catch::Contains("line 5: column \"label\": a quoted field is not closed"));
    CHECK_THAT(
        csvErrorOf("image_url,label,label_confidence\na.png,cat,1.5\n"),
        Catch::Contains("line 2: column \"label_confidence\": expected a number between 0 and 1, found \"1.5\""));
    CHECK_THAT(csvErrorOf("image_url,label,label_confidence\na.png,cat,nan\n"),
               Catch::Contains("column \"label_confidence\": expected a number between 0 and 1"));
    CHECK_THAT(csvErrorOf("image_url,label,label_confidence\na.png,cat;dog,0.5\n"),
               Catch::Contains("column \"label_confidence\": expected 2 confidences"));
    CHECK_THAT(csvErrorOf("\xEF\xBB"
                          "image_url,label\n"),
               Catch::Contains("line 1: the file starts with a damaged byte order mark"));
    CHECK(csvErrorOf("") == "no error");
}

TEST_CASE("CSV reader survives mutated input with pixmark errors only", "[formats][csv][fuzz]")
{
    test::TempDir dir;
    const std::string valid = "\xEF\xBB\xBFimage_url,label,label_confidence\r\n"
                              "a.png,cat,0.5\r\n"
                              "\"b,\"\"c\"\".png\",\"cat;dog\",0.25;1\r\n"
                              "AmlDatastore://store/d.png,,\n";
    test::fuzzReader(valid, [&](const std::string& bytes) {
        test::writeText(dir / "fuzz.csv", bytes);
        RecordingSink sink;
        readCsv(dir / "fuzz.csv", sink);
    });
}
