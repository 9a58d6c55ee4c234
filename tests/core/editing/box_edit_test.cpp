// Editing boxes without widgets: handles, resize, move, template placement, overlap order.
#include "core/editing/box_edit.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::editing;

namespace {
const BoxLimits kBoxLimits{200, 100, 2};
}

TEST_CASE("Handles are found at corners, edges and inside", "[editing]")
{
    const Box box{10, 10, 40, 20};
    CHECK(handleAt(box, ImagePoint{10, 10}, 2) == BoxHandle::TopLeft);
    CHECK(handleAt(box, ImagePoint{30, 9}, 2) == BoxHandle::Top);
    CHECK(handleAt(box, ImagePoint{51, 31}, 2) == BoxHandle::BottomRight);
    CHECK(handleAt(box, ImagePoint{10, 20}, 2) == BoxHandle::Left);
    CHECK(handleAt(box, ImagePoint{30, 20}, 2) == BoxHandle::Inside);
    CHECK(handleAt(box, ImagePoint{80, 80}, 2) == BoxHandle::None);
    CHECK(handlePoints(box).size() == 8);
}

TEST_CASE("Resizing moves the grabbed edges only", "[editing]")
{
    const Box box{10, 10, 40, 20};
    CHECK(resizeBox(box, BoxHandle::BottomRight, ImagePoint{70.4, 40.6}, kBoxLimits) == Box{10, 10, 60, 31});
    CHECK(resizeBox(box, BoxHandle::Left, ImagePoint{0, 99}, kBoxLimits) == Box{0, 10, 50, 20});
    CHECK(resizeBox(box, BoxHandle::Top, ImagePoint{5, 5}, kBoxLimits) == Box{10, 5, 40, 25});
    // Past the opposite edge the box flips; clamped to the image.
    CHECK(resizeBox(box, BoxHandle::Right, ImagePoint{0, 0}, kBoxLimits) == Box{0, 10, 10, 20});
    CHECK(resizeBox(box, BoxHandle::BottomRight, ImagePoint{500, 500}, kBoxLimits) == Box{10, 10, 190, 90});
}

TEST_CASE("Resizing never makes a box smaller than the minimum", "[editing]")
{
    const Box box{10, 10, 40, 20};
    const Box thin = resizeBox(box, BoxHandle::Right, ImagePoint{10, 20}, kBoxLimits);
    CHECK(thin.w >= 2);
    const Box flat = resizeBox(box, BoxHandle::Top, ImagePoint{0, 30}, kBoxLimits);
    CHECK(flat.h >= 2);
}

TEST_CASE("Moving keeps the box inside the image in whole pixels", "[editing]")
{
    const Box box{10, 10, 40, 20};
    CHECK(moveBox(box, 5.4, -3.6, kBoxLimits) == Box{15, 6, 40, 20});
    CHECK(moveBox(box, -50, -50, kBoxLimits) == Box{0, 0, 40, 20});
    CHECK(moveBox(box, 500, 500, kBoxLimits) == Box{160, 80, 40, 20});
}

TEST_CASE("Template boxes are centered on the point", "[editing]")
{
    CHECK(boxCenteredAt(ImagePoint{100, 50}, 20, 10, kBoxLimits) == Box{90, 45, 20, 10});
    CHECK(boxCenteredAt(ImagePoint{0, 0}, 20, 10, kBoxLimits) == Box{0, 0, 20, 10});
}

TEST_CASE("Overlapping boxes come smallest first, then topmost", "[editing]")
{
    const std::vector<Box> boxes{{0, 0, 100, 100}, {10, 10, 20, 20}, {5, 5, 50, 50}, {10, 10, 20, 20}};
    CHECK(boxesAt(boxes, ImagePoint{15, 15}) == std::vector<std::size_t>{3, 1, 2, 0});
    CHECK(boxesAt(boxes, ImagePoint{60, 60}) == std::vector<std::size_t>{0});
    CHECK(boxesAt(boxes, ImagePoint{150, 60}).empty());
}
