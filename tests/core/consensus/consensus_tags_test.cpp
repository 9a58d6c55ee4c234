#include "consensus_test_util.h"
#include "core/errors.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {

constexpr ClassId cat = 1;
constexpr ClassId dog = 2;
constexpr ClassId bird = 3;

ConsensusOutcome multiClass(const std::vector<Vote>& votes, ConsensusRules rules = {})
{
    return computeConsensus(TaskType::ClassificationMultiClass, votes, rules, animals());
}

ConsensusOutcome multiLabel(const std::vector<Vote>& votes, ConsensusRules rules = {})
{
    return computeConsensus(TaskType::ClassificationMultiLabel, votes, rules, animals());
}

} // namespace

TEST_CASE("Multi-class: two of three labelers agree", "[consensus]")
{
    const auto outcome = multiClass({{1, {tag(cat)}}, {2, {tag(dog)}}, {3, {tag(cat)}}});
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].classId == cat);
    CHECK(outcome.result[0].kind == AnnotationKind::Tag);
    CHECK(outcome.result[0].score == Approx(2.0 / 3));
    CHECK(outcome.voteAgrees == std::vector<bool>{true, false, true});
    CHECK(outcome.agreement == Approx(2.0 / 3));
    CHECK(outcome.explanation == "2 of 3 labelers chose \"cat\" (67 %, 50 % needed).");

    const auto strict = multiClass({{1, {tag(cat)}}, {2, {tag(dog)}}, {3, {tag(cat)}}}, {0.75, 0.5});
    CHECK_FALSE(strict.agreed);
    CHECK(strict.result.empty());
    CHECK(strict.voteAgrees == std::vector<bool>{false, false, false});
    CHECK(strict.explanation == "No agreement: only 2 of 3 labelers chose \"cat\" (67 %, 75 % needed).");
}

TEST_CASE("Multi-class: ties never agree", "[consensus]")
{
    const auto three = multiClass({{1, {tag(cat)}}, {2, {tag(dog)}}, {3, {tag(bird)}}});
    CHECK_FALSE(three.agreed);
    CHECK(three.result.empty());
    CHECK(three.voteAgrees == std::vector<bool>{false, false, false});
    CHECK(three.agreement == Approx(1.0 / 3));
    CHECK(three.explanation == "No agreement: \"cat\", \"dog\" and \"bird\" tie with 1 of 3 labelers each.");

    // Two votes split 1-1 reach 50 % each, but a tie is no majority.
    const auto two = multiClass({{1, {tag(cat)}}, {2, {tag(dog)}}});
    CHECK_FALSE(two.agreed);
    CHECK(two.agreement == Approx(0.5));
    CHECK_THAT(two.explanation, Catch::Contains("tie"));

    // 2-2-1 ties too, even above the threshold.
    const auto split =
        multiClass({{1, {tag(cat)}}, {2, {tag(dog)}}, {3, {tag(cat)}}, {4, {tag(dog)}}, {5, {tag(bird)}}}, {0.4, 0.5});
    CHECK_FALSE(split.agreed);
}

TEST_CASE("Multi-class: no class is a choice of its own", "[consensus]")
{
    const auto outcome = multiClass({{1, {}}, {2, {tag(cat)}}, {3, {}}});
    CHECK(outcome.agreed);
    CHECK(outcome.result.empty());
    CHECK(outcome.voteAgrees == std::vector<bool>{true, false, true});
    CHECK(outcome.explanation == "2 of 3 labelers chose no class (67 %, 50 % needed).");

    const auto alone = computeConsensus(TaskType::ClassificationMultiClass, {{9, {tag(42)}}}, {});
    CHECK(alone.agreed);
    CHECK(alone.voteAgrees == std::vector<bool>{true});
    CHECK(alone.explanation == "1 of 1 labeler chose class 42 (100 %, 50 % needed).");
}

TEST_CASE("Multi-label: each class is decided on its own", "[consensus]")
{
    const auto outcome = multiLabel({{1, {tag(cat), tag(dog)}}, {2, {tag(cat)}}, {3, {tag(cat), tag(bird)}}});
    CHECK(outcome.agreed);
    REQUIRE(outcome.result.size() == 1);
    CHECK(outcome.result[0].classId == cat);
    CHECK(outcome.result[0].score == Approx(1.0));
    CHECK(outcome.voteAgrees == std::vector<bool>{false, true, false});
    CHECK(outcome.agreement == Approx((1 + 2.0 / 3 + 2.0 / 3) / 3));
    CHECK(outcome.explanation == "3 classes decided: \"cat\" present, \"dog\" and \"bird\" absent (50 % needed).");

    const auto two = multiLabel({{1, {tag(cat), tag(dog)}}, {2, {tag(dog), tag(cat)}}, {3, {tag(dog)}}});
    CHECK(two.agreed);
    REQUIRE(two.result.size() == 2);
    CHECK(two.result[0].classId == cat);
    CHECK(two.result[1].classId == dog);
    CHECK(two.voteAgrees == std::vector<bool>{true, true, false});
}

TEST_CASE("Multi-label: a class at the threshold from both sides is undecided", "[consensus]")
{
    // "dog" is in 1 of 2 votes: 50 % present and 50 % absent.
    const auto tie = multiLabel({{1, {tag(cat)}}, {2, {tag(cat), tag(dog)}}});
    CHECK_FALSE(tie.agreed);
    CHECK(tie.result.empty());
    CHECK(tie.voteAgrees == std::vector<bool>{true, false});
    CHECK(tie.agreement == Approx(0.75));
    CHECK(tie.explanation == "Undecided: \"dog\" (1 of 2 labelers); 50 % needed.");

    // At 75 %, a class in 2 of 4 votes is neither present nor absent; 3 of 4 is present.
    const std::vector<Vote> votes{{1, {tag(cat), tag(dog)}}, {2, {tag(cat), tag(dog)}}, {3, {tag(cat)}}, {4, {}}};
    CHECK_FALSE(multiLabel(votes, {0.75, 0.5}).agreed);
    CHECK_FALSE(multiLabel(votes, {0.5, 0.5}).agreed); // 2 of 4 is both at 50 %
    const auto lenient = multiLabel({{1, {tag(cat)}}, {2, {tag(cat)}}, {3, {tag(cat)}}, {4, {}}}, {0.75, 0.5});
    CHECK(lenient.agreed);
    CHECK(lenient.voteAgrees == std::vector<bool>{true, true, true, false});

    const auto nothing = multiLabel({{1, {}}, {2, {}}});
    CHECK(nothing.agreed);
    CHECK(nothing.result.empty());
    CHECK(nothing.agreement == 1.0);
    CHECK(nothing.voteAgrees == std::vector<bool>{true, true});
}

TEST_CASE("Consensus refuses votes it cannot weigh", "[consensus][validation]")
{
    CHECK_THROWS_WITH(multiClass({}), Catch::Contains("at least one vote"));
    CHECK_THROWS_WITH(multiClass({{4, {tag(cat), tag(dog)}}}), Catch::Contains("Labeler 4"));
    CHECK_NOTHROW(multiClass({{4, {tag(cat), tag(cat)}}}));
    CHECK_THROWS_WITH(multiClass({{4, {tag(cat)}}, {4, {tag(cat)}}}), Catch::Contains("two votes"));
    CHECK_THROWS_WITH(multiClass({{5, {box(cat, 0, 0, 1, 1)}}}),
                      Catch::Contains("Labeler 5") && Catch::Contains("box"));
    CHECK_THROWS_AS(multiClass({{1, {tag(cat)}}}, {0.0, 0.5}), ValidationError);
    CHECK_THROWS_AS(multiClass({{1, {tag(cat)}}}, {1.5, 0.5}), ValidationError);
    CHECK_THROWS_AS(multiClass({{1, {tag(cat)}}}, {0.5, 0.0}), ValidationError);
    CHECK_THROWS_AS(computeConsensus(TaskType::ObjectDetection, {}, {}), ValidationError);
}
