#include "tests/widgets/project/data/data_fixtures.h"
#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/row_selection.h"
#include "widgets/project/data/thumbnail_cell_painter.h"
#include "widgets/project/data/thumbnail_grid_view.h"
#include "widgets/project/data/thumbnail_loader.h"

#include <numeric>

using namespace pixmark;

TEST_CASE("Row selections merge, split and count ranges", "[data][selection]")
{
    RowSelection selection;
    selection.add(10, 20);
    selection.add(20, 25); // touching ranges merge
    CHECK(selection.rangeCount() == 1);
    CHECK(selection.count() == 15);
    selection.add(30, 40);
    selection.add(24, 31); // bridges both
    CHECK(selection.rangeCount() == 1);
    CHECK(selection.count() == 30);
    selection.remove(15, 18); // splits
    CHECK(selection.rangeCount() == 2);
    CHECK_FALSE(selection.contains(15));
    CHECK(selection.contains(14));
    CHECK(selection.contains(18));
    selection.toggle(16);
    CHECK(selection.contains(16));
    CHECK(selection.rangeCount() == 3);
    selection.toggle(16);
    CHECK(selection.rangeCount() == 2);
    selection.clampTo(35);
    CHECK(selection.rows().back() == 34);
    CHECK_FALSE(selection.contains(35));
    selection.remove(0, 100);
    CHECK(selection.isEmpty());
}

TEST_CASE("The grid selects with clicks, Ctrl, Shift, Ctrl+A and arrow keys", "[data][selection]")
{
    test::TempDir dir;
    auto session = std::make_unique<ProjectSession>(
        Project::create(dir / "empty.pixmark", "Empty", TaskType::ClassificationMultiClass));
    DataGridModel model(*session);
    ThumbnailLoader thumbnails(dir / "empty.cache", ThumbnailCellPainter::thumbnailSize());
    // A million rows: no item exists, so cells stay placeholders; only the logic matters.
    std::vector<ItemId> ids(1'000'000);
    std::iota(ids.begin(), ids.end(), ItemId{1});
    model.setIds(std::move(ids), false);
    ThumbnailGridView grid;
    grid.setSources(&model, &thumbnails);
    grid.resize(4 * ThumbnailCellPainter::cellSize().width() + 40, 600);
    grid.show();
    REQUIRE(QTest::qWaitForWindowExposed(&grid));
    const int columns = grid.columnCount();
    REQUIRE(columns >= 2);

    grid.clickRow(3, Qt::NoModifier);
    grid.clickRow(7, Qt::ShiftModifier);
    CHECK(grid.selection().count() == 5);
    grid.clickRow(5, Qt::ControlModifier);
    CHECK(grid.selection().count() == 4);
    CHECK_FALSE(grid.selection().contains(5));
    grid.clickRow(9, Qt::ShiftModifier | Qt::ControlModifier); // extends from the anchor (5), keeping the rest
    CHECK(grid.selection().count() == 9 - 3 + 1);

    grid.setFocus();
    QTest::keyClick(&grid, Qt::Key_A, Qt::ControlModifier);
    CHECK(grid.selection().count() == 1'000'000);
    CHECK(grid.selection().rangeCount() == 1);

    grid.clickRow(0, Qt::NoModifier);
    QTest::keyClick(&grid, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&grid, Qt::Key_Down, Qt::ShiftModifier);
    CHECK(grid.currentRow() == 1 + columns);
    CHECK(grid.selection().count() == 2 + columns);
    QTest::keyClick(&grid, Qt::Key_Right);
    CHECK(grid.selection().count() == 1);
    CHECK(grid.selection().contains(2 + columns));

    // End jumps to the last row and scrolls it into view.
    QTest::keyClick(&grid, Qt::Key_End);
    CHECK(grid.currentRow() == 999'999);
    const auto [first, last] = grid.visibleRows();
    CHECK(first <= 999'999);
    CHECK(last == 1'000'000);
    CHECK(grid.rowAt(grid.viewport()->rect().center()) >= first);

    QSignalSpy activated(&grid, &ThumbnailGridView::activated);
    QTest::keyClick(&grid, Qt::Key_Return);
    REQUIRE(activated.count() == 1);
    CHECK(activated.at(0).at(0).value<std::int64_t>() == 999'999);
    QTest::keyClick(&grid, Qt::Key_Escape);
    CHECK(grid.selection().isEmpty());
}

TEST_CASE("A shorter id list while the grid shows rows past its end is safe", "[data][selection]")
{
    test::TempDir dir;
    auto session = std::make_unique<ProjectSession>(
        Project::create(dir / "empty.pixmark", "Empty", TaskType::ClassificationMultiClass));
    DataGridModel model(*session);
    std::vector<ItemId> ids(5000);
    std::iota(ids.begin(), ids.end(), ItemId{1});
    model.setIds(ids, false);
    model.setVisibleRows(4800, 4830);
    ids.resize(100);
    model.setIds(ids, true); // used to ask for pages of rows that no longer exist
    CHECK(model.count() == 100);
    CHECK(model.overview(4800) == nullptr);
    session->waitForIdle();
}
