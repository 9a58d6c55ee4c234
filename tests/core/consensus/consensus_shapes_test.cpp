#include "consensus_test_util.h"
#include "core/errors.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {

constexpr ClassId car = 1;
constexpr ClassId person = 2;

ConsensusOutcome boxes(const std::vector<Vote>& votes, ConsensusRules rules = {})
{
    return computeConsensus(TaskType::ObjectDetection, votes, rules);
}

} // namespace

TEST_CASE("Boxes: two matching of three are kept at their median, a lone one is dropped", "[consensus]")
{
    const std::vector<Vote> votes{
        {1, {box(car, 10, 10, 100, 50)}},
        {2, {box(car, 12, 8, 100, 54)}},
        {3, {box(car, 300, 300, 40, 40)}},
    };
    const auto outcome = boxes(votes);
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].classId == car);
    CHECK(outcome.result[0].kind == AnnotationKind::Box);
    // Median of two is their mean: x1 (10, 12), y1 (10, 8), x2 (110, 112), y2 (60, 62).
    CHECK(parseBox(outcome.result[0].geometry) == Box{11, 9, 100, 52});
    CHECK(outcome.result[0].score == Approx(2.0 / 3));
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true, false});
    CHECK(outcome.agreement == Approx(2.0 / 3));
    CHECK(outcome.explanation == "1 box kept and 1 dropped across 3 labelers (50 % needed).");

    // At 75 % the pair is neither kept (67 %) nor dropped (33 %): undecided.
    const auto strict = boxes(votes, {0.75, 0.5});
    CHECK_FALSE(strict.agreed);
    CHECK(strict.result.empty());
    CHECK(strict.explanation ==
          "Undecided: 2 boxes, such as a class 1 box drawn by 2 of 3 labelers (67 %, 75 % needed).");
}

TEST_CASE("Boxes: three matching boxes merge to the per-coordinate median", "[consensus]")
{
    const auto outcome = boxes({
        {1, {box(car, 10, 10, 100, 100)}}, // x1 10, y1 10, x2 110, y2 110
        {2, {box(car, 14, 6, 100, 100)}},  // x1 14, y1 6, x2 114, y2 106
        {3, {box(car, 8, 12, 98, 96)}},    // x1 8, y1 12, x2 106, y2 108
    });
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(parseBox(outcome.result[0].geometry) == Box{10, 10, 100, 98});
    CHECK(outcome.result[0].score == Approx(1.0));
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true, true});
    CHECK(outcome.agreement == Approx(1.0));
}

TEST_CASE("Boxes: only shapes of the same class match", "[consensus]")
{
    const auto outcome = boxes({
        {1, {box(car, 0, 0, 10, 10)}},
        {2, {box(person, 0, 0, 10, 10)}},
        {3, {box(car, 0, 0, 10, 10)}},
    });
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].classId == car);
    CHECK(outcome.voteAgrees == std::vector<bool>{true, false, true});

    const auto split = boxes({{1, {box(car, 0, 0, 10, 10)}}, {2, {box(person, 0, 0, 10, 10)}}});
    CHECK_FALSE(split.agreed);
    CHECK(split.agreement == Approx(0.5));
}

TEST_CASE("Boxes: a group holds at most one box per labeler", "[consensus]")
{
    // Labeler 1 drew the car twice; the second copy stands alone and is dropped.
    const auto outcome = boxes({
        {1, {box(car, 0, 0, 10, 10), box(car, 1, 0, 10, 10)}},
        {2, {box(car, 0, 0, 10, 10)}},
        {3, {box(car, 0, 0, 10, 10)}},
    });
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(parseBox(outcome.result[0].geometry) == Box{0, 0, 10, 10});
    CHECK(outcome.voteAgrees == std::vector<bool>{false, true, true});
}

TEST_CASE("Boxes: below the IoU threshold boxes stay apart", "[consensus]")
{
    // IoU 50/150 = 0.33: two separate objects drawn once each by 2 labelers (50 %: undecided).
    const std::vector<Vote> votes{{1, {box(car, 0, 0, 10, 10)}}, {2, {box(car, 5, 0, 10, 10)}}};
    CHECK_FALSE(boxes(votes).agreed);
    const auto loose = boxes(votes, {0.5, 0.3});
    CHECK(loose.agreed);
    REQUIRE(loose.result.size() == 1);
    CHECK(parseBox(loose.result[0].geometry) == Box{2.5, 0, 10, 10});
}

TEST_CASE("Boxes: nothing drawn by anyone agrees on nothing", "[consensus]")
{
    const auto outcome = boxes({{1, {}}, {2, {}}});
    CHECK(outcome.agreed);
    CHECK(outcome.result.empty());
    CHECK(outcome.agreement == 1.0);
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true});
    CHECK(outcome.explanation == "No labeler drew a box.");
}

TEST_CASE("Shapes: invalid geometry names the labeler", "[consensus][validation]")
{
    Annotation broken = box(car, 0, 0, 1, 1);
    broken.geometry = R"({"x":0,"y":0,"w":-1,"h":1})";
    CHECK_THROWS_WITH(boxes({{1, {box(car, 0, 0, 1, 1)}}, {7, {broken}}}),
                      Catch::Contains("Labeler 7's box 1 is invalid") && Catch::Contains("negative"));
    Annotation notPolygon = polygon(car, square(0, 0, 1));
    notPolygon.geometry = R"({"points":[[0,0],[1,1]]})";
    CHECK_THROWS_WITH(computeConsensus(TaskType::InstanceSegmentation, {{3, {notPolygon}}}, {}),
                      Catch::Contains("Labeler 3's polygon 1"));
}

TEST_CASE("Polygons: similar squares merge into their majority region", "[consensus]")
{
    // Each pixel inside at least two of the three squares: 100 x 100 less a 10 x 10 corner.
    const auto outcome =
        computeConsensus(TaskType::InstanceSegmentation,
                         {
                             {1, {polygon(car, square(0, 0, 100)), polygon(person, square(500, 500, 20))}},
                             {2, {polygon(car, square(10, 0, 100))}},
                             {3, {polygon(car, square(0, 10, 100))}},
                         },
                         {});
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].kind == AnnotationKind::Polygon);
    CHECK(outcome.result[0].classId == car);
    CHECK(outcome.result[0].score == Approx(1.0));
    const Polygon merged = parsePolygon(outcome.result[0].geometry);
    CHECK(area(merged) == Approx(9900).epsilon(0.02));
    CHECK(isSimple(merged));
    CHECK(outcome.voteAgrees == std::vector<bool>{false, true, true});
    CHECK(outcome.explanation == "1 polygon kept and 1 dropped across 3 labelers (50 % needed).");
}
