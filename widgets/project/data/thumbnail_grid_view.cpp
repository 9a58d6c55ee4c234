#include "widgets/project/data/thumbnail_grid_view.h"

#include "widgets/project/data/data_grid_model.h"
#include "widgets/project/data/thumbnail_cell_painter.h"
#include "widgets/project/data/thumbnail_loader.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace pixmark {

ThumbnailGridView::ThumbnailGridView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(false);
}

void ThumbnailGridView::setSources(DataGridModel* model, ThumbnailLoader* thumbnails)
{
    mModel = model;
    mThumbnails = thumbnails;
    connect(model, &DataGridModel::rowsLoaded, viewport(), [this](std::int64_t first, std::int64_t last) {
        const auto [visibleFirst, visibleLast] = visibleRows();
        if (first < visibleLast && last > visibleFirst)
            viewport()->update();
    });
    connect(thumbnails, &ThumbnailLoader::loaded, viewport(), [this] { viewport()->update(); });
    rowsReplaced();
}

void ThumbnailGridView::rowsReplaced()
{
    const std::int64_t rows = rowCount();
    mSelection.clampTo(rows);
    if (mCurrent >= rows)
        mCurrent = rows - 1;
    if (mAnchor >= rows)
        mAnchor = mCurrent;
    updateScrollBars();
    viewport()->update();
}

std::int64_t ThumbnailGridView::rowCount() const
{
    return mModel ? mModel->count() : 0;
}

int ThumbnailGridView::columnCount() const
{
    return std::max(1, viewport()->width() / ThumbnailCellPainter::cellSize().width());
}

void ThumbnailGridView::updateScrollBars()
{
    const int cellHeight = ThumbnailCellPainter::cellSize().height();
    const std::int64_t gridRows = (rowCount() + columnCount() - 1) / columnCount();
    const std::int64_t height = gridRows * cellHeight;
    const std::int64_t maximum = std::max<std::int64_t>(0, height - viewport()->height());
    QScrollBar* bar = verticalScrollBar();
    bar->setRange(0, static_cast<int>(std::min<std::int64_t>(maximum, std::numeric_limits<int>::max())));
    bar->setPageStep(std::max(cellHeight, viewport()->height() - cellHeight / 2));
    bar->setSingleStep(cellHeight / 4);
}

QRect ThumbnailGridView::cellRect(std::int64_t row) const
{
    const QSize cell = ThumbnailCellPainter::cellSize();
    const int columns = columnCount();
    // Cells are centered as a block so that spare width is split on both sides.
    const int left = (viewport()->width() - columns * cell.width()) / 2;
    const std::int64_t top = (row / columns) * cell.height() - verticalScrollBar()->value();
    return {left + static_cast<int>(row % columns) * cell.width(), static_cast<int>(top), cell.width(), cell.height()};
}

std::pair<std::int64_t, std::int64_t> ThumbnailGridView::visibleRows() const
{
    const int cellHeight = ThumbnailCellPainter::cellSize().height();
    const int columns = columnCount();
    const std::int64_t top = verticalScrollBar()->value();
    const std::int64_t firstGridRow = top / cellHeight;
    const std::int64_t lastGridRow = (top + viewport()->height() + cellHeight - 1) / cellHeight;
    return {std::min(rowCount(), firstGridRow * columns), std::min(rowCount(), lastGridRow * columns)};
}

std::int64_t ThumbnailGridView::rowAt(QPoint viewportPos) const
{
    const QSize cell = ThumbnailCellPainter::cellSize();
    const int columns = columnCount();
    const int left = (viewport()->width() - columns * cell.width()) / 2;
    const int x = viewportPos.x() - left;
    if (x < 0 || x >= columns * cell.width() || viewportPos.y() < 0)
        return -1;
    const std::int64_t gridRow = (std::int64_t{viewportPos.y()} + verticalScrollBar()->value()) / cell.height();
    const std::int64_t row = gridRow * columns + x / cell.width();
    return row < rowCount() ? row : -1;
}

void ThumbnailGridView::paintEvent(QPaintEvent* event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    if (!mModel)
        return;
    const auto [first, last] = visibleRows();
    mModel->setVisibleRows(first, last);
    for (std::int64_t row = first; row < last; ++row) {
        const QRect rect = cellRect(row);
        if (!rect.intersects(event->rect()))
            continue;
        const ItemOverview* overview = mModel->overview(row);
        const QImage thumbnail = mThumbnails ? mThumbnails->image(mModel->idAt(row)) : QImage();
        painter.save();
        ThumbnailCellPainter::paint(painter, rect, overview, thumbnail, *mModel, mSelection.contains(row),
                                    row == mCurrent && hasFocus(), palette());
        painter.restore();
    }
    if (rowCount() == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No items match the filters."));
    }
}

void ThumbnailGridView::resizeEvent(QResizeEvent* event)
{
    // Keep the first visible row in view when the column count changes.
    const std::int64_t firstRow = visibleRows().first;
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    if (firstRow > 0)
        verticalScrollBar()->setValue(
            static_cast<int>((firstRow / columnCount()) * ThumbnailCellPainter::cellSize().height()));
}

void ThumbnailGridView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void ThumbnailGridView::setSelection(RowSelection selection, std::int64_t current)
{
    mSelection = std::move(selection);
    mCurrent = current < rowCount() ? current : -1;
    mAnchor = mCurrent;
    viewport()->update();
    emit selectionChanged();
}

void ThumbnailGridView::selectAll()
{
    mSelection.clear();
    mSelection.add(0, rowCount());
    viewport()->update();
    emit selectionChanged();
}

void ThumbnailGridView::clearSelection()
{
    mSelection.clear();
    viewport()->update();
    emit selectionChanged();
}

void ThumbnailGridView::clickRow(std::int64_t row, Qt::KeyboardModifiers modifiers)
{
    if (row < 0 || row >= rowCount())
        return;
    if (modifiers & Qt::ShiftModifier) {
        const std::int64_t anchor = mAnchor >= 0 ? mAnchor : row;
        if (!(modifiers & Qt::ControlModifier))
            mSelection.clear();
        mSelection.add(std::min(anchor, row), std::max(anchor, row) + 1);
    } else if (modifiers & Qt::ControlModifier) {
        mSelection.toggle(row);
        mAnchor = row;
    } else {
        mSelection.clear();
        mSelection.add(row, row + 1);
        mAnchor = row;
    }
    mCurrent = row;
    viewport()->update();
    emit selectionChanged();
}

void ThumbnailGridView::moveCurrent(std::int64_t row, Qt::KeyboardModifiers modifiers)
{
    if (rowCount() == 0)
        return;
    row = std::clamp<std::int64_t>(row, 0, rowCount() - 1);
    // Ctrl alone moves the focus without touching the selection, as in file managers.
    if (modifiers == Qt::ControlModifier) {
        mCurrent = row;
        viewport()->update();
    } else {
        clickRow(row, modifiers & Qt::ShiftModifier);
    }
    scrollToRow(row);
}

void ThumbnailGridView::scrollToRow(std::int64_t row)
{
    if (row < 0 || row >= rowCount())
        return;
    const int cellHeight = ThumbnailCellPainter::cellSize().height();
    const std::int64_t top = (row / columnCount()) * cellHeight;
    QScrollBar* bar = verticalScrollBar();
    if (top < bar->value())
        bar->setValue(static_cast<int>(top));
    else if (top + cellHeight > bar->value() + viewport()->height())
        bar->setValue(static_cast<int>(top + cellHeight - viewport()->height()));
}

void ThumbnailGridView::mousePressEvent(QMouseEvent* event)
{
    const std::int64_t row = rowAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton) {
        if (row < 0) {
            if (!(event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)))
                clearSelection();
            return;
        }
        clickRow(row, event->modifiers());
    } else if (event->button() == Qt::RightButton && row >= 0 && !mSelection.contains(row)) {
        clickRow(row, Qt::NoModifier);
    }
}

void ThumbnailGridView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const std::int64_t row = rowAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && row >= 0)
        emit activated(row);
}

void ThumbnailGridView::contextMenuEvent(QContextMenuEvent* event)
{
    emit contextMenuRequested(event->globalPos());
}

void ThumbnailGridView::keyPressEvent(QKeyEvent* event)
{
    const int columns = columnCount();
    const int rowsPerPage = std::max(1, viewport()->height() / ThumbnailCellPainter::cellSize().height());
    const std::int64_t current = std::max<std::int64_t>(mCurrent, 0);
    const auto modifiers = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left: moveCurrent(current - 1, modifiers); return;
    case Qt::Key_Right: moveCurrent(mCurrent < 0 ? 0 : current + 1, modifiers); return;
    case Qt::Key_Up: moveCurrent(current - columns, modifiers); return;
    case Qt::Key_Down: moveCurrent(mCurrent < 0 ? 0 : current + columns, modifiers); return;
    case Qt::Key_PageUp: moveCurrent(current - std::int64_t{columns} * rowsPerPage, modifiers); return;
    case Qt::Key_PageDown: moveCurrent(current + std::int64_t{columns} * rowsPerPage, modifiers); return;
    case Qt::Key_Home: moveCurrent(0, modifiers); return;
    case Qt::Key_End: moveCurrent(rowCount() - 1, modifiers); return;
    case Qt::Key_Space:
        if (mCurrent >= 0)
            clickRow(mCurrent, Qt::ControlModifier);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (mCurrent >= 0)
            emit activated(mCurrent);
        return;
    case Qt::Key_Escape: clearSelection(); return;
    default: break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

} // namespace pixmark
