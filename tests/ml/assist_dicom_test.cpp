// ML assist on DICOM: a classification project of pydicom's corpus files (CT, MR, secondary
// captures, in many transfer syntaxes; some truncated or broken) trains, and the model
// runs over the DICOM items left unlabeled. Broken files are counted, not fatal.

#include "core/cache/training_cache.h"
#include "core/ingest/registrar.h"
#include "core/project/project.h"
#include "ml/assist/assist_pipeline.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace pixmark;

TEST_CASE("The assist pipeline trains on DICOM items and prelabels the rest", "[assist][dicom]")
{
    const std::filesystem::path corpus = PIXMARK_PYDICOM_CORPUS;
    REQUIRE(std::filesystem::is_directory(corpus)); // python3-pydicom (scripts/install)
    test::TempDir dir;
    std::filesystem::create_directories(dir / "dicom");
    for (const auto& entry : std::filesystem::directory_iterator(corpus))
        if (entry.path().extension() == ".dcm")
            std::filesystem::copy_file(entry.path(), dir / "dicom" / entry.path().filename());

    auto project = Project::create(dir / "scans.pixmark", "Scans", TaskType::ClassificationMultiClass);
    // The kind of image, from the corpus's file names.
    const std::map<std::string, ClassId> classes{{"CT", project->addClass({"ct"})},
                                                 {"MR", project->addClass({"mr"})},
                                                 {"SC", project->addClass({"secondary capture"})},
                                                 {"", project->addClass({"other"})}};
    ingest::SourceRequest request;
    request.kind = SourceKind::Folder;
    request.root = dir / "dicom";
    ingest::Registrar(*project).addSource(request);
    cache::setTrainingCacheSpec(*project, {32, 1});
    const auto items = project->items(ItemStatus::Unlabeled, 1000);
    REQUIRE(items.size() > 30);
    // Every item but the last six is labeled.
    for (std::size_t i = 0; i + 6 < items.size(); ++i) {
        const std::string prefix = std::filesystem::path(items[i].relativePath).filename().string().substr(0, 2);
        SubmissionRequest label;
        label.itemId = items[i].id;
        label.labelerId = project->currentLabeler();
        label.annotations.push_back(Annotation{classes.count(prefix) ? classes.at(prefix) : classes.at(""),
                                               AnnotationKind::Tag, "", std::nullopt, ShapeOrigin::Drawn});
        project->submit(label);
    }

    assist::AssistOptions options;
    options.device = "cpu";
    options.maxEpochs = 10;
    options.targetPrecision = 0.5;
    const auto report = assist::runPipeline(*project, options);
    REQUIRE_FALSE(report.cancelled);
    const auto cached = nlohmann::json::parse(project->run(report.cacheRun)->metricsJson);
    INFO("cache " << cached.dump());
    CHECK(cached.at("appended").get<int>() >= 25);
    CHECK(cached.at("appended").get<std::size_t>() + cached.at("failed").get<std::size_t>() == items.size());
    CHECK(project->run(report.trainingRun)->status == RunStatus::Succeeded);
    CHECK(report.trainedOn + report.heldOut >= 20);
    CHECK(report.predicted >= 1); // the unlabeled DICOM items that decode
    CHECK(report.predicted <= 6);
}
