#include "core/errors.h"
#include "core/geometry/box.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("Boxes read and write their JSON form", "[geometry]")
{
    const Box box = parseBox(R"({"x": 1.5, "y": 2, "w": 10, "h": 20.25})");
    CHECK(box == Box{1.5, 2, 10, 20.25});
    CHECK(parseBox(toJson(box)) == box);
    CHECK(area(box) == Approx(202.5));
    CHECK(parseBox(R"({"x":0,"y":0,"w":0,"h":0})") == Box{});
}

TEST_CASE("Box IoU has the known values", "[geometry]")
{
    const Box a{0, 0, 10, 10};
    CHECK(iou(a, a) == Approx(1.0));
    CHECK(iou(a, Box{5, 0, 10, 10}) == Approx(50.0 / 150.0));
    CHECK(iou(a, Box{5, 5, 10, 10}) == Approx(25.0 / 175.0));
    CHECK(iou(a, Box{2, 2, 5, 5}) == Approx(25.0 / 100.0));
    CHECK(iou(a, Box{10, 0, 10, 10}) == 0.0); // touching edges
    CHECK(iou(a, Box{20, 20, 1, 1}) == 0.0);
    CHECK(iou(Box{}, Box{}) == 0.0);
}

TEST_CASE("Malformed boxes are refused with the reason", "[geometry][validation]")
{
    CHECK_THROWS_AS(parseBox("not json"), ValidationError);
    CHECK_THROWS_AS(parseBox(""), ValidationError);
    CHECK_THROWS_AS(parseBox("[1,2,3,4]"), ValidationError);
    CHECK_THROWS_WITH(parseBox(R"({"x":0,"y":0,"w":5})"), Catch::Contains("\"h\""));
    CHECK_THROWS_WITH(parseBox(R"({"x":"0","y":0,"w":5,"h":5})"), Catch::Contains("not a number"));
    CHECK_THROWS_WITH(parseBox(R"({"x":0,"y":0,"w":-5,"h":5})"), Catch::Contains("negative"));
    CHECK_THROWS_AS(parseBox(R"({"x":0,"y":0,"w":1e999,"h":5})"), ValidationError);
    CHECK_THROWS_AS(parseBox(R"({"x":null,"y":0,"w":1,"h":5})"), ValidationError);
}
