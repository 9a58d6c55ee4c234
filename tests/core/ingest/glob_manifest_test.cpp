#include "core/errors.h"
#include "core/ingest/glob_pattern.h"
#include "core/ingest/manifest.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using ingest::GlobPattern;

TEST_CASE("Glob patterns match what shells match", "[ingest][glob]")
{
    CHECK(GlobPattern("*.png").matches("a.png"));
    CHECK_FALSE(GlobPattern("*.png").matches("sub/a.png"));
    CHECK_FALSE(GlobPattern("*.png").matches("a.PNG"));
    CHECK(GlobPattern("dir/**").matches("dir/a.png"));
    CHECK(GlobPattern("dir/**").matches("dir/x/y/z.tif"));
    CHECK_FALSE(GlobPattern("dir/**").matches("other/a.png"));
    CHECK(GlobPattern("**/*.*").matches("a.png"));
    CHECK(GlobPattern("**/*.*").matches("x/y/a.png"));
    CHECK_FALSE(GlobPattern("**/*.*").matches("x/y/noextension"));
    CHECK(GlobPattern("a/*/b/*.tif").matches("a/1/b/x.tif"));
    CHECK_FALSE(GlobPattern("a/*/b/*.tif").matches("a/1/2/b/x.tif"));
    CHECK_FALSE(GlobPattern("a/*/b/*.tif").matches("a/b/x.tif"));
    CHECK(GlobPattern("img_?[0-9].jp*g").matches("img_a7.jpeg"));
    CHECK_FALSE(GlobPattern("img_?[0-9].jp*g").matches("img_ab.jpg"));
    CHECK(GlobPattern("[!.]*.png").matches("a.png"));
    CHECK(GlobPattern("a/*/b/*.tif").fixedPrefix() == "a");
    CHECK(GlobPattern("a/*/b/*.tif").maxDepth() == 2);
    CHECK(GlobPattern("dir/**").maxDepth() == -1);
    CHECK(GlobPattern("*.png").maxDepth() == 0);
}

TEST_CASE("Bad glob patterns are refused with the reason", "[ingest][glob][validation]")
{
    CHECK_THROWS_AS(GlobPattern(""), ValidationError);
    CHECK_THROWS_WITH(GlobPattern("/abs/*.png"), Catch::Contains("relative"));
    CHECK_THROWS_WITH(GlobPattern("../*.png"), Catch::Contains(".."));
    CHECK_THROWS_WITH(GlobPattern("a[bc.png"), Catch::Contains("unclosed"));
    CHECK_THROWS_WITH(GlobPattern("**/**/**/**/*.png"), Catch::Contains("more than three"));
}

TEST_CASE("CSV records follow RFC 4180 quoting", "[ingest][manifest]")
{
    using V = std::vector<std::string>;
    CHECK(ingest::splitCsvRecord("a,b,c") == V{"a", "b", "c"});
    CHECK(ingest::splitCsvRecord("\"a,b\",\"say \"\"hi\"\"\",") == V{"a,b", "say \"hi\"", ""});
    CHECK(ingest::splitCsvRecord("") == V{""});
}

TEST_CASE("A CSV manifest with and without a label column", "[ingest][manifest]")
{
    test::TempDir dir;
    test::writeText(dir / "m.csv", "\xEF\xBB\xBFpath,class,note\r\n"
                                   "images/a.png,cat,\"first, of two\"\r\n"
                                   "/abs/b.png,,\"multi\nline\"\r\n"
                                   "broken,row\r\n"
                                   ",dog,x\r\n");
    const auto withLabels = ingest::readManifest(dir / "m.csv", {"path", std::string("class")});
    CHECK(withLabels.columns == std::vector<std::string>{"path", "class", "note"});
    REQUIRE(withLabels.rows.size() == 2);
    CHECK(withLabels.rows[0].image == dir / "images/a.png");
    CHECK(withLabels.rows[0].label == std::optional<std::string>("cat"));
    CHECK(withLabels.rows[1].image == "/abs/b.png");
    CHECK_FALSE(withLabels.rows[1].label);
    REQUIRE(withLabels.problems.size() == 2);
    CHECK_THAT(withLabels.problems[0].reason, Catch::Contains("2 fields instead of 3"));
    CHECK_THAT(withLabels.problems[1].reason, Catch::Contains("no value in column \"path\""));

    const auto withoutLabels = ingest::readManifest(dir / "m.csv", {"path", std::nullopt});
    CHECK_FALSE(withoutLabels.rows[0].label);
    CHECK_THROWS_WITH(ingest::readManifest(dir / "m.csv", {"file", std::nullopt}),
                      Catch::Contains("no column \"file\"") && Catch::Contains("path, class, note"));
}

TEST_CASE("A JSONL manifest, with bad lines reported", "[ingest][manifest]")
{
    test::TempDir dir;
    test::writeText(dir / "m.jsonl", "{\"image\": \"a.png\", \"label\": \"cat\"}\n"
                                     "not json\n"
                                     "[1, 2]\n"
                                     "{\"label\": \"dog\"}\n"
                                     "\n"
                                     "{\"image\": \"b.png\", \"label\": null}\n");
    const auto manifest = ingest::readManifest(dir / "m.jsonl", {"image", std::string("label")});
    REQUIRE(manifest.rows.size() == 2);
    CHECK(manifest.rows[0].label == std::optional<std::string>("cat"));
    CHECK_FALSE(manifest.rows[1].label);
    REQUIRE(manifest.problems.size() == 3);
    CHECK_THAT(manifest.problems[0].reason, Catch::Contains("line 2: not valid JSON"));
    CHECK_THROWS_AS(ingest::readManifest(dir / "missing.csv", {"image"}), ValidationError);
    test::writeText(dir / "empty.csv", "");
    CHECK_THROWS_WITH(ingest::readManifest(dir / "empty.csv", {"image"}), Catch::Contains("empty"));
}

TEST_CASE("A JSONL manifest with deeply nested cells is refused line by line, not crashed on", "[ingest][manifest][bad-input]")
{
    test::TempDir dir;
    const std::string nested = std::string(100000, '[') + std::string(100000, ']');
    test::writeText(dir / "m.jsonl", "{\"image\": \"a.png\", \"label\": " + nested + "}\n{\"image\": " + nested +
                                         "}\n{\"image\": \"b.png\", \"label\": 7}\n");
    const auto manifest = ingest::readManifest(dir / "m.jsonl", {"image", std::string("label")});
    REQUIRE(manifest.rows.size() == 1);
    CHECK(manifest.rows[0].label == std::optional<std::string>("7"));
    CHECK(manifest.problems.size() == 2);
}
