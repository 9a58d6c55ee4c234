// Previous items on the drawing canvas: A reopens what was handed in this session with its
// label, D goes forward again, Enter on a changed item hands in a correction (a new
// submission, the current label), and leaving unsubmitted edits asks first.
#include "tests/widgets/canvas/canvas_fixtures.h"
#include "tests/widgets/widget_fixtures.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using namespace pixmark::test;

namespace {
std::size_t historySize(BoxRig& rig, ItemId item)
{
    std::optional<std::size_t> size;
    QObject context;
    rig.session->run(
        &context, [item](Project& project) { return project.itemHistory(item).size(); },
        [&](std::size_t n) { size = n; });
    (void)QTest::qWaitFor([&] { return size.has_value(); }, 10000);
    return size.value_or(0);
}
} // namespace

TEST_CASE("A goes back through the items handed in, D forward, Enter corrects", "[widgets][canvas][previous]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 15));
    REQUIRE(rig.waitForItem());

    // Twelve items, a box each (one skipped), handed in with Enter.
    std::vector<ItemId> handedIn;
    for (int k = 0; k < 12; ++k) {
        handedIn.push_back(rig.page()->currentItem());
        if (k == 5) {
            rig.key(Qt::Key_S);
        } else {
            rig.drag(20 + 10 * k, 20, 80 + 10 * k, 90);
            REQUIRE(rig.document()->shapes().size() == 1);
            rig.key(Qt::Key_Return);
        }
        REQUIRE(rig.waitForItem());
    }
    const ItemId labeling = rig.page()->currentItem();
    CHECK(rig.page()->reopenedDepth() == 0);
    CHECK(rig.page()->handedIn().size() == 12);

    // Back one: the item just submitted, its box as stored, and the window says so.
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == handedIn[11]);
    CHECK(rig.page()->reopenedDepth() == 1);
    REQUIRE(rig.document()->shapes().size() == 1);
    CHECK(rig.document()->shapes()[0].box == onlyBox(rig.stored(handedIn[11])));
    CHECK_FALSE(rig.document()->shapes()[0].predicted);
    CHECK_FALSE(rig.page()->hasUnsubmittedEdits());
    CHECK(rig.window->statusText().contains(QStringLiteral("1 item(s) back")));

    // Ten back: through the skipped one (empty), to the third item.
    for (int back = 2; back <= 10; ++back) {
        rig.key(Qt::Key_A);
        REQUIRE(rig.waitForItem());
        CHECK(rig.page()->currentItem() == handedIn[12 - back]);
        CHECK(rig.document()->shapes().size() == (handedIn[12 - back] == handedIn[5] ? 0U : 1U));
    }
    CHECK(rig.page()->reopenedDepth() == 10);

    // A second box and Enter: a correction, and back to the item being labeled.
    rig.drag(300, 200, 400, 300);
    REQUIRE(rig.document()->shapes().size() == 2);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == labeling);
    CHECK(rig.page()->reopenedDepth() == 0);
    CHECK(rig.stored(handedIn[2]).size() == 2);
    CHECK(historySize(rig, handedIn[2]) == 2);
    CHECK(rig.window->lastMessage().startsWith(QStringLiteral("Corrected: 2 box(es)")));
    CHECK(rig.page()->submittedCount() == 11);

    // The correction is what comes back; Enter without a change hands in nothing.
    for (int back = 1; back <= 10; ++back) {
        rig.key(Qt::Key_A);
        REQUIRE(rig.waitForItem());
    }
    CHECK(rig.page()->currentItem() == handedIn[2]);
    CHECK(rig.document()->shapes().size() == 2);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == labeling);
    CHECK(historySize(rig, handedIn[2]) == 2);

    // Forward with D, one at a time, to where the labeler was; D there goes nowhere.
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == handedIn[10]);
    rig.key(Qt::Key_D);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == handedIn[11]);
    rig.key(Qt::Key_D);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == labeling);
    rig.key(Qt::Key_D);
    CHECK(rig.page()->currentItem() == labeling);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("newest item")));

    // Keys pressed faster than items reopen all count.
    rig.key(Qt::Key_A);
    rig.key(Qt::Key_A);
    rig.key(Qt::Key_A);
    REQUIRE(QTest::qWaitFor([&] { return rig.page()->reopenedDepth() == 3 && rig.page()->itemShown(); }, 10000));
    CHECK(rig.page()->currentItem() == handedIn[9]);
    rig.key(Qt::Key_D);
    rig.key(Qt::Key_D);
    rig.key(Qt::Key_D);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == labeling);

    // The labeling goes on as before.
    rig.drag(50, 50, 100, 100);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    CHECK(rig.stored(labeling).size() == 1);
    CHECK(rig.page()->handedIn().back() == labeling);
}

TEST_CASE("Leaving a reopened item or the item being labeled with edits asks first", "[widgets][canvas][previous]")
{
    SettingsSandbox settings;
    TempDir dir;
    BoxRig rig(makeStreetProject(dir, 4));
    REQUIRE(rig.waitForItem());
    const ItemId first = rig.page()->currentItem();
    rig.drag(20, 20, 80, 80);
    rig.key(Qt::Key_Return);
    REQUIRE(rig.waitForItem());
    const ItemId labeling = rig.page()->currentItem();

    // A box drawn on the item being labeled: A asks, and "keep" stays.
    rig.drag(100, 100, 200, 200);
    rig.page()->setLeaveAnswer(false);
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitIdle());
    CHECK(rig.page()->currentItem() == labeling);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("Not left")));
    CHECK(rig.document()->shapes().size() == 1);

    // "Discard" leaves it; the item stays held and comes back without the box.
    rig.page()->setLeaveAnswer(true);
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == first);

    // An edit of the reopened item: D asks too; discarded, the stored label is unchanged.
    rig.tool("tool-box");
    rig.drag(300, 300, 350, 350);
    REQUIRE(rig.document()->shapes().size() == 2);
    rig.page()->setLeaveAnswer(false);
    rig.key(Qt::Key_D);
    REQUIRE(rig.waitIdle());
    CHECK(rig.page()->currentItem() == first);
    // S does not skip a reopened item.
    rig.key(Qt::Key_S);
    CHECK(rig.page()->currentItem() == first);
    rig.page()->setLeaveAnswer(true);
    rig.key(Qt::Key_D);
    REQUIRE(rig.waitForItem());
    CHECK(rig.page()->currentItem() == labeling);
    CHECK(rig.document()->shapes().empty());
    CHECK(rig.stored(first).size() == 1);
    // Before the first item there is nothing to go back to.
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitForItem());
    rig.key(Qt::Key_A);
    REQUIRE(rig.waitIdle());
    CHECK(rig.page()->currentItem() == first);
    CHECK(rig.window->lastMessage().contains(QStringLiteral("earliest")));
}
