#include "core/errors.h"
#include "core/project/project.h"
#include "core/store/migrations.h"
#include "core/store/sqlite/database.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace pixmark;

namespace {

void writeBytes(const std::filesystem::path& file, const std::string& bytes)
{
    std::ofstream out(file, std::ios::binary);
    out << bytes;
}

std::string randomBytes(std::size_t count)
{
    std::mt19937 generator(42);
    std::string bytes(count, '\0');
    for (auto& byte : bytes)
        byte = static_cast<char>(generator() & 0xff);
    return bytes;
}

std::uintmax_t fileSize(const std::filesystem::path& file)
{
    return std::filesystem::file_size(file);
}

} // namespace

TEST_CASE("A file of random bytes is refused as not a project", "[file]")
{
    test::TempDir dir;
    const auto file = dir / "random.pixmark";
    writeBytes(file, randomBytes(64 * 1024));
    CHECK_THROWS_AS(Project::open(file), ProjectFileError);
    CHECK_THROWS_WITH(Project::open(file), Catch::Contains("is not a Pixmark project"));
    CHECK_THROWS_AS(Project::open(file, Project::Access::ReadOnly), ProjectFileError);
    CHECK(fileSize(file) == 64 * 1024); // untouched
    CHECK_FALSE(std::filesystem::exists(dir / "random.pixmark.lock"));
}

TEST_CASE("Empty, missing and folder paths are refused clearly", "[file]")
{
    test::TempDir dir;
    writeBytes(dir / "empty.pixmark", "");
    CHECK_THROWS_WITH(Project::open(dir / "empty.pixmark"), Catch::Contains("not a Pixmark project"));
    CHECK_THROWS_WITH(Project::open(dir / "missing.pixmark"), Catch::Contains("does not exist"));
    std::filesystem::create_directory(dir / "folder.pixmark");
    CHECK_THROWS_WITH(Project::open(dir / "folder.pixmark"), Catch::Contains("not a project file"));
}

TEST_CASE("A truncated project file is refused, not half-read", "[file]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    {
        auto project = Project::create(file, "P", TaskType::ObjectDetection);
        project->addClass({"car"});
        std::vector<Item> items;
        for (int i = 0; i < 5000; ++i)
            items.push_back(Item{0, "images/" + std::to_string(i) + ".jpg"});
        project->addItems(items);
    }
    const auto fullSize = fileSize(file);
    REQUIRE(fullSize > 100 * 1024);
    std::filesystem::resize_file(file, fullSize / 2);
    CHECK_THROWS_AS(Project::open(file), ProjectFileError);
    CHECK_THROWS_WITH(Project::open(file), Catch::Contains("cut short"));
    CHECK(fileSize(file) == fullSize / 2); // nothing written to it

    std::filesystem::resize_file(file, 60); // shorter than SQLite's header
    CHECK_THROWS_WITH(Project::open(file, Project::Access::ReadOnly), Catch::Contains("not a Pixmark project"));
}

TEST_CASE("An SQLite file of another program is refused", "[file]")
{
    test::TempDir dir;
    const auto file = dir / "other.pixmark";
    {
        auto db = sqlite::Database::open(file, sqlite::Access::Create);
        db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY); INSERT INTO things VALUES (1)");
    }
    CHECK_THROWS_WITH(Project::open(file), Catch::Contains("another program"));
    auto db = sqlite::Database::open(file, sqlite::Access::ReadOnly);
    CHECK(db.queryInteger("SELECT count(*) FROM things") == 1); // left as it was
}

TEST_CASE("A project from a newer Pixmark is refused naming both versions", "[file][migrations]")
{
    test::TempDir dir;
    const auto file = dir / "future.pixmark";
    Project::create(file, "Future", TaskType::ObjectDetection).reset();
    {
        auto db = sqlite::Database::open(file, sqlite::Access::ReadWrite);
        db.exec("PRAGMA user_version = 99");
    }
    const std::string both = "format 99); this Pixmark reads formats up to " + std::to_string(store::kSchemaVersion);
    CHECK_THROWS_WITH(Project::open(file), Catch::Contains(both));
    CHECK_THROWS_WITH(Project::open(file, Project::Access::ReadOnly), Catch::Contains("newer version of Pixmark"));
    auto db = sqlite::Database::open(file, sqlite::Access::ReadOnly);
    CHECK(db.queryInteger("PRAGMA user_version") == 99);
}

TEST_CASE("A version 1 file made now is migrated forward on open", "[file][migrations]")
{
    test::TempDir dir;
    const auto file = dir / "old.pixmark";
    Project::createAtSchemaVersion(file, "Old", TaskType::ClassificationMultiClass, 1);
    {
        auto db = sqlite::Database::open(file, sqlite::Access::ReadWrite);
        CHECK(store::schemaVersion(db) == 1);
        db.exec("INSERT INTO label_classes (name, color, hotkey, position, created_at) VALUES ('cat', '#ff0000', '1', "
                "0, 0);"
                "INSERT INTO items (relative_path, added_at, status) VALUES ('a.png', 0, 'labeled');"
                "INSERT INTO labelers (name, created_at) VALUES ('ann', 0);"
                "INSERT INTO submissions (item_id, labeler_id, submitted_at, origin) VALUES (1, 1, 0, 'manual');"
                "INSERT INTO annotations (submission_id, class_id, kind) VALUES (1, 1, 'tag');");
    }
    CHECK_THROWS_WITH(Project::open(file, Project::Access::ReadOnly), Catch::Contains("must be upgraded"));
    auto project = Project::open(file);
    CHECK(project->info().name == "Old");
    CHECK(project->info().labelEpoch == 0);
    CHECK(project->classes().at(0).name == "cat");
    CHECK(project->currentAnnotations(1).at(0).classId == 1);
    CHECK(project->hasLabels());
    // Version 5: old submissions count as labels, old labelers get a stable id.
    CHECK(project->itemHistory(1).at(0).role == SubmissionRole::Label);
    CHECK(project->labeler(1).uuid.size() == 32);
    CHECK(project->dashboard(60'000, 1).progress.at(ItemCategory::Done) == 1);
    project.reset();
    auto db = sqlite::Database::open(file, sqlite::Access::ReadOnly);
    CHECK(store::schemaVersion(db) == store::kSchemaVersion);
}

TEST_CASE("Version 6 shapes of wholly accepted prelabels are recorded as accepted on migration", "[file][migrations]")
{
    test::TempDir dir;
    const auto file = dir / "v6.pixmark";
    Project::createAtSchemaVersion(file, "Six", TaskType::ObjectDetection, 6);
    {
        auto db = sqlite::Database::open(file, sqlite::Access::ReadWrite);
        db.exec("INSERT INTO label_classes (name, color, hotkey, position, created_at) VALUES ('car', '#ff0000', '1', "
                "0, 0);"
                "INSERT INTO items (relative_path, added_at, status) VALUES ('a.png', 0, 'labeled');"
                "INSERT INTO items (relative_path, added_at, status) VALUES ('b.png', 0, 'labeled');"
                "INSERT INTO labelers (name, created_at, uuid) VALUES ('ann', 0, 'u1');"
                "INSERT INTO submissions (item_id, labeler_id, submitted_at, origin) VALUES (1, 1, 0, 'prelabel-accepted');"
                "INSERT INTO submissions (item_id, labeler_id, submitted_at, origin) VALUES (2, 1, 0, 'prelabel-edited');"
                "INSERT INTO annotations (submission_id, class_id, kind, geometry) VALUES (1, 1, 'box', "
                "'{\"x\":1,\"y\":1,\"w\":5,\"h\":5}');"
                "INSERT INTO annotations (submission_id, class_id, kind, geometry) VALUES (2, 1, 'box', "
                "'{\"x\":1,\"y\":1,\"w\":6,\"h\":5}');");
    }
    auto project = Project::open(file);
    CHECK(project->currentAnnotations(1).at(0).origin == ShapeOrigin::PrelabelAccepted);
    // Which shapes of an edited label were kept is not known: they count as drawn.
    CHECK(project->currentAnnotations(2).at(0).origin == ShapeOrigin::Drawn);
    CHECK(project->itemHistory(1).at(0).annotations.at(0).origin == ShapeOrigin::PrelabelAccepted);
}

TEST_CASE("The committed version 1 project file opens and migrates", "[file][migrations]")
{
    test::TempDir dir;
    const auto file = dir / "v1.pixmark";
    std::filesystem::copy_file(std::filesystem::path(PIXMARK_TEST_DATA) / "projects" / "v1-pets.pixmark", file);
    auto project = Project::open(file);
    const auto info = project->info();
    CHECK(info.name == "Pets v1");
    CHECK(info.taskType == TaskType::ClassificationMultiClass);
    CHECK(info.instructions == "One class per image.");
    const auto classes = project->classes();
    REQUIRE(classes.size() == 3);
    CHECK(classes[2].name == "bird");
    CHECK(classes[2].archived);
    CHECK(project->itemCounts()[ItemStatus::Labeled] == 2);
    CHECK(project->currentAnnotations(2).at(0).classId == classes[1].id);
    CHECK(project->submissionCount() == 3);
    // Labels made before the migration still demand a mode when classes are added.
    CHECK_THROWS_AS(project->addClass({"fish"}), ConflictError);
    project->addClass({"fish"}, LabelResetMode::Continue);
}

TEST_CASE("Refusing an SQLite file of another program leaves its journal mode alone", "[file]")
{
    test::TempDir dir;
    const auto file = dir / "other.db";
    {
        auto db = sqlite::Database::open(file, sqlite::Access::Create);
        db.exec("CREATE TABLE things (id INTEGER PRIMARY KEY)");
    }
    CHECK_THROWS_AS(Project::open(file), ProjectFileError);
    auto db = sqlite::Database::open(file, sqlite::Access::ReadOnly);
    auto mode = db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "delete");
}
