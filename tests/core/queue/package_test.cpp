#include "core/errors.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "tests/support/image_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace pixmark;

namespace {

// A multi-class field project: 12 real PNGs in images/ beside the project, classes cat
// and dog; item k's true class is cat for even k, dog for odd k.
struct FieldProject {
    test::TempDir dir;
    std::unique_ptr<Project> parent = Project::create(dir / "field.pixmark", "Field", TaskType::ClassificationMultiClass);
    ClassId cat = parent->addClass({"cat"});
    ClassId dog = parent->addClass({"dog"});
    std::map<ItemId, ClassId> truth;

    FieldProject()
    {
        std::vector<Item> items;
        for (int k = 0; k < 12; ++k) {
            const auto file = dir / "images" / ("img" + std::to_string(k) + ".png");
            test::writePng(file, 16, 12, k);
            items.push_back(Item{0, parent->storedPathFor(file), "png", 0, 0, 16, 12});
        }
        const auto ids = parent->addItems(items);
        for (std::size_t k = 0; k < ids.size(); ++k)
            truth[ids[k]] = k % 2 == 0 ? cat : dog;
    }

    PackagePlan plan(std::vector<std::string> labelers, int overlap) const
    {
        PackagePlan plan;
        plan.labelers = std::move(labelers);
        plan.count = 12;
        plan.overlap = overlap;
        plan.folder = dir / "out";
        return plan;
    }
};

// Opens a package as its labeler would and labels everything it is served: truthful, or
// always "dog". Returns how many items it labeled.
int labelPackage(const std::filesystem::path& file, const std::map<ItemId, ClassId>& truth, bool alwaysDog)
{
    auto package = Project::open(file);
    const LabelerId me = package->currentLabeler();
    int labeled = 0;
    for (Task task = package->nextTask(me, 4); task.id != 0; task = package->nextTask(me, 4))
        for (const Item& item : task.items) {
            const ClassId answer = alwaysDog ? package->classNamed("dog").id : truth.at(item.id);
            package->submit(SubmissionRequest{item.id, me, 1200, SubmissionOrigin::Manual, {}, false,
                                              {Annotation{answer, AnnotationKind::Tag, "", {}}}});
            ++labeled;
        }
    return labeled;
}

} // namespace

TEST_CASE("Three labelers label overlapping packages offline; merged back, consensus gives the truth",
          "[package][consensus]")
{
    FieldProject f;
    setQualitySettings(*f.parent, QualitySettings{true, 2, false, 3, 0.5, 0.5});
    const auto packages = f.parent->createPackages(f.plan({"Ann", "Bob", "Cy"}, 2));
    REQUIRE(packages.size() == 3);
    for (const auto& package : packages)
        CHECK(package.items == 8);
    // In the parent the cut items are held by the packages.
    CHECK(f.parent->dashboard(60'000, 1).progress.at(ItemCategory::InProgress) == 12);
    CHECK(f.parent->nextTask(f.parent->currentLabeler(), 9).id == 0);

    // Each package is a standalone project for its labeler, who cannot change it.
    {
        auto package = Project::open(packages[2].file);
        REQUIRE(package->packageInfo());
        CHECK(package->packageInfo()->parentUuid == f.parent->info().uuid);
        CHECK(package->labeler(package->currentLabeler()).name == "Cy");
        CHECK(package->currentRole() == LabelerRole::Labeler);
        CHECK_THROWS_AS(package->addClass({"bird"}), PermissionError);
        CHECK_THROWS_AS(package->useLabeler("Mallory"), PermissionError);
        CHECK(package->classes().size() == 2);
        CHECK(std::filesystem::exists(package->absolutePath(package->item(package->items({}, 1)[0].id).relativePath)));
    }
    CHECK(labelPackage(packages[0].file, f.truth, false) == 8);
    CHECK(labelPackage(packages[1].file, f.truth, false) == 8);
    CHECK(labelPackage(packages[2].file, f.truth, true) == 8); // Cy answers "dog" every time

    const MergeReport a = f.parent->mergePackage(packages[0].file);
    CHECK(a.merged == 8);
    CHECK(a.labeler == "Ann");
    CHECK(a.consensusAgreed == 0); // one vote per item so far
    const MergeReport b = f.parent->mergePackage(packages[1].file);
    const MergeReport c = f.parent->mergePackage(packages[2].file);
    CHECK(b.merged + c.merged == 16);
    // The expected outcome from what each package held: Ann and Bob always agree; Cy
    // agrees with either only on dogs. A cat Cy labeled needs a third labeler.
    std::set<ItemId> cyItems;
    for (const Item& item : Project::open(packages[2].file, Project::Access::ReadOnly)->items({}, 100))
        cyItems.insert(item.id);
    int cyDogs = 0;
    for (ItemId id : cyItems)
        cyDogs += f.truth.at(id) == f.dog ? 1 : 0;
    const int disputedCats = static_cast<int>(cyItems.size()) - cyDogs;
    CHECK(a.consensusAgreed + b.consensusAgreed + c.consensusAgreed == 12 - disputedCats);
    CHECK(f.parent->dashboard(60'000, 1).progress.at(ItemCategory::Labeled) == disputedCats);
    CHECK(f.parent->dashboard(60'000, 1).progress.at(ItemCategory::Done) == 12 - disputedCats);

    // Merging again changes nothing.
    const auto before = f.parent->submissionCount();
    const MergeReport again = f.parent->mergePackage(packages[0].file);
    CHECK(again.merged == 0);
    CHECK(again.alreadyMerged == 8);
    CHECK(f.parent->submissionCount() == before);

    // The disputed cats go to the one labeler who has not seen them, never to the other two.
    const LabelerId cy = f.parent->ensureLabeler("Cy");
    CHECK(f.parent->nextTask(cy, 9).id == 0);
    std::map<std::string, int> served;
    for (const std::string name : {"Ann", "Bob"}) {
        const LabelerId who = f.parent->ensureLabeler(name);
        for (Task task = f.parent->nextTask(who, 9); task.id != 0; task = f.parent->nextTask(who, 9))
            for (const Item& item : task.items) {
                ++served[name];
                f.parent->submit(SubmissionRequest{item.id, who, 900, SubmissionOrigin::Manual, {}, false,
                                                   {Annotation{f.truth.at(item.id), AnnotationKind::Tag, "", {}}}});
            }
    }
    CHECK(served["Ann"] + served["Bob"] == disputedCats);

    // Every item's consensus label is its true class.
    for (const auto& [id, truthClass] : f.truth) {
        const auto current = f.parent->currentAnnotations(id);
        REQUIRE(current.size() == 1);
        CHECK(current[0].classId == truthClass);
    }
    const auto stats = f.parent->dashboard(60'000, 1);
    CHECK(stats.progress.at(ItemCategory::Done) == 12);
    std::map<std::string, double> agreement;
    for (const auto& activity : stats.labelers)
        if (activity.agreementRate)
            agreement[activity.name] = *activity.agreementRate;
    CHECK(agreement["Ann"] == Approx(1.0));
    CHECK(agreement["Bob"] == Approx(1.0));
    CHECK(agreement["Cy"] == Approx(cyDogs / 8.0)); // right on the dogs, wrong on the cats

    // Merged submissions keep their labeler, time and duration.
    const auto history = f.parent->itemHistory(f.truth.begin()->first);
    const auto fromPackage = std::find_if(history.begin(), history.end(),
                                          [](const SubmissionRecord& r) { return r.durationMs == 1200; });
    REQUIRE(fromPackage != history.end());
    CHECK(fromPackage->role == SubmissionRole::Vote);
    CHECK((fromPackage->labelerName == "Ann" || fromPackage->labelerName == "Bob" || fromPackage->labelerName == "Cy"));
}

TEST_CASE("A package labeled partly returns the rest to the queue; copied images travel with it", "[package]")
{
    FieldProject f;
    auto plan = f.plan({"Dee"}, 1);
    plan.count.reset();
    plan.items = {f.truth.begin()->first, std::next(f.truth.begin())->first, std::next(f.truth.begin(), 2)->first};
    plan.copyImages = true;
    const auto packages = f.parent->createPackages(plan);
    REQUIRE(packages.size() == 1);
    CHECK(packages[0].copiedBytes > 0);

    // Carried away: the folder moves (a USB drive), the images with it.
    const auto moved = f.dir / "usb";
    std::filesystem::rename(f.dir / "out", moved);
    const auto file = moved / packages[0].file.filename();
    {
        auto package = Project::open(file);
        const LabelerId me = package->currentLabeler();
        const Task task = package->nextTask(me, 1);
        REQUIRE(task.items.size() == 1);
        CHECK(std::filesystem::exists(package->absolutePath(task.items[0].relativePath)));
        package->submit(SubmissionRequest{task.items[0].id, me, 800, SubmissionOrigin::Manual, {}, false,
                                          {Annotation{f.truth.at(task.items[0].id), AnnotationKind::Tag, "", {}}}});
    }
    const MergeReport report = f.parent->mergePackage(file);
    CHECK(report.merged == 1);
    CHECK(report.returnedToQueue == 2);
    CHECK(f.parent->dashboard(60'000, 1).progress.at(ItemCategory::Done) == 1);
    CHECK(f.parent->dashboard(60'000, 1).progress.at(ItemCategory::Queued) == 11);
    CHECK(f.parent->labeler(f.parent->ensureLabeler("Dee")).role == "labeler");
}

TEST_CASE("Packages refuse the wrong project, a plain project, one in use, and bad plans, changing nothing",
          "[package][errors]")
{
    FieldProject f;
    FieldProject other;
    const auto theirs = other.parent->createPackages(other.plan({"Eve"}, 1));
    const auto before = f.parent->submissionCount();
    CHECK_THROWS_WITH(f.parent->mergePackage(theirs[0].file), Catch::Contains("was cut from the project \"Field\""));
    CHECK_THROWS_WITH(f.parent->mergePackage(other.dir / "field.pixmark"), Catch::Contains("in use") ||
                                                                                 Catch::Contains("another"));
    CHECK_THROWS_AS(f.parent->mergePackage(f.dir / "missing.pixmark"), ProjectFileError);
    CHECK(f.parent->submissionCount() == before);

    {
        auto open = Project::open(theirs[0].file);
        CHECK_THROWS_AS(other.parent->mergePackage(theirs[0].file), ProjectInUseError);
    }
    auto standalone = Project::create(f.dir / "plain.pixmark", "Plain", TaskType::ClassificationMultiClass);
    standalone.reset();
    CHECK_THROWS_WITH(f.parent->mergePackage(f.dir / "plain.pixmark"), Catch::Contains("not a work package"));

    auto plan = f.plan({"Ann", "Bob"}, 3);
    CHECK_THROWS_WITH(f.parent->createPackages(plan), Catch::Contains("1 to 2 packages"));
    plan.overlap = 1;
    plan.count = 0;
    CHECK_THROWS_AS(f.parent->createPackages(plan), ValidationError);
    plan.count = 4;
    plan.labelers = {"Ann", "Ann"};
    CHECK_THROWS_WITH(f.parent->createPackages(plan), Catch::Contains("named twice"));
    CHECK_FALSE(std::filesystem::exists(f.dir / "out"));

    plan.labelers = {"Ann"};
    f.parent->createPackages(plan);
    CHECK_THROWS_WITH(f.parent->createPackages(plan), Catch::Contains("already exists"));
    f.parent->useLabeler("Ann");
    plan.folder = f.dir / "out2";
    CHECK_THROWS_AS(f.parent->createPackages(plan), PermissionError);
    CHECK_FALSE(std::filesystem::exists(f.dir / "out2"));
}

TEST_CASE("A package cut by a filter holds exactly the waiting items that match", "[package]")
{
    FieldProject f;
    auto plan = f.plan({"Flo"}, 1);
    plan.count.reset();
    ItemFilter filter;
    filter.pathContains = "img1"; // img1.png, img10.png, img11.png
    plan.filter = filter;
    const auto packages = f.parent->createPackages(plan);
    REQUIRE(packages.size() == 1);
    CHECK(packages[0].items == 3);
    auto package = Project::open(packages[0].file, Project::Access::ReadOnly);
    for (const Item& item : package->items({}, 10))
        CHECK(item.relativePath.find("img1") != std::string::npos);
    filter.pathContains = "no-such-image";
    plan.filter = filter;
    plan.folder = f.dir / "out2";
    CHECK_THROWS_WITH(f.parent->createPackages(plan), Catch::Contains("nothing to put in a package"));
}
