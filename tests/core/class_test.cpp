#include "core/errors.h"
#include "core/project/project.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;

namespace {

std::vector<std::string> names(const std::vector<LabelClass>& classes)
{
    std::vector<std::string> out;
    for (const auto& c : classes)
        out.push_back(c.name);
    return out;
}

// A classification project with classes cat and dog, three items, two of them labeled.
struct LabeledProject {
    test::TempDir dir;
    std::unique_ptr<Project> project = Project::create(dir / "p.pixmark", "Pets", TaskType::ClassificationMultiClass);
    ClassId cat = project->addClass({"cat"});
    ClassId dog = project->addClass({"dog"});
    std::vector<ItemId> items = project->addItems({Item{0, "1.png"}, Item{0, "2.png"}, Item{0, "3.png"}});

    LabeledProject()
    {
        label(items[0], cat);
        label(items[1], dog);
    }
    void label(ItemId item, ClassId labelClass)
    {
        project->submit(SubmissionRequest{item, project->currentLabeler(), 900, SubmissionOrigin::Manual, {}, false,
                                          {Annotation{labelClass, AnnotationKind::Tag, "", {}}}});
    }
};

} // namespace

TEST_CASE("Classes get positions, palette colors and hotkeys 1-9 then 0", "[classes]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ClassificationMultiClass);
    std::vector<NewClass> many;
    for (int i = 0; i < 11; ++i)
        many.push_back({"class " + std::to_string(i)});
    project->addClasses(many);
    const auto classes = project->classes();
    REQUIRE(classes.size() == 11);
    CHECK(classes[0].hotkey == "1");
    CHECK(classes[8].hotkey == "9");
    CHECK(classes[9].hotkey == "0");
    CHECK_FALSE(classes[10].hotkey);
    CHECK(classes[0].color != classes[1].color);
    CHECK(classes[10].position == 10);
}

TEST_CASE("Class names are validated and unique ignoring case", "[classes][validation]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    project->addClass({"Car"});
    CHECK_THROWS_AS(project->addClass({"car"}), ConflictError);
    CHECK_THROWS_AS(project->addClass({""}), ValidationError);
    CHECK_THROWS_AS(project->addClass({"line\nbreak"}), ValidationError);
    CHECK_THROWS_AS(project->addClass({std::string(101, 'x')}), ValidationError);
    // A failed batch adds nothing at all.
    CHECK_THROWS_AS(project->addClasses({{"Truck"}, {"CAR"}}), ConflictError);
    CHECK(names(project->classes()) == std::vector<std::string>{"Car"});
}

TEST_CASE("Rename, recolor, describe, archive and reorder classes", "[classes]")
{
    test::TempDir dir;
    const auto file = dir / "p.pixmark";
    {
        auto project = Project::create(file, "P", TaskType::ObjectDetection);
        const ClassId a = project->addClass({"a"});
        const ClassId b = project->addClass({"b", "#123456"});
        const ClassId c = project->addClass({"c"});
        project->renameClass(a, "person");
        CHECK_THROWS_AS(project->renameClass(b, "PERSON"), ConflictError);
        project->renameClass(a, "Person"); // changing only the case of its own name is fine
        project->recolorClass(b, "#ABC");
        CHECK_THROWS_AS(project->recolorClass(b, "blue"), ValidationError);
        project->setClassDescription(c, "anything on wheels");
        project->moveClass(c, 0);
        CHECK_THROWS_AS(project->moveClass(c, 3), ValidationError);
        project->archiveClass(b);
        CHECK_THROWS_AS(project->renameClass(999, "x"), NotFoundError);
    }
    auto project = Project::open(file);
    const auto classes = project->classes();
    CHECK(names(classes) == std::vector<std::string>{"c", "Person", "b"});
    CHECK(classes[0].description == "anything on wheels");
    CHECK(classes[2].color == "#aabbcc");
    CHECK(classes[2].archived);
    CHECK_FALSE(classes[2].hotkey); // archived classes release their hotkey
    project->archiveClass(classes[2].id, false);
    CHECK_FALSE(project->labelClass(classes[2].id).archived);
}

TEST_CASE("Hotkey conflicts between classes and with default actions are refused", "[classes][validation]")
{
    test::TempDir dir;
    auto project = Project::create(dir / "p.pixmark", "P", TaskType::ObjectDetection);
    const ClassId car = project->addClass({"car"});
    const ClassId bus = project->addClass({"bus"});
    CHECK(project->labelClass(car).hotkey == "1");
    CHECK_THROWS_WITH(project->setClassHotkey(bus, "1"), Catch::Contains("\"car\""));
    CHECK_THROWS_WITH(project->setClassHotkey(bus, "Enter"), Catch::Contains("not a hotkey"));
    CHECK_THROWS_WITH(project->setClassHotkey(bus, "d"), Catch::Contains("Next item"));
    CHECK_THROWS_AS(project->addClass({"van", {}, "1"}), ConflictError);
    project->setClassHotkey(bus, "q");
    CHECK(project->labelClass(bus).hotkey == "Q");
    project->setClassHotkey(car, std::nullopt);
    project->setClassHotkey(bus, "1");
    CHECK(project->labelClass(bus).hotkey == "1");
    const ClassId van = project->addClass({"van", {}, {}, true});
    CHECK_FALSE(project->labelClass(van).hotkey);
    project->archiveClass(van);
    CHECK_THROWS_WITH(project->setClassHotkey(van, "2"), Catch::Contains("archived"));
}

TEST_CASE("Adding classes to a labeled project requires a mode", "[classes][modes]")
{
    LabeledProject p;
    CHECK(p.project->hasLabels());
    CHECK_THROWS_WITH(p.project->addClass({"bird"}), Catch::Contains("2 labeled items"));
    CHECK(p.project->classes().size() == 2);
}

TEST_CASE("Mode 'start over' clears current labels but keeps history", "[classes][modes]")
{
    LabeledProject p;
    p.project->addClass({"bird"}, LabelResetMode::StartOver);
    CHECK_FALSE(p.project->hasLabels());
    for (ItemId item : p.items) {
        CHECK(p.project->item(item).status == ItemStatus::Unlabeled);
        CHECK(p.project->currentAnnotations(item).empty());
        CHECK(p.project->suggestions(item).empty());
    }
    CHECK(p.project->submissionCount() == 2); // history is never deleted
    CHECK(p.project->info().labelEpoch == 1);
    // Adding more classes now needs no mode: nothing is labeled in the new epoch.
    CHECK_NOTHROW(p.project->addClass({"fish"}));
}

TEST_CASE("Mode 'start over keeping suggestions' turns labels into suggestions", "[classes][modes]")
{
    LabeledProject p;
    p.project->addClass({"bird"}, LabelResetMode::StartOverKeepSuggestions);
    CHECK_FALSE(p.project->hasLabels());
    CHECK(p.project->item(p.items[0]).status == ItemStatus::Unlabeled);
    const auto first = p.project->suggestions(p.items[0]);
    REQUIRE(first.size() == 1);
    CHECK(first[0].annotation.classId == p.cat);
    CHECK(first[0].origin == "previous-label");
    CHECK(p.project->suggestions(p.items[1]).at(0).annotation.classId == p.dog);
    CHECK(p.project->suggestions(p.items[2]).empty()); // it had no label
    CHECK(p.project->submissionCount() == 2);
}

TEST_CASE("Mode 'continue' keeps every label as it is", "[classes][modes]")
{
    LabeledProject p;
    p.project->addClass({"bird"}, LabelResetMode::Continue);
    CHECK(p.project->hasLabels());
    CHECK(p.project->item(p.items[0]).status == ItemStatus::Labeled);
    CHECK(p.project->currentAnnotations(p.items[1]).at(0).classId == p.dog);
    CHECK(p.project->suggestions(p.items[0]).empty());
    CHECK(p.project->info().labelEpoch == 0);
}

TEST_CASE("The latest submission is an item's current label", "[classes]")
{
    LabeledProject p;
    p.label(p.items[0], p.dog);
    CHECK(p.project->currentAnnotations(p.items[0]).at(0).classId == p.dog);
    CHECK(p.project->submissionCount() == 3);
}
