#include "core/formats/registry.h"
#include "core/formats/sagemaker/sagemaker_format.h"
#include "tests/core/formats/recording_sink.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::formats;
using pixmark::test::RecordingSink;

namespace {

// Lines as the labeling jobs write them into output.manifest.
const std::string kBoxes =
    R"({"source-ref": "s3://my-bucket/images/IMG_1186.png", "bounding-box": {"image_size": [{"width": 640, "height": 480, "depth": 3}], "annotations": [{"class_id": 1, "top": 251, "left": 399, "width": 155, "height": 101}, {"class_id": 0, "top": 65, "left": 86, "width": 220, "height": 334}]}, "bounding-box-metadata": {"objects": [{"confidence": 0.91}, {"confidence": 0.4}], "class-map": {"0": "Echo", "1": "Echo Dot"}, "type": "groundtruth/object-detection", "human-annotated": "yes", "creation-date": "2019-11-18T02:53:27", "job-name": "labeling-job/bounding-box"}})";
const std::string kClass =
    R"({"source-ref": "s3://my-bucket/pets/cat1.jpg", "pets": 0, "pets-metadata": {"confidence": 0.82, "job-name": "labeling-job/pets", "class-name": "cat", "human-annotated": "no", "creation-date": "2020-01-01T10:00:00.000000", "type": "groundtruth/image-classification"}})";
const std::string kMultiLabel =
    R"({"source-ref": "s3://my-bucket/pets/both.jpg", "pets-ml": [0, 2], "pets-ml-metadata": {"job-name": "labeling-job/pets-ml", "class-map": {"0": "cat", "2": "dog"}, "human-annotated": "no", "creation-date": "2020-01-01T10:00:00", "confidence-map": {"0": 0.9, "2": 0.6}, "type": "groundtruth/image-classification-multilabel"}})";

std::string sagemakerErrorOf(const std::string& line)
{
    test::TempDir dir;
    test::writeText(dir / "output.manifest", kClass + "\n" + line + "\n");
    RecordingSink sink;
    try {
        readSagemakerManifest(dir / "output.manifest", sink);
    } catch (const FormatError& error) {
        return error.what();
    }
    return "no error";
}

std::string boxLine(const std::string& annotation, const std::string& metadataExtra = {})
{
    return R"({"source-ref": "s3://b/a.png", "job": {"image_size": [{"width": 100, "height": 50, "depth": 3}], "annotations": [)" +
           annotation + R"(]}, "job-metadata": {"class-map": {"0": "cat"})" + metadataExtra + "}}";
}

} // namespace

TEST_CASE("SageMaker manifests are registered read only", "[formats][sagemaker]")
{
    const Format& format = formatById("sagemaker");
    CHECK(&format == &sagemakerFormat());
    CHECK(format.canImport());
    for (TaskType type : allTaskTypes())
        CHECK_FALSE(format.canExport(type));
    test::TempDir dir;
    CHECK_THROWS_WITH(format.verify(dir.path()), Catch::Contains("export is not offered"));
    CHECK_THROWS_AS(format.write(ExportDataset{}, dir.path()), ValidationError);
}

TEST_CASE("SageMaker output manifests read into classes and boxes", "[formats][sagemaker]")
{
    test::TempDir dir;
    test::writeText(
        dir / "output.manifest",
        kBoxes + "\n" + kClass + "\n" + kMultiLabel + "\n" + R"({"source-ref": "s3://my-bucket/pets/unlabeled.jpg"})" +
            "\n" +
            R"({"source-ref": "s3://my-bucket/pets/failed.jpg", "pets-metadata": {"failure-reason": "ClientError: timeout"}})" +
            "\n");
    RecordingSink sink;
    sagemakerFormat().read(dir.path(), sink);
    REQUIRE(sink.images.size() == 5);
    CHECK(sink.images[0].reference == "images/IMG_1186.png");
    CHECK(sink.images[0].width == 640);
    CHECK(sink.images[0].height == 480);
    const auto boxes = sink.shapesOf("images/IMG_1186.png");
    REQUIRE(boxes.size() == 2);
    CHECK(boxes[0].category == "Echo Dot");
    CHECK(boxes[0].kind == AnnotationKind::Box);
    CHECK(parseBox(boxes[0].geometry) == Box{399, 251, 155, 101});
    CHECK(boxes[1].category == "Echo");
    CHECK_FALSE(boxes[0].score); // a person drew them

    const auto cat = sink.shapesOf("pets/cat1.jpg");
    REQUIRE(cat.size() == 1);
    CHECK(cat[0].category == "cat");
    CHECK(cat[0].kind == AnnotationKind::Tag);
    CHECK(cat[0].score == Approx(0.82)); // machine label

    const auto both = sink.shapesOf("pets/both.jpg");
    REQUIRE(both.size() == 2);
    CHECK(both[0].category == "cat");
    CHECK(both[1].category == "dog");
    CHECK(both[1].score == Approx(0.6));
    CHECK(sink.shapesOf("pets/unlabeled.jpg").empty());
    CHECK(sink.shapesOf("pets/failed.jpg").empty());
    CHECK(sink.images[3].width == 0);
}

TEST_CASE("SageMaker chained jobs are read from the newest job", "[formats][sagemaker]")
{
    test::TempDir dir;
    test::writeText(
        dir / "output.manifest",
        R"({"source-ref": "s3://b/x.jpg", "first": 0, "first-metadata": {"class-name": "cat", "creation-date": "2020-01-01T00:00:00"}, "a-second": 1, "a-second-metadata": {"class-name": "dog", "creation-date": "2021-05-01T00:00:00"}})");
    RecordingSink sink;
    readSagemakerManifest(dir / "output.manifest", sink);
    REQUIRE(sink.shapes.size() == 1);
    CHECK(sink.shapes[0].category == "dog");
}

TEST_CASE("SageMaker bad input names the file, line and JSON path", "[formats][sagemaker]")
{
    CHECK_THAT(sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", )"),
               Catch::StartsWith("output.manifest, line 2") && Catch::Contains("not valid JSON"));
    CHECK_THAT(sagemakerErrorOf(R"({"source": "some text"})"),
               Catch::Contains("output.manifest, line 2, $[\"source-ref\"]: is missing"));
    CHECK_THAT(sagemakerErrorOf(R"({"source-ref": 3})"),
               Catch::Contains("line 2, $[\"source-ref\"]: expected a string"));
    CHECK_THAT(
        sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", "job": 0, "job-metadata": {"class-map": {"1": "dog"}}})"),
        Catch::Contains("line 2, $.job: class 0 is not in the metadata's class-map"));
    CHECK_THAT(sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", "job": -1, "job-metadata": {"class-name": "cat"}})"),
               Catch::Contains("$.job: expected a whole number from 0"));
    CHECK_THAT(sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", "job": 0, "job-metadata": {"class-name": ""}})"),
               Catch::Contains("$[\"job-metadata\"][\"class-name\"]: is empty"));
    CHECK_THAT(
        sagemakerErrorOf(
            R"({"source-ref": "s3://b/a.png", "job": 0, "job-metadata": {"class-name": "cat", "confidence": 3, "human-annotated": "no"}})"),
        Catch::Contains("$[\"job-metadata\"].confidence: expected a number between 0 and 1"));
    CHECK_THAT(sagemakerErrorOf(
                   R"({"source-ref": "s3://b/a.png", "job": [0, 5], "job-metadata": {"class-map": {"0": "cat"}}})"),
               Catch::Contains("$.job[1]: class 5 is not in the metadata's class-map"));
    CHECK_THAT(sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", "job": "x", "job-metadata": {}})"),
               Catch::Contains("$.job: expected a class id"));
    CHECK_THAT(
        sagemakerErrorOf(R"({"source-ref": "s3://b/a.png", "job-ref": "s3://b/a-mask.png", "job-ref-metadata": {}})"),
        Catch::Contains("$[\"job-ref\"]: semantic segmentation label maps are not read"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "left": 90, "top": 0, "width": 20, "height": 10})")),
               Catch::Contains("line 2, $.job.annotations[0]: the box is outside the 100x50 image"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "left": -5, "top": 0, "width": 20, "height": 10})")),
               Catch::Contains("$.job.annotations[0]: the box is outside"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "left": 5, "top": 0, "width": -20, "height": 10})")),
               Catch::Contains("$.job.annotations[0]: the box has no area"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "left": 5, "top": 0, "width": 1e300, "height": 10})")),
               Catch::Contains("$.job.annotations[0].width: the number 1e+300 is out of range"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "top": 0, "width": 2, "height": 10})")),
               Catch::Contains("$.job.annotations[0].left: is missing"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 3, "left": 0, "top": 0, "width": 2, "height": 10})")),
               Catch::Contains("$.job.annotations[0].class_id: class 3 is not in the metadata's class-map"));
    CHECK_THAT(sagemakerErrorOf(
                   boxLine(R"({"class_id": 0, "left": 0, "top": 0, "width": 2, "height": 10})", R"(, "objects": [])")),
               Catch::Contains("$[\"job-metadata\"].objects: expected 1 entries"));
    CHECK_THAT(
        sagemakerErrorOf(
            R"({"source-ref": "s3://b/a.png", "job": {"image_size": [], "annotations": []}, "job-metadata": {}})"),
        Catch::Contains("$.job.image_size: has no image size"));
    CHECK_THAT(sagemakerErrorOf(boxLine(R"({"class_id": 0, "left": 0.4, "top": -0.5, "width": 100, "height": 50.5})")),
               Catch::Contains("no error"));
}

TEST_CASE("SageMaker reader survives mutated input with pixmark errors only", "[formats][sagemaker][fuzz]")
{
    test::TempDir dir;
    test::fuzzReader(kBoxes + "\n" + kClass + "\n" + kMultiLabel + "\n", [&](const std::string& bytes) {
        test::writeText(dir / "fuzz.manifest", bytes);
        RecordingSink sink;
        readSagemakerManifest(dir / "fuzz.manifest", sink);
    });
}
