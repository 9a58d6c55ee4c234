#include "core/project/project.h"
#include "core/formats/dataset.h"
#include "core/geometry/box.h"
#include "tests/cli/run_cli.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace pixmark;
using test::runCli;
using test::runJson;
using Json = nlohmann::json;

namespace {

// A multi-class project "Pets" with cat and dog and four items.
void makePets(const test::TempDir& dir)
{
    auto project = Project::create(dir / "pets.pixmark", "Pets", TaskType::ClassificationMultiClass);
    project->addClass({"cat"});
    project->addClass({"dog"});
    project->addItems({Item{0, "1.png"}, Item{0, "2.png"}, Item{0, "3.png"}, Item{0, "4.png"}});
}

} // namespace

TEST_CASE("cli: label, reject with a reason, history and find", "[cli]")
{
    test::TempDir dir;
    makePets(dir);
    runJson({"label", "pets.pixmark", "1", "--class", "cat", "--as", "Ann"}, dir);
    runJson({"label", "pets.pixmark", "2", "--class", "dog", "--as", "Ann"}, dir);
    runJson({"skip", "pets.pixmark", "3", "--as", "Bob"}, dir);

    const auto twoClasses = runCli({"label", "pets.pixmark", "4", "-c", "cat", "-c", "dog"}, dir.path());
    CHECK(twoClasses.exitCode == 2);
    CHECK_THAT(twoClasses.err, Catch::Contains("one class per item"));

    const auto noReason = runCli({"review", "reject", "pets.pixmark", "1", "--reason", " "}, dir.path());
    CHECK(noReason.exitCode == 1);
    CHECK_THAT(noReason.err, Catch::Contains("Say why"));

    // A labeler cannot reject; a lead made by the lead can.
    const auto notALead = runCli({"review", "reject", "pets.pixmark", "1", "--reason", "Fox", "--as", "Bob"}, dir.path());
    CHECK(notALead.exitCode == 1);
    CHECK_THAT(notALead.err, Catch::Contains("Only a project lead can reject labels"));
    runJson({"labelers", "pets.pixmark", "--set-role", "lead", "--name", "Lead"}, dir);
    CHECK(runJson({"review", "reject", "pets.pixmark", "1", "--reason", "That is a fox", "--as", "Lead"},
                  dir)["rejected"] == 1);
    const auto history = runJson({"history", "pets.pixmark", "1"}, dir);
    REQUIRE(history.size() == 1);
    CHECK(history[0]["review"] == "rejected");
    CHECK(history[0]["reason"] == "That is a fox");
    CHECK(history[0]["reviewer"] == "Lead");
    CHECK(history[0]["classes"] == Json::array({"cat"}));
    CHECK(history[0]["current"] == false);

    CHECK(runJson({"find", "pets.pixmark", "--status", "rejected"}, dir)["items"] == Json::array({1}));
    CHECK(runJson({"find", "pets.pixmark", "--class", "dog", "--labeler", "Ann"}, dir)["items"] ==
          Json::array({2}));
    CHECK(runJson({"review", "approve", "pets.pixmark", "2", "3"}, dir)["approved"] == 1);

    const auto dashboard = runJson({"dashboard", "pets.pixmark"}, dir);
    CHECK(dashboard["progress"]["rejected"] == 1);
    CHECK(dashboard["progress"]["done"] == 1);
    CHECK(dashboard["progress"]["skipped"] == 1);
    CHECK(dashboard["progress"]["queued"] == 1);
    CHECK(dashboard["labels"]["dog"] == 1);
    CHECK(dashboard["queue"]["returned"] == 1);
    CHECK(dashboard["throughput"].size() == 24);
}

TEST_CASE("cli: label --correct hands in a correction of one's own label", "[cli]")
{
    test::TempDir dir;
    makePets(dir);
    runJson({"label", "pets.pixmark", "1", "--class", "cat", "--as", "Ann"}, dir);
    const auto others = runCli({"label", "pets.pixmark", "1", "-c", "dog", "--correct", "--as", "Bob"}, dir.path());
    CHECK(others.exitCode == 1);
    CHECK_THAT(others.err, Catch::Contains("only a project lead"));
    runJson({"label", "pets.pixmark", "1", "--class", "dog", "--correct", "--as", "Ann"}, dir);
    const auto history = runJson({"history", "pets.pixmark", "1"}, dir);
    REQUIRE(history.size() == 2);
    CHECK(history[0]["current"] == false);
    CHECK(history[1]["current"] == true);
    CHECK(history[1]["classes"] == Json::array({"dog"}));
    // Nothing to correct on an item never labeled.
    CHECK(runCli({"label", "pets.pixmark", "2", "-c", "dog", "--correct", "--as", "Ann"}, dir.path()).exitCode == 1);
}

TEST_CASE("cli: quality and assist settings are validated", "[cli]")
{
    test::TempDir dir;
    makePets(dir);
    const auto bad = runCli({"settings", "pets.pixmark", "--consensus", "true", "--labelers-per-item", "12"},
                            dir.path());
    CHECK(bad.exitCode == 1);
    CHECK_THAT(bad.err, Catch::Contains("between 2 and 9"));
    const auto set = runJson({"settings", "pets.pixmark", "--consensus", "true", "--review-required", "true",
                              "--assist-after", "50"},
                             dir);
    CHECK(set["quality"]["labelers_per_item"] == 2);
    CHECK(set["quality"]["review_required"] == true);
    CHECK(set["assist"]["start_after_labels"] == 50);
    CHECK(set["assist"]["self_training"] == false);
    CHECK(runJson({"settings", "pets.pixmark"}, dir) == set);

    // Self-training: a word other than a truth value is refused and changes nothing.
    const auto notBool = runCli({"settings", "pets.pixmark", "--self-training", "often"}, dir.path());
    CHECK(notBool.exitCode != 0);
    CHECK_THAT(notBool.err, Catch::Contains("--self-training"));
    CHECK(runJson({"settings", "pets.pixmark"}, dir) == set);
    const auto on = runJson({"settings", "pets.pixmark", "--self-training", "true"}, dir);
    CHECK(on["assist"]["self_training"] == true);
    CHECK(on["assist"]["start_after_labels"] == 50);
    CHECK_THAT(runCli({"settings", "pets.pixmark"}, dir.path()).out, Catch::Contains("self-training"));
    // Its rounds: one by default, more than three refused with core's message, two stored.
    CHECK(on["assist"]["self_training_rounds"] == 1);
    const auto tooManyRounds = runCli({"settings", "pets.pixmark", "--self-training-rounds", "4"}, dir.path());
    CHECK(tooManyRounds.exitCode == 1);
    CHECK_THAT(tooManyRounds.err, Catch::Contains("1 to 3 rounds, not 4"));
    CHECK(runJson({"settings", "pets.pixmark"}, dir) == on);
    CHECK(runJson({"settings", "pets.pixmark", "--self-training-rounds", "2"}, dir)["assist"]["self_training_rounds"] == 2);
    CHECK_THAT(runCli({"settings", "pets.pixmark"}, dir.path()).out, Catch::Contains("self-training in 2 rounds"));
    const auto oneRound = runJson({"settings", "pets.pixmark", "--self-training-rounds", "1"}, dir);
    CHECK(oneRound == on);

    // The prelabels' promise: the defaults, a refused precision that changes nothing, then a stored one.
    CHECK(on["assist"]["target_precision"] == Approx(0.95));
    CHECK(on["assist"]["calibration_confidence"] == Approx(0.8));
    const auto tooLow = runCli({"settings", "pets.pixmark", "--precision", "0.3"}, dir.path());
    CHECK(tooLow.exitCode == 1);
    CHECK_THAT(tooLow.err, Catch::Contains("between 50 % and 100 %"));
    const auto tooSure = runCli({"settings", "pets.pixmark", "--confidence", "1"}, dir.path());
    CHECK(tooSure.exitCode == 1);
    CHECK_THAT(tooSure.err, Catch::Contains("between 0 % and 99.9 %"));
    CHECK(runJson({"settings", "pets.pixmark"}, dir) == on);
    const auto promise = runJson({"settings", "pets.pixmark", "--precision", "0.98", "--confidence", "0.9"}, dir);
    CHECK(promise["assist"]["target_precision"] == Approx(0.98));
    CHECK(promise["assist"]["calibration_confidence"] == Approx(0.9));
    CHECK(promise["assist"]["self_training"] == true);
    CHECK_THAT(runCli({"settings", "pets.pixmark"}, dir.path()).out, Catch::Contains("prelabels 98 % right, 90 % sure"));
}

TEST_CASE("cli: workflow commands refuse bad input with a clear message and change nothing", "[cli][errors]")
{
    test::TempDir dir;
    makePets(dir);
    const auto unknownClass = runCli({"label", "pets.pixmark", "1", "--class", "fox"}, dir.path());
    CHECK(unknownClass.exitCode == 1);
    CHECK_THAT(unknownClass.err, Catch::Contains("fox"));
    const auto unknownItem = runCli({"label", "pets.pixmark", "99", "--class", "cat"}, dir.path());
    CHECK(unknownItem.exitCode == 1);
    CHECK_THAT(unknownItem.err, Catch::Contains("99"));
    const auto badStatus = runCli({"find", "pets.pixmark", "--status", "finished"}, dir.path());
    CHECK(badStatus.exitCode == 2);
    CHECK_THAT(badStatus.err, Catch::Contains("Unknown status"));
    const auto badName = runCli({"rename", "pets.pixmark", "a/b"}, dir.path());
    CHECK(badName.exitCode == 1);
    CHECK_THAT(badName.err, Catch::Contains("cannot contain /"));
    const auto nothingToApprove = runJson({"review", "approve", "pets.pixmark", "1"}, dir);
    CHECK(nothingToApprove["approved"] == 0);

    auto project = Project::open(dir / "pets.pixmark", Project::Access::ReadOnly);
    CHECK(project->submissionCount() == 0);
    CHECK(project->info().name == "Pets");
}

TEST_CASE("cli: history and dashboard show where each handed-in shape came from", "[cli]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "street.pixmark", "Street", TaskType::ObjectDetection);
        project->addClass({"car"});
        project->addItems({Item{0, "1.png", "png", 0, 0, 64, 48}});
        project->importLabels(
            [](formats::ImportSink& sink) {
                sink.image(1, "1.png", 64, 48);
                sink.shape(1, "car", AnnotationKind::Box, toJson(Box{1, 2, 10, 10}), 0.8);
                sink.shape(1, "car", AnnotationKind::Box, toJson(Box{20, 2, 10, 10}), 0.7);
            },
            LabelImportOptions{true, false});
        const auto suggestions = project->suggestions(1);
        REQUIRE(suggestions.size() == 2);
        SubmissionRequest request{1, project->currentLabeler(), 900, SubmissionOrigin::PrelabelEdited,
                                  suggestions.front().id, false, {}};
        request.annotations = {Annotation{1, AnnotationKind::Box, toJson(Box{1, 2, 10, 10}), {}, ShapeOrigin::PrelabelAccepted},
                               Annotation{1, AnnotationKind::Box, toJson(Box{22, 2, 10, 12}), {}, ShapeOrigin::PrelabelEdited},
                               Annotation{1, AnnotationKind::Box, toJson(Box{40, 20, 5, 5}), {}, ShapeOrigin::Drawn}};
        project->submit(request);
    }
    const auto history = runJson({"history", "street.pixmark", "1"}, dir);
    REQUIRE(history.size() == 1);
    CHECK(history[0]["origin"] == "prelabel-edited");
    REQUIRE(history[0]["annotations"].size() == 3);
    CHECK(history[0]["annotations"][0]["origin"] == "prelabel-accepted");
    CHECK(history[0]["annotations"][1]["origin"] == "prelabel-edited");
    CHECK(history[0]["annotations"][2]["origin"] == "drawn");
    CHECK(history[0]["annotations"][2]["kind"] == "box");
    const auto dashboard = runJson({"dashboard", "street.pixmark"}, dir);
    CHECK(dashboard["prelabels"]["edited"] == 1);
    CHECK(dashboard["prelabels"]["shapes_accepted"] == 1);
    CHECK(dashboard["prelabels"]["shapes_edited"] == 1);
    CHECK_THAT(runCli({"dashboard", "street.pixmark"}, dir.path()).out,
               Catch::Contains("prelabel shapes kept: 1 unchanged, 1 edited"));
}
