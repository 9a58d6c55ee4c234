// Big JSON files are scanned for their structure and read a run of array elements at a
// time: the runs must cover every element exactly once, and a broken file must be refused
// at the right byte, whichever run the fault is in.

#include "core/formats/coco/coco_format.h"
#include "core/formats/format_error.h"
#include "core/formats/json_outline.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

using namespace pixmark;
using namespace pixmark::formats;

namespace {

std::filesystem::path writeJsonFile(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

std::string slice(const std::string& text, std::uint64_t begin, std::uint64_t end)
{
    return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

/// What outlineJsonObject refuses the text with ("" when it accepts it).
std::string refusal(const std::filesystem::path& file, const std::string& text)
{
    writeJsonFile(file, text);
    try {
        outlineJsonObject(file, 16);
    } catch (const FormatError& error) {
        return error.what();
    }
    return "";
}

/// A COCO file of n images with one box each.
std::string cocoText(int n, int badAnnotation = -1)
{
    std::string text = R"({"info": {"note": "a \"quoted\" ] bracket"}, "categories": [{"id": 1, "name": "car"}], "images": [)";
    for (int k = 0; k < n; ++k)
        text += (k ? "," : "") + std::string(R"({"id":)") + std::to_string(k) + R"(,"file_name":"img/)" +
                std::to_string(k) + R"(.jpg","width":640,"height":480})";
    text += "],\n\"annotations\": [";
    for (int k = 0; k < n; ++k)
        text += (k ? ",\n " : "") + std::string(R"({"id":)") + std::to_string(k + 1) + R"(,"image_id":)" +
                std::to_string(k) + R"(,"category_id":1,"bbox":[)" + (k == badAnnotation ? "-5" : "10") +
                ",20,30,40]}";
    return text + "]}\n";
}

struct CountingSink : ImportSink {
    int images = 0, shapes = 0;
    void image(std::int64_t, const std::string&, int, int) override { ++images; }
    void shape(std::int64_t, const std::string&, AnnotationKind, std::string, std::optional<double>) override
    {
        ++shapes;
    }
};

} // namespace

TEST_CASE("The outline of a JSON object cuts its arrays into runs of whole elements", "[formats][json]")
{
    test::TempDir dir;
    const std::string text = R"( {"a": [1, "x]", {"b": [2, 3]}, [4] ,5], "s": "{[", "n": -1.5e3, "e": [], "o": {"k": [1]}} )";
    const auto file = writeJsonFile(dir / "a.json", text);
    const auto members = outlineJsonObject(file, 6);
    REQUIRE(members.size() == 5);
    CHECK(members[0].key == "a");
    CHECK(members[0].opening == '[');
    // Whole elements, in order, each run closed once it reaches 6 bytes.
    const auto& runs = members[0].runs;
    REQUIRE(runs.size() == 3);
    CHECK(slice(text, runs[0].begin, runs[0].end) == R"(1, "x]")");
    CHECK(runs[0].firstIndex == 0);
    CHECK(slice(text, runs[1].begin, runs[1].end) == R"({"b": [2, 3]})");
    CHECK(runs[1].firstIndex == 2);
    CHECK(slice(text, runs[2].begin, runs[2].end) == "[4] ,5");
    CHECK(runs[2].firstIndex == 3);
    CHECK(members[1].key == "s");
    CHECK(members[1].opening == '"');
    CHECK(members[2].opening == '-');
    CHECK(members[3].runs.empty());
    CHECK(members[4].opening == '{');
    CHECK(members[4].runs.empty());
}

TEST_CASE("A run of elements reads back as a JSON array with its file offsets", "[formats][json]")
{
    test::TempDir dir;
    const std::string text = R"({"a": [10, 20, 30, 40]})";
    const auto file = writeJsonFile(dir / "a.json", text);
    const auto members = outlineJsonObject(file, 1);
    REQUIRE(members.at(0).runs.size() == 4);
    std::vector<char> buffer;
    const ElementRun& third = members[0].runs[2];
    CHECK(third.firstIndex == 2);
    const std::size_t length = readElementRun(file, third, buffer, 64);
    CHECK(std::string(buffer.data(), length) == "[30]");
    CHECK(buffer.size() >= length + 64);
    CHECK(text[third.begin] == '3');
}

TEST_CASE("A broken JSON file is refused at the byte where it breaks", "[formats][json]")
{
    test::TempDir dir;
    const auto file = dir / "bad.json";
    CHECK_THAT(refusal(file, ""), Catch::Contains("bad.json") && Catch::Contains("not a JSON object"));
    CHECK_THAT(refusal(file, "[1, 2]"), Catch::Contains("byte 0") && Catch::Contains("not a JSON object"));
    CHECK_THAT(refusal(file, R"({"a": [1, 2)"), Catch::Contains("ends inside") || Catch::Contains("expected"));
    CHECK_THAT(refusal(file, R"({"a": "open)"), Catch::Contains("ends inside a string"));
    CHECK_THAT(refusal(file, R"({"a": [{"b": 1]]})"), Catch::Contains("byte 14") && Catch::Contains("closes a '{'"));
    CHECK_THAT(refusal(file, R"({"a": 1 "b": 2})"), Catch::Contains("byte 8") && Catch::Contains("',' or '}'"));
    CHECK_THAT(refusal(file, R"({"a" 1})"), Catch::Contains("':' was expected"));
    CHECK_THAT(refusal(file, R"({"a": [1,,2]})"), Catch::Contains("byte 9") && Catch::Contains("element was expected"));
    CHECK_THAT(refusal(file, R"({"a": 1} {"b": 2})"), Catch::Contains("byte 9") && Catch::Contains("more after the end"));
    CHECK(refusal(file, " {\"a\": [1, [2]], \"b\": {}} \n") == "");
    CHECK_THROWS_WITH(outlineJsonObject(dir / "missing.json", 16),
                      Catch::Contains("missing.json") && Catch::Contains("cannot be opened"));
}

TEST_CASE("A COCO file larger than one run is read whole, and a fault in a later run is found at its place",
          "[formats][json][coco]")
{
    test::TempDir dir;
    constexpr int kImages = 70'000; // about 6 MB of annotations: more than one run
    const std::string good = cocoText(kImages);
    REQUIRE(good.size() > (5u << 20));
    CountingSink sink;
    cocoFormat().read(writeJsonFile(dir / "big.json", good), sink);
    CHECK(sink.images == kImages);
    CHECK(sink.shapes == kImages);

    const int bad = 65'432;
    const std::string broken = cocoText(kImages, bad);
    CountingSink ignored;
    std::string message;
    std::int64_t offset = -1;
    try {
        cocoFormat().read(writeJsonFile(dir / "broken.json", broken), ignored);
    } catch (const FormatError& error) {
        message = error.what();
        offset = error.position().byteOffset;
    }
    CHECK_THAT(message, Catch::Contains("broken.json") &&
                            Catch::Contains("$.annotations[" + std::to_string(bad) + "].bbox") &&
                            Catch::Contains("negative"));
    // The offset points into that annotation, in the file as written.
    const auto annotationAt = broken.find("{\"id\":" + std::to_string(bad + 1) + ",\"image_id\"");
    REQUIRE(annotationAt != std::string::npos);
    CHECK(offset >= static_cast<std::int64_t>(annotationAt));
    CHECK(offset < static_cast<std::int64_t>(annotationAt + 80));
}
