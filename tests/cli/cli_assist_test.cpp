// ML assist from the command line (built only where LibTorch is): the training schedule,
// train only when due, prelabel with the trained model, runs with their outcomes, and
// arguments that are refused with what to do.

#include "core/project/project.h"
#include "tests/cli/run_cli.h"
#include "tests/support/demo_fashion_project.h"
#include "tests/support/file_bytes.h"
#include "tests/support/scene_project.h"
#include "tests/support/tone_class_project.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <thread>

#include <sys/wait.h>

using namespace pixmark;
using test::runCli;
using test::runJson;

namespace {

/// Makes a demo project with 60 labels in `dir`, starts a 400-epoch training on it, sends
/// `signal` once the training has saved its first weights, and returns the wait status.
int signalLongTraining(const test::TempDir& dir, int signal)
{
    std::filesystem::path models;
    {
        auto project = Project::create(dir / "fashion.pixmark", "Fashion", TaskType::ClassificationMultiClass);
        test::makeDemoFashionProject(*project, 60);
        models = project->cacheFolder() / "models";
    }
    const int pid = test::startCli({"train", "fashion.pixmark", "--device", "cpu", "--epochs", "400"}, dir.path());
    const auto savedWeights = [&] {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(models, error))
            if (entry.path().string().ends_with(".partial.pt"))
                return true;
        return false;
    };
    for (int waited = 0; waited < 60'000 && !savedWeights(); waited += 5)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(pid, signal);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(savedWeights());
    return status;
}

} // namespace

TEST_CASE("cli: train when due, prelabel with the trained model, runs with the schedule", "[cli][assist]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "fashion.pixmark", "Fashion", TaskType::ClassificationMultiClass);
        test::makeDemoFashionProject(*project, 60);
    }
    auto runs = runJson({"runs", "fashion.pixmark"}, dir);
    CHECK(runs.at("runs").empty());
    CHECK(runs.at("schedule").at("labels") == 60);
    CHECK(runs.at("schedule").at("next_at") == 100); // the classification default
    CHECK(runs.at("schedule").at("due") == false);
    CHECK_THAT(runCli({"runs", "fashion.pixmark"}, dir.path()).out,
               Catch::Contains("60 labels; the first training at 100 (40 to go)."));

    // Not due: nothing runs.
    const std::vector<std::string> train{"train",       "fashion.pixmark", "--if-due", "--device", "cpu",
                                         "--epochs",    "4",               "--precision", "0.5"};
    auto notDue = runJson(train, dir);
    CHECK(notDue.at("due") == false);
    CHECK(runJson({"runs", "fashion.pixmark"}, dir).at("runs").empty());

    // Due once the project starts assist sooner. The project asks for a confidence of 0.6; the
    // train command's --precision overrides the project's 0.95.
    runJson({"settings", "fashion.pixmark", "--assist-after", "50", "--retrain-every", "30", "--confidence", "0.6"},
            dir);
    const auto trained = runJson(train, dir);
    CHECK(trained.at("cancelled") == false);
    CHECK(trained.at("trained_on").get<int>() + trained.at("held_out").get<int>() == 60);
    CHECK(trained.at("predicted") == test::kDemoImages - 60);
    runs = runJson({"runs", "fashion.pixmark"}, dir);
    CHECK(runs.at("runs").size() == 5);
    CHECK(runs.at("schedule").at("last_trained_on") == 60);
    CHECK(runs.at("schedule").at("next_at") == 90);
    const auto text = runCli({"runs", "fashion.pixmark"}, dir.path()).out;
    CHECK_THAT(text, Catch::Contains("retraining at 90 (30 to go)"));
    CHECK_THAT(text, Catch::Contains("held-out accuracy"));
    CHECK_THAT(text, Catch::Contains("unlabeled items prelabeled"));
    // The validation records what it was asked: the target and the confidence of its bound.
    int validations = 0;
    for (const auto& run : runs.at("runs"))
        if (run.at("kind") == "validation") {
            ++validations;
            CHECK(run.at("config").at("confidence").get<double>() == Approx(0.6));
            CHECK(run.at("metrics").at("target_precision").get<double>() == Approx(0.5));
            CHECK(run.at("metrics").at("confidence").get<double>() == Approx(0.6));
        }
    CHECK(validations == 1);

    // Prelabel: the same model, no training, three more runs.
    const auto prelabeled = runJson({"prelabel", "fashion.pixmark", "--device", "cpu"}, dir);
    CHECK(prelabeled.at("runs").at("training") == trained.at("runs").at("training"));
    CHECK(prelabeled.at("trained_on") == 0);
    CHECK(prelabeled.at("predicted") == test::kDemoImages - 60);
    CHECK(runJson({"runs", "fashion.pixmark"}, dir).at("runs").size() == 8);

    // A run that is not a training run, and a bad option value, are refused.
    const auto cacheRun = std::to_string(trained.at("runs").at("cache").get<int>());
    const auto notTraining = runCli({"prelabel", "fashion.pixmark", "--run", cacheRun}, dir.path());
    CHECK(notTraining.exitCode == 1);
    CHECK_THAT(notTraining.err, Catch::Contains("is not a training run"));
    const auto badRetrain = runCli({"settings", "fashion.pixmark", "--retrain-every", "3"}, dir.path());
    CHECK(badRetrain.exitCode == 1);
    CHECK_THAT(badRetrain.err, Catch::Contains("retrains after between 10 and 100,000"));
    const auto badPrecision = runCli({"train", "fashion.pixmark", "--precision", "1.5"}, dir.path());
    CHECK(badPrecision.exitCode == 2);
    const auto badConfidence = runCli({"train", "fashion.pixmark", "--confidence", "1"}, dir.path());
    CHECK(badConfidence.exitCode == 2);
    CHECK_THAT(badConfidence.err, Catch::Contains("--confidence"));
    // Leaving --epochs out takes the engine's plan; an explicit 0 is refused, and nothing runs.
    const auto noEpochs = runCli({"train", "fashion.pixmark", "--epochs", "0"}, dir.path());
    CHECK(noEpochs.exitCode == 2);
    CHECK_THAT(noEpochs.err, Catch::Contains("--epochs") && Catch::Contains("not in range 1 to 100000"));
    CHECK(runJson({"runs", "fashion.pixmark"}, dir).at("runs").size() == 8);
}

TEST_CASE("cli: a training killed part way is marked interrupted and the next train goes on from it",
          "[cli][assist]")
{
    test::TempDir dir;
    // Killed (as by a crash or a power cut) once its first weights are saved.
    signalLongTraining(dir, SIGKILL);

    // The next train opens the project for writing: the killed steps are marked interrupted,
    // and the training goes on from the killed one.
    const auto resumed =
        runJson({"train", "fashion.pixmark", "--device", "cpu", "--epochs", "6", "--precision", "0.5"}, dir);
    const auto runs = runJson({"runs", "fashion.pixmark"}, dir).at("runs");
    RunId interrupted = 0;
    for (const auto& run : runs) {
        if (run.at("kind") == "training" && run.at("status") == "interrupted")
            interrupted = run.at("id").get<RunId>();
        if (run.at("id") == resumed.at("runs").at("training"))
            CHECK(run.at("config").at("start_epoch").get<int>() >= 2);
    }
    REQUIRE(interrupted != 0);
    CHECK(resumed.at("resumed_from") == interrupted);
    CHECK_THAT(runCli({"runs", "fashion.pixmark"}, dir.path()).out, Catch::Contains("interrupted"));
}

TEST_CASE("cli: a polite kill (SIGTERM) stops a training cleanly: its run is cancelled, not interrupted",
          "[cli][assist]")
{
    test::TempDir dir;
    CHECK(WIFEXITED(signalLongTraining(dir, SIGTERM)));

    bool cancelled = false;
    const auto runs = runJson({"runs", "fashion.pixmark"}, dir).at("runs");
    INFO(runs.dump());
    for (const auto& run : runs) {
        CHECK(run.at("status") != "interrupted");
        cancelled = cancelled || (run.at("kind") == "training" && run.at("status") == "cancelled");
    }
    CHECK(cancelled);
}

TEST_CASE("cli: train --self-train prelabels with a student taught by the first model's prelabels", "[cli][assist]")
{
    // Tones a small network learns for sure (tests/support/tone_class_project.h).
    test::TempDir dir;
    constexpr int kImages = 120, kLabels = 60;
    test::makeToneClassProject(dir.path(), kImages, kLabels);
    const std::vector<std::string> train{"train", "tones.pixmark", "--device", "cpu", "--epochs", "20", "--self-train"};
    const auto trained = runJson(train, dir);
    INFO(trained.dump()); // why, should no student train
    CHECK(trained.at("cancelled") == false);
    const auto& selfTraining = trained.at("self_training");
    REQUIRE(selfTraining.is_object());
    CHECK_FALSE(selfTraining.contains("skipped"));
    const auto learned = selfTraining.at("prelabels_learned").get<int>();
    CHECK(learned > 0);
    CHECK(learned <= kImages - kLabels);
    CHECK(trained.at("trained_on").get<int>() + trained.at("held_out").get<int>() == kLabels + learned);
    CHECK(selfTraining.at("teacher_runs").at("training").get<RunId>() < trained.at("runs").at("training").get<RunId>());
    CHECK(trained.at("predicted") == kImages - kLabels);

    const auto runs = runJson({"runs", "tones.pixmark"}, dir).at("runs");
    CHECK(runs.size() == 9);
    for (const auto& run : runs)
        if (run.at("id") == trained.at("runs").at("training")) {
            CHECK(run.at("config").at("student_of") == selfTraining.at("teacher_runs").at("training"));
            CHECK(run.at("config").at("labels") == kLabels);
        }

    // Without the flag there is no student.
    const auto plain = runCli({"train", "tones.pixmark", "--device", "cpu", "--epochs", "4"}, dir.path());
    CHECK(plain.exitCode == 0);
    CHECK_THAT(plain.out, Catch::Contains("Trained on"));
    CHECK_THAT(plain.out, !Catch::Contains("Self-trained"));

    // Two rounds, on a project of its own whose setting asks for them (train --rounds would
    // override it): the second student learns from the first; more than three are refused.
    const auto tooMany = runCli({"train", "tones.pixmark", "--self-train", "--rounds", "4"}, dir.path());
    CHECK(tooMany.exitCode == 2);
    CHECK_THAT(tooMany.err, Catch::Contains("--rounds"));
    const auto rounds = dir / "rounds";
    test::makeToneClassProject(rounds, kImages, kLabels);
    runJson({"settings", "rounds/tones.pixmark", "--self-training", "true", "--self-training-rounds", "2"}, dir);
    const auto twice = runJson({"train", "rounds/tones.pixmark", "--device", "cpu", "--epochs", "20"}, dir);
    INFO(twice.dump());
    REQUIRE(twice.at("self_training").is_object());
    CHECK_FALSE(twice.at("self_training").contains("skipped"));
    const auto after = runJson({"runs", "rounds/tones.pixmark", "--limit", "100"}, dir).at("runs");
    CHECK(after.size() == 13);
    const auto teacherRun = twice.at("self_training").at("teacher_runs").at("training");
    for (const auto& run : after) {
        if (run.at("id") == twice.at("runs").at("training"))
            CHECK(run.at("config").at("student_of") == teacherRun);
        if (run.at("id") == teacherRun)
            CHECK(run.at("config").contains("student_of")); // the first student taught the second
    }
}

TEST_CASE("cli: train --self-train says why no student was trained when the first model accepts no prelabel",
          "[cli][assist]")
{
    test::TempDir dir;
    test::makeToneClassProject(dir.path(), 80, 40);
    // No count of held-out labels vouches for 100 % at 99 % confidence: nothing is accepted.
    const std::vector<std::string> train{"train", "tones.pixmark", "--device",     "cpu",  "--epochs",    "2",
                                         "--precision", "1",        "--confidence", "0.99", "--self-train"};
    const auto trained = runJson(train, dir);
    CHECK(trained.at("prelabeled") == 0);
    REQUIRE(trained.at("self_training").is_object());
    CHECK(trained.at("self_training").at("prelabels_learned") == 0);
    CHECK_THAT(trained.at("self_training").at("skipped").get<std::string>(),
               Catch::StartsWith("No student was trained") && Catch::Contains("lower the target precision"));
    CHECK(runJson({"runs", "tones.pixmark"}, dir).at("runs").size() == 5);

    const auto printed = runCli(train, dir.path());
    CHECK(printed.exitCode == 0);
    CHECK_THAT(printed.out, Catch::Contains("Prelabeled 0 of 40") && Catch::Contains("No student was trained"));
}

TEST_CASE("cli: group puts the unlabeled images into pages of look-alikes before a model", "[cli][assist]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "fashion.pixmark", "Fashion", TaskType::ClassificationMultiClass);
        test::makeDemoFashionProject(*project, 30);
    }
    const auto grouped = runJson({"group", "fashion.pixmark"}, dir);
    CHECK(grouped.at("cancelled") == false);
    CHECK(grouped.at("items") == test::kDemoImages - 30);
    CHECK(grouped.at("clusters") == (test::kDemoImages - 30) / 9);
    const auto runs = runJson({"runs", "fashion.pixmark"}, dir).at("runs");
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].at("kind") == "featurization");
    CHECK(runs[0].at("config").at("features") == "thumbnails");
    CHECK_THAT(runCli({"runs", "fashion.pixmark"}, dir.path()).out,
               Catch::Contains("10 pages of similar images (90 unlabeled items)"));
    // The queue hands them out a page of one group at a time.
    const auto page = runJson({"queue", "next", "fashion.pixmark", "--page", "9"}, dir);
    CHECK(page.at("source") == "clustered");
    CHECK(page.at("items").size() == 9);
    CHECK_THAT(runCli({"group", "fashion.pixmark"}, dir.path()).out,
               Catch::Contains("Grouped 90 unlabeled items into 10 groups of similar images"));

    {
        auto boxes = Project::create(dir / "boxes.pixmark", "Boxes", TaskType::ObjectDetection);
    }
    const auto refused = runCli({"group", "boxes.pixmark"}, dir.path());
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Catch::Contains("for classification projects"));
    CHECK(runCli({"group", "fashion.pixmark", "--clusters", "0"}, dir.path()).exitCode == 2);
    const auto missing = runCli({"group", "nowhere.pixmark"}, dir.path());
    CHECK(missing.exitCode != 0);
    CHECK_FALSE(missing.err.empty());
    CHECK(runJson({"runs", "fashion.pixmark"}, dir).at("runs").size() == 4); // the refusals ran nothing
}

TEST_CASE("cli: prelabel a detection project with the detector trained earlier", "[cli][assist]")
{
    test::TempDir dir;
    std::vector<test::Scene> scenes;
    std::vector<ClassId> classes;
    test::makeSceneProject(dir.path(), TaskType::ObjectDetection, 50, 40, AnnotationKind::Box, scenes, classes);
    const auto trained =
        runJson({"train", "scenes.pixmark", "--device", "cpu", "--epochs", "4", "--precision", "0.5"}, dir);
    REQUIRE(trained.at("cancelled") == false);

    // The same detector and threshold on the ten unlabeled scenes: one more inference run.
    const auto prelabeled = runJson({"prelabel", "scenes.pixmark", "--device", "cpu"}, dir);
    CHECK(prelabeled.at("runs").at("training") == trained.at("runs").at("training"));
    CHECK(prelabeled.at("runs").at("validation") == trained.at("runs").at("validation"));
    CHECK(prelabeled.at("runs").at("inference").get<RunId>() > trained.at("runs").at("inference").get<RunId>());
    CHECK(prelabeled.at("trained_on") == 0);
    CHECK(prelabeled.at("predicted") == 10);
    auto runs = runJson({"runs", "scenes.pixmark"}, dir).at("runs");
    CHECK(runs.size() == 6); // cache, training, validation, inference; then cache, inference
    CHECK(runs[0].at("kind") == "inference");
    CHECK(runs[0].at("status") == "succeeded");
    CHECK(runs[0].at("parent") == trained.at("runs").at("validation"));

    // A damaged model file is refused with its name, and the prelabels stay as they were.
    std::filesystem::path modelFile;
    std::size_t suggestionsBefore = 0;
    {
        auto project = Project::open(dir / "scenes.pixmark");
        modelFile = project->cacheFolder() / project->run(trained.at("runs").at("training").get<RunId>())->modelFile;
        for (const Item& item : project->items(ItemStatus::Unlabeled, 50))
            suggestionsBefore += project->suggestions(item.id).size();
    }
    const auto goodModel = test::readBytes(modelFile);
    test::truncateToHalf(modelFile);
    const auto damaged = runCli({"prelabel", "scenes.pixmark", "--device", "cpu"}, dir.path());
    CHECK(damaged.exitCode == 1);
    CHECK_THAT(damaged.err, Catch::Contains("cannot be read"));
    {
        auto project = Project::open(dir / "scenes.pixmark");
        std::size_t suggestionsAfter = 0;
        for (const Item& item : project->items(ItemStatus::Unlabeled, 50))
            suggestionsAfter += project->suggestions(item.id).size();
        CHECK(suggestionsAfter == suggestionsBefore);
    }
    test::writeBytes(modelFile, goodModel);

    // A detector of two classes no longer fits a project of three: train again.
    {
        auto project = Project::open(dir / "scenes.pixmark");
        project->addClass({"circle"}, LabelResetMode::Continue);
    }
    const auto changed = runCli({"prelabel", "scenes.pixmark", "--device", "cpu"}, dir.path());
    CHECK(changed.exitCode == 1);
    CHECK_THAT(changed.err, Catch::Contains("classes changed"));
    CHECK(runJson({"runs", "scenes.pixmark"}, dir).at("runs").size() == 7); // the damaged file's cache run
}
