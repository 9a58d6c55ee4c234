#include "core/errors.h"
#include "core/project/project.h"
#include "core/store/sqlite/database.h"
#include "core/store/sqlite/store_error.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;

TEST_CASE("A project is created, closed, reopened and keeps what was set", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "Birds.pixmark";
    std::string uuid;
    {
        auto project = Project::create(file, "Birds", TaskType::ObjectDetection);
        CHECK(std::filesystem::exists(file));
        CHECK(std::filesystem::is_directory(dir / "Birds.cache"));
        const auto info = project->info();
        uuid = info.uuid;
        CHECK(info.name == "Birds");
        CHECK(info.taskType == TaskType::ObjectDetection);
        CHECK(info.state == ProjectState::Running);
        CHECK(uuid.size() == 36);
        project->setInstructions("Draw a tight box around every bird.", "https://example.org/guide");
        project->setState(ProjectState::Paused);
    }
    auto reopened = Project::open(file);
    const auto info = reopened->info();
    CHECK(info.uuid == uuid);
    CHECK(info.taskType == TaskType::ObjectDetection);
    CHECK(info.state == ProjectState::Paused);
    CHECK(info.instructions == "Draw a tight box around every bird.");
    CHECK(info.instructionsUrl == "https://example.org/guide");
    CHECK(info.modifiedAt >= info.createdAt);
    CHECK(reopened->recentEvents(1).front().first == "state-changed");
}

TEST_CASE("Project names are validated", "[project][validation]")
{
    test::TempDir dir;
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "   ", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "a/b", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "a\\b", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "..", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", "tab\there", TaskType::ObjectDetection), ValidationError);
    CHECK_THROWS_AS(Project::create(dir / "a.pixmark", std::string(121, 'x'), TaskType::ObjectDetection),
                    ValidationError);
    CHECK_THROWS_WITH(Project::create(dir / "a.pixmark", "a/b", TaskType::ObjectDetection),
                      Catch::Contains("cannot contain /"));
    CHECK_FALSE(std::filesystem::exists(dir / "a.pixmark"));
    auto ok = Project::create(dir / "a.pixmark", "  Street scenes 2026  ", TaskType::SemanticSegmentation);
    CHECK(ok->info().name == "Street scenes 2026");
}

TEST_CASE("A project is renamed with the same rules, logged, and kept", "[project]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "r.pixmark", "Old name", TaskType::ObjectDetection);
    CHECK_THROWS_WITH(project->rename("a/b"), Catch::Contains("cannot contain /"));
    CHECK(project->info().name == "Old name");
    project->rename("  New name ");
    CHECK(project->recentEvents(1).front().first == "project-renamed");
    project.reset();
    CHECK(Project::open(dir / "r.pixmark", Project::Access::ReadOnly)->info().name == "New name");
    CHECK(std::filesystem::exists(dir / "r.pixmark")); // the file keeps its name
}

TEST_CASE("Creating over an existing file is refused and the file is untouched", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "First", TaskType::ClassificationMultiClass).reset();
    CHECK_THROWS_AS(Project::create(file, "Second", TaskType::ObjectDetection), ProjectFileError);
    CHECK(Project::open(file)->info().name == "First");
}

TEST_CASE("The task type cannot change after creation, even by hand in the file", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::InstanceSegmentation).reset();
    auto db = sqlite::Database::open(file, sqlite::Access::ReadWrite);
    CHECK_THROWS_WITH(db.exec("UPDATE project SET task_type = 'object-detection'"),
                      Catch::Contains("fixed when it is created"));
}

TEST_CASE("Every task type round-trips through the project file", "[project]")
{
    test::TempDir dir;
    for (TaskType type : allTaskTypes()) {
        const auto file = dir / (std::string(toId(type)) + ".pixmark");
        Project::create(file, "P", type).reset();
        CHECK(Project::open(file, Project::Access::ReadOnly)->info().taskType == type);
        CHECK(parseTaskType(toId(type)) == type);
    }
    CHECK_FALSE(parseTaskType("segmentation"));
}

TEST_CASE("A read-only open never writes and refuses edits", "[project]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    Project::create(file, "P", TaskType::ClassificationMultiLabel).reset();
    auto writer = Project::open(file);
    auto reader = Project::open(file, Project::Access::ReadOnly); // allowed beside a writer
    CHECK(reader->isReadOnly());
    CHECK(reader->info().name == "P");
    CHECK_THROWS_AS(reader->addClass({"cat"}), ConflictError);
    CHECK_THROWS_WITH(reader->setState(ProjectState::Paused), Catch::Contains("read-only"));
}

TEST_CASE("Submissions are refused while the project is paused", "[project]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    const ClassId cat = project->addClass({"cat"});
    const ItemId item = project->addItems({Item{0, "a.png"}}).front();
    project->setState(ProjectState::Paused);
    SubmissionRequest request{item, project->currentLabeler(), 1200, SubmissionOrigin::Manual, {}, false,
                              {Annotation{cat, AnnotationKind::Tag, "", {}}}};
    CHECK_THROWS_AS(project->submit(request), ConflictError);
    CHECK(project->submissionCount() == 0);
    project->setState(ProjectState::Running);
    project->submit(request);
    CHECK(project->submissionCount() == 1);
    CHECK(project->item(item).status == ItemStatus::Labeled);
    CHECK(project->currentAnnotations(item).at(0).classId == cat);
}

TEST_CASE("Submitting to an unknown item or class is refused with nothing written", "[project]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    const ClassId car = project->addClass({"car"});
    const ItemId item = project->addItems({Item{0, "a.png"}}).front();
    SubmissionRequest request{item, project->currentLabeler(), 0, SubmissionOrigin::Manual, {}, false,
                              {Annotation{car, AnnotationKind::Box, R"({"x":1,"y":2,"w":3,"h":4})", {}}}};
    request.itemId = 999;
    CHECK_THROWS_AS(project->submit(request), NotFoundError);
    request.itemId = item;
    request.annotations.push_back(Annotation{12345, AnnotationKind::Box, "", {}});
    CHECK_THROWS_AS(project->submit(request), NotFoundError);
    project->archiveClass(car);
    request.annotations.pop_back();
    CHECK_THROWS_WITH(project->submit(request), Catch::Contains("archived"));
    CHECK(project->submissionCount() == 0);
    CHECK(project->item(item).status == ItemStatus::Unlabeled);
}
