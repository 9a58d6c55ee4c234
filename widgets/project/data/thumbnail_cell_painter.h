#pragma once
// Paints one cell of the Data grid: thumbnail (or a placeholder), category stripe,
// class chips, prelabeled mark and file name. Kept apart from the view's scrolling logic.

#include "core/model/item_filter.h"

#include <QImage>
#include <QPalette>
#include <QRect>
#include <QSize>

class QPainter;

namespace pixmark {

class DataGridModel;

/// Cell geometry and painting. Stateless apart from the sizes.
class ThumbnailCellPainter {
public:
    /// Size of one cell, margins included.
    static QSize cellSize() { return {176, 204}; }
    /// The area thumbnails are scaled to fit.
    static QSize thumbnailSize() { return {160, 140}; }

    /// Paints the cell at rect. overview may be null (not fetched yet); thumbnail may be null.
    static void paint(QPainter& painter, const QRect& rect, const ItemOverview* overview, const QImage& thumbnail,
                      const DataGridModel& model, bool selected, bool current, const QPalette& palette);
};

} // namespace pixmark
