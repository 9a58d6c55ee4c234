// ML assist end to end on the CPU, on the bundled Fashion-MNIST demo images: a project is
// labeled part way, the pipeline runs (cache, training, validation, inference,
// featurization), suggestions and clusters land in the project, an accepted suggestion
// records where it came from, and the export carries it as a label.

#include "core/cache/training_cache.h"
#include "core/errors.h"
#include "core/formats/export_job.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "ml/assist/assist_pipeline.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

using namespace pixmark;

namespace {

const std::filesystem::path kDemo = std::filesystem::path(PIXMARK_SOURCE_DIR) / "resources/demo";
constexpr int kLabeled = 80; // of the demo's 120 images

/// The demo's true class of each image file name.
std::map<std::string, std::string> demoTruth()
{
    std::map<std::string, std::string> truth;
    std::ifstream in(kDemo / "manifest.csv");
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        std::string label = line.substr(comma + 1);
        if (label.size() >= 2 && label.front() == '"')
            label = label.substr(1, label.size() - 2);
        truth[std::filesystem::path(line.substr(0, comma)).filename().string()] = label;
    }
    return truth;
}

/// A multi-class project with the demo's classes and images, the first kLabeled labeled
/// with their true class. Returns the class ids by name.
std::map<std::string, ClassId> makeLabeledProject(Project& project)
{
    std::map<std::string, ClassId> classes;
    std::ifstream names(kDemo / "classes.txt");
    for (std::string name; std::getline(names, name);)
        if (!name.empty())
            classes[name] = project.addClass({name});
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = kDemo / "images";
    ingest::Registrar(project).addSource(request);
    // Small gray cached images: the compact network, trained in seconds.
    cache::setTrainingCacheSpec(project, {32, 1});
    const auto truth = demoTruth();
    int labeled = 0;
    for (const Item& item : project.items(ItemStatus::Unlabeled, 1000)) {
        if (labeled++ == kLabeled)
            break;
        SubmissionRequest submission;
        submission.itemId = item.id;
        submission.labelerId = project.currentLabeler();
        submission.annotations.push_back(
            Annotation{classes.at(truth.at(std::filesystem::path(item.relativePath).filename().string())),
                       AnnotationKind::Tag, "", std::nullopt});
        project.submit(submission);
    }
    return classes;
}

assist::AssistOptions quickOptions()
{
    assist::AssistOptions options;
    options.device = "cpu";
    options.maxEpochs = 12;
    // Eighty labels of ten classes make a weak model; a low target keeps prelabels coming
    // so that the review path is exercised (the quality target is benchmarked, not tested).
    options.targetPrecision = 0.5;
    options.clusters = 5;
    return options;
}

} // namespace

TEST_CASE("The assist pipeline trains on the labels, prelabels and clusters the rest, and records each step",
          "[assist]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "fashion.pixmark", "Fashion", TaskType::ClassificationMultiClass);
    const auto classes = makeLabeledProject(*project);
    const auto truth = demoTruth();

    std::set<std::string> stages;
    const assist::AssistReport report = assist::runPipeline(
        *project, quickOptions(), [&](std::int64_t, std::int64_t, std::string_view stage) { stages.emplace(stage); });
    CHECK_FALSE(report.cancelled);
    CHECK(report.trainedOn + report.heldOut == kLabeled);
    // A quarter held out, stratified by class (rounded per class).
    CHECK(report.heldOut >= kLabeled / 5);
    CHECK(report.heldOut <= kLabeled / 3);
    CHECK(report.predicted == 120 - kLabeled);
    CHECK(report.clusters == 5);
    CHECK(stages.count("training") == 1);
    CHECK(stages.count("inference") == 1);

    // Five runs, each the child of the one before, all succeeded, the model on disk.
    const std::vector<Run> runs = project->runs();
    REQUIRE(runs.size() == 5);
    const std::vector<RunKind> kinds{RunKind::Featurization, RunKind::Inference, RunKind::Validation,
                                     RunKind::Training, RunKind::Cache};
    for (std::size_t k = 0; k < runs.size(); ++k) {
        CHECK(runs[k].kind == kinds[k]);
        CHECK(runs[k].status == RunStatus::Succeeded);
        CHECK(runs[k].finishedAt.has_value());
        CHECK(runs[k].parentId == (k + 1 < runs.size() ? runs[k + 1].id : 0));
    }
    const Run training = *project->latestRun(RunKind::Training, RunStatus::Succeeded);
    CHECK(std::filesystem::exists(project->cacheFolder() / training.modelFile));
    const auto metrics = nlohmann::json::parse(training.metricsJson);
    CHECK(metrics.at("held_out").get<std::int64_t>() == report.heldOut);
    CHECK(metrics.at("device").get<std::string>() == "cpu");
    const auto validation = nlohmann::json::parse(project->latestRun(RunKind::Validation, RunStatus::Succeeded)->metricsJson);
    CHECK(validation.at("precision").get<double>() >= 0.5);

    // Suggestions: on unlabeled items only, one tag each, with the model's score.
    std::int64_t suggested = 0;
    std::optional<Suggestion> first;
    std::string firstName;
    for (const Item& item : project->items(ItemStatus::Unlabeled, 1000)) {
        const auto suggestions = project->suggestions(item.id);
        if (suggestions.empty())
            continue;
        ++suggested;
        REQUIRE(suggestions.size() == 1);
        CHECK(suggestions[0].origin == "model");
        CHECK(suggestions[0].annotation.kind == AnnotationKind::Tag);
        CHECK(suggestions[0].annotation.score.value_or(0) > 0.0);
        if (!first) {
            first = suggestions[0];
            firstName = std::filesystem::path(item.relativePath).filename().string();
        }
    }
    CHECK(suggested == report.prelabeled);
    REQUIRE(first);

    // Every unlabeled item is in one of the clusters.
    const auto clusters = project->clusters();
    CHECK(clusters.size() == static_cast<std::size_t>(report.predicted));
    std::set<int> clusterIds;
    for (const ItemCluster& cluster : clusters)
        clusterIds.insert(cluster.cluster);
    CHECK(clusterIds.size() <= 5);
    CHECK(clusterIds.size() >= 2);

    // The labeler accepts the first suggestion unchanged: the submission says so.
    SubmissionRequest accept;
    accept.itemId = first->itemId;
    accept.labelerId = project->currentLabeler();
    accept.origin = SubmissionOrigin::PrelabelAccepted;
    accept.predictionId = first->id;
    accept.annotations.push_back(first->annotation);
    project->submit(accept);
    const auto history = project->itemHistory(first->itemId);
    REQUIRE(history.size() == 1);
    CHECK(history[0].origin == SubmissionOrigin::PrelabelAccepted);

    // The export carries the accepted prelabel as a label of that image.
    formats::ExportOptions exportOptions;
    exportOptions.parentFolder = dir / "exports";
    project.reset();
    const auto exported = formats::exportProject(dir / "fashion.pixmark", exportOptions);
    CHECK(exported.verification.ok());
    CHECK(exported.images == kLabeled + 1);
    std::ifstream cocoFile(exported.folder / "annotations" / "instances.json");
    const auto coco = nlohmann::json::parse(cocoFile);
    std::int64_t imageId = -1;
    for (const auto& image : coco.at("images"))
        if (std::filesystem::path(image.at("file_name").get<std::string>()).filename() == firstName)
            imageId = image.at("id").get<std::int64_t>();
    REQUIRE(imageId >= 0);
    int annotations = 0;
    for (const auto& annotation : coco.at("annotations"))
        if (annotation.at("image_id").get<std::int64_t>() == imageId) {
            ++annotations;
            CHECK(annotation.at("category_id").get<ClassId>() == first->annotation.classId);
        }
    CHECK(annotations == 1);
}

TEST_CASE("A pipeline cancelled during training keeps what it finished and says so", "[assist]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "fashion.pixmark", "Fashion", TaskType::ClassificationMultiClass);
    makeLabeledProject(*project);
    CancelToken cancel;
    const auto report = assist::runPipeline(*project, quickOptions(),
                                            [&](std::int64_t, std::int64_t, std::string_view stage) {
                                                if (stage == "training")
                                                    cancel.cancel();
                                            },
                                            cancel);
    CHECK(report.cancelled);
    const auto runs = project->runs();
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].kind == RunKind::Training);
    CHECK(runs[0].status == RunStatus::Cancelled);
    CHECK(runs[1].kind == RunKind::Cache);
    CHECK(runs[1].status == RunStatus::Succeeded);
    CHECK(project->clusters().empty());
}

TEST_CASE("A run the program did not finish is marked interrupted when the project opens again", "[assist]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    RunId id = 0;
    {
        auto project = Project::create(file, "P", TaskType::ClassificationMultiClass);
        id = project->startRun(RunKind::Training, 0, "{}");
        CHECK(project->run(id)->status == RunStatus::Running);
    }
    auto reopened = Project::open(file);
    const Run run = *reopened->run(id);
    CHECK(run.status == RunStatus::Interrupted);
    CHECK_THAT(run.message, Catch::Contains("start the pipeline again"));
    CHECK(run.finishedAt.has_value());
}

TEST_CASE("The pipeline refuses projects it cannot train yet, saying what to do", "[assist]")
{
    test::TempDir dir;
    {
        auto project = Project::create(dir / "few.pixmark", "Few", TaskType::ClassificationMultiClass);
        project->addClass({"a"});
        project->addClass({"b"});
        CHECK_THROWS_WITH(assist::runPipeline(*project, quickOptions()), Catch::Contains("label at least"));
    }
    auto boxes = Project::create(dir / "boxes.pixmark", "Boxes", TaskType::ObjectDetection);
    CHECK_THROWS_AS(assist::runPipeline(*boxes, quickOptions()), ValidationError);
}
