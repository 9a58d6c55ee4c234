// Prelabels on the box canvas, from the keyboard: accept one (Y), accept all (Shift+Y),
// delete those left (Shift+Del), edit; and what each handed-in shape records of it, read
// back from the project file.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"
#include "core/formats/dataset.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {
const std::vector<Box> kPrelabels{{10, 20, 30, 40}, {100, 100, 50, 50}, {300, 200, 60, 40}};

/// A detection project of count items, each with kPrelabels as Car suggestions scored 0.9.
std::filesystem::path makePrelabeledProject(const TempDir& dir, int count)
{
    const auto file = makeStreetProject(dir, count);
    auto project = Project::open(file);
    project->importLabels(
        [count](formats::ImportSink& sink) {
            for (int i = 0; i < count; ++i) {
                sink.image(i, "img/street" + std::to_string(100 + i) + ".png", 640, 480);
                for (const Box& box : kPrelabels)
                    sink.shape(i, "Car", AnnotationKind::Box, toJson(box), 0.9);
            }
        },
        LabelImportOptions{true, false});
    return file;
}

std::vector<ShapeOrigin> originsOf(const std::vector<Annotation>& annotations)
{
    std::vector<ShapeOrigin> origins;
    for (const Annotation& annotation : annotations)
        origins.push_back(annotation.origin);
    return origins;
}

std::vector<bool> pendingOf(const AnnotationDocument& document)
{
    std::vector<bool> pending;
    for (const Shape& shape : document.shapes())
        pending.push_back(shape.predicted);
    return pending;
}

template <typename Result, typename Query> Result ask(BoxRig& rig, Query query)
{
    std::optional<Result> result;
    QObject context;
    rig.session->run(&context, query, [&](Result value) { result = std::move(value); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
    return result.value();
}
} // namespace

TEST_CASE("Y accepts prelabels one by one, Del and Shift+Del delete them, and each shape records its origin",
          "[widgets][canvas][prelabels]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makePrelabeledProject(dir, 4));
    REQUIRE(rig.waitForItem());
    REQUIRE(rig.page()->canvasActions().count(QStringLiteral("accept-prelabel")) == 1);
    AnnotationDocument* document = rig.document();
    REQUIRE(document->shapes().size() == 3);
    CHECK(document->pendingPrelabels().size() == 3);

    // Item 1: accept the first, delete the second, accept the third.
    const ItemId first = rig.page()->currentItem();
    rig.key(Qt::Key_Y); // nothing selected: selects the first prelabel, accepts nothing
    CHECK(document->selected() == document->shapes()[0].id);
    CHECK(pendingOf(*document) == std::vector<bool>{true, true, true});
    CHECK(rig.window->lastMessage().contains(QStringLiteral("3 prelabel(s) to confirm")));
    rig.key(Qt::Key_Y);
    CHECK(pendingOf(*document) == std::vector<bool>{false, true, true});
    CHECK(document->selected() == document->shapes()[1].id); // the next one, to accept or delete
    rig.key(Qt::Key_Delete);
    REQUIRE(document->shapes().size() == 2);
    rig.key(Qt::Key_Y);
    rig.key(Qt::Key_Y);
    CHECK(pendingOf(*document) == std::vector<bool>{false, false});
    CHECK(rig.window->lastMessage().contains(QStringLiteral("every prelabel is confirmed")));
    // Each acceptance is one undo step.
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(pendingOf(*document) == std::vector<bool>{false, true});
    rig.key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(pendingOf(*document) == std::vector<bool>{false, false});
    rig.key(Qt::Key_Y);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("No prelabel left")));
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    const auto firstStored = rig.stored(first);
    REQUIRE(firstStored.size() == 2);
    CHECK(parseBox(firstStored[0].geometry) == kPrelabels[0]);
    CHECK(parseBox(firstStored[1].geometry) == kPrelabels[2]);
    CHECK(originsOf(firstStored) ==
          std::vector<ShapeOrigin>{ShapeOrigin::PrelabelAccepted, ShapeOrigin::PrelabelAccepted});
    // One prelabel was deleted: the item as a whole was edited.
    CHECK(ask<std::vector<SubmissionRecord>>(rig, [first](Project& p) { return p.itemHistory(first); })
              .back()
              .origin == SubmissionOrigin::PrelabelEdited);

    // Item 2: move one prelabel, delete the rest at once, draw a box of one's own.
    document = rig.document();
    const ItemId second = rig.page()->currentItem();
    rig.zoom(2.0, 60, 60);
    rig.key(Qt::Key_V);
    rig.drag(25, 40, 45, 50);
    CHECK(document->shapes()[0].origin == ShapeOrigin::PrelabelEdited);
    CHECK_FALSE(document->shapes()[0].predicted);
    rig.key(Qt::Key_Delete, Qt::ShiftModifier);
    REQUIRE(document->shapes().size() == 1);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("Deleted 2 prelabel(s)")));
    rig.key(Qt::Key_R);
    rig.drag(70, 70, 90, 95);
    REQUIRE(document->shapes().size() == 2);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    const auto secondStored = rig.stored(second);
    REQUIRE(secondStored.size() == 2);
    CHECK(parseBox(secondStored[0].geometry) == Box{30, 30, 30, 40});
    CHECK(parseBox(secondStored[1].geometry) == Box{70, 70, 20, 25});
    CHECK(originsOf(secondStored) == std::vector<ShapeOrigin>{ShapeOrigin::PrelabelEdited, ShapeOrigin::Drawn});

    // Item 3: Shift+Y accepts all three as one step; the item counts as accepted unchanged.
    document = rig.document();
    const ItemId third = rig.page()->currentItem();
    rig.key(Qt::Key_Y, Qt::ShiftModifier);
    CHECK(pendingOf(*document) == std::vector<bool>{false, false, false});
    rig.key(Qt::Key_Z, Qt::ControlModifier);
    CHECK(pendingOf(*document) == std::vector<bool>{true, true, true});
    rig.key(Qt::Key_Y, Qt::ShiftModifier);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(originsOf(rig.stored(third)) == std::vector<ShapeOrigin>(3, ShapeOrigin::PrelabelAccepted));
    CHECK(ask<std::vector<SubmissionRecord>>(rig, [third](Project& p) { return p.itemHistory(third); })
              .back()
              .origin == SubmissionOrigin::PrelabelAccepted);

    // Item 4: every prelabel deleted and a box of one's own: the prelabel was rejected.
    REQUIRE(rig.waitForItem());
    const ItemId fourth = rig.page()->currentItem();
    rig.key(Qt::Key_Delete, Qt::ShiftModifier);
    rig.drag(200, 200, 260, 240);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitIdle());
    CHECK(originsOf(rig.stored(fourth)) == std::vector<ShapeOrigin>{ShapeOrigin::Drawn});
    CHECK(ask<std::vector<SubmissionRecord>>(rig, [fourth](Project& p) { return p.itemHistory(fourth); })
              .back()
              .origin == SubmissionOrigin::Manual);

    // The dashboard counts items and shapes: 2 + 3 shapes kept unchanged, 1 edited.
    const auto stats = ask<DashboardStats>(rig, [](Project& p) { return p.dashboard(60'000, 1); });
    CHECK(stats.prelabels.accepted == 1);
    CHECK(stats.prelabels.edited == 2);
    CHECK(stats.prelabels.rejected == 1);
    CHECK(stats.prelabels.shapesAccepted == 5);
    CHECK(stats.prelabels.shapesEdited == 1);

    // Reopened, the second item's shapes keep their origins.
    for (int back = 0; back < 3; ++back)
        rig.key(Qt::Key_A);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->currentItem() == second && rig.page()->itemShown(); }, 10000));
    document = rig.document();
    REQUIRE(document->shapes().size() == 2);
    CHECK(document->shapes()[0].origin == ShapeOrigin::PrelabelEdited);
    CHECK(document->shapes()[1].origin == ShapeOrigin::Drawn);
    CHECK(document->pendingPrelabels().empty());
}

TEST_CASE("The document records prelabel origins through edits and undo", "[widgets][canvas][prelabels]")
{
    Shape car;
    car.classId = 1;
    car.box = Box{0, 0, 10, 10};
    car.predicted = true;
    Shape bike = car;
    bike.classId = 3;
    bike.box = Box{20, 20, 10, 10};
    AnnotationDocument document(100, 100, {car, bike});
    CHECK(document.prelabelsUntouched());
    const ShapeId carId = document.shapes()[0].id;
    const ShapeId bikeId = document.shapes()[1].id;

    // Accepted, a prelabel is still as the model drew it.
    CHECK(document.acceptPrelabels({carId}) == 1);
    CHECK(document.acceptPrelabels({carId}) == 0);
    CHECK(document.prelabelsUntouched());
    CHECK(document.undoStack().count() == 1);

    // Another class is an edit; undone, it is not.
    document.changeClass({bikeId}, 2);
    CHECK(document.shape(bikeId)->origin == ShapeOrigin::PrelabelEdited);
    CHECK_FALSE(document.prelabelsUntouched());
    document.undo();
    CHECK(document.shape(bikeId)->origin == ShapeOrigin::PrelabelAccepted);
    CHECK(document.shape(bikeId)->predicted);
    CHECK(document.prelabelsUntouched());

    // A duplicate is drawn, whatever it copies.
    document.addShapes({*document.shape(carId)});
    const auto annotations = document.annotations();
    CHECK(originsOf(annotations) == std::vector<ShapeOrigin>{ShapeOrigin::PrelabelAccepted,
                                                             ShapeOrigin::PrelabelAccepted, ShapeOrigin::Drawn});
    CHECK_FALSE(document.prelabelsUntouched());
}

TEST_CASE("Mask prelabels are recorded as accepted until their pixels change", "[widgets][canvas][prelabels]")
{
    std::vector<std::uint8_t> bitmap(20 * 20, 0);
    for (int i = 0; i < 50; ++i)
        bitmap[static_cast<std::size_t>(i)] = 1;
    AnnotationDocument prelabeled(20, 20);
    prelabeled.enableLabelMap({{4, encodeMask(bitmap.data(), 20, 20)}}, true, {{4, ShapeOrigin::PrelabelAccepted}});
    CHECK(prelabeled.annotations().at(0).origin == ShapeOrigin::PrelabelAccepted);
    REQUIRE(prelabeled.floodFillMask(10, 10, 6));
    const auto edited = prelabeled.annotations();
    REQUIRE(edited.size() == 2);
    CHECK(edited[0].origin == ShapeOrigin::PrelabelAccepted); // class 4's pixels untouched
    CHECK(edited[1].origin == ShapeOrigin::Drawn);
    prelabeled.beginMaskEdit();
    prelabeled.strokeMask({1, 0}, {1, 0}, 1.0, 0);
    REQUIRE(prelabeled.endMaskEdit(QStringLiteral("Erase")));
    CHECK(prelabeled.annotations().at(0).origin == ShapeOrigin::PrelabelEdited);
    prelabeled.undo();
    CHECK(prelabeled.annotations().at(0).origin == ShapeOrigin::PrelabelAccepted);
}
