#include "consensus_test_util.h"
#include "core/errors.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace pixmark;
using namespace pixmark::test;

namespace {

constexpr ClassId road = 1;
constexpr ClassId grass = 2;

ConsensusOutcome masks(const std::vector<Vote>& votes, ConsensusRules rules = {})
{
    return computeConsensus(TaskType::SemanticSegmentation, votes, rules);
}

std::vector<std::uint8_t> pixelsOf(const Annotation& annotation)
{
    return decodeMask(parseMask(annotation.geometry));
}

} // namespace

TEST_CASE("Masks: each pixel is a vote among background and the classes", "[consensus]")
{
    const std::vector<Vote> votes{
        {1, {mask(road, {"1100", "1100"})}},
        {2, {mask(road, {"1110", "1100"})}},
        {3, {mask(grass, {"0110", "0001"})}},
    };
    // Pixel (0,2) is road / grass / background: a tie, undecided. (1,3) is grass for one
    // vote and background for two: decided background. 6 foreground pixels, 5 decided.
    const auto outcome = masks(votes);
    CHECK(outcome.agreed);
    CHECK(outcome.agreement == Approx(5.0 / 6));
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].classId == road);
    CHECK(outcome.result[0].kind == AnnotationKind::Mask);
    CHECK(parseMask(outcome.result[0].geometry).counts == std::vector<std::uint32_t>{0, 4, 4});
    CHECK(pixelsOf(outcome.result[0]) == std::vector<std::uint8_t>{1, 1, 0, 0, 1, 1, 0, 0});
    CHECK(outcome.result[0].score == Approx(2.0 / 3)); // every road pixel has 2 of 3 votes
    // Vote 2: 4 of its 5 foreground pixels match; vote 3 matches none.
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true, false});
    CHECK(outcome.explanation == "83 % of the 6 labeled pixels decided (50 % needed).");

    const auto strict = masks(votes, {0.9, 0.5});
    CHECK_FALSE(strict.agreed);
    CHECK(strict.agreement == 0.0);
    CHECK(strict.result.empty());
    CHECK(strict.explanation == "Only 0 % of the 6 labeled pixels decided (90 % needed).");
}

TEST_CASE("Masks: several classes and votes without masks", "[consensus]")
{
    const auto outcome = masks({
        {1, {mask(road, {"110", "000"}), mask(grass, {"000", "011"})}},
        {2, {mask(road, {"100", "000"}), mask(grass, {"000", "111"})}},
        {3, {}},
    });
    // road: (0,0) 2 of 3, (0,1) 1 of 3 -> background. grass: (1,1), (1,2) 2 of 3; (1,0) 1 of 3.
    CHECK(outcome.agreed);
    CHECK(outcome.agreement == 1.0);
    REQUIRE(outcome.result.size() == 2);
    CHECK(outcome.result[0].classId == road);
    CHECK(pixelsOf(outcome.result[0]) == std::vector<std::uint8_t>{1, 0, 0, 0, 0, 0});
    CHECK(outcome.result[1].classId == grass);
    CHECK(pixelsOf(outcome.result[1]) == std::vector<std::uint8_t>{0, 0, 0, 0, 1, 1});
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true, false});
}

TEST_CASE("Masks: a vote's later mask wins where its masks overlap", "[consensus]")
{
    const auto outcome = masks({{1, {mask(road, {"111", "111"}), mask(grass, {"010", "000"})}}});
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 2);
    CHECK(area(parseMask(outcome.result[0].geometry)) == 5);
    CHECK(pixelsOf(outcome.result[1]) == std::vector<std::uint8_t>{0, 1, 0, 0, 0, 0});
}

TEST_CASE("Masks: nothing painted agrees on background", "[consensus]")
{
    const auto outcome = masks({{1, {}}, {2, {mask(road, {"00", "00"})}}});
    CHECK(outcome.agreed);
    CHECK(outcome.result.empty());
    CHECK(outcome.agreement == 1.0);
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true});
}

TEST_CASE("Masks: votes of different sizes are refused", "[consensus][validation]")
{
    CHECK_THROWS_AS(masks({{1, {mask(road, {"11", "00"})}}, {2, {mask(road, {"110", "000"})}}}), ValidationError);
    CHECK_THROWS_WITH(masks({{1, {mask(road, {"11", "00"})}}, {2, {mask(road, {"110", "000"})}}}),
                      Catch::Contains("Labeler 2's mask is 3 x 2 pixels") &&
                          Catch::Contains("Labeler 1's mask is 2 x 2"));
    Annotation broken = mask(road, {"1"});
    broken.geometry = R"({"size":[1,1],"counts":[2]})";
    CHECK_THROWS_WITH(masks({{6, {broken}}}), Catch::Contains("Labeler 6's mask is invalid"));
}

TEST_CASE("Masks: large masks are decided from their runs", "[consensus]")
{
    // Five 4096 x 4096 votes of a disc, each shifted a little: the consensus is about the
    // same disc. (Not timed here: a wall-time check failed under the sanitizers on a busy machine.)
    constexpr int side = 4096;
    std::vector<Vote> votes;
    for (int v = 0; v < 5; ++v) {
        Polygon disc;
        for (int i = 0; i < 256; ++i)
            disc.points.push_back(
                {2048 + 8.0 * v + 1500 * std::cos(i * M_PI / 128), 2048 + 1500 * std::sin(i * M_PI / 128)});
        votes.push_back({v + 1, {{road, AnnotationKind::Mask, toJson(maskFromPolygon(disc, side, side)), {}}}});
    }
    const auto outcome = masks(votes);
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(static_cast<double>(area(parseMask(outcome.result[0].geometry))) == Approx(M_PI * 1500 * 1500).epsilon(0.01));
    CHECK(outcome.voteAgrees == std::vector<bool>{true, true, true, true, true});
}

TEST_CASE("Masks: runs longer than 32 bits are split as COCO readers expect", "[consensus]")
{
    // 100000 x 50000 pixels, all set: one run of 5e9 pixels, stored as max, 0, rest.
    const std::string geometry = R"({"size":[100000,50000],"counts":[0,4294967295,0,705032705]})";
    const auto outcome =
        masks({{1, {{road, AnnotationKind::Mask, geometry, {}}}}, {2, {{road, AnnotationKind::Mask, geometry, {}}}}});
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    const MaskRle result = parseMask(outcome.result[0].geometry);
    CHECK(result.counts == std::vector<std::uint32_t>{0, 4294967295u, 0, 705032705u});
    CHECK(area(result) == 5'000'000'000);
}
