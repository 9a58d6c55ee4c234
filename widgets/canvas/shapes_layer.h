#pragma once
// Paints the shapes of a document over the image: class color, label text, selection
// with its eight handles (a polygon with one per vertex), prelabels dashed with their
// score. Built for thousands of shapes: only those in view are drawn, rectangles of one
// style go out in one call, and labels are left out where they would be unreadable.

#include "widgets/canvas/shape.h"

#include <QColor>
#include <QString>

#include <QPolygonF>

#include <map>
#include <optional>
#include <vector>

class QPainter;

namespace pixmark {

class ImageView;

/// How a class looks on the canvas.
struct ClassStyle {
    QString name;
    QColor color;
};

/// polygon's vertices in view's widget coordinates.
QPolygonF mapPolygon(const ImageView& view, const Polygon& polygon);

class ShapesLayer {
public:
    /// Class id -> style; unknown classes are drawn gray.
    void setClasses(std::map<ClassId, ClassStyle> classes) { mClasses = std::move(classes); }
    const ClassStyle& style(ClassId id) const;
    /// 0 (invisible) to 1 (opaque); fill and labels follow it.
    void setOpacity(double opacity) { mOpacity = opacity; }
    double opacity() const { return mOpacity; }

    /// Paints shapes (hidden ones skipped) in view's widget coordinates; selected gets handles
    /// (a polygon one per vertex, activeVertex highlighted).
    void paint(QPainter& painter, const ImageView& view, const std::vector<Shape>& shapes, ShapeId selected,
               std::optional<std::size_t> activeVertex = std::nullopt) const;
    /// Shapes drawn by the last paint (in view, visible).
    int lastDrawn() const { return mLastDrawn; }

private:
    std::map<ClassId, ClassStyle> mClasses;
    ClassStyle mUnknown{QStringLiteral("?"), QColor(160, 160, 160)};
    double mOpacity = 1.0;
    mutable int mLastDrawn = 0;
};

} // namespace pixmark
