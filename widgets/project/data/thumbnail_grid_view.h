#pragma once
// The Data tab's virtualized thumbnail grid: it knows the row count and a fixed cell
// size, and paints only the visible cells, so a million items scroll as smoothly as ten.

#include "widgets/project/data/row_selection.h"

#include <QAbstractScrollArea>

#include <cstdint>

namespace pixmark {

class DataGridModel;
class ThumbnailLoader;

/// A grid of fixed-size cells over a DataGridModel (not owned). Columns follow the
/// viewport width; the vertical scrollbar counts pixels. Selection: click, Ctrl-click
/// toggles, Shift-click extends from the anchor, Ctrl+A, arrows (Shift extends).
/// Double-click or Enter activates the current row.
class ThumbnailGridView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit ThumbnailGridView(QWidget* parent = nullptr);

    /// Sets the rows' model and the thumbnail source (neither owned; both outlive the view).
    void setSources(DataGridModel* model, ThumbnailLoader* thumbnails);
    /// Call after the model's rows were replaced; selection and current row are clamped
    /// and the scroll position kept.
    void rowsReplaced();

    const RowSelection& selection() const { return mSelection; }
    /// Replaces the selection (rows already valid for the model); emits selectionChanged.
    void setSelection(RowSelection selection, std::int64_t current);
    /// -1 when there is none.
    std::int64_t currentRow() const { return mCurrent; }
    void selectAll();
    void clearSelection();
    /// Applies a click on row with modifiers, as the mouse does (for tests and the mouse).
    void clickRow(std::int64_t row, Qt::KeyboardModifiers modifiers);
    /// Moves the current row as a key press does; Shift extends the selection.
    void moveCurrent(std::int64_t row, Qt::KeyboardModifiers modifiers);
    /// Scrolls so that row is visible.
    void scrollToRow(std::int64_t row);

    int columnCount() const;
    /// The row under a viewport position, or -1.
    std::int64_t rowAt(QPoint viewportPos) const;
    /// Rows [first, last) that intersect the viewport.
    std::pair<std::int64_t, std::int64_t> visibleRows() const;

signals:
    void selectionChanged();
    /// Double-click or Enter on a row.
    void activated(std::int64_t row);
    /// Right click at a global position (the row under it was made current first).
    void contextMenuRequested(QPoint globalPos);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void updateScrollBars();
    std::int64_t rowCount() const;
    QRect cellRect(std::int64_t row) const; ///< in viewport coordinates

    DataGridModel* mModel = nullptr;
    ThumbnailLoader* mThumbnails = nullptr;
    RowSelection mSelection;
    std::int64_t mCurrent = -1;
    std::int64_t mAnchor = -1;
};

} // namespace pixmark
