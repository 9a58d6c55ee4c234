#include "core/labeling/tag_page.h"

#include <catch2/catch.hpp>

using namespace pixmark;

namespace {
std::vector<TagItem> items(int count, ItemId first = 1)
{
    std::vector<TagItem> out;
    for (int i = 0; i < count; ++i)
        out.push_back(TagItem{first + i, {}, std::nullopt});
    return out;
}
} // namespace

TEST_CASE("Click, Ctrl-click, Shift-click and select all pick tiles", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 9);
    page.addItems(items(12), 0);
    CHECK(page.tileCount() == 9);
    CHECK(page.selection() == std::vector<int>{0});
    page.click(2);
    page.toggle(5);
    CHECK(page.selection() == std::vector<int>{2, 5});
    page.toggle(2);
    CHECK(page.selection() == std::vector<int>{5});
    page.click(5);
    page.extendTo(7);
    CHECK(page.selection() == std::vector<int>{5, 6, 7});
    page.extendTo(3);
    CHECK(page.selection() == std::vector<int>{3, 4, 5});
    page.selectAll();
    CHECK(page.selection().size() == 9);
    page.click(20); // outside the page: ignored
    CHECK(page.selection().size() == 9);
    page.click(4);
    page.moveSelection(+1);
    CHECK(page.selection() == std::vector<int>{5});
    page.moveSelection(-10);
    CHECK(page.selection() == std::vector<int>{0});
}

TEST_CASE("Up and down move a row of the grid, and stay where no tile is", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 9);
    page.addItems(items(8), 0); // a last page of 8: the bottom row lacks its third tile
    CHECK(page.columns() == 3);
    page.click(1);
    page.moveSelectionRows(+1);
    CHECK(page.selection() == std::vector<int>{4});
    page.moveSelectionRows(+1);
    CHECK(page.selection() == std::vector<int>{7});
    page.moveSelectionRows(+1); // no row below
    CHECK(page.selection() == std::vector<int>{7});
    page.click(5);
    page.moveSelectionRows(+1); // tile 8 is not on this page
    CHECK(page.selection() == std::vector<int>{5});
    page.moveSelectionRows(-2); // no tile two rows up
    CHECK(page.selection() == std::vector<int>{5});
    page.moveSelectionRows(-1);
    CHECK(page.selection() == std::vector<int>{2});
    page.moveSelectionRows(-1); // no row above
    CHECK(page.selection() == std::vector<int>{2});

    page.setPageSize(4); // two columns
    CHECK(page.columns() == 2);
    page.click(0);
    page.moveSelectionRows(+1);
    CHECK(page.selection() == std::vector<int>{2});
    page.selectAll(); // from a wider selection, up starts from its first tile
    page.moveSelectionRows(-1);
    CHECK(page.selection() == std::vector<int>{0});
    page.selectAll(); // and down from its last one, which has no tile below
    page.moveSelectionRows(+1);
    CHECK(page.selection() == std::vector<int>{3});
    page.setPageSize(1);
    CHECK(page.columns() == 1);
}

TEST_CASE("Multi-class replaces the tag and moves on, multi-label toggles", "[labeling]")
{
    TagPage single(TagPage::Mode::MultiClass, 4);
    single.addItems(items(4), 0);
    CHECK(single.applyClass(10));
    CHECK(single.tags(0) == std::vector<ClassId>{10});
    CHECK(single.selection() == std::vector<int>{1}); // moved on
    single.click(0);
    single.applyClass(11);
    CHECK(single.tags(0) == std::vector<ClassId>{11});
    CHECK_FALSE(single.isComplete());
    CHECK(single.untaggedTiles() == std::vector<int>{1, 2, 3});
    single.selectAll();
    single.applyClass(12);
    CHECK(single.isComplete());
    CHECK(single.tags(3) == std::vector<ClassId>{12});

    TagPage multi(TagPage::Mode::MultiLabel, 4);
    multi.addItems(items(4), 0);
    multi.click(0);
    multi.applyClass(1);
    multi.applyClass(2);
    CHECK(multi.tags(0) == std::vector<ClassId>{1, 2});
    CHECK(multi.selection() == std::vector<int>{0}); // stays for more toggles
    multi.applyClass(1);
    CHECK(multi.tags(0) == std::vector<ClassId>{2});
    // Mixed selection: add to all first, a second press removes from all.
    multi.toggle(1);
    multi.applyClass(2);
    CHECK(multi.tags(1) == std::vector<ClassId>{2});
    multi.applyClass(2);
    CHECK(multi.tags(0).empty());
    CHECK(multi.tags(1).empty());
    multi.clearSelection();
    CHECK_FALSE(multi.applyClass(3));
}

TEST_CASE("Changing the layout never loses tags", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 9);
    page.addItems(items(9), 0);
    page.click(7);
    page.applyClass(5);
    page.click(2);
    page.applyClass(6);
    page.setPageSize(4);
    CHECK(page.tileCount() == 4);
    CHECK(page.tags(2) == std::vector<ClassId>{6});
    page.setPageSize(1);
    CHECK(page.selection() == std::vector<int>{0});
    page.setPageSize(9);
    CHECK(page.tagsOf(8) == std::vector<ClassId>{5});
    CHECK(page.tags(2) == std::vector<ClassId>{6});
    page.setPageSize(5); // not a layout
    CHECK(page.pageSize() == 9);
    CHECK(page.nextLayout() == 1);
    page.setPageSize(4);
    CHECK(page.nextLayout() == 6);
}

TEST_CASE("Submitting hands in the page and shows the items behind it", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 4);
    page.addItems(items(6), 1000);
    page.selectAll();
    page.applyClass(3);
    const auto requests = page.takeSubmissions(7, 5000);
    REQUIRE(requests.size() == 4);
    CHECK(requests[0].itemId == 1);
    CHECK(requests[3].itemId == 4);
    CHECK(requests[0].labelerId == 7);
    CHECK(requests[0].durationMs == 1000); // 4 s over 4 tiles
    CHECK(requests[0].origin == SubmissionOrigin::Manual);
    CHECK_FALSE(requests[0].skipped);
    REQUIRE(requests[0].annotations.size() == 1);
    CHECK(requests[0].annotations[0].classId == 3);
    CHECK(requests[0].annotations[0].kind == AnnotationKind::Tag);
    CHECK(page.tileCount() == 2);
    CHECK(page.tile(0).id == 5);
    CHECK(page.selection() == std::vector<int>{0});

    // A refused hand-in comes back in front with its tags.
    page.restore(requests);
    CHECK(page.tile(0).id == 1);
    CHECK(page.tags(3) == std::vector<ClassId>{3});
    CHECK(page.isComplete());
}

TEST_CASE("Skip hands in the selected tiles, or the page when none is selected", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 4);
    page.addItems(items(8), 0);
    page.click(1);
    page.toggle(3);
    const auto skipped = page.takeSkips(1, 100);
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0].itemId == 2);
    CHECK(skipped[1].itemId == 4);
    CHECK(skipped[0].skipped);
    CHECK(skipped[0].annotations.empty());
    CHECK(page.tile(1).id == 3);
    CHECK(page.tile(3).id == 6); // filled up from behind
    page.clearSelection();
    CHECK(page.takeSkips(1, 200).size() == 4);
    CHECK(page.heldCount() == 2);
}

TEST_CASE("Prelabels are pre-filled and their origin follows the labeler's change", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiLabel, 4);
    page.addItems({TagItem{1, {4, 5}, 40}, TagItem{2, {4}, 41}, TagItem{3, {}, std::nullopt}}, 0);
    CHECK(page.tags(0) == std::vector<ClassId>{4, 5});
    page.click(1);
    page.applyClass(6);
    page.click(2);
    page.applyClass(4);
    const auto requests = page.takeSubmissions(1, 10);
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].origin == SubmissionOrigin::PrelabelAccepted);
    CHECK(requests[0].predictionId == 40);
    CHECK(requests[1].origin == SubmissionOrigin::PrelabelEdited);
    CHECK(requests[1].predictionId == 41);
    // Each tag records whether the model suggested it: item 2 kept 4 and got 6 added.
    REQUIRE(requests[1].annotations.size() == 2);
    for (const Annotation& tag : requests[1].annotations)
        CHECK(tag.origin == (tag.classId == 4 ? ShapeOrigin::PrelabelAccepted : ShapeOrigin::Drawn));
    CHECK(requests[2].origin == SubmissionOrigin::Manual);
    CHECK_FALSE(requests[2].predictionId);

    TagPage single(TagPage::Mode::MultiClass, 1);
    single.addItems({TagItem{9, {2, 3}, 1}}, 0);
    CHECK(single.tags(0) == std::vector<ClassId>{2}); // one class in multi-class
}

TEST_CASE("A prelabel whose classes are all replaced is recorded as rejected", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiClass, 2);
    page.addItems({TagItem{1, {4}, 40}, TagItem{2, {5}, 41}}, 0);
    page.click(0);
    page.applyClass(6); // another class than the suggested one
    const auto requests = page.takeSubmissions(1, 10);
    REQUIRE(requests.size() == 2);
    CHECK(requests[0].origin == SubmissionOrigin::Manual);
    CHECK(requests[0].predictionId == 40);
    CHECK(requests[0].annotations.front().classId == 6);
    CHECK(requests[1].origin == SubmissionOrigin::PrelabelAccepted);

    TagPage labels(TagPage::Mode::MultiLabel, 1);
    labels.addItems({TagItem{3, {4, 5}, 42}}, 0);
    labels.selectAll();
    labels.applyClass(4); // removes 4, keeps 5: edited
    CHECK(labels.takeSubmissions(1, 10).front().origin == SubmissionOrigin::PrelabelEdited);
}

TEST_CASE("Tags of a held item can be set back (undo), not those of a handed-in one", "[labeling]")
{
    TagPage page(TagPage::Mode::MultiLabel, 4);
    page.addItems(items(8), 0);
    page.selectAll();
    page.applyClass(7);
    CHECK(page.setTagsOf(2, {}));
    CHECK(page.tagsOf(2).empty());
    CHECK_FALSE(page.isComplete());
    CHECK(page.setTagsOf(2, {7, 8}));
    CHECK(page.tags(1) == std::vector<ClassId>{7, 8});
    page.takeSubmissions(1, 10);
    CHECK_FALSE(page.setTagsOf(2, {7}));
}
