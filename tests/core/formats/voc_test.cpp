#include "core/errors.h"
#include "core/formats/format_error.h"
#include "core/formats/registry.h"
#include "core/formats/voc/voc_format.h"
#include "core/formats/voc/voc_xml.h"
#include "core/geometry/box.h"
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

ExportDataset makeVocDataset(TaskType type, std::vector<ExportImage> images)
{
    return test::makeDataset(type, "pets", {{10, "cat"}, {20, "dog & co"}}, std::move(images));
}

fs::path writeVocExport(const fs::path& root)
{
    const fs::path out = root / "out";
    fs::create_directories(out);
    test::writeJpeg(root / "source/b.jpg", 64, 48, 2);
    ExportImage probed = makeImage("b.jpg", 0, 0, "val", {{10, AnnotationKind::Box, toJson(Box{60, 40, 10, 10}), {}}});
    probed.source = root / "source/b.jpg";
    vocFormat().write(makeVocDataset(TaskType::ObjectDetection,
                                     {makeImage("a.png", 100, 50, "train",
                                                {{20, AnnotationKind::Box, toJson(Box{10, 5, 20, 10}), {}},
                                                 {10, AnnotationKind::Box, toJson(Box{0, 0, 33.25, 17.5}), {}},
                                                 {10, AnnotationKind::Tag, "", {}}}),
                                      probed}),
                      out);
    return out;
}

// a.xml with its first object's bndbox replaced.
std::string withBox(const std::string& xml, const std::string& xmin, const std::string& xmax)
{
    std::string out = xml;
    out.replace(out.find("<xmin>11</xmin>"), 15, "<xmin>" + xmin + "</xmin>");
    out.replace(out.find("<xmax>30</xmax>"), 15, "<xmax>" + xmax + "</xmax>");
    return out;
}

} // namespace

TEST_CASE("VOC is registered for detection", "[formats][voc]")
{
    CHECK(&formatById("voc") == &vocFormat());
    CHECK(vocFormat().canExport(TaskType::ObjectDetection));
    CHECK_FALSE(vocFormat().canExport(TaskType::InstanceSegmentation));
}

TEST_CASE("VOC export writes 1-based boxes and split lists, and reads them back", "[formats][voc]")
{
    test::TempDir temp;
    const fs::path out = writeVocExport(temp.path());
    const std::string xml = readText(out / "Annotations/a.xml");
    CHECK(xml == "<annotation>\n"
                 "    <folder>pets</folder>\n"
                 "    <filename>a.png</filename>\n"
                 "    <size>\n        <width>100</width>\n        <height>50</height>\n        <depth>3</depth>\n    </size>\n"
                 "    <segmented>0</segmented>\n"
                 "    <object>\n        <name>dog &amp; co</name>\n        <pose>Unspecified</pose>\n"
                 "        <truncated>0</truncated>\n        <difficult>0</difficult>\n"
                 "        <bndbox>\n            <xmin>11</xmin>\n            <ymin>6</ymin>\n"
                 "            <xmax>30</xmax>\n            <ymax>15</ymax>\n        </bndbox>\n    </object>\n"
                 "    <object>\n        <name>cat</name>\n        <pose>Unspecified</pose>\n"
                 "        <truncated>0</truncated>\n        <difficult>0</difficult>\n"
                 "        <bndbox>\n            <xmin>1</xmin>\n            <ymin>1</ymin>\n"
                 "            <xmax>33.25</xmax>\n            <ymax>17.5</ymax>\n        </bndbox>\n    </object>\n"
                 "</annotation>\n");
    // b.jpg's size came from its file, and its box was clipped to the image.
    const VocAnnotation b = parseVocXml(readText(out / "Annotations/b.xml"), "b.xml");
    CHECK(b.width == 64);
    CHECK(b.height == 48);
    REQUIRE(b.objects.size() == 1);
    CHECK(b.objects[0].box == Box{60, 40, 4, 8});
    CHECK(readText(out / "ImageSets/Main/train.txt") == "a\n");
    CHECK(readText(out / "ImageSets/Main/val.txt") == "b\n");

    const VerifyReport report = vocFormat().verify(out);
    INFO((report.problems.empty() ? std::string() : report.problems.front()));
    CHECK(report.ok());
    CHECK(report.images == 2);
    CHECK(report.annotations == 3);
    CHECK(report.categories == 2);

    RecordingSink sink;
    vocFormat().read(out, sink);
    REQUIRE(sink.references() == std::vector<std::string>{"a.png", "b.jpg"});
    CHECK(sink.images[0].width == 100);
    CHECK(sink.images[0].height == 50);
    REQUIRE(sink.shapes.size() == 3);
    CHECK(sink.shapes[0].category == "dog & co");
    CHECK(sink.shapes[0].kind == AnnotationKind::Box);
    CHECK(parseBox(sink.shapes[0].geometry) == Box{10, 5, 20, 10});
    const Box second = parseBox(sink.shapes[1].geometry);
    CHECK(second.x == 0);
    CHECK(second.w == Approx(33.25));
    CHECK(second.h == Approx(17.5));
    CHECK(sink.shapes[2].imageKey == sink.images[1].key);

    RecordingSink single;
    vocFormat().read(out / "Annotations/b.xml", single);
    CHECK(single.references() == std::vector<std::string>{"b.jpg"});
}

TEST_CASE("VOC export refuses other task types and unknown classes", "[formats][voc][validation]")
{
    test::TempDir temp;
    CHECK_THROWS_AS(vocFormat().write(makeVocDataset(TaskType::SemanticSegmentation, {}), temp.path()),
                    ValidationError);
    CHECK_THROWS_AS(vocFormat().write(
                        makeVocDataset(TaskType::ObjectDetection,
                                       {makeImage("a.png", 10, 10, "", {{7, AnnotationKind::Box, toJson(Box{}), {}}})}),
                        temp.path()),
                    ValidationError);
    CHECK_THROWS_AS(
        vocFormat().write(makeVocDataset(TaskType::ObjectDetection, {makeImage("a.png", 0, 0, "", {})}), temp.path()),
        ValidationError);
}

TEST_CASE("VOC bad files name the file and line", "[formats][voc][validation]")
{
    test::TempDir temp;
    const fs::path out = writeVocExport(temp.path());
    const fs::path a = out / "Annotations/a.xml";
    const std::string xml = readText(a);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {withBox(xml, "-3", "30"), "line 16"},         // negative
        {withBox(xml, "11", "101"), "line 15"},        // outside the image
        {withBox(xml, "11", "abc"), "line 18"},        // not a number
        {withBox(xml, "nan", "30"), "line 16"},        // NaN
        {withBox(xml, "1e300", "30"), "line 16"},      // absurd
        {withBox(xml, "31", "20"), "line 15"},         // xmax before xmin
        {xml.substr(0, xml.size() / 2), "line"},       // truncated
        {std::string(xml).replace(xml.find("<name>cat</name>"), 16, ""), "line 22"}, // no name
        {std::string(xml).replace(xml.find("<width>100</width>"), 18, "<width>1.5</width>"), "line 5"},
        {"<notvoc/>", "line 1"},
    };
    for (const auto& [content, place] : cases) {
        INFO(content);
        test::writeText(a, content);
        RecordingSink sink;
        requireErrorNames([&] { vocFormat().read(out, sink); }, "a.xml", place);
        const VerifyReport report = vocFormat().verify(out);
        REQUIRE(report.problems.size() == 1);
        CHECK(report.problems[0].find("a.xml") != std::string::npos);
    }
}

TEST_CASE("VOC verify catches a split list naming a missing file", "[formats][voc][validation]")
{
    test::TempDir temp;
    const fs::path out = writeVocExport(temp.path());
    test::writeText(out / "ImageSets/Main/val.txt", "b\nmissing\n");
    const VerifyReport report = vocFormat().verify(out);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].find("val.txt, line 2") != std::string::npos);
    fs::remove_all(out / "Annotations");
    CHECK_FALSE(vocFormat().verify(out).ok());
    RecordingSink sink;
    requireErrorNames([&] { vocFormat().read(out / "nothing", sink); }, "nothing", "does not exist");
}

TEST_CASE("VOC reader survives mutated XML", "[formats][voc][fuzz]")
{
    test::TempDir temp;
    const fs::path out = writeVocExport(temp.path());
    const std::string xml = readText(out / "Annotations/a.xml");
    std::mt19937 random(77);
    int errors = 0;
    for (int round = 0; round < 300; ++round) {
        std::string bytes = xml;
        const int edits = 1 + static_cast<int>(random() % 4);
        for (int e = 0; e < edits && !bytes.empty(); ++e) {
            const std::size_t at = random() % bytes.size();
            switch (random() % 5) {
            case 0: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); break;
            case 1: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), static_cast<char>(random() % 256)); break;
            case 2: bytes.erase(at, 1); break;
            case 3: bytes.resize(at); break;
            default: bytes.insert(at, std::string("<>/&;-9e.\"").substr(random() % 10, 1)); break;
            }
        }
        test::writeText(out / "Annotations/a.xml", bytes);
        const bool refused = refusedWithPixmarkError(round, [&] {
            RecordingSink sink;
            vocFormat().read(out, sink);
            vocFormat().verify(out);
        });
        if (refused)
            ++errors;
    }
    CHECK(errors > 0);
}
