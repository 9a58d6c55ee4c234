// The box tool's logic without any widget: drag, click-click, Esc, and never a tiny box.
#include "core/editing/box_builder.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using editing::BoxBuilder;
using editing::ImagePoint;

TEST_CASE("A drag draws a box snapped to whole pixels", "[editing]")
{
    BoxBuilder builder(640, 480);
    CHECK_FALSE(builder.press(ImagePoint{100.4, 50.6}));
    CHECK(builder.state() == BoxBuilder::State::Dragging);
    builder.move(ImagePoint{200, 120});
    CHECK(builder.draft() == Box{100, 51, 100, 69});
    const auto box = builder.release(ImagePoint{300.2, 199.7});
    REQUIRE(box);
    CHECK(*box == Box{100, 51, 200, 149});
    CHECK(builder.state() == BoxBuilder::State::Idle);
}

TEST_CASE("Dragging up and left gives the same normalized box", "[editing]")
{
    BoxBuilder builder(640, 480);
    builder.press(ImagePoint{300, 200});
    const auto box = builder.release(ImagePoint{100, 50});
    REQUIRE(box);
    CHECK(*box == Box{100, 50, 200, 150});
}

TEST_CASE("A click then a click draws a box", "[editing]")
{
    BoxBuilder builder(640, 480);
    builder.setClickTolerance(2);
    builder.press(ImagePoint{10, 20});
    CHECK_FALSE(builder.release(ImagePoint{10.5, 20.5}));
    CHECK(builder.state() == BoxBuilder::State::ClickClick);
    builder.move(ImagePoint{40, 60});
    CHECK(builder.draft() == Box{10, 20, 30, 40});
    const auto box = builder.press(ImagePoint{50, 70});
    REQUIRE(box);
    CHECK(*box == Box{10, 20, 40, 50});
    CHECK_FALSE(builder.release(ImagePoint{50, 70}));
    CHECK_FALSE(builder.isActive());
}

TEST_CASE("Esc drops the draft and nothing is produced", "[editing]")
{
    BoxBuilder builder(640, 480);
    builder.press(ImagePoint{10, 10});
    builder.move(ImagePoint{100, 100});
    builder.cancel();
    CHECK_FALSE(builder.isActive());
    CHECK(builder.draft() == Box{});
    CHECK_FALSE(builder.release(ImagePoint{100, 100}));
}

TEST_CASE("Zero-size and tiny boxes are never produced", "[editing]")
{
    BoxBuilder builder(640, 480);
    builder.setClickTolerance(0.5);
    builder.press(ImagePoint{10, 10});
    CHECK_FALSE(builder.release(ImagePoint{11, 200})); // one pixel wide
    CHECK_FALSE(builder.isActive());
    builder.press(ImagePoint{10, 10});
    CHECK_FALSE(builder.release(ImagePoint{10.3, 10.3})); // a click: waits for the second corner
    CHECK_FALSE(builder.press(ImagePoint{10.2, 10.2}));   // same pixel: dropped
    CHECK_FALSE(builder.isActive());
    builder.setMinimumSize(5);
    builder.press(ImagePoint{10, 10});
    CHECK_FALSE(builder.release(ImagePoint{14, 100}));
    builder.press(ImagePoint{10, 10});
    CHECK(builder.release(ImagePoint{15, 15}));
}

TEST_CASE("Boxes stay inside the image", "[editing]")
{
    BoxBuilder builder(100, 80);
    builder.press(ImagePoint{-20, -5});
    const auto box = builder.release(ImagePoint{150, 90});
    REQUIRE(box);
    CHECK(*box == Box{0, 0, 100, 80});
}
